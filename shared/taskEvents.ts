/**
 * What a running task reports, in order, for the UI's lanes and the history. Plain data; every
 * event names its task. Paths are numbered from 0; steps within a path from 1.
 */

/** Which decision a checkpoint took. */
export type CheckpointAction = 'continue' | 'stop' | 'escalate-parallel' | 'escalate-sequential' | 'escalate-selective';

/** Why a checkpoint decided as it did: the facts the UI and the record show. */
export type DecisionExplanation = {
  /** Who decided: the trained predictor and policy, the cold-start fallback, or a fixed rule. */
  readonly decidedBy: string;
  /** Predicted probability that the task fails, or null when nothing predicted it. */
  readonly failureProbability: number | null;
  /** The threshold the probability was compared with, when there was one. */
  readonly threshold: number | null;
  /** One sentence for people. */
  readonly reason: string;
  /** Everything else that applied (expected costs, budget left, privacy mode ...). */
  readonly facts: Readonly<Record<string, string | number | boolean | null>>;
};

/**
 * Why an escalation of a path stayed local: the person denied it, a budget cap blocked it, the
 * privacy policy refused it, or the cloud provider failed (unreachable, rejected, timed out).
 */
export type FallbackReason = 'denied' | 'cap' | 'policy' | 'provider-failed';

export type TaskEvent =
  | {
      readonly type: 'task-started';
      readonly taskId: string;
      readonly prompt: string;
      readonly paths: number;
      readonly strategy: 'parallel' | 'sequential';
      readonly at: number;
    }
  | {
      readonly type: 'path-started';
      readonly taskId: string;
      readonly path: number;
      readonly provider: string;
      readonly locality: 'local' | 'cloud';
      readonly at: number;
    }
  | { readonly type: 'token'; readonly taskId: string; readonly path: number; readonly text: string }
  | {
      readonly type: 'step';
      readonly taskId: string;
      readonly path: number;
      readonly step: number;
      readonly tool: string;
      readonly arguments: unknown;
      readonly result: unknown;
      readonly provider: string;
      readonly at: number;
    }
  | {
      readonly type: 'path-finished';
      readonly taskId: string;
      readonly path: number;
      readonly status: 'answered' | 'exhausted' | 'stopped' | 'failed';
      readonly answer: string | null;
      readonly provider: string;
      readonly at: number;
    }
  | {
      readonly type: 'checkpoint';
      readonly taskId: string;
      /** The decision's number in the task (1 for the first). */
      readonly checkpoint: number;
      /**
       * Where it was taken: steps per path (parallel) or complete paths (sequential). The engine
       * always says; decisions recorded before it was kept replay without it.
       */
      readonly checkpointAt?: number;
      readonly action: CheckpointAction;
      /** The paths handed to another provider (all, the remaining, or the m chosen). */
      readonly migratedPaths: readonly number[];
      readonly explanation: DecisionExplanation;
      readonly at: number;
    }
  | {
      /**
       * The failure estimate after a step: what the checkpoint would decide on if it came now,
       * with the threshold it would compare against. The UI draws it over the steps.
       */
      readonly type: 'prediction';
      readonly taskId: string;
      /** Steps taken over all paths so far. */
      readonly step: number;
      readonly failureProbability: number;
      readonly threshold: number;
      readonly decidedBy: string;
      readonly at: number;
    }
  | {
      /** A cloud continuation failed; the path went on (or ended) locally. */
      readonly type: 'fallback';
      readonly taskId: string;
      readonly path: number;
      readonly message: string;
      /** Why it stayed on (or went back to) this computer; older records lack it. */
      readonly reason?: FallbackReason;
      readonly at: number;
    }
  | {
      readonly type: 'charge';
      readonly taskId: string;
      readonly path: number;
      readonly provider: string;
      /** Cloud charges are written to the ledger by the budget guard when they settle. */
      readonly locality: 'local' | 'cloud';
      readonly model: string;
      readonly tokensIn: number;
      readonly tokensOut: number;
      readonly costUsd: number;
      readonly at: number;
    }
  | {
      readonly type: 'vote';
      readonly taskId: string;
      /** Normalised answer -> the paths that gave it, most votes first. */
      readonly tally: readonly { readonly answer: string; readonly paths: readonly number[] }[];
      readonly winner: string | null;
      readonly at: number;
    }
  | {
      readonly type: 'task-finished';
      readonly taskId: string;
      readonly status: 'answered' | 'no-answer' | 'stopped' | 'cancelled' | 'failed';
      readonly answer: string | null;
      /** True when the answer was stopped early or has little support. */
      readonly isLowConfidence: boolean;
      readonly costUsd: number;
      readonly at: number;
    };
