import { availableParallelism } from 'node:os';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import type { Logger } from '#core/ports.ts';

/**
 * Which compute backend to ask node-llama-cpp for: `auto` takes the best one the machine offers
 * (CUDA, Metal, Vulkan) and the CPU where there is none; `cpu` forces the CPU; a named GPU backend
 * is tried alone and falls back to the CPU with its reason.
 */
export type LlamaGpuPreference = 'auto' | 'cpu' | 'cuda' | 'vulkan' | 'metal';

/** What the backend runs on, for the Models screen and each turn's details. */
export type LlamaBackendInfo = {
  /** `cpu`, or the GPU backend in use. */
  readonly backend: 'cpu' | 'cuda' | 'vulkan' | 'metal';
  readonly requested: LlamaGpuPreference;
  /** GPU device names node-llama-cpp reports (empty on the CPU). */
  readonly devices: readonly string[];
  /** One line saying why the backend is the CPU although a GPU was asked for; null otherwise. */
  readonly fallbackReason: string | null;
  /** Threads llama.cpp may use in all. */
  readonly threads: number;
};

/** Options of {@link LlamaBackend.open}. */
export type LlamaBackendOptions = {
  /** Defaults to `auto`. */
  readonly gpu?: LlamaGpuPreference;
  /** CPU cores llama.cpp may use in all (getLlama's maxThreads). Defaults to the machine's. */
  readonly cores?: number;
  /** Where llama.cpp's warnings and errors go. Defaults to nowhere. */
  readonly logger?: Logger;
};

function firstLine(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name === error.message ? '' : `${error.name}: `}${error.message}` : String(error);
  return text.split('\n')[0]?.trim() ?? text;
}

/**
 * The one node-llama-cpp `Llama` of an app: the compute backend (a GPU where node-llama-cpp finds
 * one, else the CPU), loaded once and shared by every model the app loads. Nothing is built or
 * downloaded: only the prebuilt binaries that ship with node-llama-cpp are used.
 */
export class LlamaBackend {
  readonly llama: Llama;
  readonly info: LlamaBackendInfo;
  #isDisposed = false;

  private constructor(llama: Llama, info: LlamaBackendInfo) {
    this.llama = llama;
    this.info = info;
  }

  /** Loads the backend; a GPU backend that cannot load falls back to the CPU (said in `info.fallbackReason`). */
  static async open(options: LlamaBackendOptions = {}): Promise<LlamaBackend> {
    const requested = options.gpu ?? 'auto';
    const threads = options.cores ?? availableParallelism();
    const logger = options.logger;
    const load = async (gpu: LlamaGpuPreference | false): Promise<Llama> =>
      await getLlama({
        gpu: gpu === 'cpu' ? false : gpu,
        build: 'never',
        skipDownload: true,
        progressLogs: false,
        // node-llama-cpp's default of max(4, cores) threads made generation ~100x slower on 2 cores.
        maxThreads: threads,
        logLevel: LlamaLogLevel.warn,
        logger: (level, message) => {
          if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) logger?.error(message.trim());
          else if (level === LlamaLogLevel.warn) logger?.warn(message.trim());
        },
      });
    let llama: Llama;
    let fallbackReason: string | null = null;
    try {
      llama = await load(requested);
    } catch (error) {
      if (requested === 'cpu') throw error;
      llama = await load(false);
      fallbackReason = `The ${requested} backend could not load (${firstLine(error)}); running on the CPU.`;
    }
    const backend = llama.gpu === false ? 'cpu' : llama.gpu;
    if (backend === 'cpu' && requested === 'auto')
      fallbackReason =
        'node-llama-cpp found no usable GPU (CUDA, Vulkan or Metal) on this machine; running on the CPU.';
    const devices = backend === 'cpu' ? [] : await llama.getGpuDeviceNames();
    if (fallbackReason !== null) logger?.info(fallbackReason);
    return new LlamaBackend(llama, { backend, requested, devices, fallbackReason, threads });
  }

  /** Whether dispose() has run. */
  get isDisposed(): boolean {
    return this.#isDisposed;
  }

  /** Frees the Llama; every model loaded on it must be disposed first. */
  async dispose(): Promise<void> {
    if (this.#isDisposed) return;
    this.#isDisposed = true;
    await this.llama.dispose();
  }
}
