import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { privacyModes, type PrivacyMode } from '#shared/domain.ts';
import { defaultHandover, handoverKinds, isHandoverKind, type HandoverKind } from '#core/agent/handover.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer } from '#lab/llm/server/createModelServer.ts';
import { benchPolicy, type BenchPolicyResult } from '#lab/world/benchPolicy.ts';
import { createBenchCloud } from '#lab/world/createBenchCloud.ts';
import type { PolicyBenchTask } from '#lab/world/runPolicyBranches.ts';
import { localUsdPerMillion, summarizePolicyBench, type PolicyBenchSummary } from '#lab/world/summarizePolicyBench.ts';
import { policyBenchChart, policyBenchJson, policyBenchTable } from './benchPolicyReport.ts';
import { policySeeds, policySeedsTable } from './benchPolicySeeds.ts';
import type { CommandContext } from './Command.ts';
import { modelFile, wholeNumber } from './options.ts';
import { createProgressLine } from './progressLine.ts';
import { readWorldBenchOptions, worldBenchOptions } from './worldBenchOptions.ts';

/** The `bench policy` line of the bench command's usage. */
export const benchPolicyUsage =
  'bench policy [--tasks 200] [--source FILE] [--target FILE] [--seed 9000001] [--paths 5] [--concurrency 2] [--privacy auto-redact] [--handover transcript|restart|digest|transcript-full|continue] [--predictor cold-start|world] [--train-tasks 400] [--train-seed 5000001] [--score rescue|failure] [--mode-choice] [--local-usd-per-million 0.08] [--from PER-TASK.json ...] [--json] [--chart FILE.svg] [--per-task FILE.json]';

const fixed = (value: number | null | undefined, digits: number): string =>
  value === null || value === undefined ? '-' : value.toFixed(digits);

function decidedBy(result: BenchPolicyResult): string {
  const { training } = result;
  if (training === undefined) return 'cold-start decisions';
  const thresholds = Object.values(training.thresholds.byPoint)
    .map((value) => value.toFixed(3))
    .join(' / ');
  const modes =
    training.modeThresholds === undefined
      ? ''
      : `; per-task mode, selective / parallel thresholds ${Object.values(training.modeThresholds)
          .map((byMode) => `${fixed(byMode.selective, 3)}/${fixed(byMode.parallel, 3)}`)
          .join(' ')}`;
  return (
    `decisions by the world predictor (${training.thresholds.scoreKind}${modes}) trained on ${training.tasks} other tasks ` +
    `(${training.sourceFailures} source failures; thresholds ${thresholds}; stop at ${fixed(training.thresholds.stopFailureProbability, 3)}; ` +
    `training ${training.ledgerUsd.toFixed(6)} USD, ${training.wallSeconds.toFixed(1)} s)`
  );
}

/** An earlier run's per-task file (`--per-task`), summarized with this version's rows and prices. */
function summarizeFile(
  file: string,
  options: { localPrice: number; handover: HandoverKind | undefined },
): PolicyBenchSummary {
  const perTask = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(perTask) || perTask.some((task) => typeof (task as PolicyBenchTask).taskId !== 'string'))
    throw new InvalidRequestError(`${file} is not a per-task file of bench policy; write one with --per-task FILE.`);
  return summarizePolicyBench(perTask as PolicyBenchTask[], {
    localUsdPerMillion: options.localPrice,
    ...(options.handover === undefined ? {} : { policyHandover: options.handover }),
  });
}

/**
 * `--from FILE`: the table of an earlier run from the per-task file it wrote (`--per-task`), with
 * this version's rows and prices and no model loaded; what left the machine is not in the file.
 * Several `--from` files (runs on several seeds): each row's mean and spread over them.
 */
function summarizeEarlierRuns(
  files: readonly string[],
  options: {
    localPrice: number;
    isJson: boolean;
    paths: number;
    handover: HandoverKind | undefined;
    chart: string | undefined;
    print: (line: string) => void;
  },
): void {
  const summaries = files.map((file) => summarizeFile(file, options));
  const [summary] = summaries;
  if (options.chart !== undefined) {
    if (summary === undefined || summaries.length > 1)
      throw new InvalidRequestError('--chart draws one run: give one --from file with it.');
    writeFileSync(options.chart, policyBenchChart(summary));
  }
  if (summaries.length > 1 || summary === undefined) {
    if (options.isJson) options.print(JSON.stringify({ files, ...policySeeds(summaries) }));
    else for (const line of policySeedsTable(files, summaries)) options.print(line);
    return;
  }
  const handover = summary.policyHandover ?? 'unrecorded';
  if (options.isJson) options.print(JSON.stringify(policyBenchJson(summary)));
  else
    for (const line of policyBenchTable(summary, options.paths, handover, `summarized from ${files.join(', ')}`))
      options.print(line);
}

