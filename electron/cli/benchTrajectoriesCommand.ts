import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { recordWorldTrajectories } from '#lab/world/recordWorldTrajectories.ts';
import type { CommandContext } from './Command.ts';
import { modelFile, wholeNumber } from './options.ts';
import { createProgressLine } from './progressLine.ts';

/** The `bench trajectories` line of the bench command's usage. */
export const benchTrajectoriesUsage =
  'bench trajectories --out FILE.jsonl [--tasks 400] [--seed 4000001] [--source FILE] [--paths 5] [--concurrency 2]';

/**
 * `npm run cli -- bench trajectories --out FILE`: the source fixture's paths on world tasks, each
 * cut at its live checkpoint and labelled by the local vote (recordWorldTrajectories), written in
 * the neutral trajectory format, so `predictor eval --data FILE --k 5` compares the GCN with the
 * statistics baseline on what the app's own predictor learns from.
 */
export async function benchTrajectoriesCommand({ args, print }: CommandContext): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      tasks: { type: 'string', default: '400' },
      seed: { type: 'string', default: '4000001' },
      source: { type: 'string' },
      paths: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '2' },
    },
  });
  if (positionals[0] !== 'trajectories' || positionals.length !== 1 || values.out === undefined)
    throw new InvalidRequestError(`Usage: ${benchTrajectoriesUsage}`);
  const tasks = wholeNumber(values.tasks, 'tasks', 1);
  const source = await LocalLlamaProvider.load({
    modelPath: modelFile(values.source, 'source.gguf', 'source'),
    cores: availableParallelism(),
  });
  try {
    const progress = createProgressLine();
    const trajectories = await recordWorldTrajectories({
      source,
      tasks,
      seed: wholeNumber(values.seed, 'seed', 0),
      paths: wholeNumber(values.paths, 'paths', 1),
      concurrency: wholeNumber(values.concurrency, 'concurrency', 1),
      onProgress: ({ done, total }) => progress.update(done, total, 'world tasks'),
    });
    progress.done();
    writeFileSync(values.out, trajectories.map((trajectory) => JSON.stringify(trajectory)).join('\n') + '\n');
    const failed = trajectories.filter((trajectory) => trajectory.success === false).length;
    print(`${trajectories.length} world tasks written to ${values.out}, ${failed} of them failed by the local vote`);
  } finally {
    await source.dispose();
  }
}
