import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { WarmModelStatus } from '#shared/ipc/WarmModel.ts';
import type { Logger } from '#core/ports.ts';
import type { LlamaBackendHolder } from './LlamaBackendHolder.ts';
import { LocalLlamaProvider } from './LocalLlamaProvider.ts';

/** A task's use of a loaded model; `release` when the task ends (the model stays loaded). */
export type WarmModelLease = {
  readonly provider: LocalLlamaProvider;
  /** Whether the model was already loaded when the task asked for it. */
  readonly wasWarm: boolean;
  release(): Promise<void>;
};

/** Timers, injectable so tests can run the idle unload at once. */
export type WarmModelTimers = {
  readonly setTimeout: (callback: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
};

/** Options of {@link WarmModels}; the functions are read at each use, so a settings change applies at once. */
export type WarmModelsOptions = {
  readonly backend: LlamaBackendHolder;
  /** Minutes a model stays loaded with no task on it. Defaults to 10. */
  readonly idleMinutes?: () => number;
  /** Megabytes of GGUF file a model may weigh to be kept loaded; a larger one is freed after its task. Defaults to 8192. */
  readonly memoryLimitMegabytes?: () => number;
  readonly cores?: number;
  readonly logger?: Logger;
  /** Told whenever the status changes (load progress included). */
  readonly onStatus?: (status: WarmModelStatus) => void;
  /** Defaults to the global timers. */
  readonly timers?: WarmModelTimers;
};

type Entry = {
  readonly modelPath: string;
  readonly provider: Promise<LocalLlamaProvider>;
  /** Whether the model stays loaded after its last task (false: over the memory limit). */
  readonly isKept: boolean;
  leases: number;
  progress: number;
  isReady: boolean;
  idleTimer: unknown;
};

const globalTimers: WarmModelTimers = {
  // Unref'd: a warm model waiting to be unloaded must not keep a CLI process alive.
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * Keeps one local model loaded across tasks and chat turns, on the app's one llama backend, so a
 * follow-up does not wait for the model again. Keyed by the GGUF's path: a task on another model
 * unloads the warm one first (switching is explicit: the chat header's choice), unless a task still
 * runs on it, in which case the other model is loaded for that task alone. A model idle for
 * `idleMinutes` is unloaded; one whose file exceeds the memory limit is never kept.
 */
export class WarmModels {
  readonly #options: WarmModelsOptions;
  readonly #timers: WarmModelTimers;
  #entry: Entry | null = null;
  #loads = 0;
  #isDisposed = false;

  constructor(options: WarmModelsOptions) {
    this.#options = options;
    this.#timers = options.timers ?? globalTimers;
  }

  /** Models loaded from disk since the start (a warm turn does not count). */
  get loadCount(): number {
    return this.#loads;
  }

  get status(): WarmModelStatus {
    const entry = this.#entry;
    const backend = this.#backendInfo();
    const pathMode = LocalLlamaProvider.pathMode;
    if (entry === null)
      return { modelPath: null, state: 'none', progress: 0, inUse: 0, loadCount: this.#loads, backend, pathMode };
    return {
      modelPath: entry.modelPath,
      state: entry.isReady ? 'ready' : 'loading',
      progress: entry.isReady ? 1 : entry.progress,
      inUse: entry.leases,
      loadCount: this.#loads,
      backend,
      pathMode,
    };
  }

  #backendInfo(): WarmModelStatus['backend'] {
    const info = this.#options.backend.info;
    if (info === null) return null;
    return { backend: info.backend, devices: info.devices, fallbackReason: info.fallbackReason, threads: info.threads };
  }

  /** The model at `modelPath` for one task, loaded unless it is the warm one. */
  async acquire(modelPath: string, signal?: AbortSignal): Promise<WarmModelLease> {
    const key = path.resolve(modelPath);
    let entry = this.#entry;
    const wasWarm = entry !== null && entry.modelPath === key && entry.isReady;
    if (entry === null || entry.modelPath !== key) {
      if (entry !== null && entry.leases > 0) return await this.#loadOnce(key, signal);
      await this.unload();
      entry = await this.#startLoad(key, signal);
    }
    const current = entry;
    current.leases += 1;
    this.#timers.clearTimeout(current.idleTimer);
    let provider: LocalLlamaProvider;
    try {
      provider = await current.provider;
    } catch (error) {
      current.leases -= 1;
      if (this.#entry === current) this.#entry = null;
      this.#notify();
      throw error;
    }
    this.#notify();
    let isReleased = false;
    return {
      provider,
      wasWarm,
      release: async () => {
        if (isReleased) return;
        isReleased = true;
        current.leases -= 1;
        await this.#afterRelease(current);
      },
    };
  }

  /** Frees the warm model now (the chat header's Unload, or a switch); tasks still on it keep it until they end. */
  async unload(): Promise<void> {
    const entry = this.#entry;
    if (entry === null) return;
    this.#timers.clearTimeout(entry.idleTimer);
    if (entry.leases > 0) return;
    this.#entry = null;
    this.#notify();
    await (await entry.provider.catch(() => null))?.dispose();
  }

  /** Frees the warm model; call after every task ended, before the backend is disposed. */
  async dispose(): Promise<void> {
    this.#isDisposed = true;
    const entry = this.#entry;
    this.#entry = null;
    if (entry === null) return;
    this.#timers.clearTimeout(entry.idleTimer);
    await (await entry.provider.catch(() => null))?.dispose();
  }

  async #startLoad(modelPath: string, signal: AbortSignal | undefined): Promise<Entry> {
    const limitMegabytes = this.#options.memoryLimitMegabytes?.() ?? 8192;
    const size = await stat(modelPath).then(
      (file) => file.size,
      () => 0,
    );
    // The callbacks run after the first await of the load, when `entry` is assigned.
    const entry: Entry = {
      modelPath,
      isKept: size <= limitMegabytes * 1024 * 1024,
      leases: 0,
      progress: 0,
      isReady: false,
      idleTimer: undefined,
      provider: this.#load(modelPath, signal, (progress) => {
        entry.progress = progress;
        if (this.#entry === entry) this.#notify();
      }).then((loaded) => {
        entry.isReady = true;
        return loaded;
      }),
    };
    // A rejection is handled by whoever awaits it; this keeps an unawaited one from being reported.
    entry.provider.catch(() => undefined);
    this.#entry = entry;
    this.#notify();
    return entry;
  }

  /** A model for one task while another task runs on the warm one: freed when the task ends. */
  async #loadOnce(modelPath: string, signal: AbortSignal | undefined): Promise<WarmModelLease> {
    const provider = await this.#load(modelPath, signal, () => undefined);
    return { provider, wasWarm: false, release: async () => await provider.dispose() };
  }

  async #load(
    modelPath: string,
    signal: AbortSignal | undefined,
    onProgress: (progress: number) => void,
  ): Promise<LocalLlamaProvider> {
    this.#loads += 1;
    return await LocalLlamaProvider.load({
      backend: await this.#options.backend.get(),
      modelPath,
      cores: this.#options.cores,
      logger: this.#options.logger,
      signal,
      onLoadProgress: onProgress,
    });
  }

  async #afterRelease(entry: Entry): Promise<void> {
    this.#notify();
    if (entry.leases > 0) return;
    if (this.#entry !== entry || this.#isDisposed) {
      // Superseded or disposed while the task ran: nobody else frees it.
      if (this.#entry !== entry) await (await entry.provider.catch(() => null))?.dispose();
      return;
    }
    if (!entry.isKept) {
      await this.unload();
      return;
    }
    const minutes = this.#options.idleMinutes?.() ?? 10;
    entry.idleTimer = this.#timers.setTimeout(() => {
      if (this.#entry === entry && entry.leases === 0) {
        this.#options.logger?.info('unloaded the idle local model', { model: entry.modelPath, minutes });
        this.unload().catch((error: unknown) => this.#options.logger?.error('unloading failed', { error }));
      }
    }, minutes * 60_000);
  }

  #notify(): void {
    this.#options.onStatus?.(this.status);
  }
}
