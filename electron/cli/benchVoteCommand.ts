import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { benchVote, summarizeVote, type BenchVoteDetails, type BenchVoteResult } from '#lab/world/open/benchVote.ts';
import { repositoryRoot } from '../host/appPaths.ts';
import type { CommandContext } from './Command.ts';
import { modelFile } from './options.ts';
import { createProgressLine } from './progressLine.ts';
import { readWorldBenchOptions, worldBenchOptions } from './worldBenchOptions.ts';

/** The `bench vote` line of the bench command's usage. */
export const benchVoteUsage =
  'bench vote [--tasks 200] [--source FILE] [--target FILE] [--seed 9100001] [--paths 5] [--threshold T] [--temperature 1] [--concurrency 1] [--sweep] [--json]';

const openFixture = (file: string): string => path.join(repositoryRoot, 'models', 'fixtures-open', file);

function formatTable(result: BenchVoteResult, details: BenchVoteDetails): string {
  const percent = (share: number | null): string => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);
  return [
    `tasks                        ${result.tasks}`,
    `single path                  ${percent(result.singlePath)}`,
    `vote, exact strings          ${percent(result.exactVote)}`,
    `vote by meaning              ${percent(result.semanticVote)}  (threshold ${details.threshold})`,
    `agreement AUROC, by meaning  ${result.agreementAuroc.toFixed(3)}`,
    `agreement AUROC, exact       ${details.agreementAurocExact.toFixed(3)}`,
    `hotswap rescue rate          ${percent(result.hotswapRescueRate)}`,
    `embedding calls              ${details.embeddedAnswers} answers, ${details.embeddingMilliseconds.toFixed(0)} ms (${(details.embeddingMilliseconds / Math.max(1, details.embeddedAnswers)).toFixed(1)} ms per answer)`,
  ].join('\n');
}

/** Thresholds from 0 to 0.99 with the figures it gives on the recorded tasks. */
function sweepLines(records: Parameters<typeof summarizeVote>[0]): string[] {
  const thresholds = [0, 0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];
  return thresholds.map((threshold) => {
    const { result } = summarizeVote(records, threshold);
    return `threshold ${threshold.toFixed(2)}: vote by meaning ${result.semanticVote.toFixed(3)}, agreement AUROC ${result.agreementAuroc.toFixed(3)}`;
  });
}

/**
 * `npm run cli -- bench vote ...`: the open-answer world's source model (models/fixtures-open)
 * voting over its paths, by exact strings and by meaning (its own embeddings), the cold-start
 * agreement at the checkpoint as a failure predictor, and the target's rescue of failed votes.
 * `--sweep` adds each threshold's figures (for choosing the threshold on another seed).
 */
export async function benchVoteCommand({ args, print }: CommandContext): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...worldBenchOptions({ concurrency: '1', seed: '9100001' }),
      target: { type: 'string' },
      threshold: { type: 'string' },
      temperature: { type: 'string', default: '1' },
      sweep: { type: 'boolean', default: false },
    },
  });
  if (positionals[0] !== 'vote' || positionals.length !== 1) throw new InvalidRequestError(`Usage: ${benchVoteUsage}`);
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold > 0 && threshold <= 1))
    throw new InvalidRequestError(`--threshold takes a number above 0 and at most 1, not "${values.threshold}".`);
  const sourceFile = modelFile(values.source ?? openFixture('source.gguf'), 'source.gguf', 'source');
  const targetFile = modelFile(values.target ?? openFixture('target.gguf'), 'target.gguf', 'target');
  const { tasks, seed, paths, concurrency } = readWorldBenchOptions(values);
  const temperature = Number(values.temperature);
  if (!(temperature >= 0 && temperature <= 2))
    throw new InvalidRequestError(`--temperature takes a number from 0 to 2, not "${values.temperature}".`);
  const cores = availableParallelism();
  const source = await LocalLlamaProvider.load({ modelPath: sourceFile, cores });
  try {
    const target = await LocalLlamaProvider.load({ modelPath: targetFile, cores });
    try {
      const progress = createProgressLine();
      progress.update(0, tasks, `${source.modelName} -> ${target.modelName}`);
      const { records, result, details } = await benchVote({
        source,
        embedder: source.answerEmbedder,
        target,
        tasks,
        seed,
        paths,
        concurrency,
        temperature,
        ...(threshold === undefined ? {} : { threshold }),
        onProgress: ({ done, total, label }) => progress.update(done, total, label),
      });
      progress.done();
      print(values.json ? JSON.stringify(result) : formatTable(result, details));
      if (values.sweep) {
        for (const kind of ['convert', 'compare'] as const) {
          const { result: part } = summarizeVote(
            records.filter((record) => record.task.kind === kind),
            details.threshold,
          );
          print(
            `${kind}: ${part.tasks} tasks, single path ${part.singlePath.toFixed(3)}, exact ${part.exactVote.toFixed(3)}, by meaning ${part.semanticVote.toFixed(3)}`,
          );
        }
        for (const line of sweepLines(records)) print(line);
      }
    } finally {
      await target.dispose();
    }
  } finally {
    await source.dispose();
  }
}
