import type { ChatHistoryItem, ChatModelFunctionCall, ChatModelFunctions, ChatModelResponse } from 'node-llama-cpp';
import type { Transcript, TranscriptMessage, TranscriptTool } from './Transcript.ts';

/** A transcript in node-llama-cpp's terms. */
export type LlamaChatState = {
  readonly chatHistory: ChatHistoryItem[];
  /** The tools as node-llama-cpp function definitions (handlers are the provider's business). */
  readonly functions: ChatModelFunctions;
};

/**
 * Converts a provider-neutral transcript to a node-llama-cpp chat history: each run of assistant and
 * tool messages becomes one model response (text, then each call with its result), as LlamaChat
 * records a turn; the first call of each assistant message starts a new chunk (node-llama-cpp's
 * marker of calls made together). A call without a result gets `undefined` (rendered `void`), a call to a tool
 * without parameters and with empty arguments gets no params, as LlamaChat records those.
 */
export function toChatHistory(transcript: Transcript): LlamaChatState {
  const tools = new Map(transcript.tools.map((tool) => [tool.name, tool]));
  const chatHistory: ChatHistoryItem[] = [];
  let response: ChatModelResponse | null = null;
  for (const message of transcript.messages) {
    if (message.role === 'system' || message.role === 'user') {
      response = null;
      chatHistory.push({ type: message.role, text: message.text });
      continue;
    }
    if (response === null) {
      response = { type: 'model', response: [] };
      chatHistory.push(response);
    }
    if (message.role === 'assistant') appendAssistant(message, transcript.messages, tools, response);
  }
  return { chatHistory, functions: toFunctions(transcript.tools) };
}

function appendAssistant(
  message: Extract<TranscriptMessage, { role: 'assistant' }>,
  messages: readonly TranscriptMessage[],
  tools: ReadonlyMap<string, TranscriptTool>,
  response: ChatModelResponse,
): void {
  if (message.text !== '') response.response.push(message.text);
  for (const [position, call] of message.toolCalls.entries()) {
    const result = messages.find((item) => item.role === 'tool' && item.callId === call.id);
    const hasNoParameters = tools.get(call.name)?.parameters === null && Object.keys(call.arguments).length === 0;
    const functionCall: ChatModelFunctionCall = {
      type: 'functionCall',
      name: call.name,
      params: hasNoParameters ? undefined : call.arguments,
      result: result?.role === 'tool' ? result.result : undefined,
      // One message's calls are one parallel chunk; wrappers without parallel calls ignore this.
      ...(position === 0 ? { startsNewChunk: true } : {}),
    };
    response.response.push(functionCall);
  }
}

function toFunctions(tools: readonly TranscriptTool[]): ChatModelFunctions {
  const functions: Record<string, ChatModelFunctions[string]> = {};
  for (const tool of tools) {
    functions[tool.name] = {
      description: tool.description,
      // A JSON schema object; node-llama-cpp's GbnfJsonSchema is the subset it can turn into a grammar.
      params: (tool.parameters ?? undefined) as ChatModelFunctions[string]['params'],
    };
  }
  return functions;
}
