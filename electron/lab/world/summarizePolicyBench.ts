import { frontierArea, type CostQualityPoint } from '#lab/policy/costQualityFrontier.ts';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import type { BranchName, BranchOutcome, PolicyBenchTask } from './runPolicyBranches.ts';

/** One row of the live policy table. */
export type PolicyBenchRow = {
  /** `always-source`, `always-target`, `policy@<point>`, `random@<point>` or `oracle`. */
  readonly name: string;
  /** Tasks solved as a % of the tasks always-target solves; null when it solves none. */
  readonly perfPct: number | null;
  /** The bill as a % of always-target's; null when that bill is 0 (nothing was sent). */
  readonly costPct: number | null;
  /** Share of the tasks solved (expected share for random rows). */
  readonly successRate: number;
  readonly costUsd: number;
  /** The measured time of the parts this row is made of (checkpoint leg plus the branch taken), summed over tasks. */
  readonly wallSeconds: number;
  /** % of the tasks escalated (policy, random and oracle rows). */
  readonly escalatedPct?: number;
  /**
   * Share of the tasks the source's vote failed that this row's escalation turned into successes
   * (policy, random and oracle rows); null when the source failed none.
   */
  readonly rescueRate?: number | null;
  /**
   * Share of the escalated tasks whose source vote failed and the escalation succeeded (the paper's
   * "predicted failures rescued" reading); null when nothing was escalated.
   */
  readonly rescuedOfEscalated?: number | null;
};

/** The live table and the policy's frontier area. */
export type PolicyBenchSummary = {
  readonly tasks: number;
  /** Tasks where some path paused at the checkpoint, so a decision was taken. */
  readonly checkpoints: number;
  /** Tasks the source's vote failed, and how many of them reached the checkpoint (only those can be rescued). */
  readonly sourceFailures: { readonly all: number; readonly atCheckpoint: number };
  readonly rows: readonly PolicyBenchRow[];
  /** Area under the cost-quality frontier of always-source plus the policy's operating points (see frontierArea). */
  readonly frontierArea: number;
  /** The same area for the random baseline and the oracle. */
  readonly frontierAreas: { readonly policy: number; readonly random: number; readonly oracle: number };
};

type Mix = { readonly weights: Readonly<Partial<Record<BranchName, number>>> };

/**
 * Turns the measured branches into the table: every row is, task by task, the checkpoint leg plus
 * one measured branch (or, for random escalation, the expectation over branches), so rows differ
 * only by their decisions. `random@p` escalates each task that reached the checkpoint with the
 * probability policy@p realised there, by the same modes; its figures are expected values. The
 * oracle escalates exactly the tasks whose source vote failed and some hotswap fixed, by the
 * cheapest hotswap that did.
 */
