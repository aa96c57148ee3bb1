/** What local models run on: the Models screen and the chat header show it. */
export type ComputeBackendInfo = {
  /** `cpu`, or the GPU backend in use. */
  readonly backend: 'cpu' | 'cuda' | 'vulkan' | 'metal';
  /** GPU device names (empty on the CPU). */
  readonly devices: readonly string[];
  /** Why the CPU runs the models although a GPU was asked for (or none was found); null otherwise. */
  readonly fallbackReason: string | null;
  /** Threads llama.cpp may use in all. */
  readonly threads: number;
};

/**
 * How a task's paths run on a local model: each in a llama context of its own with this many
 * threads (what measured fastest on 2 CPU cores, docs/BENCHMARKS.md issue 18), created for the
 * path and freed after it. The Models screen says it.
 */
export type LocalPathMode = {
  readonly kind: 'context-per-path';
  /** llama.cpp threads of each path's context. */
  readonly threadsPerPath: number;
};

/** Where the engine's warm local model stands: the chat header shows it. */
export type WarmModelStatus = {
  /** The GGUF kept loaded (or loading); null when none is. */
  readonly modelPath: string | null;
  readonly state: 'none' | 'loading' | 'ready';
  /** 0..1 while loading, 1 when ready. */
  readonly progress: number;
  /** Tasks running on it now. */
  readonly inUse: number;
  /** Models loaded from disk since the engine started (a turn on the warm model loads none). */
  readonly loadCount: number;
  /** The compute backend once the first model has opened it; null before. */
  readonly backend: ComputeBackendInfo | null;
  /** How the local provider runs a task's paths. */
  readonly pathMode: LocalPathMode;
};
