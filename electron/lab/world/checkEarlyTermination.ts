import type { EarlyTermination } from '#core/agent/earlyTermination.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';
import { runLocalWorldTask, type MeasuredTask } from './measureEarlyTermination.ts';
import { replayAllPaths, replayPrune, type ReplayOutcome } from './replayEarlyTermination.ts';

/** The engine itself on some tasks, with and without prune, against the replay. */
export type EarlyTerminationCheck = {
  readonly tasks: number;
  readonly allPaths: EngineTotals;
  readonly prune: EngineTotals;
};

/** What the engine did over the checked tasks. */
export type EngineTotals = {
  readonly success: number;
  readonly localTokens: number;
  /** Wall time of the engine runs, `concurrency` paths at a time. */
  readonly wallSeconds: number;
  /** Tasks whose engine answer and local tokens are exactly the replay's. */
  readonly matchesReplay: number;
};

/** Options of {@link checkEarlyTermination}. */
export type CheckEarlyTerminationOptions = {
  readonly source: ChatProvider;
  /** The tasks measured (the first `measured.length` of them are checked), with the seed they were measured with. */
  readonly tasks: readonly WorldTask[];
  readonly measured: readonly MeasuredTask[];
  readonly seed: number;
  readonly paths: number;
  /** Paths at once in the engine, and prune's wave size. */
  readonly concurrency: number;
  readonly settleVotes: number;
  readonly clock: Clock;
  readonly signal?: AbortSignal;
};

/**
 * Runs `runTask` on the measured tasks as the app would (parallel, checkpoint at half the step
 * budget continuing, `concurrency` paths at once), once without early termination and once with
 * prune, timing each, and checks that the engine did exactly what the replay computed from the
 * measurement (same seeds: the same paths, answers and tokens).
 */
export async function checkEarlyTermination(options: CheckEarlyTerminationOptions): Promise<EarlyTerminationCheck> {
  const run = async (
    earlyTermination: EarlyTermination | undefined,
    replay: (task: MeasuredTask) => ReplayOutcome,
  ): Promise<EngineTotals> => {
    let right = 0;
    let tokens = 0;
    let matches = 0;
    const started = options.clock.now();
    for (const [index, measured] of options.measured.entries()) {
      const task = options.tasks[index];
      if (task === undefined) break;
      const outcome = await runLocalWorldTask(task, {
        local: options.source,
        paths: options.paths,
        seed: options.seed + 10_000 * index,
        concurrency: options.concurrency,
        ...(earlyTermination === undefined ? {} : { earlyTermination }),
        clock: options.clock,
        signal: options.signal,
      });
      const used = outcome.tokens.in + outcome.tokens.out;
      const expected = replay(measured);
      right += task.verify(outcome.answer) ? 1 : 0;
      tokens += used;
      matches += expected.answer === outcome.answer && expected.localTokens === used ? 1 : 0;
    }
    return {
      success: right / Math.max(1, options.measured.length),
      localTokens: tokens,
      wallSeconds: (options.clock.now() - started) / 1000,
      matchesReplay: matches,
    };
  };
  const allPaths = await run(undefined, replayAllPaths);
  const { settleVotes, concurrency } = options;
  const prune = await run({ prune: { settleVotes } }, (task) =>
    replayPrune(task, { settleVotes, waveSize: concurrency }),
  );
  return { tasks: options.measured.length, allPaths, prune };
}
