import OpenAI from 'openai';
import type { JsonObject, Transcript, TranscriptToolCall } from '#core/llm/chat/Transcript.ts';
import { CancelledError } from '#core/errors.ts';
import type { AssistantTurn } from './AssistantTurn.ts';
import type { ChatProvider, ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';
import { defaultCloudLimits, watchedFetch, type CloudLimits, type Timers } from './ResponseWatchdog.ts';
import { runToolLoop, type TurnRequest } from './runToolLoop.ts';
import { sendCloudTurn, type ChargedTurn } from './sendCloudTurn.ts';
import { malformedResponse, toCloudError, type CloudErrorContext } from './toCloudError.ts';
import { toOpenAiMessages, toOpenAiTools } from './toOpenAiMessages.ts';

/** Options of {@link OpenAiCompatibleProvider}. */
export type OpenAiCompatibleProviderOptions = {
  /** The API root, e.g. `https://api.openai.com/v1`, `https://openrouter.ai/api/v1`, `http://127.0.0.1:8080/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The model id the server knows, e.g. `gpt-4o-mini`. */
  readonly model: string;
  /**
   * Every request goes through this fetch: the engine passes its egress gate's, so nothing reaches
   * the network around it. Required on purpose: there is no global-fetch default.
   */
  readonly fetch: typeof globalThis.fetch;
  /** How people know the provider, in ids and messages. Defaults to the base URL's host. */
  readonly name?: string;
  /** Idle and total timeouts and the size limit of each response. Defaults to `defaultCloudLimits`. */
  readonly limits?: Partial<CloudLimits>;
  /** The timers the limits run on. Defaults to the host's. */
  readonly timers?: Timers;
  /** Retries of 408/409/429/5xx and connection failures, honouring retry-after. Defaults to 2. */
  readonly maxRetries?: number;
};

/**
 * A cloud (or LAN) model behind the OpenAI chat-completions API (OpenAI, OpenRouter, Ollama, vLLM,
 * llama.cpp's server, `cli serve`), through the official `openai` client: streamed turns
 * (`onToken`), usage from the stream's final chunk, tool calls run by the engine's loop.
 */
export class OpenAiCompatibleProvider implements ChatProvider {
  readonly locality = 'cloud';
  readonly id: string;
  readonly modelName: string;
  readonly #client: OpenAI;
  readonly #errorContext: Omit<CloudErrorContext, 'signal'>;
  readonly #limits: CloudLimits;
  readonly #timers: Timers | undefined;

  constructor(options: OpenAiCompatibleProviderOptions) {
    const name = options.name ?? new URL(options.baseUrl).host;
    this.#limits = { ...defaultCloudLimits, ...options.limits };
    this.#timers = options.timers;
    // The SDK's own timeout is the total one: silences are the watchdog's (sendCloudTurn).
    const timeoutMs = this.#limits.totalTimeoutMs;
    const maxRetries = options.maxRetries ?? 2;
    this.id = `openai:${name}/${options.model}`;
    this.modelName = options.model;
    this.#client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey,
      fetch: watchedFetch(options.fetch),
      timeout: timeoutMs,
      maxRetries,
    });
    this.#errorContext = { name, model: options.model, timeoutMs, maxRetries };
  }

  /** Runs the tool loop with one streamed chat completion per turn; see {@link ChatProvider.continueTranscript}. */
  async continueTranscript(
    transcript: Transcript,
    options: ContinueTranscriptOptions,
  ): Promise<ContinueTranscriptResult> {
    return await runToolLoop(transcript, options, (request) => this.#turn(request, options));
  }

  /** Nothing to free: the client holds no connection of its own. */
  async dispose(): Promise<void> {}

  async #turn(request: TurnRequest, options: ContinueTranscriptOptions): Promise<ChargedTurn> {
    const tools = request.transcript.tools;
    const body = {
      model: this.modelName,
      messages: toOpenAiMessages(request.transcript),
      ...(tools.length > 0 ? { tools: toOpenAiTools(tools) } : {}),
      max_tokens: request.maxTokens,
      temperature: options.temperature ?? requestDefaults.temperature,
      seed: request.seed,
      stream: true as const,
      stream_options: { include_usage: true },
    };
    return await sendCloudTurn(
      {
        name: this.#errorContext.name,
        limits: this.#limits,
        timers: this.#timers,
        meter: options.meter,
        signal: options.signal,
        body,
        maxTokens: request.maxTokens,
      },
      (signal) => this.#stream(body, request, options, signal),
      (error) => toCloudError(error, OpenAI, { ...this.#errorContext, signal: options.signal }),
    );
  }

  async #stream(
    body: OpenAI.ChatCompletionCreateParamsStreaming,
    request: TurnRequest,
    options: ContinueTranscriptOptions,
    signal: AbortSignal,
  ): Promise<AssistantTurn> {
    let text = '';
    const calls: { id: string; name: string; arguments: string }[] = [];
    let finishReason: string | null = null;
    let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
    let billedModel: string | undefined;
    const stream = await this.#client.chat.completions.create(body, { signal });
    for await (const chunk of stream) {
      if (chunk.usage) usage = chunk.usage;
      if (typeof chunk.model === 'string' && chunk.model !== '') billedModel = chunk.model;
      const choice = chunk.choices?.[0];
      if (choice === undefined) continue;
      const content = choice.delta?.content;
      if (typeof content === 'string' && content !== '') {
        text += content;
        options.onToken?.(content);
      }
      for (const delta of choice.delta?.tool_calls ?? []) {
        const call = (calls[delta.index] ??= { id: '', name: '', arguments: '' });
        if (delta.id) call.id = delta.id;
        if (delta.function?.name && call.name === '') call.name = delta.function.name;
        if (delta.function?.arguments) call.arguments += delta.function.arguments;
      }
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    if (options.signal?.aborted) throw new CancelledError();
    if (finishReason === null) throw malformedResponse(this.#errorContext.name, 'the stream ended before the turn did');
    const toolCalls = calls.filter((call) => call !== undefined).map((call, index) => toToolCall(call, request, index));
    return {
      text,
      toolCalls,
      tokensIn: usage?.prompt_tokens ?? 0,
      tokensOut: usage?.completion_tokens ?? 0,
      finishReason: toFinishReason(finishReason, toolCalls.length),
      ...(billedModel === undefined ? {} : { billedModel }),
      ...(usage === null ? { isUsageMissing: true } : {}),
    };
  }
}

/**
 * The turn's end: tool calls whenever the model made some (servers differ in saying `tool_calls` or
 * `stop` then), an answer on `stop`, else (`length`, `content_filter`) no usable answer.
 */
function toFinishReason(reason: string, calls: number): AssistantTurn['finishReason'] {
  if (reason === 'length') return 'length';
  if (calls > 0) return 'toolCalls';
  return reason === 'stop' ? 'stop' : 'length';
}

/**
 * A streamed call as a transcript call. Arguments that are not a JSON object become `{}` (the tool
 * then answers with its own error result); a missing id gets one numbered after the transcript's calls.
 */
function toToolCall(
  call: { id: string; name: string; arguments: string },
  request: TurnRequest,
  index: number,
): TranscriptToolCall {
  let args: JsonObject = {};
  try {
    const parsed: unknown = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) args = parsed as JsonObject;
  } catch {
    // Left as {}: see above.
  }
  const existing = request.transcript.messages.filter((message) => message.role === 'tool').length;
  return { id: call.id === '' ? `call-${existing + index + 1}` : call.id, name: call.name, arguments: args };
}
