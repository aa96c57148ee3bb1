import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import type { PolicyBenchRow, PolicyBenchSummary } from '#lab/world/summarizePolicyBench.ts';
import { againstOracle, oracleGoal } from './benchPolicyReport.ts';

/** A figure over several runs (seeds): its mean, its spread (population standard deviation) and each run's value. */
export type SeedStat = { readonly mean: number; readonly spread: number; readonly values: readonly number[] };

/** Issue 19's goal for the policy against random escalation at equal spend, in points of success. */
export const randomGoalPoints = 10;

/** Mean and population standard deviation of the values; null when there are none. */
export function seedStat(values: readonly number[]): SeedStat | null {
  if (values.length === 0) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean, spread: Math.sqrt(variance), values };
}

/** The stat of a figure every run has; null when any run lacks it. */
function statOf(values: readonly (number | null | undefined)[]): SeedStat | null {
  return values.every((value): value is number => typeof value === 'number') ? seedStat(values) : null;
}

type Versus = { name: string; successShare: SeedStat | null; costRatio: SeedStat | null; runsMeetingGoal: number };

/** Rows, oracle comparisons and policy − random over several runs of `bench policy` (see policySeedsTable). */
export function policySeeds(summaries: readonly PolicyBenchSummary[]) {
  const first = summaries[0]?.rows ?? [];
  const names = first
    .map((row) => row.name)
    .filter((name) => summaries.every((s) => s.rows.some((r) => r.name === name)));
  const rowsOf = (name: string): PolicyBenchRow[] =>
    summaries.map((summary) => summary.rows.find((row) => row.name === name) as PolicyBenchRow);
  const rows = names.map((name) => {
    const each = rowsOf(name);
    return {
      name,
      success: statOf(each.map((row) => row.success)),
      costRelative: statOf(each.map((row) => row.costRelative)),
      costRelativeWithLocal: statOf(each.map((row) => row.costRelativeWithLocal)),
      rescueRate: statOf(each.map((row) => row.rescueRate)),
      rescuedOfEscalated: statOf(each.map((row) => row.rescuedOfEscalated)),
    };
  });
  const versus = (oracleName: 'oracle' | 'oracle-best-of'): Versus[] => {
    const perRun = summaries.map((summary) => againstOracle(summary.rows, oracleName));
    return (perRun[0] ?? []).map(({ name }) => {
      const entries = perRun.map((run) => run.find((entry) => entry.name === name));
      return {
        name,
        successShare: statOf(entries.map((entry) => entry?.successShare)),
        costRatio: statOf(entries.map((entry) => entry?.costRatio)),
        runsMeetingGoal: entries.filter((entry) => entry?.meetsGoal === true).length,
      };
    });
  };
  const policyOverRandom = operatingPointNames.map((point) => ({
    point,
    points: statOf(
      summaries.map((summary) => {
        const policy = summary.rows.find((row) => row.name === `policy@${point}`);
        const random = summary.rows.find((row) => row.name === `random@${point}`);
        return policy === undefined || random === undefined ? null : 100 * (policy.success - random.success);
      }),
    ),
  }));
  return {
    runs: summaries.length,
    rows,
    againstOracle: versus('oracle'),
    againstOracleBestOf: versus('oracle-best-of'),
    policyOverRandom,
  };
}

// Rounded to the digits shown first, so that a tiny negative mean reads 0.0, not -0.0.
const shown = (stat: SeedStat | null, scale: number, digits: number, sign = ''): string => {
  if (stat === null) return '-';
  const mean = Number((stat.mean * scale).toFixed(digits)) + 0;
  return `${sign !== '' && mean >= 0 ? sign : ''}${mean.toFixed(digits)} ± ${(stat.spread * scale).toFixed(digits)}`;
};
const range = (stat: SeedStat | null, scale: number, digits: number): string =>
  stat === null
    ? ''
    : ` (${stat.values.map((value) => (Number((value * scale).toFixed(digits)) + 0).toFixed(digits)).join(' / ')})`;

/** The table `bench policy --from A --from B ...` prints: each row's mean ± spread over the runs, then each policy point against the oracles and random, each run's value in brackets. */
export function policySeedsTable(files: readonly string[], summaries: readonly PolicyBenchSummary[]): string[] {
  const seeds = policySeeds(summaries);
  const columns = ['success%', 'x 1 path', '+local x', 'rescue%', 'resc/esc%'];
  const row = (name: string, cells: readonly string[], width: number) =>
    `${name.padEnd(26)}${cells.map((cell) => cell.padStart(width)).join('')}`;
  const withRuns = (stat: SeedStat | null, scale: number, digits: number, sign = '') =>
    `${shown(stat, scale, digits, sign)}${range(stat, scale, digits)}`;
  return [
    `${seeds.runs} runs summarized from ${files.join(', ')}: mean ± spread (population standard deviation over the runs)`,
    row('row', columns, 16),
    ...seeds.rows.map((entry) =>
      row(
        entry.name,
        [
          shown(entry.success, 100, 1),
          shown(entry.costRelative, 1, 3),
          shown(entry.costRelativeWithLocal, 1, 3),
          shown(entry.rescueRate, 100, 1),
          shown(entry.rescuedOfEscalated, 100, 1),
        ],
        16,
      ),
    ),
    `each policy point against the oracle (goal >= ${oracleGoal.successShare * 100}% of its success at <= ${oracleGoal.costRatio}x its cost), against oracle-best-of (an upper bound, not the goal's) and against random at equal spend (goal +${randomGoalPoints} points); each run in brackets`,
    ...seeds.againstOracle.map((entry) => {
      const bestOf = seeds.againstOracleBestOf.find((item) => item.name === entry.name);
      const point = entry.name.replace('policy@', '');
      const overRandom = seeds.policyOverRandom.find((item) => item.point === point)?.points ?? null;
      return [
        `${entry.name}: oracle ${withRuns(entry.successShare, 100, 1)}% at ${withRuns(entry.costRatio, 1, 3)}x, goal met on ${entry.runsMeetingGoal} of ${seeds.runs}`,
        `best-of ${withRuns(bestOf?.successShare ?? null, 100, 1)}% at ${withRuns(bestOf?.costRatio ?? null, 1, 3)}x`,
        `random ${withRuns(overRandom, 1, 1, '+')} points`,
      ].join('; ');
    }),
  ];
}