function parsePrivacy(value: string): PrivacyMode {
  const mode = privacyModes.find((candidate) => candidate === value);
  if (mode === undefined)
    throw new InvalidRequestError(`--privacy is one of ${privacyModes.join(', ')}, not "${value}".`);
  return mode;
}

/**
 * `npm run cli -- bench policy ...`: the escalation policy live on held-out world tasks, the source
 * fixture on llama.cpp in this process and the target fixture behind the model server on
 * 127.0.0.1, reached over real HTTP through the egress gate (see benchPolicy).
 */
export async function benchPolicyCommand({ args, print }: CommandContext): Promise<void> {
  const { positionals, values } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...worldBenchOptions({ concurrency: '2' }),
      target: { type: 'string' },
      privacy: { type: 'string', default: 'auto-redact' },
      handover: { type: 'string' },
      chart: { type: 'string' },
      'per-task': { type: 'string' },
      predictor: { type: 'string', default: 'cold-start' },
      'train-tasks': { type: 'string', default: '400' },
      'train-seed': { type: 'string', default: '5000001' },
      score: { type: 'string', default: 'rescue' },
      'mode-choice': { type: 'boolean', default: false },
      'local-usd-per-million': { type: 'string', default: String(localUsdPerMillion) },
      from: { type: 'string', multiple: true },
    },
  });
  if (positionals[0] !== 'policy' || positionals.length !== 1)
    throw new InvalidRequestError(`Usage: ${benchPolicyUsage}`);
  const { tasks, seed, paths, concurrency } = readWorldBenchOptions(values);
  const privacyMode = parsePrivacy(values.privacy);
  if (values.handover !== undefined && !isHandoverKind(values.handover))
    throw new InvalidRequestError(`--handover is one of ${handoverKinds.join(', ')}, not "${values.handover}".`);
  const localPrice = Number(values['local-usd-per-million']);
  if (!Number.isFinite(localPrice) || localPrice < 0)
    throw new InvalidRequestError(
      `--local-usd-per-million is a price of zero or more, not "${values['local-usd-per-million']}".`,
    );
  if (values.from !== undefined) {
    // The run's own handover unless one is asked for (then the policy rows are recomputed with it).
    summarizeEarlierRuns(values.from, {
      localPrice,
      isJson: values.json,
      paths,
      handover: values.handover,
      chart: values.chart,
      print,
    });
    return;
  }
  const handover = values.handover ?? defaultHandover;
  if (values.predictor !== 'cold-start' && values.predictor !== 'world')
    throw new InvalidRequestError(`--predictor is cold-start or world, not "${values.predictor}".`);
  const scoreKind = (['failure', 'rescue'] as const).find((kind) => kind === values.score) ?? null;
  if (scoreKind === null) throw new InvalidRequestError(`--score is failure or rescue, not "${values.score}".`);
  const training =
    values.predictor === 'world'
      ? {
          tasks: wholeNumber(values['train-tasks'], 'train-tasks', 20),
          seed: wholeNumber(values['train-seed'], 'train-seed', 0),
          scoreKind,
          modeChoice: values['mode-choice'],
        }
      : undefined;
  if (values['mode-choice'] && training === undefined)
    throw new InvalidRequestError('--mode-choice needs --predictor world (it trains the parallel hotswap output).');
  const sourceFile = modelFile(values.source, 'source.gguf', 'source');
  const targetFile = modelFile(values.target, 'target.gguf', 'target');
  const cores = availableParallelism();
  const clock = { now: () => Date.now() };
  const source = await LocalLlamaProvider.load({ modelPath: sourceFile, cores });
  try {
    const target = await LocalLlamaProvider.load({ modelPath: targetFile, cores });
    try {
      const server = await createModelServer({ responder: target, clock, concurrency });
      try {
        const cloud = createBenchCloud({ baseUrl: `${server.url}/v1`, privacyMode, fetch: globalThis.fetch, clock });
        try {
          const progress = createProgressLine();
          progress.update(0, tasks, `${source.modelName} -> ${target.modelName} at ${server.url}`);
          const result = await benchPolicy({
            source,
            cloud,
            tasks,
            seed,
            paths,
            concurrency,
            handover,
            summary: { localUsdPerMillion: localPrice },
            clock,
            ...(training === undefined ? {} : { training }),
            onProgress: ({ done, total, label }) => progress.update(done, total, label),
          });
          progress.done();
          if (values.chart !== undefined) writeFileSync(values.chart, policyBenchChart(result));
          if (values['per-task'] !== undefined) writeFileSync(values['per-task'], JSON.stringify(result.perTask));
          if (values.json) print(JSON.stringify(policyBenchJson(result)));
          else for (const line of policyBenchTable(result, paths, handover, decidedBy(result))) print(line);
        } finally {
          await cloud.dispose();
        }
      } finally {
        await server.close();
      }
    } finally {
      await target.dispose();
    }
  } finally {
    await source.dispose();
  }
}
