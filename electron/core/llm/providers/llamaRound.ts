import type {
  ChatHistoryItem,
  ChatModelFunctionCall,
  ChatModelFunctions,
  ChatModelResponse,
  LlamaChat,
  LlamaChatResponse,
  TokenBias,
} from 'node-llama-cpp';
import { fromChatHistory } from '#core/llm/chat/fromChatHistory.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import type { Transcript, TranscriptMessage, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { InvalidRequestError } from '#core/errors.ts';

// The pieces of one model turn on a LlamaChat, shared by the tool loop (`continueLlamaChat`) and the
// single turn the local server answers (`respondLlamaChat`).

/** Context tokens kept free below the context size (stop triggers, the call grammar's last tokens). */
const contextMargin = 8;

/** A transcript as the history a LlamaChat continues (its last item the model turn being written). */
export type LlamaTurnStart = {
  readonly history: ChatHistoryItem[];
  readonly functions: ChatModelFunctions;
  /** Parts of the last model turn that were already in the transcript. */
  readonly keptParts: number;
};

/** Checks that the transcript can be continued and converts it; a final answer at the end is refused. */
export function startLlamaTurn(transcript: Transcript, tools: readonly TranscriptTool[]): LlamaTurnStart {
  const last = transcript.messages.at(-1);
  if (last?.role === 'assistant' && last.toolCalls.length === 0)
    throw new InvalidRequestError('The transcript already ends with an answer; add a user message to continue it.');
  const { chatHistory, functions } = toChatHistory({ tools, messages: transcript.messages });
  const history: ChatHistoryItem[] =
    chatHistory.at(-1)?.type === 'model' ? chatHistory : [...chatHistory, { type: 'model', response: [] }];
  return { history, functions, keptParts: lastResponse(history).response.length };
}

/** Options of {@link generateLlamaRound}. */
export type LlamaRoundOptions = {
  /** Tokens this round may write (further capped by the room left in the context). */
  readonly maxTokens: number;
  readonly temperature: number;
  readonly seed: number;
  readonly tokenBias?: () => TokenBias;
  /** Stops the round, keeping what was generated (node-llama-cpp's stopOnAbortSignal). */
  readonly signal: AbortSignal;
  /** The round's text as it is generated (empty chunks left out). */
  readonly onText?: (text: string) => void;
  /** Called after every generated token (the caller's runaway check). */
  readonly onGeneratedToken?: () => void;
};

/**
 * Lets the model write until it calls tools, ends its turn or runs out of tokens. Returns null when
 * the context has no room left: node-llama-cpp's context shift cannot make room when nearly all of a
 * small context is the current turn, and throws.
 */
export async function generateLlamaRound(
  chat: LlamaChat,
  history: ChatHistoryItem[],
  functions: ChatModelFunctions,
  options: LlamaRoundOptions,
): Promise<LlamaChatResponse<ChatModelFunctions> | null> {
  const room = chat.context.contextSize - contextMargin - renderedLength(chat, history, functions);
  if (room <= 0) return null;
  return await chat.generateResponse(history, {
    functions,
    maxTokens: Math.min(options.maxTokens, room),
    temperature: options.temperature,
    seed: options.seed >>> 0,
    tokenBias: options.tokenBias,
    signal: options.signal,
    stopOnAbortSignal: true,
    onTextChunk: (text) => {
      if (text !== '') options.onText?.(text);
    },
    onToken: options.onGeneratedToken,
  });
}

/** Whether a round that did not stop at tool calls ended the turn (rather than running out of tokens). */
export function isTurnEnd(response: LlamaChatResponse<ChatModelFunctions>): boolean {
  const reason = response.metadata.stopReason;
  return reason === 'eogToken' || reason === 'stopGenerationTrigger' || reason === 'customStopTrigger';
}

/** The model turn being written: the last history item, or an empty one. */
export function lastResponse(history: readonly ChatHistoryItem[]): ChatModelResponse {
  const last = history.at(-1);
  return last?.type === 'model' ? last : { type: 'model', response: [] };
}

/** The history with one executed call (and its result) appended to the model turn. */
export function appendCall(history: readonly ChatHistoryItem[], call: ChatModelFunctionCall): ChatHistoryItem[] {
  const response = lastResponse(history);
  return [...history.slice(0, -1), { ...response, response: [...response.response, call] }];
}

/** The new parts of the model's turn as transcript messages, call ids numbered after the existing ones. */
export function appendedMessages(
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
