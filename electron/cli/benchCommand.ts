import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { benchWorld, type BenchWorldResult } from '#lab/world/benchWorld.ts';
import { benchPolicyCommand, benchPolicyUsage } from './benchPolicyCommand.ts';
import { benchPruneCommand, benchPruneUsage } from './benchPruneCommand.ts';
import { benchTrajectoriesCommand, benchTrajectoriesUsage } from './benchTrajectoriesCommand.ts';
import { benchVoteCommand, benchVoteUsage } from './benchVoteCommand.ts';
import type { Command, CommandContext } from './Command.ts';
import { modelFile } from './options.ts';
import { createProgressLine } from './progressLine.ts';
import { readWorldBenchOptions, worldBenchOptions } from './worldBenchOptions.ts';

const worldUsage =
  'bench world [--tasks 200] [--source FILE] [--target FILE] [--seed 9000001] [--paths 5] [--concurrency 1] [--json]';
const usage = `${worldUsage}\n  ${benchPolicyUsage}\n  ${benchTrajectoriesUsage}\n  ${benchPruneUsage}\n  ${benchVoteUsage}`;

function formatTable(result: BenchWorldResult): string {
  const percent = (share: number | null): string => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);
  return [
    `tasks                 ${result.tasks}`,
    `source single path    ${percent(result.source.singlePathSuccess)}`,
    `source majority vote  ${percent(result.source.voteSuccess)}`,
    `target single path    ${percent(result.target.singlePathSuccess)}`,
    `hotswap rescue rate   ${percent(result.hotswapRescueRate)}`,
    `source tokens/s       ${result.source.tokensPerSecond.toFixed(0)}`,
    `target tokens/s       ${result.target.tokensPerSecond.toFixed(0)}`,
  ].join('\n');
}

/** `npm run cli -- bench world ...`: the local source and target models on held-out world tasks. */
async function runWorld({ args, print }: CommandContext): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { ...worldBenchOptions({ concurrency: '1' }), target: { type: 'string' } },
  });
  if (positionals[0] !== 'world' || positionals.length !== 1) throw new InvalidRequestError(`Usage: ${usage}`);
  const { tasks, seed, paths, concurrency } = readWorldBenchOptions(values);
  const sourceFile = modelFile(values.source, 'source.gguf', 'source');
  const targetFile = modelFile(values.target, 'target.gguf', 'target');
  const cores = availableParallelism();
  const source = await LocalLlamaProvider.load({ modelPath: sourceFile, cores });
  try {
    const target = await LocalLlamaProvider.load({ modelPath: targetFile, cores });
    try {
      const progress = createProgressLine();
      progress.update(0, tasks, `${source.modelName} -> ${target.modelName}`);
      const result = await benchWorld({
        source,
        target,
        tasks,
        seed,
        paths,
        concurrency,
        clock: { now: () => Date.now() },
        onProgress: ({ done, total, label }) => progress.update(done, total, label),
      });
      progress.done();
      print(values.json ? JSON.stringify(result) : formatTable(result));
    } finally {
      await target.dispose();
    }
  } finally {
    await source.dispose();
  }
}

/**
 * `npm run cli -- bench world ...`: the local source and target models on held-out world tasks;
 * `npm run cli -- bench policy ...`: the escalation policy live on them (benchPolicyCommand.ts);
 * `npm run cli -- bench trajectories ...`: the source's paths cut at the checkpoint, for `predictor eval`;
 * `npm run cli -- bench prune ...`: early termination of the local paths (benchPruneCommand.ts);
 * `npm run cli -- bench vote ...`: the open-answer world's votes by string and by meaning (benchVoteCommand.ts).
 */
export const benchCommand: Command = {
  name: 'bench',
  summary:
    'Benchmark the source and target GGUF models on held-out world tasks (bench world), the escalation policy live on them (bench policy), early termination of local paths (bench prune), write their checkpoint trajectories (bench trajectories), or vote by meaning on the open-answer world (bench vote).',
  usage,
  async run(context) {
    if (context.args[0] === 'policy') await benchPolicyCommand(context);
    else if (context.args[0] === 'trajectories') await benchTrajectoriesCommand(context);
    else if (context.args[0] === 'prune') await benchPruneCommand(context);
    else if (context.args[0] === 'vote') await benchVoteCommand(context);
    else await runWorld(context);
  },
};
