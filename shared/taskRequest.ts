/** What a hotswap can hand the stronger model for a migrated path (see TaskRequest.handover). */
export const handoverKinds = ['transcript', 'restart', 'digest', 'transcript-full', 'continue'] as const;

/** One of {@link handoverKinds}. */
export type HandoverKind = (typeof handoverKinds)[number];

/**
 * The handover of a task that names none, and the one the Tasks form preselects: `restart`, the best
 * success per dollar measured live (why: electron/core/agent/handover.ts, docs/BENCHMARKS.md).
 */
export const defaultHandover: HandoverKind = 'restart';

/** A cloud endpoint a task may escalate to. */
export type CloudEndpoint = {
  /** `openai`: any OpenAI-compatible chat-completions API; `anthropic`: the messages API. */
  readonly api: 'openai' | 'anthropic';
  /** The API root, e.g. `https://api.openai.com/v1` (OpenAI) or `https://api.anthropic.com` (Anthropic). */
  readonly baseUrl: string;
  readonly model: string;
  /** The key, from the host's secret store; never stored in SQLite. */
  readonly apiKey?: string;
};

/** What a person asks the engine to run. */
export type TaskRequest = {
  /** The question or task. One of `prompt` and `worldTask` is required. */
  readonly prompt?: string;
  /** A bench-world task by index (the `bench world` held-out tasks), checked by its verifier. */
  readonly worldTask?: number;
  /**
   * Folders the person granted for this task: its paths may list, read and search files in them,
   * read-only, and nothing outside. Defaults to none. Ignored for world tasks.
   */
  readonly grantedFolders?: readonly string[];
  /** Defaults to the settings' paths per task. */
  readonly paths?: number;
  /** Defaults to `parallel`. */
  readonly strategy?: 'parallel' | 'sequential';
  /** Tool calls per path. Defaults to the world task's budget, else the settings' step budget. */
  readonly stepBudget?: number;
  /** Steps (parallel) or complete paths (sequential) before the checkpoint. Defaults to half the budget, or 2 paths. */
  readonly checkpoint?: number;
  /** `auto`: the policy decides at the checkpoint; `never` and `always` fix it. Defaults to `auto`. */
  readonly escalation?: 'never' | 'auto' | 'always';
  /**
   * Where the policy sits between saving and answer quality: `save-most`, `save-more`, `balanced`,
   * `better-answers`, `best-answers`. Defaults to `balanced`.
   */
  readonly operatingPoint?: 'save-most' | 'save-more' | 'balanced' | 'better-answers' | 'best-answers';
  /** The hotswap mode of the parallel strategy; without it the policy picks parallel or selective. */
  readonly hotswap?: 'parallel' | 'selective';
  /** Paths a selective hotswap hands over. Defaults to 1. */
  readonly selectCount?: number;
  /**
   * What a hotswap sends the cloud for a migrated path: `transcript` (the path's work so far and the
   * handoff note, with the rest of its budget: the in-flight context migrates), `restart` (the
   * question alone with the whole budget: only the question leaves the machine, the local work is
   * dropped), `digest` (the question and the executed calls with their results), `transcript-full`
   * (the transcript with the whole budget) or `continue` (the question, the executed calls with their
   * results and a note to check them and go on from the last sound one, with the whole budget).
   * Defaults to {@link defaultHandover} (`restart`).
   */
  readonly handover?: HandoverKind;
  /** The local GGUF. Defaults to the bundled source fixture model. */
  readonly localModel?: string;
  /**
   * A configured cloud provider (Models > Cloud providers), with its stored key and prices; null: none,
   * the task stays local. Defaults to the profile's default provider when `cloud` is not given either.
   */
  readonly cloudProviderId?: string | null;
  /** Where an escalation goes when no `cloudProviderId` is given; without either the task stays local. */
  readonly cloud?: CloudEndpoint;
  /** Sampling seed of path 0 (path i uses seed + i). Defaults to 1. */
  readonly seed?: number;
  readonly temperature?: number;
  /** Tokens one path may write. Defaults to 256. */
  readonly maxTokens?: number;
};
