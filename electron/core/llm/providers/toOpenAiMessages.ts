import type {
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions/completions';
import type { Transcript, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { toolResultText } from './toolResultText.ts';

/**
 * A transcript as OpenAI chat-completions messages: system and user text, assistant text with
 * `tool_calls` (ids kept, arguments as JSON text), and one `tool` message per result (its JSON).
 */
export function toOpenAiMessages(transcript: Transcript): ChatCompletionMessageParam[] {
  return transcript.messages.map((message): ChatCompletionMessageParam => {
    switch (message.role) {
      case 'system':
        return { role: 'system', content: message.text };
      case 'user':
        return { role: 'user', content: message.text };
      case 'assistant':
        if (message.toolCalls.length === 0) return { role: 'assistant', content: message.text };
        return {
          role: 'assistant',
          content: message.text === '' ? null : message.text,
          tool_calls: message.toolCalls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          })),
        };
      case 'tool':
        return { role: 'tool', tool_call_id: message.callId, content: toolResultText(message.result) };
    }
  });
}

/** The tools as OpenAI function tools (a tool without parameters takes an empty object). */
export function toOpenAiTools(tools: readonly TranscriptTool[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters ?? { type: 'object', properties: {} },
    },
  }));
}
