/**
 * The defaults of a model request, decided here only: the engine's tasks, the path runner, the
 * local and cloud providers and the egress escalation all read them from this object.
 */
export const requestDefaults = {
  /** Tokens a path (or one continuation of it) may write in all. */
  maxTokens: 256,
  /** Sampling temperature. */
  temperature: 0.7,
} as const;
