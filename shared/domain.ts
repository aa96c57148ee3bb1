/**
 * Domain types shared by the engine and the renderer. Plain data only: these cross the IPC
 * boundary as structured clones (Electron) or JSON (the web host).
 */

/** What may leave the machine for a profile. */
export type PrivacyMode = 'local-only' | 'ask' | 'auto-redact';

/** Every PrivacyMode, in the order the UI offers them. */
export const privacyModes: readonly PrivacyMode[] = ['local-only', 'ask', 'auto-redact'];

/** One person's space on the workstation: policy, caps, history and predictor data. */
export type Profile = {
  readonly id: string;
  readonly name: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly privacyMode: PrivacyMode;
  readonly isActive: boolean;
};

/** Spending caps in US dollars; null means no cap. */
export type BudgetCaps = {
  readonly perTaskUsd: number | null;
  /** Resets at 00:00 UTC. */
  readonly dailyUsd: number | null;
  /** Resets on the first of the month, 00:00 UTC. */
  readonly monthlyUsd: number | null;
};

/** One charge in the cost ledger. */
export type LedgerEntry = {
  readonly id: number;
  readonly taskId: string | null;
  readonly provider: string;
  readonly model: string;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly at: number;
};

/** What the Budget screen shows for the active profile. */
export type BudgetSummary = {
  readonly caps: BudgetCaps;
  readonly spentThisMonthUsd: number;
  readonly spentTotalUsd: number;
  /** Null when there is no monthly cap. */
  readonly remainingThisMonthUsd: number | null;
  readonly recent: readonly LedgerEntry[];
};

/** One request that left the machine, as the egress audit log recorded it. */
export type EgressRecord = {
  readonly id: number;
  readonly at: number;
  readonly profileId: string;
  readonly taskId: string | null;
  readonly provider: string;
  readonly endpoint: string;
  readonly bytesSent: number;
  readonly redactionCount: number;
  /** How the request was allowed: by the automatic policy or by the user's approval. */
  readonly allowedBy: 'policy' | 'user';
  /** The cloud model the request was for. */
  readonly model: string | null;
  /** What was redacted, by entity type: counts only, never the originals. */
  readonly redactions: Readonly<Record<string, number>>;
  /** Usage of the cloud call the request belonged to, on its last request; null on the others. */
  readonly tokensIn: number | null;
  readonly tokensOut: number | null;
  readonly costUsd: number | null;
};

/** The privacy view of the active profile. */
export type PrivacyPolicy = {
  readonly profileId: string;
  readonly mode: PrivacyMode;
  readonly egressCount: number;
};

/** Lifecycle of a task; `interrupted`: the process running it ended (killed, crashed) before the task did. */
export type TaskStatus = 'running' | 'succeeded' | 'failed' | 'stopped' | 'cancelled' | 'interrupted';

/** A task as the History screen lists it. */
export type TaskSummary = {
  readonly id: string;
  readonly profileId: string;
  readonly prompt: string;
  readonly status: TaskStatus;
  readonly answer: string | null;
  readonly pathCount: number;
  readonly stepCount: number;
  readonly costUsd: number;
  readonly createdAt: number;
  readonly finishedAt: number | null;
  /** Whether a request of the task left the machine for a cloud provider (the egress log has it). */
  readonly isEscalated: boolean;
};

/** How the History screen narrows the task list; every field is optional. */
export type TaskFilter = {
  /** Words that must all appear in the question or the answer (any case). */
  readonly query?: string | undefined;
  readonly status?: TaskStatus | undefined;
  /** true: only tasks with a cloud escalation; false: only tasks that stayed local. */
  readonly escalated?: boolean | undefined;
  /** Created at or after (ms since the epoch). */
  readonly from?: number | undefined;
  /** Created before (ms since the epoch). */
  readonly to?: number | undefined;
};

/** A GGUF model file the app can see. */
export type ModelEntry = {
  readonly path: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  /** Where it was found: shipped in models/, or in the user's models folder. */
  readonly source: 'bundled' | 'user';
  /** From the GGUF header; null when the header could not be read (see `problem`). */
  readonly architecture: string | null;
  readonly name: string | null;
  readonly contextLength: number | null;
  /** Why the file is unusable, in words a person can act on; null when it reads fine. */
  readonly problem: string | null;
};

/** A saved failure-predictor checkpoint. */
export type PredictorCheckpoint = {
  readonly file: string;
  readonly version: number;
  /** The step count k this checkpoint predicts at. */
  readonly k: number;
  readonly trainedAt: string | null;
  /** Cross-validated scores stored with the checkpoint when it was trained with evaluation. */
  readonly evaluation: PredictorScore | null;
};

