import { defaultHandover, type HandoverKind } from '#core/agent/handover.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import type { BenchCloud } from './createBenchCloud.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { measureLocalVariants } from './earlyTerminationRows.ts';
import { runPolicyBranches, type PolicyBenchTask } from './runPolicyBranches.ts';
import {
  summarizePolicyBench,
  type PolicyBenchSummary,
  type SummarizePolicyBenchOptions,
} from './summarizePolicyBench.ts';
import { trainWorldPredictor, type TrainWorldPredictorOptions } from './trainWorldPredictor.ts';
import { InvalidRequestError } from '#core/errors.ts';
import type { EscalationThresholds } from '#core/policy/calibrateThresholds.ts';
import type { ModeThresholds } from '#core/tasks/policyCheckpoint.ts';

/** Options of {@link benchPolicy}. */
export type BenchPolicyOptions = {
  /** The local model every path starts on. */
  readonly source: ChatProvider;
  /** The "cloud": the target behind the egress path (see createBenchCloud). */
  readonly cloud: BenchCloud;
  /** Held-out tasks to run. */
  readonly tasks: number;
  /** Task seed, apart from the training seeds (the `bench world` and `run --world` tasks). Defaults to 9_000_001. */
  readonly seed?: number;
  /** Self-consistency paths per task, on the source and on the target. Defaults to 5. */
  readonly paths?: number;
  /** Defaults to 0.7. */
  readonly temperature?: number;
  /** Tokens one path may write in all. Defaults to 256 (as a live task). */
  readonly maxTokens?: number;
  /** Paths running at once (one core each locally; the model server's own limit applies too). Defaults to 2. */
  readonly concurrency?: number;
  /** What a hotswap hands the target for a migrated path (runTask's option, also in training). Defaults to runTask's (`defaultHandover`, `restart`). */
  readonly handover?: HandoverKind;
  /** The handovers measured as every task's selective hotswap (`handover:<kind>` rows). Defaults to all. */
  readonly handoverKinds?: readonly HandoverKind[];
  /** The local price and the random draws of the table (summarizePolicyBench's defaults). */
  readonly summary?: SummarizePolicyBenchOptions;
  /**
   * Decide with a world failure predictor trained first on other tasks (trainWorldPredictor), its
   * thresholds calibrated on those tasks only. Defaults to none: the cold-start agreement decides.
   */
  readonly training?: Pick<TrainWorldPredictorOptions, 'tasks' | 'seed' | 'scoreKind' | 'folds' | 'l2' | 'modeChoice'>;
  /** Times every part. */
  readonly clock: Clock;
  /** Called after each task. */
  readonly onProgress?: (progress: { done: number; total: number; label: string }) => void;
  readonly signal?: AbortSignal;
};

/** The table, the measurements it came from, and what left the machine. */
export type BenchPolicyResult = PolicyBenchSummary & {
  readonly perTask: readonly PolicyBenchTask[];
  /** Requests that passed the egress gate. */
  readonly requestsSent: number;
  /** What the ledger settled for the cloud, in USD (every branch, including ones no row takes). */
  readonly ledgerUsd: number;
  readonly wallSeconds: number;
  /** What training saw, when the bench decided with a trained predictor (its requests are not in requestsSent). */
  readonly training?: {
    readonly tasks: number;
    readonly sourceFailures: number;
    readonly thresholds: EscalationThresholds;
    /** Each mode's thresholds per point, when the hotswap mode is chosen per task. */
    readonly modeThresholds?: ModeThresholds;
    readonly ledgerUsd: number;
    readonly wallSeconds: number;
  };
};

/**
 * The live evaluation of the escalation policy on held-out world tasks (issue 7, item 4): each
 * task's source paths run to the checkpoint (half the step budget) once, then branch (continue
 * locally, stop, parallel hotswap, selective hotswap, and the selective hotswap with each handover
 * kind; see runPolicyBranches) and the target runs its own paths from the start through the same
 * egress path. Every operating point's decision (the
 * cold-start agreement, or with `training` the world predictor trained and calibrated first on other
 * tasks) picks one measured branch, so the rows (summarizePolicyBench) share their measurements.
 * Task `i`'s paths sample with seeds `seed + 10_000 i + path` (and `+ 1000` after the checkpoint).
 */
