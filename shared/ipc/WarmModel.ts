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
};
