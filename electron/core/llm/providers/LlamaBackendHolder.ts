import { LlamaBackend, type LlamaBackendInfo, type LlamaBackendOptions } from './LlamaBackend.ts';

/**
 * Owns the app's one llama backend: opened on first use with the options then in force (a GPU
 * preference changed in settings applies from the next start), shared by every model the app loads,
 * and disposed with the engine. A failed open is not kept: the next use tries again.
 */
export class LlamaBackendHolder {
  readonly #options: () => LlamaBackendOptions;
  #backend: Promise<LlamaBackend> | null = null;
  #info: LlamaBackendInfo | null = null;

  /** `options` is read at the first use, e.g. `() => ({ gpu: settings.llamaGpu, cores, logger })`. */
  constructor(options: () => LlamaBackendOptions) {
    this.#options = options;
  }

  /** What the backend runs on once it has opened; null before (or after a failed open). */
  get info(): LlamaBackendInfo | null {
    return this.#info;
  }

  /** The backend, opened on the first call. */
  async get(): Promise<LlamaBackend> {
    this.#backend ??= LlamaBackend.open(this.#options()).then(
      (backend) => {
        this.#info = backend.info;
        return backend;
      },
      (error: unknown) => {
        this.#backend = null;
        throw error;
      },
    );
    return await this.#backend;
  }

  /** Frees the backend if it was opened; every model loaded on it must be disposed first. */
  async dispose(): Promise<void> {
    const backend = this.#backend;
    this.#backend = null;
    this.#info = null;
    if (backend !== null) await (await backend.catch(() => null))?.dispose();
  }
}
