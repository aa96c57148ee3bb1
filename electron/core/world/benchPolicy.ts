import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import type { BenchCloud } from './createBenchCloud.ts';
import { generateWorldTasks } from './generateWorldTasks.ts';
import { runPolicyBranches, type PolicyBenchTask } from './runPolicyBranches.ts';
import { summarizePolicyBench, type PolicyBenchSummary } from './summarizePolicyBench.ts';

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
};

/**
 * The live evaluation of the escalation policy on held-out world tasks (issue 7, item 4): each
 * task's source paths run to the checkpoint (half the step budget) once, then branch (continue
 * locally, stop, parallel hotswap, selective hotswap; see runPolicyBranches) and the target runs
 * its own paths from the start through the same egress path. Every operating point's cold-start
 * decision picks one measured branch, so the rows (summarizePolicyBench) share their measurements.
 * Task `i`'s paths sample with seeds `seed + 10_000 i + path` (and `+ 1000` after the checkpoint).
 */
export async function benchPolicy(options: BenchPolicyOptions): Promise<BenchPolicyResult> {
  const seed = options.seed ?? 9_000_001;
  const tasks = generateWorldTasks({ seed, count: options.tasks });
  const started = options.clock.now();
  const perTask: PolicyBenchTask[] = [];
  for (const [index, task] of tasks.entries()) {
    const measured = await runPolicyBranches(task, {
      source: options.source,
      cloud: options.cloud,
      paths: options.paths ?? 5,
      seed: seed + 10_000 * index,
      temperature: options.temperature ?? 0.7,
      maxTokens: options.maxTokens ?? 256,
      concurrency: options.concurrency ?? 2,
      clock: options.clock,
      signal: options.signal,
    });
    perTask.push(measured);
    options.onProgress?.({ done: index + 1, total: tasks.length, label: describe(measured) });
  }
  return {
    ...summarizePolicyBench(perTask),
    perTask,
    requestsSent: options.cloud.requestsSent,
    ledgerUsd: options.cloud.ledgerUsd(),
    wallSeconds: (options.clock.now() - started) / 1000,
  };
}

function describe(task: PolicyBenchTask): string {
  const mark = (isCorrect: boolean | undefined): string => (isCorrect === undefined ? '-' : isCorrect ? 'ok' : 'fail');
  const { branches } = task;
  return `${task.taskId}: source ${mark(branches.continue.isCorrect)}, selective ${mark(branches.selective?.isCorrect)}, parallel ${mark(branches.parallel?.isCorrect)}, target ${mark(task.target.isCorrect)}`;
}
