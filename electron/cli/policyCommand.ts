import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { buildPolicyTasks } from '#lab/policy/PolicyTask.ts';
import { scoreKinds, type ScoreKind } from '#core/policy/escalationScore.ts';
import { frontierSeriesPoints, renderPolicyChart, type ChartSeries } from '#lab/policy/renderPolicyChart.ts';
import { simulatePolicy, type PolicySimulation } from '#lab/policy/simulatePolicy.ts';
import { readTrajectoriesJsonl } from '#lab/predictor/readTrajectories.ts';
import { repositoryRoot } from '../host/appPaths.ts';
import type { Command } from './Command.ts';
import { wholeNumber } from './options.ts';
import { createProgressLine } from './progressLine.ts';

const dataDir = path.resolve(repositoryRoot, '..', 'shared', 'data');
const usage = `policy simulate [--source FILE] [--target FILE2] [--k 5] [--folds 5] [--seed 42] [--score gain-per-cost] [--json] [--chart FILE.svg]
  (defaults: --source ../shared/data/autofl-d4j-gpt35.jsonl --target ../shared/data/autofl-d4j-gpt4.jsonl)`;

function parseScoreKind(value: string): ScoreKind {
  const kind = scoreKinds.find((candidate) => candidate === value);
  if (kind === undefined) throw new InvalidRequestError(`--score is one of ${scoreKinds.join(', ')}, not "${value}".`);
  return kind;
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** The table as printed, one row a line, with the goal each row meets. */
function toTable(simulation: PolicySimulation): string[] {
  const goal = (perf: number, cost: number): string =>
    [perf >= 90 && cost <= 30 ? '90%@30%' : '', perf >= 100 && cost <= 45 ? '100%@45%' : '']
      .filter((mark) => mark !== '')
      .join(' ');
  const areas = Object.entries(simulation.frontierAreas)
    .map(([name, area]) => `${name} ${area.toFixed(3)}`)
    .join(', ');
  return [
    `${simulation.tasks} tasks, escalation after k=${simulation.checkpoint} source steps, policy score ${simulation.scoreKind}`,
    `${'row'.padEnd(28)} ${'perf%'.padStart(7)} ${'cost%'.padStart(7)} ${'escal%'.padStart(7)}  goals met`,
    ...simulation.rows.map(
      (row) =>
        `${row.name.padEnd(28)} ${row.perfPct.toFixed(1).padStart(7)} ${row.costPct.toFixed(1).padStart(7)} ${row.escalatedPct.toFixed(1).padStart(7)}  ${goal(row.perfPct, row.costPct)}`,
    ),
    `frontier area (policy): ${simulation.frontierAreas.policy.toFixed(3)}; all: ${areas}`,
  ];
}

function chartOf(simulation: PolicySimulation): string {
  const rowsOf = (prefix: string) =>
    simulation.rows.filter((row) => row.name.startsWith(prefix)).map(({ costPct, perfPct }) => ({ costPct, perfPct }));
  const series: ChartSeries[] = [
    {
      label: 'policy (frontier)',
      color: '#d62828',
      style: 'staircase',
      points: frontierSeriesPoints(simulation.frontiers.policy),
    },
    { label: 'policy operating points', color: '#d62828', style: 'markers', points: rowsOf('policy@') },
    {
      label: 'failure-only',
      color: '#f77f00',
      style: 'staircase',
      points: frontierSeriesPoints(simulation.frontiers['failure-only']),
    },
    {
      label: 'router (task text)',
      color: '#457b9d',
      style: 'staircase',
      points: frontierSeriesPoints(simulation.frontiers.router),
    },
    {
      label: 'cold-start',
      color: '#8d99ae',
      style: 'staircase',
      points: frontierSeriesPoints(simulation.frontiers['cold-start']),
    },
    {
      label: 'random',
      color: '#333333',
      style: 'staircase',
      points: frontierSeriesPoints(simulation.frontiers.random),
    },
    {
      label: 'oracle',
      color: '#2a9d8f',
      style: 'staircase',
      points: frontierSeriesPoints(simulation.frontiers.oracle),
    },
    {
      label: 'always source / target',
      color: '#6a4c93',
      style: 'markers',
      points: [...rowsOf('always-source'), ...rowsOf('always-target')],
    },
  ];
  return renderPolicyChart(series, {
    title: `Escalation after k=${simulation.checkpoint}: AutoFL GPT-3.5 → GPT-4, ${simulation.tasks} bugs, 5-fold by bug`,
    goals: [
      { costPct: 30, perfPct: 90 },
      { costPct: 45, perfPct: 100 },
    ],
  });
}

/** `npm run cli -- policy simulate ...`: the escalation policy's offline, cross-validated evaluation. */
export const policyCommand: Command = {
  name: 'policy',
  summary: 'Simulate the escalation policy offline on recorded source/target runs (cross-validated, with baselines).',
  usage,
  async run({ args, print }) {
    const { positionals, values } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        source: { type: 'string', default: path.join(dataDir, 'autofl-d4j-gpt35.jsonl') },
        target: { type: 'string', default: path.join(dataDir, 'autofl-d4j-gpt4.jsonl') },
        k: { type: 'string', default: '5' },
        folds: { type: 'string', default: '5' },
        seed: { type: 'string', default: '42' },
        score: { type: 'string', default: 'gain-per-cost' },
        json: { type: 'boolean', default: false },
        chart: { type: 'string' },
      },
    });
    if (positionals[0] !== 'simulate') throw new InvalidRequestError(`Usage: ${usage}`);
    const checkpoint = wholeNumber(values.k, 'k', 0);
    const folds = wholeNumber(values.folds, 'folds', 2);
    const seed = wholeNumber(values.seed, 'seed', 0);
    const scoreKind = parseScoreKind(values.score);
    const progress = createProgressLine();
    progress.update(0, folds, 'reading trajectories');
    const [sources, targets] = await Promise.all([
      readTrajectoriesJsonl(values.source),
      readTrajectoriesJsonl(values.target),
    ]);
    const tasks = buildPolicyTasks(sources, targets, { checkpoint });
    const simulation = simulatePolicy(tasks, {
      checkpoint,
      scoreKind,
      folds,
      seed,
      onProgress: ({ fold }) => progress.update(fold, folds, `fold ${fold}/${folds} trained and decided`),
    });
    progress.done();
    if (values.chart !== undefined) writeFileSync(values.chart, chartOf(simulation));
    if (values.json) {
      print(
        JSON.stringify({
          rows: simulation.rows.map((row) => ({
            name: row.name,
            perfPct: round(row.perfPct),
            costPct: round(row.costPct),
          })),
          frontierArea: Math.round(simulation.frontierAreas.policy * 10000) / 10000,
        }),
      );
    } else {
      for (const line of toTable(simulation)) print(line);
    }
  },
};
