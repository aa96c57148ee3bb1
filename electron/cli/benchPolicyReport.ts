import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import { paretoFrontier } from '#lab/policy/costQualityFrontier.ts';
import { frontierSeriesPoints, renderPolicyChart, type ChartSeries } from '#lab/policy/renderPolicyChart.ts';
import type { BenchPolicyResult } from '#lab/world/benchPolicy.ts';
import type { PolicyBenchRow, PolicyBenchSummary } from '#lab/world/summarizePolicyBench.ts';

/** A run's table, or an earlier run's summarized again from its per-task file (what left the machine unknown). */
type Summarized = PolicyBenchSummary & Partial<Pick<BenchPolicyResult, 'requestsSent' | 'ledgerUsd' | 'wallSeconds'>>;

/** Issue 19's goal: the best policy point reaches 95% of the oracle's success at no more than 1.25x its cost. */
export const oracleGoal = { successShare: 0.95, costRatio: 1.25 };

const fixed = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? '-' : value.toFixed(digits);
const rounded = (value: number | null | undefined, digits: number): number | null =>
  value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Each policy point against an oracle row: its success and its bill as shares of the oracle's. The
 * goal is judged against `oracle` (a perfect failure predictor with the policy's handover);
 * `oracle-best-of` (which also picks a hotswap after seeing its ending) is shown beside it.
 */
export function againstOracle(
  rows: readonly PolicyBenchRow[],
  oracleName: 'oracle' | 'oracle-best-of' = 'oracle',
): { name: string; successShare: number | null; costRatio: number | null; meetsGoal: boolean }[] {
  const oracle = rows.find((row) => row.name === oracleName);
  return operatingPointNames.flatMap((point) => {
    const row = rows.find((item) => item.name === `policy@${point}`);
    if (row === undefined || oracle === undefined) return [];
    const successShare = oracle.success > 0 ? row.success / oracle.success : null;
    const costRatio = oracle.costUsd > 0 ? row.costUsd / oracle.costUsd : null;
    const meetsGoal =
      successShare !== null &&
      costRatio !== null &&
      successShare >= oracleGoal.successShare &&
      costRatio <= oracleGoal.costRatio;
    return [{ name: row.name, successShare, costRatio, meetsGoal }];
  });
}

const againstOracleJson = (rows: readonly PolicyBenchRow[], oracleName: 'oracle' | 'oracle-best-of') =>
  againstOracle(rows, oracleName).map((entry) => ({
    ...entry,
    successShare: rounded(entry.successShare, 4),
    costRatio: rounded(entry.costRatio, 4),
  }));

/** The JSON object `bench policy --json` prints (issue 19 item 7): the rows, then what they are measured against. */
export function policyBenchJson(result: Summarized): Record<string, unknown> {
  const rows = result.rows.map((row) => ({
    name: row.name,
    success: rounded(row.success, 4),
    costUsd: rounded(row.costUsd, 6),
    costRelative: rounded(row.costRelative, 4),
    localTokens: Math.round(row.localTokens),
    costWithLocalUsd: rounded(row.costWithLocalUsd, 6),
    costRelativeWithLocal: rounded(row.costRelativeWithLocal, 4),
    ...(row.escalatedPct === undefined ? {} : { escalatedPct: rounded(row.escalatedPct, 2) }),
    ...(row.rescueRate === undefined ? {} : { rescueRate: rounded(row.rescueRate, 4) }),
    ...(row.rescuedOfEscalated === undefined ? {} : { rescuedOfEscalated: rounded(row.rescuedOfEscalated, 4) }),
    wallSeconds: rounded(row.wallSeconds, 2),
  }));
  return {
    rows,
    tasks: result.tasks,
    sourceFailures: result.sourceFailures,
    onePathUsd: rounded(result.onePathUsd, 6),
    localUsdPerMillion: result.localUsdPerMillion,
    randomDraws: result.randomDraws,
    againstOracle: againstOracleJson(result.rows, 'oracle'),
    againstOracleBestOf: againstOracleJson(result.rows, 'oracle-best-of'),
    frontierArea: rounded(result.frontierArea, 4),
    policyHandover: result.policyHandover,
    handoverRescues: result.handoverRescues.map((entry) => ({
      ...entry,
      success: rounded(entry.success, 4),
      cloudUsd: rounded(entry.cloudUsd, 6),
      usdPerRescue: rounded(entry.usdPerRescue, 6),
      targetTokensPerRescue: rounded(entry.targetTokensPerRescue, 1),
      targetTokensOnRescued: rounded(entry.targetTokensOnRescued, 1),
    })),
  };
}

/** Each handover kind per rescued task (rescued = the source's vote failed, the handover's vote is right). */
function handoverRescueLines(result: Summarized): string[] {
  if (result.handoverRescues.length === 0) return [];
  const onePath = result.rows.find((row) => row.name === 'target-one-path');
  const header = ['success%', 'escalated', 'rescued', 'USD/rescue', 'tok/rescue', 'tok on resc', 'succ/x1path'];
  return [
    `each handover as every checkpoint task's selective hotswap, per rescued task (source vote failed, handover right); tok = target tokens read and written; succ/x1path = success per cost of one target path`,
    `${'handover'.padEnd(26)}${header.map((column) => column.padStart(12)).join('')}`,
    ...result.handoverRescues.map((entry) => {
      const row = result.rows.find((item) => item.name === `handover:${entry.kind}`);
      const perDollar =
        row?.costRelative === null || row?.costRelative === undefined || onePath === undefined
          ? null
          : entry.success / row.costRelative;
      const cells = [
        (entry.success * 100).toFixed(1),
        String(entry.escalated),
        String(entry.rescued),
        fixed(entry.usdPerRescue, 6),
        fixed(entry.targetTokensPerRescue, 0),
        fixed(entry.targetTokensOnRescued, 0),
        fixed(perDollar, 3),
      ];
      return `${entry.kind.padEnd(26)}${cells.map((cell) => cell.padStart(12)).join('')}`;
    }),
  ];
}

/** The table `bench policy` prints. */
export function policyBenchTable(result: Summarized, paths: number, handover: string, decidedBy: string): string[] {
  const columns = [
    'success%',
    'USD',
    'x 1 path',
    '+local $',
    'x 1 path',
    'local tok',
    'escal%',
    'rescue%',
    'resc/esc%',
    'wall s',
  ];
  const header = `${'row'.padEnd(26)}${columns.map((column) => column.padStart(10)).join('')}`;
  const percent = (share: number | null | undefined): string =>
    share === null || share === undefined ? '-' : (share * 100).toFixed(1);
  const lines = result.rows.map((row) => {
    const cells = [
      percent(row.success),
      row.costUsd.toFixed(5),
      fixed(row.costRelative, 3),
      row.costWithLocalUsd.toFixed(5),
      fixed(row.costRelativeWithLocal, 3),
      String(Math.round(row.localTokens)),
      fixed(row.escalatedPct),
      percent(row.rescueRate),
      percent(row.rescuedOfEscalated),
      row.wallSeconds.toFixed(1),
    ];
    return `${row.name.padEnd(26)}${cells.map((cell) => cell.padStart(10)).join('')}`;
  });
  const versus = (oracleName: 'oracle' | 'oracle-best-of', isGoal: boolean) =>
    againstOracle(result.rows, oracleName)
      .map(
        (entry) =>
          `${entry.name.replace('policy@', '')} ${percent(entry.successShare)}% at ${fixed(entry.costRatio, 3)}x${isGoal && entry.meetsGoal ? ' (goal met)' : ''}`,
      )
      .join('; ');
  const areas = result.frontierAreas;
  return [
    `${result.tasks} tasks, ${paths} paths, checkpoint at half the step budget (reached on ${result.checkpoints}), policy rows with the ${handover} handover, ${decidedBy}`,
    `source vote failed ${result.sourceFailures.all} tasks, ${result.sourceFailures.atCheckpoint} of them at a checkpoint (the others cannot be escalated)`,
    `costs in USD with local compute at 0, and "+local" with local tokens at ${result.localUsdPerMillion} USD per million; "x 1 path" = / target-one-path (${result.onePathUsd.toFixed(5)} USD); random rows average ${result.randomDraws} draws`,
    header,
    ...lines,
    `policy against the oracle (success share, cost ratio; goal >= ${oracleGoal.successShare * 100}% at <= ${oracleGoal.costRatio}x): ${versus('oracle', true)}`,
    `policy against oracle-best-of (an upper bound that also picks the hotswap after seeing its ending; not the goal's): ${versus('oracle-best-of', false)}`,
    `frontier area (success over cost 0..1 target path): policy ${areas.policy.toFixed(3)}, random ${areas.random.toFixed(3)}, oracle ${areas.oracle.toFixed(3)}`,
    ...handoverRescueLines(result),
    ...(result.requestsSent === undefined || result.ledgerUsd === undefined || result.wallSeconds === undefined
      ? []
      : [
          `egress requests ${result.requestsSent}, ledger ${result.ledgerUsd.toFixed(6)} USD (all branches), wall ${result.wallSeconds.toFixed(1)} s`,
        ]),
  ];
}

/** The cost-quality chart, against target-vote (x: its bill, y: its success), as the earlier charts were. */
export function policyBenchChart(result: Summarized): string {
  const vote = result.rows.find((row) => row.name === 'target-vote');
  const points = (rows: readonly PolicyBenchRow[]) =>
    vote === undefined || vote.costUsd === 0 || vote.success === 0
      ? []
      : rows.map((row) => ({
          costPct: (100 * row.costUsd) / vote.costUsd,
          perfPct: (100 * row.success) / vote.success,
        }));
  const named = (prefix: string) => result.rows.filter((row) => row.name.startsWith(prefix));
  const frontier = (rows: readonly PolicyBenchRow[]) =>
    frontierSeriesPoints(
      paretoFrontier(points(rows).map((point) => ({ cost: point.costPct / 100, quality: point.perfPct / 100 }))),
    );
  const local = named('always-local');
  const series: ChartSeries[] = [
    {
      label: 'policy (frontier)',
      color: '#d62828',
      style: 'staircase',
      points: frontier([...local, ...named('policy@')]),
    },
    { label: 'policy operating points', color: '#d62828', style: 'markers', points: points(named('policy@')) },
    {
      label: 'random (frontier)',
      color: '#333333',
      style: 'staircase',
      points: frontier([...local, ...named('random@')]),
    },
    {
      label: 'oracle',
      color: '#2a9d8f',
      style: 'markers',
      points: points(result.rows.filter((row) => row.name === 'oracle')),
    },
    {
      label: 'oracle best-of (bound)',
      color: '#8ecae6',
      style: 'markers',
      points: points(named('oracle-best-of')),
    },
    { label: 'handovers (every task)', color: '#e9c46a', style: 'markers', points: points(named('handover:')) },
    {
      label: 'local / 1 path / vote',
      color: '#6a4c93',
      style: 'markers',
      points: points([...local, ...named('target-')]),
    },
  ];
  return renderPolicyChart(series, {
    title: `Live escalation on the bench world: source → target fixture, ${result.tasks} tasks (x, y: % of target-vote)`,
    yMin: 40,
  });
}
