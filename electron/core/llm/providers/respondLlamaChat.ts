import type { LlamaChat, TokenBias } from 'node-llama-cpp';
import type { Transcript, TranscriptToolCall } from '#core/llm/chat/Transcript.ts';
import { CancelledError } from '#core/errors.ts';
import type { AssistantTurn, RespondOptions } from './AssistantTurn.ts';
import { runawayMargin } from './continueLlamaChat.ts';
import { generateLlamaRound, isTurnEnd, startLlamaTurn } from './llamaRound.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';

/** Options of {@link respondLlamaChat}: the provider-neutral ones plus node-llama-cpp's steering. */
export type RespondLlamaChatOptions = RespondOptions & {
  /** A per-token bias (tests steer random-weight models with it). Defaults to none. */
  readonly tokenBias?: () => TokenBias;
};

/**
 * Writes one assistant turn on a LlamaChat (one context sequence, owned by the caller) and stops at
 * the model's tool calls without executing them: one round of `continueLlamaChat`'s loop, for a
 * caller (the local server's HTTP client) that executes tools itself.
 */
export async function respondLlamaChat(
  chat: LlamaChat,
  transcript: Transcript,
  options: RespondLlamaChatOptions,
): Promise<AssistantTurn> {
  const { history, functions } = startLlamaTurn(transcript, options.tools);
  const maxTokens = options.maxTokens ?? requestDefaults.maxTokens;
  const meter = chat.sequence.tokenMeter;
  const startIn = meter.usedInputTokens;
  const startOut = meter.usedOutputTokens;
  const written = (): number => meter.usedOutputTokens - startOut;
  const stop = new AbortController();
  const cancel = (): void => stop.abort(new CancelledError());
  if (options.signal?.aborted) throw new CancelledError();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    const response = await generateLlamaRound(chat, history, functions, {
      maxTokens,
      temperature: options.temperature ?? requestDefaults.temperature,
      seed: options.seed,
      tokenBias: options.tokenBias,
      signal: stop.signal,
      onText: options.onToken,
      onGeneratedToken: () => {
        if (written() > maxTokens + runawayMargin) stop.abort();
      },
    });
    if (options.signal?.aborted) throw new CancelledError();
    const usage = { tokensIn: meter.usedInputTokens - startIn, tokensOut: written() };
    if (response === null) return { text: '', toolCalls: [], ...usage, finishReason: 'length' };
    const calls = response.functionCalls ?? [];
    if (response.metadata.stopReason === 'functionCalls' && calls.length > 0) {
      const ids = newCallIds(transcript, calls.length);
      const toolCalls = calls.map((call, index): TranscriptToolCall => ({
        id: ids[index] ?? '',
        name: call.functionName,
        arguments: call.params ?? {},
      }));
      return { text: response.response, toolCalls, ...usage, finishReason: 'toolCalls' };
    }
    return { text: response.response, toolCalls: [], ...usage, finishReason: isTurnEnd(response) ? 'stop' : 'length' };
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * Ids for new calls, numbered after the transcript's calls as the local loop numbers them
 * (`call-4` after three calls) and skipping any id the transcript already uses.
 */
function newCallIds(transcript: Transcript, count: number): string[] {
  const used = new Set<string>();
  for (const message of transcript.messages) {
    if (message.role === 'assistant') for (const call of message.toolCalls) used.add(call.id);
    if (message.role === 'tool') used.add(message.callId);
  }
  const ids: string[] = [];
  for (let number = used.size + 1; ids.length < count; number += 1) {
    const id = `call-${number}`;
    if (!used.has(id)) ids.push(id);
  }
  return ids;
}
