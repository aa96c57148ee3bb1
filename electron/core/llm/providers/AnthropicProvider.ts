import Anthropic from '@anthropic-ai/sdk';
import type { JsonObject, Transcript, TranscriptToolCall } from '#core/llm/chat/Transcript.ts';
import { CancelledError } from '#core/errors.ts';
import type { AssistantTurn } from './AssistantTurn.ts';
import type { ChatProvider, ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';
import { defaultCloudLimits, watchedFetch, type CloudLimits, type Timers } from './ResponseWatchdog.ts';
import { runToolLoop, type TurnRequest } from './runToolLoop.ts';
import { sendCloudTurn, type ChargedTurn } from './sendCloudTurn.ts';
import { toAnthropicMessages, toAnthropicTools } from './toAnthropicMessages.ts';
import { malformedResponse, toCloudError, type CloudErrorContext } from './toCloudError.ts';

/** Options of {@link AnthropicProvider}. */
export type AnthropicProviderOptions = {
  readonly apiKey: string;
  /** The model id, e.g. `claude-sonnet-4-5`. */
  readonly model: string;
  /**
   * Every request goes through this fetch: the engine passes its egress gate's, so nothing reaches
   * the network around it. Required on purpose: there is no global-fetch default.
   */
  readonly fetch: typeof globalThis.fetch;
  /** The API root without `/v1`. Defaults to `https://api.anthropic.com`. */
  readonly baseUrl?: string;
  /** How people know the provider, in ids and messages. Defaults to "Anthropic". */
  readonly name?: string;
  /** Idle and total timeouts and the size limit of each response. Defaults to `defaultCloudLimits`. */
  readonly limits?: Partial<CloudLimits>;
  /** The timers the limits run on. Defaults to the host's. */
  readonly timers?: Timers;
  /** Retries of 408/409/429/5xx and connection failures, honouring retry-after. Defaults to 2. */
  readonly maxRetries?: number;
};

type StreamedBlock = { kind: 'text' } | { kind: 'tool'; id: string; name: string; json: string } | { kind: 'other' };

/**
 * Claude through the official `@anthropic-ai/sdk` messages API: streamed turns (`onToken`), usage
 * from `message_start` and `message_delta`, tool calls run by the engine's loop. The API has no
 * sampling seed and SDK 1.14 no longer takes a temperature (newer models refuse sampling
 * parameters), so `seed` and `temperature` are not sent: the model's own sampling applies.
 */
export class AnthropicProvider implements ChatProvider {
  readonly locality = 'cloud';
  readonly id: string;
  readonly modelName: string;
  readonly #client: Anthropic;
  readonly #errorContext: Omit<CloudErrorContext, 'signal'>;
  readonly #limits: CloudLimits;
  readonly #timers: Timers | undefined;

  constructor(options: AnthropicProviderOptions) {
    const name = options.name ?? 'Anthropic';
    this.#limits = { ...defaultCloudLimits, ...options.limits };
    this.#timers = options.timers;
    // The SDK's own timeout is the total one: silences are the watchdog's (sendCloudTurn).
    const timeoutMs = this.#limits.totalTimeoutMs;
    const maxRetries = options.maxRetries ?? 2;
    this.id = `anthropic:${options.model}`;
    this.modelName = options.model;
    this.#client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseUrl ?? 'https://api.anthropic.com',
      fetch: watchedFetch(options.fetch),
      timeout: timeoutMs,
      maxRetries,
    });
    this.#errorContext = { name, model: options.model, timeoutMs, maxRetries };
  }

  /** Runs the tool loop with one streamed message per turn; see {@link ChatProvider.continueTranscript}. */
  async continueTranscript(
    transcript: Transcript,
    options: ContinueTranscriptOptions,
  ): Promise<ContinueTranscriptResult> {
    return await runToolLoop(transcript, options, (request) => this.#turn(request, options));
  }

  /** Nothing to free: the client holds no connection of its own. */
  async dispose(): Promise<void> {}

  async #turn(request: TurnRequest, options: ContinueTranscriptOptions): Promise<ChargedTurn> {
    const { system, messages } = toAnthropicMessages(request.transcript);
    const tools = request.transcript.tools;
    const body = {
      model: this.modelName,
      max_tokens: request.maxTokens,
      ...(system === undefined ? {} : { system }),
      messages,
      ...(tools.length > 0 ? { tools: toAnthropicTools(tools) } : {}),
      stream: true as const,
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
      (signal) => this.#stream(body, options, signal),
      (error) => toCloudError(error, Anthropic, { ...this.#errorContext, signal: options.signal }),
    );
  }

  async #stream(
    body: Anthropic.MessageCreateParamsStreaming,
    options: ContinueTranscriptOptions,
    signal: AbortSignal,
  ): Promise<AssistantTurn> {
    const blocks: StreamedBlock[] = [];
    let text = '';
    let tokensIn = 0;
    let tokensOut = 0;
    let billedModel: string | undefined;
    let stopReason: string | null = null;
    let hasStopped = false;
    let hasUsage = false;
    const stream = await this.#client.messages.create(body, { signal });
    for await (const event of stream) {
      if (event.type === 'message_start') {
        if (event.message.model !== '') billedModel = event.message.model;
        const usage = event.message.usage;
        hasUsage = true;
        tokensIn = usage.input_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
        tokensOut = usage.output_tokens;
      } else if (event.type === 'content_block_start') {
        const block = event.content_block;
        blocks[event.index] =
          block.type === 'text'
            ? { kind: 'text' }
            : block.type === 'tool_use'
              ? { kind: 'tool', id: block.id, name: block.name, json: '' }
              : { kind: 'other' };
        if (block.type === 'text' && block.text !== '') {
          text += block.text;
          options.onToken?.(block.text);
        }
      } else if (event.type === 'content_block_delta') {
        const block = blocks[event.index];
        if (event.delta.type === 'text_delta' && block?.kind === 'text') {
          text += event.delta.text;
          options.onToken?.(event.delta.text);
        } else if (event.delta.type === 'input_json_delta' && block?.kind === 'tool') {
          block.json += event.delta.partial_json;
        }
      } else if (event.type === 'message_delta') {
        stopReason = event.delta.stop_reason ?? stopReason;
        tokensOut = event.usage.output_tokens;
        if (event.usage.input_tokens !== null && event.usage.input_tokens !== undefined)
          tokensIn =
            event.usage.input_tokens +
            (event.usage.cache_creation_input_tokens ?? 0) +
            (event.usage.cache_read_input_tokens ?? 0);
      } else if (event.type === 'message_stop') {
        hasStopped = true;
      }
    }
    if (options.signal?.aborted) throw new CancelledError();
    if (!hasStopped || stopReason === null)
      throw malformedResponse(this.#errorContext.name, 'the stream ended before the message did');
    const toolCalls = blocks
      .filter((block) => block?.kind === 'tool')
      .map((block): TranscriptToolCall => ({ id: block.id, name: block.name, arguments: parseInput(block.json) }));
    return {
      text,
      toolCalls,
      tokensIn,
      tokensOut,
      finishReason:
        stopReason === 'tool_use' && toolCalls.length > 0
          ? 'toolCalls'
          : stopReason === 'end_turn' || stopReason === 'stop_sequence'
            ? 'stop'
            : 'length',
      ...(billedModel === undefined ? {} : { billedModel }),
      ...(hasUsage ? {} : { isUsageMissing: true }),
    };
  }
}

/** A tool_use block's streamed input; anything but a JSON object becomes `{}` (the tool answers with its error). */
function parseInput(json: string): JsonObject {
  try {
    const parsed: unknown = JSON.parse(json === '' ? '{}' : json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
  } catch {
    return {};
  }
}
