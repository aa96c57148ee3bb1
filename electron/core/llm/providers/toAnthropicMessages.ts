import type { ContentBlockParam, MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages/messages';
import type { Transcript, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { toolResultText } from './toolResultText.ts';

/** A transcript as an Anthropic messages request: the system text apart, user and assistant turns alternating. */
export type AnthropicConversation = {
  /** The system messages joined by blank lines, or undefined without any. */
  readonly system: string | undefined;
  readonly messages: MessageParam[];
};

/**
 * A transcript as Anthropic messages: assistant text and `tool_use` blocks (ids kept), each result
 * a `tool_result` block (its JSON) in the next user turn, before that turn's text. Consecutive
 * messages of one role share one turn, as the API wants the roles to alternate; empty text is left
 * out (the API refuses empty text blocks).
 */
export function toAnthropicMessages(transcript: Transcript): AnthropicConversation {
  const systemTexts: string[] = [];
  const messages: { role: 'user' | 'assistant'; content: ContentBlockParam[] }[] = [];
  const add = (role: 'user' | 'assistant', block: ContentBlockParam): void => {
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(block);
    else messages.push({ role, content: [block] });
  };
  for (const message of transcript.messages) {
    if (message.role === 'system') systemTexts.push(message.text);
    else if (message.role === 'user') {
      if (message.text !== '') add('user', { type: 'text', text: message.text });
    } else if (message.role === 'tool') {
      add('user', { type: 'tool_result', tool_use_id: message.callId, content: toolResultText(message.result) });
    } else {
      if (message.text !== '') add('assistant', { type: 'text', text: message.text });
      for (const call of message.toolCalls)
        add('assistant', { type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
    }
  }
  return { system: systemTexts.length > 0 ? systemTexts.join('\n\n') : undefined, messages };
}

/** The tools as Anthropic client tools (a tool without parameters takes an empty object). */
export function toAnthropicTools(tools: readonly TranscriptTool[]): Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: (tool.parameters ?? { type: 'object', properties: {} }) as Tool.InputSchema,
  }));
}
