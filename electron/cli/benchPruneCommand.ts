import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { checkEarlyTermination, type EarlyTerminationCheck } from '#lab/world/checkEarlyTermination.ts';
import { earlyTerminationRows, escSuccessAt, type EarlyTerminationRow } from '#lab/world/earlyTerminationRows.ts';
import { measureEarlyTermination } from '#lab/world/measureEarlyTermination.ts';
import type { CommandContext } from './Command.ts';
import { modelFile, wholeNumber } from './options.ts';
import { createProgressLine } from './progressLine.ts';
import { readWorldBenchOptions, worldBenchOptions } from './worldBenchOptions.ts';

/** The `bench prune` line of the bench command's usage. */
export const benchPruneUsage =
  'bench prune [--tasks 200] [--source FILE] [--seed 9000001] [--paths 5] [--concurrency 2] [--settle 1] [--check 200] [--json]';

const ratio = (value: number, base: number): string => (base === 0 ? '-' : (value / base).toFixed(3));

function toTable(rows: readonly EarlyTerminationRow[], check: EarlyTerminationCheck | null, header: string): string[] {
  const base = rows[0];
  if (base === undefined) return [header];
  const columns = ['success', 'tokens', 'x all', 'out', 'x all', 'model s', 'x all', 'paths', 'ESC same tok'];
  const lines = rows.map((row) => {
    const esc = escSuccessAt(rows, row.localTokens);
    const cells = [
      row.success.toFixed(3),
      String(row.localTokens),
      ratio(row.localTokens, base.localTokens),
      String(row.localTokensOut),
      ratio(row.localTokensOut, base.localTokensOut),
      row.modelSeconds.toFixed(1),
      ratio(row.modelSeconds, base.modelSeconds),
      row.pathsPerTask.toFixed(2),
      esc === null ? '-' : esc.toFixed(3),
    ];
    return `${row.name.padEnd(10)}${cells.map((cell) => cell.padStart(13)).join('')}`;
  });
  const checkLines =
    check === null
      ? []
      : [
          `engine check on ${check.tasks} tasks (runTask, the same seeds):`,
          ...(['allPaths', 'prune'] as const).map((name) => {
            const totals = check[name];
            return `  ${name.padEnd(9)} success ${totals.success.toFixed(3)}, ${totals.localTokens} tokens, wall ${totals.wallSeconds.toFixed(1)} s, equal to the replay on ${totals.matchesReplay}/${check.tasks}`;
          }),
          `  prune / all paths: tokens ${ratio(check.prune.localTokens, check.allPaths.localTokens)}, wall ${ratio(check.prune.wallSeconds, check.allPaths.wallSeconds)}`,
        ];
  return [
    header,
    `${'row'.padEnd(10)}${columns.map((column) => column.padStart(13)).join('')}`,
    ...lines,
    ...checkLines,
  ];
}

/**
 * `npm run cli -- bench prune ...`: early termination inside self-consistency on held-out world
 * tasks (the source fixture on llama.cpp): every path measured to its end through runTask, each
 * rule replayed on those paths (all paths, prune@n, ESC), and the engine itself run with and
 * without prune on the first `--check` tasks to time it and confirm the replay.
 */
export async function benchPruneCommand({ args, print }: CommandContext): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...worldBenchOptions({ concurrency: '2' }),
      settle: { type: 'string', default: '1' },
      check: { type: 'string', default: '200' },
    },
  });
  if (positionals[0] !== 'prune' || positionals.length !== 1)
    throw new InvalidRequestError(`Usage: ${benchPruneUsage}`);
  const { tasks: count, seed, paths, concurrency } = readWorldBenchOptions(values);
  const settleVotes = wholeNumber(values.settle, 'settle', 1);
  const checked = Math.min(count, wholeNumber(values.check, 'check', 0));
  const clock = { now: () => Date.now() };
  const source = await LocalLlamaProvider.load({
    modelPath: modelFile(values.source, 'source.gguf', 'source'),
    cores: availableParallelism(),
  });
  try {
    const tasks = generateWorldTasks({ seed, count });
    const progress = createProgressLine();
    const measured = await measureEarlyTermination({
      source,
      tasks,
      seed,
      paths,
      clock,
      onProgress: ({ done, total, label }) => progress.update(done, total, label),
    });
    progress.done();
    const rows = earlyTerminationRows(measured, { waveSize: concurrency });
    const check =
      checked === 0
        ? null
        : await checkEarlyTermination({
            source,
            tasks,
            measured: measured.slice(0, checked),
            seed,
            paths,
            concurrency,
            settleVotes,
            clock,
          });
    if (values.json) print(JSON.stringify({ seed, tasks: count, paths, waveSize: concurrency, rows, check }));
    else {
      const header = `${count} tasks, seed ${seed}, ${paths} paths; prune in waves of ${concurrency}; tokens = local prompt + output; model s = the legs' time one path at a time`;
      for (const line of toTable(rows, check, header)) print(line);
    }
  } finally {
    await source.dispose();
  }
}
