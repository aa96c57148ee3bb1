import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';

/** Tokens added per message for its role and separators. */
const messageOverhead = 3;

/**
 * A message's tokens as the budget's hold estimates a request (bytes / 3, rounded up) plus a small
 * per-message overhead: system and user text, an assistant's text and calls (`calc{"expr":"95*4"}`),
 * a tool result's JSON. An estimate for comparing handovers with one another, not a tokenizer.
 */
export function messageTokens(message: TranscriptMessage): number {
  const text =
    message.role === 'assistant'
      ? message.text + message.toolCalls.map((call) => `${call.name}${JSON.stringify(call.arguments)}`).join('')
      : message.role === 'tool'
        ? JSON.stringify(message.result)
        : message.text;
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3) + messageOverhead;
}

/** The input tokens of a request that sends `transcript` (every message; the tool list is not counted). */
export function transcriptTokens(transcript: Transcript): number {
  return transcript.messages.reduce((sum, message) => sum + messageTokens(message), 0);
}

/**
 * What a cloud would bill for the model's turns after message `from` of `transcript`: each turn
 * (an assistant message) reads every message before it and writes itself, as `runTakeover` counts.
 */
export function billedTokens(transcript: Transcript, from: number): { tokensIn: number; tokensOut: number } {
  let tokensIn = 0;
  let tokensOut = 0;
  let before = transcript.messages.slice(0, from).reduce((sum, message) => sum + messageTokens(message), 0);
  for (const message of transcript.messages.slice(from)) {
    if (message.role === 'assistant') {
      tokensIn += before;
      tokensOut += messageTokens(message);
    }
    before += messageTokens(message);
  }
  return { tokensIn, tokensOut };
}
