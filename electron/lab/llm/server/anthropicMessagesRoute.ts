import type { AssistantTurn } from '#core/llm/providers/AssistantTurn.ts';
import { anthropicMessagesRequest, fromAnthropicRequest } from './fromAnthropicRequest.ts';
import { respondInTurn, type RouteContext } from './RouteContext.ts';
import { HttpError, parseBody, sendJson, startEventStream, writeEvent } from './serverHttp.ts';

const stopReasons = { toolCalls: 'tool_use', stop: 'end_turn', length: 'max_tokens' } as const;

/** An error body in the Anthropic API's shape. */
export function anthropicError(status: number, message: string): Record<string, unknown> {
  const type =
    status === 401
      ? 'authentication_error'
      : status === 404
        ? 'not_found_error'
        : status === 413
          ? 'request_too_large'
          : status >= 500
            ? 'api_error'
            : 'invalid_request_error';
  return { type: 'error', error: { type, message } };
}

/**
 * `POST /v1/messages`: one assistant turn in the Anthropic messages shape, as JSON or as the SSE
 * sequence message_start, content_block_start/delta/stop (text as it is generated, then each
 * tool_use with its input as one input_json_delta), message_delta (stop reason, usage) and
 * message_stop. The prompt's token count is known only after generation, so message_start reports
 * 0 input tokens and message_delta the real count. Tool calls are returned, not executed.
 */
export async function anthropicMessagesRoute(body: unknown, context: RouteContext): Promise<void> {
  const request = parseBody(anthropicMessagesRequest, body);
  const transcript = fromAnthropicRequest(request);
  if (request.max_tokens > context.maxTokens.limit)
    throw new HttpError(400, `max_tokens may be at most ${context.maxTokens.limit}, not ${request.max_tokens}.`);
  const id = `msg_${context.nextNumber()}`;
  const model = context.responder.modelName;
  const options = {
    tools: transcript.tools,
    seed: context.nextSeed(),
    temperature: request.temperature ?? context.defaultTemperature,
    maxTokens: request.max_tokens,
  };
  const { response } = context;
  if (request.stream !== true) {
    const turn = await respondInTurn(context, transcript, options);
    sendJson(response, 200, {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [...(turn.text === '' ? [] : [{ type: 'text', text: turn.text }]), ...toolUses(turn)],
      stop_reason: stopReasons[turn.finishReason],
      stop_sequence: null,
      usage: { input_tokens: turn.tokensIn, output_tokens: turn.tokensOut },
    });
    return;
  }
  let isStarted = false;
  let blocks = 0;
  const start = (): void => {
    if (isStarted) return;
    isStarted = true;
    startEventStream(response);
    const message = {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
    };
    writeEvent(
      response,
      { type: 'message_start', message: { ...message, usage: { input_tokens: 0, output_tokens: 0 } } },
      'message_start',
    );
  };
  let isTextOpen = false;
  let turn: AssistantTurn;
  try {
    turn = await respondInTurn(context, transcript, {
      ...options,
      onToken: (text) => {
        start();
        if (!isTextOpen) {
          isTextOpen = true;
          writeEvent(
            response,
            { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
            'content_block_start',
          );
          blocks = 1;
        }
        writeEvent(
          response,
          { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
          'content_block_delta',
        );
      },
    });
  } catch (error) {
    if (!isStarted || !(error instanceof HttpError)) throw error;
    writeEvent(response, anthropicError(error.status, error.message), 'error');
    response.end();
    return;
  }
  start();
  if (isTextOpen) writeEvent(response, { type: 'content_block_stop', index: 0 }, 'content_block_stop');
  for (const toolUse of toolUses(turn)) {
    const index = blocks++;
    writeEvent(
      response,
      { type: 'content_block_start', index, content_block: { ...toolUse, input: {} } },
      'content_block_start',
    );
    const partial = JSON.stringify(toolUse.input);
    writeEvent(
      response,
      { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } },
      'content_block_delta',
    );
    writeEvent(response, { type: 'content_block_stop', index }, 'content_block_stop');
  }
  writeEvent(
    response,
    {
      type: 'message_delta',
      delta: { stop_reason: stopReasons[turn.finishReason], stop_sequence: null },
      usage: { input_tokens: turn.tokensIn, output_tokens: turn.tokensOut },
    },
    'message_delta',
  );
  writeEvent(response, { type: 'message_stop' }, 'message_stop');
  response.end();
}

function toolUses(turn: AssistantTurn): { type: 'tool_use'; id: string; name: string; input: unknown }[] {
  return turn.toolCalls.map((call) => ({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments }));
}
