import type { LlamaChat, TokenBias } from 'node-llama-cpp';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import { CancelledError } from '#core/errors.ts';
import type { ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';
import {
  appendCall,
  appendedMessages,
  generateLlamaRound,
  isTurnEnd,
  lastResponse,
  startLlamaTurn,
} from './llamaRound.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';

/** Options of {@link continueLlamaChat}: the provider-neutral ones plus node-llama-cpp's steering. */
export type ContinueLlamaChatOptions = ContinueTranscriptOptions & {
  /** A per-token bias (tests steer random-weight models with it). Defaults to none. */
  readonly tokenBias?: () => TokenBias;
};

/**
 * Tokens past `maxTokens` after which the path is stopped through its own AbortSignal: wrappers with
 * parallel calls were seen to ignore `maxTokens` (see shared/notes/chat-formats.md).
 */
export const runawayMargin = 32;

/**
 * Continues a transcript on a LlamaChat (one context sequence, owned by the caller). This is the
 * loop LlamaChatSession runs, written out because a session can only answer a new user message,
 * while a hotswap must continue a model turn in the middle; and because the step budget must stop
 * the path before the call that exceeds it is executed.
 */
export async function continueLlamaChat(
  chat: LlamaChat,
  transcript: Transcript,
  options: ContinueLlamaChatOptions,
): Promise<ContinueTranscriptResult> {
  const start = startLlamaTurn(transcript, options.tools.definitions);
  const { functions, keptParts } = start;
  let history = start.history;
  const maxTokens = options.maxTokens ?? requestDefaults.maxTokens;
  const meter = chat.sequence.tokenMeter;
  const startIn = meter.usedInputTokens;
  const startOut = meter.usedOutputTokens;
  const written = (): number => meter.usedOutputTokens - startOut;
  const stop = new AbortController();
  const cancel = (): void => stop.abort(new CancelledError());
  options.signal?.addEventListener('abort', cancel, { once: true });
  let steps = 0;
  let status: ContinueTranscriptResult['status'] = 'exhausted';
  let isContextFull = false;
  try {
    for (let round = 0; !options.signal?.aborted && written() < maxTokens; round += 1) {
      const response = await generateLlamaRound(chat, history, functions, {
        maxTokens: maxTokens - written(),
        temperature: options.temperature ?? requestDefaults.temperature,
        // A fresh stream per round, still fixed by the path's seed.
        seed: options.seed + round,
        tokenBias: options.tokenBias,
        signal: stop.signal,
        onText: options.onToken,
        onGeneratedToken: () => {
          if (written() > maxTokens + runawayMargin) stop.abort();
        },
      });
      // A path that fills its context is exhausted.
      if (response === null) {
        isContextFull = true;
        break;
      }
      history = response.lastEvaluation.cleanHistory;
      const calls = response.functionCalls ?? [];
      if (response.metadata.stopReason !== 'functionCalls' || calls.length === 0) {
        status = isTurnEnd(response) ? 'answered' : 'exhausted';
        // Cut short by the room left in the context, not by the allowance (generateLlamaRound caps it).
        isContextFull = status === 'exhausted' && response.metadata.stopReason === 'maxTokens' && written() < maxTokens;
        break;
      }
      // The call that would exceed the budget is not executed: the path ends without an answer.
      if (steps + calls.length > options.stepBudget) break;
      const isChunked = chat.chatWrapper.settings.functions.parallelism != null;
      for (const [position, call] of calls.entries()) {
        const params = (call.params ?? {}) as JsonValue;
        const result = await options.tools.call(call.functionName, params);
        history = appendCall(history, {
          type: 'functionCall',
          name: call.functionName,
          description: functions[call.functionName]?.description,
          params: call.params,
          result,
          rawCall: call.raw,
          ...(isChunked && position === 0 ? { startsNewChunk: true } : {}),
        });
        steps += 1;
      }
    }
    if (options.signal?.aborted) throw new CancelledError();
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
  const parts = lastResponse(history).response.slice(keptParts);
  const lastCall = parts.findLastIndex((part) => typeof part !== 'string');
  const answerParts = parts.slice(lastCall + 1);
  // Unfinished text after the last call would read as a final answer in a transcript: drop it.
  const added = status === 'answered' ? parts : parts.slice(0, lastCall + 1);
  const messages = appendedMessages(added, functions, transcript.messages);
  const answer =
    status === 'answered'
      ? answerParts
          .filter((part) => typeof part === 'string')
          .join('')
          .trim()
      : null;
  return {
    transcript: { tools: options.tools.definitions, messages: [...transcript.messages, ...messages] },
    answer,
    steps,
    tokensIn: meter.usedInputTokens - startIn,
    tokensOut: written(),
    status,
    ...(isContextFull ? { isContextFull } : {}),
  };
}
