import type { TaskSummary } from '../domain.ts';
import type { CheckpointAction, DecisionExplanation, TaskEvent } from '../taskEvents.ts';
import type { ComputeBackendInfo, LocalPathMode } from './WarmModel.ts';

/** One recorded tool call of a path. */
export type TaskDetailStep = {
  readonly step: number;
  readonly tool: string;
  readonly arguments: unknown;
  /** The tool's result as recorded (JSON text for structured results). */
  readonly result: string | null;
  /** The provider that made the call; null in rows recorded before providers were kept. */
  readonly provider: string | null;
  readonly at: number;
};

/** One recorded self-consistency path. */
export type TaskDetailPath = {
  readonly index: number;
  /** The provider the path started on. */
  readonly provider: string;
  readonly status: 'running' | 'answered' | 'exhausted' | 'stopped' | 'migrated';
  readonly answer: string | null;
  /** The provider the path migrated to at a checkpoint and finished on, if it did. */
  readonly migratedTo: string | null;
  /** Whether a request of this path left the machine (the egress log has it). */
  readonly ranOnCloud: boolean;
  /**
   * The answer the task's vote counted this path under: its group's representative, as the live vote
   * showed it. Null when the path did not vote, and for tasks recorded before votes were kept.
   */
  readonly voteGroup: string | null;
  /** The path's answer group by meaning at the first checkpoint (`meaning:<key>`), null for none. */
  readonly answerGroup: string | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly steps: readonly TaskDetailStep[];
};

/** One recorded checkpoint decision, with the explanation shown when it was taken. */
export type TaskDetailDecision = {
  readonly checkpoint: number;
  readonly action: CheckpointAction;
  readonly decidedBy: string;
  readonly failureProbability: number | null;
  readonly at: number;
  /** Null for rows recorded without one. */
  readonly explanation:
    (DecisionExplanation & { readonly migratedPaths?: readonly number[]; readonly checkpointAt?: number }) | null;
};

/** The failure estimate after a step, as the live view drew it (History redraws the chart). */
export type TaskDetailPrediction = Omit<Extract<TaskEvent, { type: 'prediction' }>, 'type' | 'taskId'>;

/** One charge of the task in the cost ledger. */
export type TaskDetailCharge = {
  readonly provider: string;
  readonly model: string;
  readonly pathIndex: number | null;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly at: number;
};

/** What a task's local paths ran on, as the local provider reported it when the task ran. */
export type TaskLocalRun = {
  /** `cpu`, or the GPU backend node-llama-cpp ran the model on. */
  readonly backend: ComputeBackendInfo['backend'];
  /** What was asked for: `auto` (a GPU where there is one), `cpu` (Settings force it) or a named GPU backend. */
  readonly requested: 'auto' | ComputeBackendInfo['backend'];
  /** Layers offloaded to the GPU (0 on the CPU), of `totalLayers`. */
  readonly gpuLayers: number;
  readonly totalLayers: number;
  /** Why the CPU ran the model although a GPU was asked for; null otherwise. */
  readonly fallbackReason: string | null;
  readonly pathMode: LocalPathMode;
};

/** A recorded task as `task:get` returns it: what History reopens. */
export type TaskDetail = {
  readonly task: TaskSummary & {
    readonly strategy: 'parallel' | 'sequential';
    readonly isLowConfidence: boolean;
    /** Null for tasks recorded before this was kept, and for a task that ended before its model loaded. */
    readonly localRun: TaskLocalRun | null;
  };
  readonly paths: readonly TaskDetailPath[];
  readonly decisions: readonly TaskDetailDecision[];
  /** Empty for tasks recorded before estimates were kept. */
  readonly predictions: readonly TaskDetailPrediction[];
  readonly charges: readonly TaskDetailCharge[];
};
