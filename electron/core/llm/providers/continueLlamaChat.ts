import type {
  ChatHistoryItem,
  ChatModelFunctionCall,
  ChatModelFunctions,
  ChatModelResponse,
  LlamaChat,
  TokenBias,
} from 'node-llama-cpp';
import { fromChatHistory } from '#core/llm/chat/fromChatHistory.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import type { JsonValue, Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import { CancelledError, InvalidRequestError } from '#core/errors.ts';
import type { ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';

/** Options of {@link continueLlamaChat}: the provider-neutral ones plus node-llama-cpp's steering. */
export type ContinueLlamaChatOptions = ContinueTranscriptOptions & {
  /** A per-token bias (tests steer random-weight models with it). Defaults to none. */
  readonly tokenBias?: () => TokenBias;
};

/**
 * Tokens past `maxTokens` after which the path is stopped through its own AbortSignal: wrappers with
 * parallel calls were seen to ignore `maxTokens` (see shared/notes/chat-formats.md).
 */
const runawayMargin = 32;

/** Context tokens kept free below the context size (stop triggers, the call grammar's last tokens). */
const contextMargin = 8;

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
  const last = transcript.messages.at(-1);
  if (last?.role === 'assistant' && last.toolCalls.length === 0)
    throw new InvalidRequestError('The transcript already ends with an answer; add a user message to continue it.');
  const { chatHistory, functions } = toChatHistory({ tools: options.tools.definitions, messages: transcript.messages });
  let history: ChatHistoryItem[] = chatHistory.at(-1)?.type === 'model' ? chatHistory : [...chatHistory, newResponse()];
  const keptParts = lastResponse(history).response.length;
  const maxTokens = options.maxTokens ?? 256;
  const meter = chat.sequence.tokenMeter;
  const startIn = meter.usedInputTokens;
  const startOut = meter.usedOutputTokens;
  const written = (): number => meter.usedOutputTokens - startOut;
  const stop = new AbortController();
  const cancel = (): void => stop.abort(new CancelledError());
  options.signal?.addEventListener('abort', cancel, { once: true });
  let steps = 0;
  let status: ContinueTranscriptResult['status'] = 'exhausted';
  try {
    for (let round = 0; !options.signal?.aborted && written() < maxTokens; round += 1) {
      // A path that fills its context is exhausted: node-llama-cpp's context shift cannot make room
      // when nearly all of a small context is the current turn, and throws.
      const room = chat.context.contextSize - contextMargin - renderedLength(chat, history, functions);
      if (room <= 0) break;
      const response = await chat.generateResponse(history, {
        functions,
        maxTokens: Math.min(maxTokens - written(), room),
        temperature: options.temperature ?? 0.7,
        // A fresh stream per round, still fixed by the path's seed.
        seed: (options.seed + round) >>> 0,
        tokenBias: options.tokenBias,
        signal: stop.signal,
        stopOnAbortSignal: true,
        onToken: () => {
          if (written() > maxTokens + runawayMargin) stop.abort();
        },
      });
      history = response.lastEvaluation.cleanHistory;
      const calls = response.functionCalls ?? [];
      if (response.metadata.stopReason !== 'functionCalls' || calls.length === 0) {
        const reason = response.metadata.stopReason;
        status =
          reason === 'eogToken' || reason === 'stopGenerationTrigger' || reason === 'customStopTrigger'
            ? 'answered'
            : 'exhausted';
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
  };
}

function newResponse(): ChatModelResponse {
  return { type: 'model', response: [] };
}

function lastResponse(history: readonly ChatHistoryItem[]): ChatModelResponse {
  const last = history.at(-1);
  return last?.type === 'model' ? last : newResponse();
}

function appendCall(history: readonly ChatHistoryItem[], call: ChatModelFunctionCall): ChatHistoryItem[] {
  const response = lastResponse(history);
  return [...history.slice(0, -1), { ...response, response: [...response.response, call] }];
}

/** The new parts of the model's turn as transcript messages, call ids numbered after the existing ones. */
function appendedMessages(
  parts: ChatModelResponse['response'],
  functions: ChatModelFunctions,
  existing: readonly TranscriptMessage[],
): TranscriptMessage[] {
  const offset = existing.reduce(
    (count, message) => count + (message.role === 'assistant' ? message.toolCalls.length : 0),
    0,
  );
  const renumber = (id: string): string => `call-${Number(id.slice('call-'.length)) + offset}`;
  return fromChatHistory([{ type: 'model', response: [...parts] }], functions).messages.map((message) => {
    if (message.role === 'assistant')
      return { ...message, toolCalls: message.toolCalls.map((call) => ({ ...call, id: renumber(call.id) })) };
    if (message.role === 'tool') return { ...message, callId: renumber(message.callId) };
    return message;
  });
}

/** How many tokens the history takes in the context, as the chat wrapper renders it. */
function renderedLength(chat: LlamaChat, history: ChatHistoryItem[], functions: ChatModelFunctions): number {
  const { contextText } = chat.chatWrapper.generateContextState({
    chatHistory: history,
    availableFunctions: functions,
  });
  return contextText.tokenize(chat.model.tokenizer).length;
}
