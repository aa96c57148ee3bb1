import path from 'node:path';
import {
  ChatWrapper,
  LlamaChat,
  resolveChatWrapper,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaModel,
  type TokenBias,
} from 'node-llama-cpp';
import { AtroposChatWrapper } from '#core/llm/chat/AtroposChatWrapper.ts';
import { chatFormatMetadata } from '#core/llm/chat/chatFormatMetadata.ts';
import { toChatHistory } from '#core/llm/chat/toChatHistory.ts';
import type { Transcript, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';
import { assert, CancelledError, EngineError } from '#core/errors.ts';
import type { Logger } from '#core/ports.ts';
import type { LocalPathMode } from '#shared/ipc/WarmModel.ts';
import type { ChatProvider, ContinueTranscriptOptions, ContinueTranscriptResult } from './ChatProvider.ts';
import type { AssistantTurn, RespondOptions, TurnResponder } from './AssistantTurn.ts';
import { checkGgufFile } from './checkGgufFile.ts';
import { LlamaBackend, type LlamaBackendInfo, type LlamaGpuPreference } from './LlamaBackend.ts';
import { continueLlamaChat } from './continueLlamaChat.ts';
import { LlamaAnswerEmbedder } from './LlamaAnswerEmbedder.ts';
import { startLlamaTurn } from './llamaRound.ts';
import { respondLlamaChat } from './respondLlamaChat.ts';

/** Options of {@link LocalLlamaProvider.load}. */
export type LocalLlamaProviderOptions = {
  readonly modelPath: string;
  /**
   * The app's one llama backend, shared by every model it loads (not disposed with this provider).
   * Defaults to a backend of the provider's own, opened with `gpu` and `cores` and disposed with it.
   */
  readonly backend?: LlamaBackend;
  /** The backend to ask for when the provider opens its own. Defaults to `auto` (a GPU where there is one). */
  readonly gpu?: LlamaGpuPreference;
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
  /** Told the load's progress, 0..1 (a large model takes seconds to tens of seconds). */
  readonly onLoadProgress?: (progress: number) => void;
};

/** Where and in which chat format a local model runs: shown on the Models screen and in a turn's details. */
export type LocalModelInfo = LlamaBackendInfo & {
  /** Layers offloaded to the GPU (0 on the CPU) of the model's blocks plus its output layer. */
  readonly gpuLayers: number;
  readonly totalLayers: number;
  /** The chat wrapper in use: `AtroposCompact` or node-llama-cpp's wrapper name. */
  readonly chatWrapper: string;
  /** `native`: tool calls in the family's own syntax; `generic`: node-llama-cpp's `||call:` syntax. */
  readonly toolCallSyntax: 'native' | 'generic';
  /** One sentence when the model's format needs help (no wrapper, or no tool format); null otherwise. */
  readonly formatNote: string | null;
  /** How paths run: {@link LocalLlamaProvider.pathMode}. */
  readonly pathMode: LocalPathMode;
};

/**
 * A GGUF model run in-process through node-llama-cpp, on the app's llama backend (a GPU where there
 * is one, layers offloaded as they fit). It owns one loaded model; each path gets its own context (one sequence, one thread), created for the path and
 * disposed after it, which keeps a seeded path reproducible (a shared context batches sequences
 * together and changes the numbers) and lets two paths run on two cores. The chat wrapper comes
 * from the GGUF: the project's compact format for its own models, node-llama-cpp's resolution
 * for every other model.
 */
export class LocalLlamaProvider implements ChatProvider, TurnResponder {
  /**
   * How every path runs: a context of its own with one thread. On 2 CPU cores five such contexts
   * beat five sequences batched in one context (docs/BENCHMARKS.md, issue 18), and the contexts
   * are created with exactly these threads, so what the app shows is what runs.
   */
  static readonly pathMode: LocalPathMode = { kind: 'context-per-path', threadsPerPath: 1 };
  readonly locality = 'local';
  readonly id: string;
  readonly modelName: string;
  readonly #backend: LlamaBackend;
  readonly #ownsBackend: boolean;
  readonly #model: LlamaModel;
  readonly #contextSize: number;
  readonly #isCompact: boolean;
  readonly #resolvedWrapper: ChatWrapper | null;
  readonly #steer: LocalLlamaProviderOptions['steer'];
  readonly #contexts = new Set<LlamaContext>();
  #embedder: LlamaAnswerEmbedder | null = null;
  #isDisposed = false;

  private constructor(backend: LlamaBackend, model: LlamaModel, options: LocalLlamaProviderOptions) {
    this.#backend = backend;
    this.#ownsBackend = options.backend === undefined;
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
    const backend =
      options.backend ?? (await LlamaBackend.open({ gpu: options.gpu, cores: options.cores, logger: options.logger }));
    try {
      const model = await backend.llama.loadModel({
        modelPath: options.modelPath,
        loadSignal: options.signal,
        ...(options.onLoadProgress === undefined ? {} : { onLoadProgress: options.onLoadProgress }),
      });
      const provider = new LocalLlamaProvider(backend, model, options);
      const note = provider.info.formatNote;
      if (note !== null) options.logger?.warn(note);
      return provider;
    } catch (error) {
      if (options.backend === undefined) await backend.dispose();
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

  /** The wrapper used when node-llama-cpp resolved one from the GGUF; null for the compact format. */
  get chatWrapper(): ChatWrapper | null {
    return this.#resolvedWrapper;
  }

  /** The backend, the offloaded layers and the chat format. */
  get info(): LocalModelInfo {
    const metadata = this.#model.fileInfo.metadata as Record<string, unknown> & { general?: { architecture?: string } };
    const architecture = metadata.general?.architecture ?? 'llama';
    const blocks = (metadata[architecture] as { block_count?: number } | undefined)?.block_count ?? 0;
    const wrapper = this.#resolvedWrapper;
    const genericPrefix = ChatWrapper.defaultSettings.functions.call.prefix;
    const isGeneric = wrapper !== null && String(wrapper.settings.functions.call.prefix) === String(genericPrefix);
    const isJinja = wrapper?.wrapperName === 'JinjaTemplate';
    const notes = [
      isJinja ? `node-llama-cpp has no chat wrapper for ${this.modelName}'s template and renders it as Jinja.` : '',
      isGeneric
        ? `${this.modelName}'s chat template defines no tool-call format node-llama-cpp knows, so tools are offered in node-llama-cpp's generic "||call:" syntax, which the model was not trained on: expect unreliable tool use.`
        : '',
    ].filter((note) => note !== '');
    return {
      ...this.#backend.info,
      gpuLayers: this.#model.gpuLayers,
      totalLayers: blocks + 1,
      chatWrapper: this.chatWrapperName,
      toolCallSyntax: isGeneric ? 'generic' : 'native',
      formatNote: notes.length === 0 ? null : notes.join(' '),
      pathMode: LocalLlamaProvider.pathMode,
    };
  }

  /** Tokens of the context each path runs in. */
  get contextSize(): number {
    return this.#contextSize;
  }

  /**
   * Tokens a transcript takes in a path's context as this model reads it (its chat format, its
   * tokenizer), with the assistant turn that would continue it opened.
   */
  measureTranscript(transcript: Transcript): number {
    assert(!this.#isDisposed, 'a transcript measured after dispose');
    const { history, functions } = startLlamaTurn(transcript, transcript.tools);
    const { contextText } = this.#chatWrapper(transcript.tools).generateContextState({
      chatHistory: history,
      availableFunctions: functions,
    });
    return contextText.tokenize(this.#model.tokenizer).length;
  }

  /** Embeds answers with this model (its embedding context opens on first use and is freed with the provider). */
  get answerEmbedder(): AnswerEmbedder {
    assert(!this.#isDisposed, 'an embedder asked for after dispose');
    this.#embedder ??= new LlamaAnswerEmbedder(this.#model, this.modelName);
    return this.#embedder;
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

  /** Frees every open context, the model, and the backend when the provider opened it. */
  async dispose(): Promise<void> {
    if (this.#isDisposed) return;
    this.#isDisposed = true;
    for (const context of this.#contexts) await context.dispose();
    this.#contexts.clear();
    await this.#embedder?.dispose();
    await this.#model.dispose();
    if (this.#ownsBackend) await this.#backend.dispose();
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
      threads: LocalLlamaProvider.pathMode.threadsPerPath,
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
