import type { ChatHistoryItem, ChatModelFunctions, ChatSystemMessage } from 'node-llama-cpp';
import type { JsonObject, JsonValue, Transcript, TranscriptMessage, TranscriptTool } from './Transcript.ts';

/**
 * Converts a node-llama-cpp chat history (e.g. `session.getChatHistory()`) and its functions back to
 * a provider-neutral transcript, so a local conversation can continue on another provider. Each
 * model response becomes assistant messages (text, then the calls made together) with one tool
 * message per call. Calls are made together when node-llama-cpp marks chunks (`startsNewChunk`, set
 * by wrappers with parallel calls): a call joins the calls before it unless it starts a chunk.
 * Without chunk marks every call is its own round, as in the compact format; call ids are `call-1`, `call-2`, ... in order. Thought and comment segments are
 * left out: they are the local model's scratch work, not part of the conversation.
 */
export function fromChatHistory(
  chatHistory: readonly ChatHistoryItem[],
  functions: ChatModelFunctions = {},
): Transcript {
  const messages: TranscriptMessage[] = [];
  let callCount = 0;
  for (const item of chatHistory) {
    if (item.type === 'system') messages.push({ role: 'system', text: systemText(item.text) });
    else if (item.type === 'user') messages.push({ role: 'user', text: item.text });
    else {
      let text = '';
      let calls: { id: string; name: string; arguments: JsonObject; result: JsonValue }[] = [];
      const isChunked = item.response.some(
        (part) => typeof part !== 'string' && part.type === 'functionCall' && part.startsNewChunk === true,
      );
      const flush = (): void => {
        if (text === '' && calls.length === 0) return;
        messages.push({
          role: 'assistant',
          text,
          toolCalls: calls.map(({ id, name, arguments: args }) => ({ id, name, arguments: args })),
        });
        for (const call of calls)
          messages.push({ role: 'tool', callId: call.id, name: call.name, result: call.result });
        text = '';
        calls = [];
      };
      for (const part of item.response) {
        if (typeof part === 'string') {
          if (calls.length > 0) flush();
          text += part;
        } else if (part.type === 'functionCall') {
          if (calls.length > 0 && (!isChunked || part.startsNewChunk === true)) flush();
          callCount += 1;
          calls.push({
            id: `call-${callCount}`,
            name: part.name,
            arguments: (part.params ?? {}) as JsonObject,
            result: (part.result ?? null) as JsonValue,
          });
        }
      }
      flush();
    }
  }
  const tools: TranscriptTool[] = Object.entries(functions).map(([name, tool]) => ({
    name,
    description: tool.description ?? '',
    parameters: (tool.params ?? null) as JsonObject | null,
  }));
  return { tools, messages };
}

/** The plain text of a system message (special tokens, which the compact format never uses, dropped). */
function systemText(text: ChatSystemMessage['text']): string {
  if (typeof text === 'string') return text;
  return text
    .map((value) => (typeof value === 'string' ? value : value.type === 'specialTokensText' ? value.value : ''))
    .join('');
}
