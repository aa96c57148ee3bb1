import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { privacyModes, type PrivacyMode } from '#shared/domain.ts';
import { defaultHandover, handoverKinds, isHandoverKind } from '#core/agent/handover.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer } from '#lab/llm/server/createModelServer.ts';
import { paretoFrontier } from '#lab/policy/costQualityFrontier.ts';
import { frontierSeriesPoints, renderPolicyChart, type ChartSeries } from '#lab/policy/renderPolicyChart.ts';
import { benchPolicy, type BenchPolicyResult } from '#lab/world/benchPolicy.ts';
import { createBenchCloud } from '#lab/world/createBenchCloud.ts';
import type { PolicyBenchRow } from '#lab/world/summarizePolicyBench.ts';
import type { CommandContext } from './Command.ts';
import { modelFile, wholeNumber } from './options.ts';
import { createProgressLine } from './progressLine.ts';

/** The `bench policy` line of the bench command's usage. */
export const benchPolicyUsage =
  'bench policy [--tasks 200] [--source FILE] [--target FILE] [--seed 9000001] [--paths 5] [--concurrency 2] [--privacy auto-redact] [--handover transcript|restart|digest|transcript-full] [--predictor cold-start|world] [--train-tasks 400] [--train-seed 5000001] [--score rescue|failure] [--mode-choice] [--json] [--chart FILE.svg] [--per-task FILE.json]';

const goal = { perfPct: 90, costPct: 25, rescueRate: 0.4 };
const fixed = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '-' : value.toFixed(digits);
const round = (value: number | null | undefined): number | null =>
  value === null || value === undefined ? null : Math.round(value * 100) / 100;

const share = (value: number | null): number | null => (value === null ? null : Math.round(value * 10000) / 10000);

function meetsGoal(row: PolicyBenchRow): boolean {
  return row.perfPct !== null && row.costPct !== null && row.perfPct >= goal.perfPct && row.costPct <= goal.costPct;
}

function toTable(result: BenchPolicyResult, paths: number, handover: string): string[] {
  const percent = (share: number | null | undefined): string =>
    share === null || share === undefined ? '-' : (share * 100).toFixed(1);
  const columns = ['perf%', 'cost%', 'escal%', 'rescue%', 'resc/esc%', 'solved%', 'USD', 'wall s'];
  const header = `${'row'.padEnd(24)}${columns.map((column) => column.padStart(10)).join('')}  goals met`;
  const lines = result.rows.map((row) => {
    const marks = [
      meetsGoal(row) ? `${goal.perfPct}%@${goal.costPct}%` : '',
      (row.rescueRate ?? 0) >= goal.rescueRate ? `rescue≥${goal.rescueRate * 100}%` : '',
    ].filter((mark) => mark !== '');
    const cells = [
      fixed(row.perfPct),
      fixed(row.costPct),
      fixed(row.escalatedPct),
      percent(row.rescueRate),
      percent(row.rescuedOfEscalated),
      percent(row.successRate),
      row.costUsd.toFixed(5),
      row.wallSeconds.toFixed(1),
    ];
    return `${row.name.padEnd(24)}${cells.map((cell) => cell.padStart(10)).join('')}  ${marks.join(' ')}`;
  });
  const areas = result.frontierAreas;
  return [
    `${result.tasks} tasks, ${paths} paths, checkpoint at half the step budget (reached on ${result.checkpoints}), ${handover} handover, ${decidedBy(result)}`,
    `source vote failed ${result.sourceFailures.all} tasks, ${result.sourceFailures.atCheckpoint} of them at a checkpoint (the others cannot be escalated)`,
    header,
    ...lines,
    `frontier area: policy ${areas.policy.toFixed(3)}, random ${areas.random.toFixed(3)}, oracle ${areas.oracle.toFixed(3)}`,
    `egress requests ${result.requestsSent}, ledger ${result.ledgerUsd.toFixed(6)} USD (all branches), wall ${result.wallSeconds.toFixed(1)} s`,
  ];
}

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

