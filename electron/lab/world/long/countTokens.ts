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
