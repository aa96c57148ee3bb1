import { z } from 'zod';
import type { JsonObject, Transcript, TranscriptMessage, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { parseToolResultText } from '#core/llm/providers/toolResultText.ts';
import { HttpError } from './serverHttp.ts';

const textContent = z.union([z.string(), z.array(z.object({ type: z.literal('text'), text: z.string() }))]);
const toolName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, _ or -');

const message = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['system', 'developer']), content: textContent }),
  z.object({ role: z.literal('user'), content: textContent }),
  z.object({
    role: z.literal('assistant'),
    content: textContent.nullish(),
    tool_calls: z
      .array(
        z.object({
          id: z.string().min(1),
          type: z.literal('function'),
          function: z.object({ name: toolName, arguments: z.string() }),
        }),
      )
      .nullish(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: textContent }),
]);

/** The part of an OpenAI chat-completions request the local server reads (other fields are ignored). */
export const openAiChatRequest = z.object({
  model: z.string(),
  messages: z.array(message).min(1),
  tools: z
    .array(
      z.object({
        type: z.literal('function'),
        function: z.object({
          name: toolName,
          description: z.string().optional(),
          parameters: z.record(z.string(), z.unknown()).optional(),
        }),
      }),
    )
    .nullish(),
  tool_choice: z.union([z.enum(['none', 'auto', 'required']), z.object({ type: z.string() })]).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  seed: z.number().int().nullish(),
  n: z.literal(1).nullish(),
});

/** A parsed OpenAI chat-completions request. */
export type OpenAiChatRequest = z.infer<typeof openAiChatRequest>;

/** The request's messages and tools as a transcript; a tool message must answer an earlier call. */
export function fromOpenAiRequest(request: OpenAiChatRequest): Transcript {
  const tools: TranscriptTool[] =
    request.tool_choice === 'none'
      ? []
      : (request.tools ?? []).map(({ function: tool }) => ({
          name: tool.name,
          description: tool.description ?? '',
          parameters: toParameters(tool.parameters),
        }));
  const callNames = new Map<string, string>();
  const messages = request.messages.map((item, index): TranscriptMessage => {
    switch (item.role) {
      case 'system':
      case 'developer':
        return { role: 'system', text: joinText(item.content) };
      case 'user':
        return { role: 'user', text: joinText(item.content) };
      case 'assistant': {
        const toolCalls = (item.tool_calls ?? []).map((call) => {
          callNames.set(call.id, call.function.name);
          return { id: call.id, name: call.function.name, arguments: parseArguments(call.function.arguments, index) };
        });
        return { role: 'assistant', text: item.content == null ? '' : joinText(item.content), toolCalls };
      }
      case 'tool': {
        const name = callNames.get(item.tool_call_id);
        if (name === undefined)
          throw new HttpError(
            400,
            `messages.${index}: tool_call_id "${item.tool_call_id}" answers no earlier tool call.`,
          );
        return { role: 'tool', callId: item.tool_call_id, name, result: parseToolResultText(joinText(item.content)) };
      }
    }
  });
  return { tools, messages };
}

function joinText(content: z.infer<typeof textContent>): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function parseArguments(text: string, index: number): JsonObject {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // Answered below.
  }
  throw new HttpError(400, `messages.${index}: tool call arguments must be a JSON object.`);
}

/** A parameter schema; an object schema without properties is a tool without parameters. */
export function toParameters(schema: Record<string, unknown> | undefined): JsonObject | null {
  if (schema === undefined) return null;
  const properties = schema.properties;
  const isEmpty =
    schema.type === 'object' &&
    Object.keys(schema).every((key) => key === 'type' || key === 'properties' || key === 'required') &&
    (properties === undefined ||
      (typeof properties === 'object' && properties !== null && Object.keys(properties).length === 0));
  return isEmpty ? null : (schema as JsonObject);
}