export async function benchPolicy(options: BenchPolicyOptions): Promise<BenchPolicyResult> {
  const seed = options.seed ?? 9_000_001;
  const tasks = generateWorldTasks({ seed, count: options.tasks });
  const shared = {
    source: options.source,
    cloud: options.cloud,
    paths: options.paths ?? 5,
    temperature: options.temperature ?? 0.7,
    maxTokens: options.maxTokens ?? 256,
    concurrency: options.concurrency ?? 2,
    handover: options.handover ?? defaultHandover,
    clock: options.clock,
    signal: options.signal,
  };
  let trained: Awaited<ReturnType<typeof trainWorldPredictor>> | null = null;
  let training: BenchPolicyResult['training'];
  if (options.training !== undefined) {
    const trainingSeed = options.training.seed ?? 5_000_001;
    if (trainingSeed === seed)
      throw new InvalidRequestError(`The training seed must differ from the bench seed (${seed}); pick another one.`);
    const trainingStarted = options.clock.now();
    const ledgerBefore = options.cloud.ledgerUsd();
    trained = await trainWorldPredictor({
      ...shared,
      ...options.training,
      // A question the bench asks too is left out of training (equal expressions from two seeds).
      excludeQuestions: new Set(tasks.map((task) => task.question)),
      onProgress: ({ done, total }) => options.onProgress?.({ done, total, label: `training ${done}/${total}` }),
    });
    training = {
      tasks: trained.tasks.length,
      sourceFailures: trained.tasks.filter((task) => task.isSourceFailure).length,
      thresholds: trained.predictor.thresholds,
      ...(trained.predictor.modeThresholds === undefined ? {} : { modeThresholds: trained.predictor.modeThresholds }),
      ledgerUsd: options.cloud.ledgerUsd() - ledgerBefore,
      wallSeconds: (options.clock.now() - trainingStarted) / 1000,
    };
  }
  const requestsBefore = options.cloud.requestsSent;
  const ledgerBefore = options.cloud.ledgerUsd();
  const started = options.clock.now();
  const perTask: PolicyBenchTask[] = [];
  for (const [index, task] of tasks.entries()) {
    const measured = await runPolicyBranches(task, {
      ...shared,
      seed: seed + 10_000 * index,
      ...(options.handoverKinds === undefined ? {} : { handoverKinds: options.handoverKinds }),
      ...(trained === null ? {} : { predictor: trained.predictor }),
    });
    perTask.push(measured);
    options.onProgress?.({ done: index + 1, total: tasks.length, label: describe(measured) });
  }
  // prune@<n> and esc rows (issue 19.6): the same local paths, measured leg by leg and replayed.
  const variants = await measureLocalVariants({ ...shared, tasks, seed });
  for (const [index, task] of perTask.entries())
    perTask[index] = { ...task, localVariants: { ...task.localVariants, ...variants[index] } };
  return {
    ...summarizePolicyBench(perTask, options.summary),
    perTask,
    requestsSent: options.cloud.requestsSent - requestsBefore,
    ledgerUsd: options.cloud.ledgerUsd() - ledgerBefore,
    wallSeconds: (options.clock.now() - started) / 1000,
    ...(training === undefined ? {} : { training }),
  };
}

function describe(task: PolicyBenchTask): string {
  const mark = (isCorrect: boolean | undefined): string => (isCorrect === undefined ? '-' : isCorrect ? 'ok' : 'fail');
  const { branches } = task;
  return `${task.taskId}: source ${mark(branches.continue.isCorrect)}, selective ${mark(branches.selective?.isCorrect)}, parallel ${mark(branches.parallel?.isCorrect)}, target ${mark(task.target.isCorrect)}`;
}