export function summarizePolicyBench(tasks: readonly PolicyBenchTask[]): PolicyBenchSummary {
  const reached = tasks.filter((task) => task.checkpoint.isReached);
  const sourceFailures = tasks.filter((task) => !task.branches.continue.isCorrect);
  const target = totals(tasks.map((task) => task.target));
  const percentOf = (value: number, of: number): number | null => (of > 0 ? (100 * value) / of : null);

  const rowOf = (name: string, mixOf: (task: PolicyBenchTask) => Mix, isEscalating: boolean): PolicyBenchRow => {
    let success = 0;
    let cost = 0;
    let milliseconds = 0;
    let escalated = 0;
    let rescued = 0;
    for (const task of tasks) {
      for (const [branch, weight] of Object.entries(mixOf(task).weights) as [BranchName, number][]) {
        const outcome = task.branches[branch];
        if (outcome === undefined || weight === 0) continue;
        const part = weight * (outcome.isCorrect ? 1 : 0);
        success += part;
        cost += weight * (task.checkpoint.costUsd + outcome.costUsd);
        milliseconds += weight * (task.checkpoint.milliseconds + outcome.milliseconds);
        if (branch === 'parallel' || branch === 'selective') {
          escalated += weight;
          if (!task.branches.continue.isCorrect) rescued += part;
        }
      }
    }
    return {
      name,
      perfPct: percentOf(success, target.success),
      costPct: percentOf(cost, target.costUsd),
      successRate: tasks.length === 0 ? 0 : success / tasks.length,
      costUsd: cost,
      wallSeconds: milliseconds / 1000,
      ...(isEscalating
        ? {
            escalatedPct: tasks.length === 0 ? 0 : (100 * escalated) / tasks.length,
            rescueRate: sourceFailures.length === 0 ? null : rescued / sourceFailures.length,
            rescuedOfEscalated: escalated === 0 ? null : rescued / escalated,
          }
        : {}),
    };
  };

  const alwaysSource = rowOf('always-source', () => ({ weights: { continue: 1 } }), false);
  const alwaysTarget: PolicyBenchRow = {
    name: 'always-target',
    perfPct: percentOf(target.success, target.success),
    costPct: percentOf(target.costUsd, target.costUsd),
    successRate: tasks.length === 0 ? 0 : target.success / tasks.length,
    costUsd: target.costUsd,
    wallSeconds: target.milliseconds / 1000,
  };
  const policyRows: PolicyBenchRow[] = [];
  const randomRows: PolicyBenchRow[] = [];
  for (const point of operatingPointNames) {
    policyRows.push(rowOf(`policy@${point}`, (task) => ({ weights: { [task.decisions[point]]: 1 } }), true));
    // The share of checkpoint tasks the point sent down each branch, applied to every checkpoint task.
    const rates: Partial<Record<BranchName, number>> = {};
    for (const task of reached) rates[task.decisions[point]] = (rates[task.decisions[point]] ?? 0) + 1 / reached.length;
    randomRows.push(
      rowOf(`random@${point}`, (task) => ({ weights: task.checkpoint.isReached ? rates : { continue: 1 } }), true),
    );
  }
  const oracle = rowOf('oracle', (task) => ({ weights: { [oracleBranch(task)]: 1 } }), true);

  const point = (row: PolicyBenchRow): CostQualityPoint[] =>
    row.perfPct === null || row.costPct === null ? [] : [{ cost: row.costPct / 100, quality: row.perfPct / 100 }];
  const areaOf = (rows: readonly PolicyBenchRow[]): number => frontierArea([alwaysSource, ...rows].flatMap(point));
  const frontierAreas = { policy: areaOf(policyRows), random: areaOf(randomRows), oracle: areaOf([oracle]) };
  const rows: PolicyBenchRow[] = [alwaysSource, alwaysTarget];
  policyRows.forEach((row, index) => rows.push(row, randomRows[index] as PolicyBenchRow));
  rows.push(oracle);
  return {
    tasks: tasks.length,
    checkpoints: reached.length,
    sourceFailures: {
      all: sourceFailures.length,
      atCheckpoint: sourceFailures.filter((task) => task.checkpoint.isReached).length,
    },
    rows,
    frontierArea: frontierAreas.policy,
    frontierAreas,
  };
}

/** The cheapest hotswap that turned the source's failed vote into a success, else going on locally. */
function oracleBranch(task: PolicyBenchTask): BranchName {
  if (task.branches.continue.isCorrect) return 'continue';
  const fixes = (['selective', 'parallel'] as const)
    .map((name) => ({ name, outcome: task.branches[name] }))
    .filter(
      (entry): entry is { name: 'selective' | 'parallel'; outcome: BranchOutcome } => entry.outcome?.isCorrect === true,
    )
    .sort((a, b) => a.outcome.costUsd - b.outcome.costUsd);
  return fixes[0]?.name ?? 'continue';
}

function totals(outcomes: readonly BranchOutcome[]): { success: number; costUsd: number; milliseconds: number } {
  return {
    success: outcomes.filter((outcome) => outcome.isCorrect).length,
    costUsd: outcomes.reduce((sum, outcome) => sum + outcome.costUsd, 0),
    milliseconds: outcomes.reduce((sum, outcome) => sum + outcome.milliseconds, 0),
  };
}
