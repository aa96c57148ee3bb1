import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import type { BenchCloud } from './createBenchCloud.ts';
import { measureEarlyTermination, type MeasuredTask } from './measureEarlyTermination.ts';
import { replayAllPaths, replayEsc, replayPrune, type ReplayOutcome } from './replayEarlyTermination.ts';
import type { BranchOutcome } from './runPolicyBranches.ts';

/** The rule points `bench prune` and `bench policy` report. */
export type EarlyTerminationPoints = {
  /** Paths started together (runParallel's waves): the engine's concurrency. Defaults to 2. */
  readonly waveSize?: number;
  /** `prune@<n>`: settled once n kept answers agree. Defaults to 1, 2 and 3. */
  readonly settleVotes?: readonly number[];
  /** ESC windows; the first is the `esc` row, the others `esc@<w>`. Defaults to 2, then 1, 3 and 4. */
  readonly escWindows?: readonly number[];
};

/** One row: a rule's totals over the tasks. */
export type EarlyTerminationRow = {
  readonly name: string;
  /** Share of tasks whose vote is right, 0..1. */
  readonly success: number;
  /** Local prompt + output tokens. */
  readonly localTokens: number;
  readonly localTokensOut: number;
  /** Model time of the legs that ran, summed (one path at a time), in seconds. */
  readonly modelSeconds: number;
  /** Paths started per task, on average. */
  readonly pathsPerTask: number;
};

type Rule = { readonly name: string; readonly replay: (task: MeasuredTask) => ReplayOutcome };

function rulesOf(points: EarlyTerminationPoints): Rule[] {
  const waveSize = points.waveSize ?? 2;
  const windows = points.escWindows ?? [2, 1, 3, 4];
  return [
    { name: 'all-paths', replay: replayAllPaths },
    ...(points.settleVotes ?? [1, 2, 3]).map((settleVotes) => ({
      name: `prune@${settleVotes}`,
      replay: (task: MeasuredTask) => replayPrune(task, { settleVotes, waveSize }),
    })),
    ...windows.map((window, index) => ({
      name: index === 0 ? 'esc' : `esc@${window}`,
      replay: (task: MeasuredTask) => replayEsc(task, window),
    })),
  ];
}

/** Each rule's totals on the measured tasks, all-paths first. */
export function earlyTerminationRows(
  tasks: readonly MeasuredTask[],
  points: EarlyTerminationPoints = {},
): EarlyTerminationRow[] {
  return rulesOf(points).map(({ name, replay }) => {
    const outcomes = tasks.map(replay);
    const sum = (pick: (outcome: ReplayOutcome) => number): number =>
      outcomes.reduce((total, outcome) => total + pick(outcome), 0);
    const count = Math.max(1, tasks.length);
    return {
      name,
      success: sum((outcome) => (outcome.isCorrect ? 1 : 0)) / count,
      localTokens: sum((outcome) => outcome.localTokens),
      localTokensOut: sum((outcome) => outcome.localTokensOut),
      modelSeconds: sum((outcome) => outcome.milliseconds) / 1000,
      pathsPerTask: sum((outcome) => outcome.pathsRun) / count,
    };
  });
}

/**
 * ESC's success at `tokens`, on the straight lines between its measured points (and no paths at
 * all: 0 tokens, 0 success); a mix of two windows task by task reaches any point on them. Null
 * above its dearest point.
 */
export function escSuccessAt(rows: readonly EarlyTerminationRow[], tokens: number): number | null {
  const points = [
    { tokens: 0, success: 0 },
    ...rows
      .filter((row) => row.name === 'esc' || row.name.startsWith('esc@') || row.name === 'all-paths')
      .map((row) => ({ tokens: row.localTokens, success: row.success })),
  ].sort((a, b) => a.tokens - b.tokens);
  // The upper envelope: a dearer point that does worse is never the comparison.
  let best: number | null = null;
  for (let index = 1; index < points.length; index += 1) {
    const low = points[index - 1];
    const high = points[index];
    if (low === undefined || high === undefined || tokens < low.tokens || tokens > high.tokens) continue;
    const share = high.tokens === low.tokens ? 1 : (tokens - low.tokens) / (high.tokens - low.tokens);
    const success = low.success + share * (high.success - low.success);
    best = best === null ? success : Math.max(best, success);
  }
  return best;
}

/**
 * `bench policy`'s local variants of one task (its `localVariants` hook): each rule's whole local
 * run as a branch outcome, local tokens priced by `localUsd`.
 */
export function earlyTerminationVariants(
  task: MeasuredTask,
  localUsd: (tokensIn: number, tokensOut: number) => number,
  points: EarlyTerminationPoints = {},
): Record<string, BranchOutcome> {
  const variants: Record<string, BranchOutcome> = {};
  for (const { name, replay } of rulesOf(points)) {
    if (name === 'all-paths' || name.startsWith('esc@')) continue;
    const outcome = replay(task);
    variants[name] = {
      isCorrect: outcome.isCorrect,
      answer: outcome.answer,
      costUsd: localUsd(outcome.localTokens - outcome.localTokensOut, outcome.localTokensOut),
      localTokens: outcome.localTokens,
      milliseconds: outcome.milliseconds,
      cloudPaths: 0,
      fallbacks: 0,
    };
  }
  return variants;
}

/** What {@link measureLocalVariants} needs: bench policy's own settings. */
export type LocalVariantOptions = {
  readonly source: ChatProvider;
  readonly cloud: Pick<BenchCloud, 'pricing'>;
  readonly tasks: readonly WorldTask[];
  /** bench policy's seed (task `i` runs with `seed + 10_000 i`, as its branches do). */
  readonly seed: number;
  readonly paths: number;
  readonly temperature: number;
  readonly maxTokens: number;
  /** Prune's wave size: bench policy's concurrency. */
  readonly concurrency: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
};

/**
 * For `bench policy`: measures every local path of its tasks to the end through runTask (the same
 * seeds as its `continue` branch, so the same paths) and gives each task's `prune@<n>` and `esc`
 * outcomes, local tokens at the price table's local price.
 */
export async function measureLocalVariants(options: LocalVariantOptions): Promise<Record<string, BranchOutcome>[]> {
  const measured = await measureEarlyTermination({
    source: options.source,
    tasks: options.tasks,
    seed: options.seed,
    paths: options.paths,
    temperature: options.temperature,
    maxTokens: options.maxTokens,
    clock: options.clock,
    signal: options.signal,
  });
  const localUsd = (tokensIn: number, tokensOut: number): number =>
    options.cloud.pricing.cost(options.source.modelName, 'local', tokensIn, tokensOut);
  return measured.map((task) => earlyTerminationVariants(task, localUsd, { waveSize: options.concurrency }));
}
