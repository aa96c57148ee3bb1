import type { AssistantTurn } from '#core/llm/providers/AssistantTurn.ts';
import { fromOpenAiRequest, openAiChatRequest } from './fromOpenAiRequest.ts';
import { respondInTurn, type RouteContext } from './RouteContext.ts';
import { HttpError, parseBody, sendJson, startEventStream, writeEvent } from './serverHttp.ts';

const finishReasons = { toolCalls: 'tool_calls', stop: 'stop', length: 'length' } as const;

/** An error body in the OpenAI API's shape. */
export function openAiError(status: number, message: string): { error: Record<string, unknown> } {
  const type = status === 401 ? 'authentication_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message, type, param: null, code: status === 401 ? 'invalid_api_key' : null } };
}

/**
 * `POST /v1/chat/completions`: one assistant turn in the OpenAI chat-completions shape, as JSON or
 * as SSE chunks (text deltas as they are generated, then the tool calls, the finish reason, a usage
 * chunk when `stream_options.include_usage`, and `[DONE]`). Tool calls are returned, not executed.
 */
export async function openAiChatRoute(body: unknown, context: RouteContext): Promise<void> {
  const request = parseBody(openAiChatRequest, body);
  const transcript = fromOpenAiRequest(request);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? context.maxTokens.default;
  if (maxTokens > context.maxTokens.limit)
    throw new HttpError(400, `max_tokens may be at most ${context.maxTokens.limit}, not ${maxTokens}.`);
  const id = `chatcmpl-${context.nextNumber()}`;
  const created = Math.floor(context.clock.now() / 1000);
  const model = context.responder.modelName;
  const options = {
    tools: transcript.tools,
    seed: request.seed ?? context.nextSeed(),
    temperature: request.temperature ?? context.defaultTemperature,
    maxTokens,
  };
  const { response } = context;
  if (request.stream !== true) {
    const turn = await respondInTurn(context, transcript, options);
    sendJson(response, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: turn.text === '' && turn.toolCalls.length > 0 ? null : turn.text,
            refusal: null,
            ...(turn.toolCalls.length > 0 ? { tool_calls: toolCalls(turn) } : {}),
          },
          logprobs: null,
          finish_reason: finishReasons[turn.finishReason],
        },
      ],
      usage: usage(turn),
    });
    return;
  }
  const withUsage = request.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    system_fingerprint: null,
    choices,
    ...(withUsage ? { usage: null } : {}),
    ...extra,
  });
  const delta = (value: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> =>
    chunk([{ index: 0, delta: value, logprobs: null, finish_reason: finishReason }]);
  let isStarted = false;
  const start = (): void => {
    if (isStarted) return;
    isStarted = true;
    startEventStream(response);
    writeEvent(response, delta({ role: 'assistant', content: '' }));
  };
  let turn: AssistantTurn;
  try {
    turn = await respondInTurn(context, transcript, {
      ...options,
      onToken: (text) => {
        start();
        writeEvent(response, delta({ content: text }));
      },
    });
  } catch (error) {
    // Before the first token the failure is still an ordinary HTTP error; after it, an error event.
    if (!isStarted || !(error instanceof HttpError)) throw error;
    writeEvent(response, openAiError(error.status, error.message));
    response.end();
    return;
  }
  start();
  if (turn.toolCalls.length > 0) writeEvent(response, delta({ tool_calls: toolCalls(turn, true) }));
  writeEvent(response, delta({}, finishReasons[turn.finishReason]));
  if (withUsage) writeEvent(response, chunk([], { usage: usage(turn) }));
  writeEvent(response, '[DONE]');
  response.end();
}

function toolCalls(turn: AssistantTurn, isDelta = false): Record<string, unknown>[] {
  return turn.toolCalls.map((call, index) => ({
    ...(isDelta ? { index } : {}),
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function usage(turn: AssistantTurn): Record<string, number> {
  return {
    prompt_tokens: turn.tokensIn,
    completion_tokens: turn.tokensOut,
    total_tokens: turn.tokensIn + turn.tokensOut,
  };
}