/** A checkpoint's cross-validated scores (test folds pooled) and ROC curve. */
export type PredictorScore = {
  /** What it was measured on, e.g. `autofl-d4j-gpt35.jsonl, 5 folds by task, seed 42`. */
  readonly data: string;
  readonly tasks: number;
  readonly accuracy: number;
  readonly rocAuc: number;
  readonly averagePrecision: number;
  readonly precision: number;
  readonly recall: number;
  readonly statsBaselineAccuracy: number;
  readonly majorityAccuracy: number;
  readonly rocCurve: readonly { readonly fpr: number; readonly tpr: number }[];
};

/** One retrained version of the active profile's predictor, with its held-out scores. */
export type PredictorVersion = {
  readonly version: number;
  readonly trainedAt: string | null;
  readonly trainTasks: number;
  readonly heldOutTasks: number;
  /** The candidate's ROC-AUC and accuracy on held-out history. */
  readonly rocAuc: number;
  readonly accuracy: number;
  /** The then-active model's ROC-AUC on the same held-out tasks; null when there was none. */
  readonly previousRocAuc: number | null;
  /** Whether it beat the model before it; a rejected version is kept but never used. */
  readonly isAccepted: boolean;
  readonly isActive: boolean;
};

/** What a retraining did: the new version and whether it replaced the old one. */
export type RetrainOutcome = {
  readonly k: number;
  readonly mode: 'parallel' | 'sequential';
  readonly version: PredictorVersion;
};

/** What the Predictor screen shows. */
export type PredictorStatus = {
  readonly checkpoints: readonly PredictorCheckpoint[];
  /** Versions retrained from the active profile's history (parallel mode, k = 5), newest first. */
  readonly versions: readonly PredictorVersion[];
  /** Finished tasks of the active profile, usable as training labels. */
  readonly labelledTasks: number;
  readonly problems: readonly string[];
};

/** App-wide settings. */
export type Settings = {
  readonly theme: 'system' | 'light' | 'dark';
  /** Self-consistency paths per task. Defaults to 5. */
  readonly pathsPerTask: number;
  /** Tool-call budget of one path. Defaults to 10. */
  readonly stepBudget: number;
  /** llama.cpp threads; 0 means one per core. Defaults to 0. */
  readonly localThreads: number;
  /**
   * Where local models run: `auto` takes a GPU where node-llama-cpp finds one (CUDA, Metal, Vulkan)
   * and falls back to the CPU; `cpu` forces the CPU. Applies from the next start. Defaults to `auto`.
   */
  readonly localGpu: 'auto' | 'cpu';
  /** Seconds a cloud response may stay silent (before it starts, between chunks). Defaults to 30. */
  readonly cloudIdleTimeoutSeconds: number;
  /** Seconds one cloud request may take in all. Defaults to 180. */
  readonly cloudTotalTimeoutSeconds: number;
  /** Megabytes one cloud response may carry. Defaults to 8. */
  readonly cloudMaxResponseMegabytes: number;
  /** Minutes the local model stays loaded with no turn on it. Defaults to 10. */
  readonly localModelIdleMinutes: number;
  /** Megabytes of GGUF a local model may weigh to stay loaded between turns. Defaults to 8192. */
  readonly localModelMemoryLimitMegabytes: number;
  /**
   * Ends local paths unlikely to be right and starts no more once an answer is settled (the
   * engine's earlyTermination), for world tasks in parallel with no cloud to hand over to, where it
   * was measured. Defaults to true: on the bench world it used 37-40% fewer local tokens and was
   * right 1.5-3.5 points more often than running every path (docs/BENCHMARKS.md).
   */
  readonly endUnlikelyPathsEarly: boolean;
};

/** Facts about the running app, for Settings and diagnostics. */
export type AppInfo = {
  readonly version: string;
  readonly host: 'electron' | 'web' | 'cli';
  readonly versions: { readonly node: string; readonly electron: string | null; readonly chrome: string | null };
  readonly dataDir: string;
  readonly databasePath: string;
  readonly schemaVersion: number;
  readonly cores: number;
};

/** A cloud endpoint the person added; its API key lives in the host's secret store, never here. */
export type CloudProviderEntry = {
  readonly id: string;
  readonly name: string;
  readonly api: 'openai' | 'anthropic';
  readonly baseUrl: string;
  readonly model: string;
  /** USD per million tokens; null: the default price table's entry for the model. */
  readonly inputPerMillion: number | null;
  readonly outputPerMillion: number | null;
  /** Whether a key is stored for it (the key itself never leaves the engine). */
  readonly hasKey: boolean;
  /** Whether the active profile's tasks escalate to it when they name no provider. */
  readonly isDefault: boolean;
};