function chartOf(result: BenchPolicyResult): string {
  const points = (rows: readonly PolicyBenchRow[]) =>
    rows.flatMap((row) =>
      row.perfPct === null || row.costPct === null ? [] : [{ costPct: row.costPct, perfPct: row.perfPct }],
    );
  const named = (prefix: string) => result.rows.filter((row) => row.name.startsWith(prefix));
  const frontier = (rows: readonly PolicyBenchRow[]) =>
    frontierSeriesPoints(
      paretoFrontier(points(rows).map((point) => ({ cost: point.costPct / 100, quality: point.perfPct / 100 }))),
    );
  const source = named('always-source');
  const series: ChartSeries[] = [
    {
      label: 'policy (frontier)',
      color: '#d62828',
      style: 'staircase',
      points: frontier([...source, ...named('policy@')]),
    },
    { label: 'policy operating points', color: '#d62828', style: 'markers', points: points(named('policy@')) },
    {
      label: 'random (frontier)',
      color: '#333333',
      style: 'staircase',
      points: frontier([...source, ...named('random@')]),
    },
    { label: 'oracle', color: '#2a9d8f', style: 'markers', points: points(named('oracle')) },
    {
      label: 'always source / target',
      color: '#6a4c93',
      style: 'markers',
      points: points([...source, ...named('always-target')]),
    },
  ];
  return renderPolicyChart(series, {
    title: `Live escalation on the bench world: source → target fixture, ${result.tasks} tasks`,
    goals: [{ costPct: goal.costPct, perfPct: goal.perfPct }],
    yMin: 40,
  });
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
      tasks: { type: 'string', default: '200' },
      source: { type: 'string' },
      target: { type: 'string' },
      seed: { type: 'string', default: '9000001' },
      paths: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '2' },
      privacy: { type: 'string', default: 'auto-redact' },
      handover: { type: 'string', default: defaultHandover },
      json: { type: 'boolean', default: false },
      chart: { type: 'string' },
      'per-task': { type: 'string' },
      predictor: { type: 'string', default: 'cold-start' },
      'train-tasks': { type: 'string', default: '400' },
      'train-seed': { type: 'string', default: '5000001' },
      score: { type: 'string', default: 'rescue' },
      'mode-choice': { type: 'boolean', default: false },
    },
  });
  if (positionals[0] !== 'policy' || positionals.length !== 1)
    throw new InvalidRequestError(`Usage: ${benchPolicyUsage}`);
  const tasks = wholeNumber(values.tasks, 'tasks', 1);
  const seed = wholeNumber(values.seed, 'seed', 0);
  const paths = wholeNumber(values.paths, 'paths', 1);
  const concurrency = wholeNumber(values.concurrency, 'concurrency', 1);
  const privacyMode = parsePrivacy(values.privacy);
  const handover = values.handover;
  if (!isHandoverKind(handover))
    throw new InvalidRequestError(`--handover is one of ${handoverKinds.join(', ')}, not "${handover}".`);
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
            clock,
            ...(training === undefined ? {} : { training }),
            onProgress: ({ done, total, label }) => progress.update(done, total, label),
          });
          progress.done();
          if (values.chart !== undefined) writeFileSync(values.chart, chartOf(result));
          if (values['per-task'] !== undefined) writeFileSync(values['per-task'], JSON.stringify(result.perTask));
          if (values.json) {
            const rows = result.rows.map((row) => ({
              name: row.name,
              perfPct: round(row.perfPct),
              costPct: round(row.costPct),
              ...(row.rescueRate === undefined ? {} : { rescueRate: share(row.rescueRate) }),
              ...(row.rescuedOfEscalated === undefined ? {} : { rescuedOfEscalated: share(row.rescuedOfEscalated) }),
              ...(row.escalatedPct === undefined ? {} : { escalatedPct: round(row.escalatedPct) }),
              successRate: share(row.successRate),
              wallSeconds: round(row.wallSeconds),
            }));
            print(JSON.stringify({ rows, frontierArea: Math.round(result.frontierArea * 10000) / 10000 }));
          } else {
            for (const line of toTable(result, paths, handover)) print(line);
          }
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
