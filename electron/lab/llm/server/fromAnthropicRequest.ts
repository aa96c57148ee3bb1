import { z } from 'zod';
import type { JsonObject, Transcript, TranscriptMessage, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { parseToolResultText } from '#core/llm/providers/toolResultText.ts';
import { toParameters } from './fromOpenAiRequest.ts';
import { HttpError } from './serverHttp.ts';

const textBlock = z.object({ type: z.literal('text'), text: z.string() });
const toolName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'tool names are 1-64 letters, digits, _ or -');
const block = z.discriminatedUnion('type', [
  textBlock,
  z.object({
    type: z.literal('tool_use'),
    id: z.string().min(1),
    name: toolName,
    input: z.record(z.string(), z.unknown()),
  }),
  z.object({
    type: z.literal('tool_result'),
    tool_use_id: z.string().min(1),
    content: z.union([z.string(), z.array(textBlock)]).optional(),
    is_error: z.boolean().optional(),
  }),
]);

/** The part of an Anthropic messages request the local server reads (other fields are ignored). */
export const anthropicMessagesRequest = z.object({
  model: z.string(),
  max_tokens: z.number().int().positive(),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  messages: z
    .array(z.object({ role: z.enum(['user', 'assistant']), content: z.union([z.string(), z.array(block)]) }))
    .min(1),
  tools: z
    .array(
      z.object({
        name: toolName,
        description: z.string().optional(),
        input_schema: z.record(z.string(), z.unknown()),
      }),
    )
    .optional(),
  tool_choice: z.looseObject({ type: z.enum(['auto', 'any', 'tool', 'none']) }).optional(),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(1).optional(),
});

/** A parsed Anthropic messages request. */
export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequest>;

/**
 * The request as a transcript: the system text first; a user turn's tool results become tool
 * messages (each must answer an earlier tool_use) followed by its text, an assistant turn's text
 * and tool_use blocks one assistant message.
 */
export function fromAnthropicRequest(request: AnthropicMessagesRequest): Transcript {
  const tools: TranscriptTool[] =
    request.tool_choice?.type === 'none'
      ? []
      : (request.tools ?? []).map((tool) => ({
          name: tool.name,
          description: tool.description ?? '',
          parameters: toParameters(tool.input_schema),
        }));
  const messages: TranscriptMessage[] = [];
  if (request.system !== undefined) {
    const text = typeof request.system === 'string' ? request.system : joinText(request.system);
    if (text !== '') messages.push({ role: 'system', text });
  }
  const callNames = new Map<string, string>();
  for (const [index, message] of request.messages.entries()) {
    const blocks =
      typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
    const text = joinText(blocks.filter((item) => item.type === 'text'));
    if (message.role === 'assistant') {
      const toolCalls = blocks.flatMap((item) => {
        if (item.type === 'tool_result')
          throw new HttpError(400, `messages.${index}: tool_result blocks belong in user turns.`);
        if (item.type !== 'tool_use') return [];
        callNames.set(item.id, item.name);
        return [{ id: item.id, name: item.name, arguments: item.input as JsonObject }];
      });
      messages.push({ role: 'assistant', text, toolCalls });
      continue;
    }
    for (const item of blocks) {
      if (item.type === 'tool_use')
        throw new HttpError(400, `messages.${index}: tool_use blocks belong in assistant turns.`);
      if (item.type !== 'tool_result') continue;
      const name = callNames.get(item.tool_use_id);
      if (name === undefined)
        throw new HttpError(400, `messages.${index}: tool_use_id "${item.tool_use_id}" answers no earlier tool_use.`);
      const content =
        item.content === undefined ? '' : typeof item.content === 'string' ? item.content : joinText(item.content);
      messages.push({ role: 'tool', callId: item.tool_use_id, name, result: parseToolResultText(content) });
    }
    if (text !== '' || blocks.every((item) => item.type === 'text')) messages.push({ role: 'user', text });
  }
  return { tools, messages };
}

function joinText(blocks: readonly { text: string }[]): string {
  return blocks.map((item) => item.text).join('');
}
