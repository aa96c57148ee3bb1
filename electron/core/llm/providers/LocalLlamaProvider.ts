import { availableParallelism } from 'node:os';
import path from 'node:path';
import {
  getLlama,
  LlamaChat,
  LlamaLogLevel,
  resolveChatWrapper,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaModel,
  type TokenBias,
} from 'node-llama-cpp';
import { AtroposChatWrapper } from '#core/llm/chat/AtroposChatWrapper.ts';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import type { Transcript, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import { assert, CancelledError, EngineError } from '#core/errors.ts';
import type { Logger } from '#core/ports.ts';
import type { ChatProvider, ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';
import type { AssistantTurn, RespondOptions, TurnResponder } from './AssistantTurn.ts';
import { checkGgufFile } from './checkGgufFile.ts';
import { continueLlamaChat } from './continueLlamaChat.ts';
import { respondLlamaChat } from './respondLlamaChat.ts';

/** Options of {@link LocalLlamaProvider.load}. */
export type LocalLlamaProviderOptions = {
  readonly modelPath: string;
  /** CPU cores llama.cpp may use in all (getLlama's maxThreads). Defaults to the machine's. */
  readonly cores?: number;
  /** Tokens per path context. Defaults to the model's training context, at most 4096. */
  readonly contextSize?: number;
  /** Where llama.cpp's warnings and errors go. Defaults to nowhere. */
  readonly logger?: Logger;
  /**
   * Makes a per-token bias for each path from its fresh sequence. Tests steer random-weight models
   * with it; real use leaves it out.
   */
  readonly steer?: (sequence: LlamaContextSequence, model: LlamaModel) => (() => TokenBias) | undefined;
  readonly signal?: AbortSignal;
};

/**
 * A GGUF model run in-process through node-llama-cpp on the CPU. It owns one Llama and one loaded
 * model; each path gets its own context (one sequence, one thread), created for the path and
 * disposed after it, which keeps a seeded path reproducible (a shared context batches sequences
 * together and changes the numbers) and lets two paths run on two cores. The chat wrapper comes
 * from the GGUF: the project's compact format for its own models, node-llama-cpp's resolution
 * for every other model.
 */
export class LocalLlamaProvider implements ChatProvider, TurnResponder {
  readonly locality = 'local';
  readonly id: string;
  readonly modelName: string;
  readonly #llama: Llama;
  readonly #model: LlamaModel;
  readonly #contextSize: number;
  readonly #isCompact: boolean;
  readonly #resolvedWrapper: ChatWrapper | null;
  readonly #steer: LocalLlamaProviderOptions['steer'];
  readonly #contexts = new Set<LlamaContext>();
  #isDisposed = false;

  private constructor(llama: Llama, model: LlamaModel, options: LocalLlamaProviderOptions) {
    this.#llama = llama;
    this.#model = model;
    this.#steer = options.steer;
    const metadata = model.fileInfo.metadata as Record<string, unknown> & { general?: { name?: string } };
    const [group, key] = chatFormatMetadata.key.split('.') as [string, string];
    this.#isCompact = (metadata[group] as Record<string, unknown> | undefined)?.[key] === chatFormatMetadata.compactV1;
    this.#resolvedWrapper = this.#isCompact ? null : resolveChatWrapper(model, { warningLogs: false });
    this.id = `local:${path.basename(options.modelPath)}`;
    this.modelName = metadata.general?.name ?? path.basename(options.modelPath, '.gguf');
    this.#contextSize = options.contextSize ?? Math.min(model.trainContextSize, 4096);
  }

  /**
   * Checks and loads a GGUF. A missing, unreadable or truncated file is an EngineError
   * `model-missing`; llama.cpp never sees it.
   */
  static async load(options: LocalLlamaProviderOptions): Promise<LocalLlamaProvider> {
    await checkGgufFile(options.modelPath);
    const logger = options.logger;
    const llama = await getLlama({
      gpu: false,
      build: 'never',
      skipDownload: true,
      progressLogs: false,
      // node-llama-cpp's default of max(4, cores) threads made generation ~100x slower on 2 cores.
      maxThreads: options.cores ?? availableParallelism(),
      logLevel: LlamaLogLevel.warn,
      logger: (level, message) => {
        if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) logger?.error(message.trim());
        else if (level === LlamaLogLevel.warn) logger?.warn(message.trim());
      },
    });
    try {
      const model = await llama.loadModel({ modelPath: options.modelPath, loadSignal: options.signal });
      return new LocalLlamaProvider(llama, model, options);
    } catch (error) {
      await llama.dispose();
      if (options.signal?.aborted) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new EngineError('model-missing', `llama.cpp could not load ${options.modelPath} (${reason}).`, {
        cause: error,
      });
    }
  }

  /** The chat format in use: `AtroposCompact`, or the name of the wrapper node-llama-cpp resolved. */
  get chatWrapperName(): string {
    return this.#resolvedWrapper?.wrapperName ?? 'AtroposCompact';
  }

  /** Whether dispose() has run. */
  get isDisposed(): boolean {
    return this.#isDisposed;
  }

  /** Runs one path on a fresh context of its own; see {@link ChatProvider.continueTranscript}. */
  async continueTranscript(
    transcript: Transcript,
    options: ContinueTranscriptOptions,
  ): Promise<ContinueTranscriptResult> {
    return await this.#withChat(options.tools.definitions, options.signal, async (chat, tokenBias) =>
      continueLlamaChat(chat, transcript, { ...options, tokenBias }),
    );
  }

  /**
   * Writes one assistant turn on a fresh context and stops at the model's tool calls without
   * executing them (the local server's HTTP clients execute their tools themselves).
   */
  async respond(transcript: Transcript, options: RespondOptions): Promise<AssistantTurn> {
    return await this.#withChat(options.tools, options.signal, async (chat, tokenBias) =>
      respondLlamaChat(chat, transcript, { ...options, tokenBias }),
    );
  }

  /** Frees every open context, the model and the Llama. */
  async dispose(): Promise<void> {
    if (this.#isDisposed) return;
    this.#isDisposed = true;
    for (const context of this.#contexts) await context.dispose();
    this.#contexts.clear();
    await this.#model.dispose();
    await this.#llama.dispose();
  }

  /** Runs `work` on a LlamaChat over a fresh context of its own (one sequence, one thread), then frees it. */
  async #withChat<T>(
    tools: readonly TranscriptTool[],
    signal: AbortSignal | undefined,
    work: (chat: LlamaChat, tokenBias: (() => TokenBias) | undefined) => Promise<T>,
  ): Promise<T> {
    assert(!this.#isDisposed, 'a path started after dispose');
    if (signal?.aborted) throw new CancelledError();
    const context = await this.#model.createContext({
      contextSize: this.#contextSize,
      sequences: 1,
      threads: 1,
      createSignal: signal,
    });
    this.#contexts.add(context);
    try {
      const sequence = context.getSequence();
      const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: this.#chatWrapper(tools) });
      try {
        return await work(chat, this.#steer?.(sequence, this.#model));
      } finally {
        chat.dispose({ disposeSequence: true });
      }
    } finally {
      this.#contexts.delete(context);
      await context.dispose();
    }
  }

  #chatWrapper(tools: readonly TranscriptTool[]): ChatWrapper {
    if (this.#resolvedWrapper !== null) return this.#resolvedWrapper;
    // The compact wrapper renders the tool lines even when node-llama-cpp sizes a history without them.
    const { functions } = toChatHistory({ tools, messages: [] });
    return new AtroposChatWrapper({ tools: functions });
  }
}
