import { CancelledError, InvalidRequestError } from '#core/errors.ts';
import { folds } from '#core/predictor/folds.ts';
import { frontierArea, paretoFrontier, type CostQualityPoint } from './costQualityFrontier.ts';
import { decideEscalation, type EscalationInput } from '#core/policy/decideEscalation.ts';
import type { ScoreKind } from '#core/policy/escalationScore.ts';
import { operatingPointNames, type OperatingPointName } from '#core/policy/operatingPoints.ts';
import type { PolicyTask } from './PolicyTask.ts';
import { trainEscalationScorer, type EscalationScorer, type ScorerView } from './trainEscalationScorer.ts';

/** The deciders compared; each but the oracle and random runs at every operating point. */
export const deciderNames = ['policy', 'failure-only', 'router', 'cold-start'] as const;

/** One name of deciderNames. */
export type DeciderName = (typeof deciderNames)[number];

/** One line of the table. */
export type SimulationRow = {
  /** e.g. "always-source", "policy@balanced", "random@balanced" (at policy@balanced's rate). */
  readonly name: string;
  /** Tasks solved (acc@1) as a percentage of the tasks the target alone solves. */
  readonly perfPct: number;
  /** Bill as a percentage of the target-only bill. */
  readonly costPct: number;
  /** Percentage of tasks escalated. */
  readonly escalatedPct: number;
};

/** How one test task was decided, for inspection and the leakage test. */
export type TaskDecision = {
  readonly task: string;
  /** The outer fold the task was tested in (0-based). */
  readonly fold: number;
  readonly scores: Readonly<Record<DeciderName, number>>;
  readonly escalated: Readonly<Record<DeciderName, Readonly<Record<OperatingPointName, boolean>>>>;
};

/** The simulation's result. */
export type PolicySimulation = {
  readonly tasks: number;
  readonly checkpoint: number;
  readonly scoreKind: ScoreKind;
  readonly rows: readonly SimulationRow[];
  /** Area under each decider's cost-quality frontier (threshold swept over its pooled test scores). */
  readonly frontierAreas: Readonly<Record<DeciderName | 'random' | 'oracle', number>>;
  /** Each decider's frontier, for the chart. */
  readonly frontiers: Readonly<Record<DeciderName | 'random' | 'oracle', readonly CostQualityPoint[]>>;
  readonly decisions: readonly TaskDecision[];
};

/** Options of simulatePolicy. */
export type SimulatePolicyOptions = {
  /** Steps per source path before the decision (the tasks must have been built at it). */
  readonly checkpoint: number;
  /** The policy's score (failure-only always uses 'failure'). Defaults to 'gain-per-cost'. */
  readonly scoreKind?: ScoreKind;
  /** Outer folds, split by task. Defaults to 5. */
  readonly folds?: number;
  /** Seeds the folds. Defaults to 42. */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Called as each outer fold finishes. */
  readonly onProgress?: (progress: { fold: number; folds: number }) => void;
};

type Totals = { solved: number; cost: number; escalated: number };

/** Escalating at the checkpoint pays the source so far plus the whole target run; before any step, the target alone. */
function escalatedCost(task: PolicyTask, view: ScorerView): number {
  return (view === 'checkpoint' ? task.sourceCostAtCheckpoint : 0) + task.targetCost;
}

/** Solved tasks and bill when each task is escalated with the given probability (0 or 1 for a decider). */
function account(
  tasks: readonly PolicyTask[],
  escalation: (task: PolicyTask) => number,
  view: ScorerView = 'checkpoint',
): Totals {
  const totals: Totals = { solved: 0, cost: 0, escalated: 0 };
  for (const task of tasks) {
    const rate = escalation(task);
    totals.solved += (1 - rate) * Number(task.isSourceSolved) + rate * Number(task.isTargetSolved);
    totals.cost += (1 - rate) * task.sourceCost + rate * escalatedCost(task, view);
    totals.escalated += rate;
  }
  return totals;
}

/** Escalating tasks in falling score order, ties together: every threshold's point. */
function sweep(tasks: readonly PolicyTask[], scores: ReadonlyMap<string, number>, view: ScorerView): Totals[] {
  const order = [...tasks].sort((a, b) => (scores.get(b.task) ?? 0) - (scores.get(a.task) ?? 0));
  let totals = account(tasks, () => 0);
  const points = [{ ...totals }];
  order.forEach((task, index) => {
    totals = {
      solved: totals.solved + Number(task.isTargetSolved) - Number(task.isSourceSolved),
      cost: totals.cost + escalatedCost(task, view) - task.sourceCost,
      escalated: totals.escalated + 1,
    };
    const next = order[index + 1];
    if (next === undefined || (scores.get(next.task) ?? 0) < (scores.get(task.task) ?? 0)) points.push({ ...totals });
  });
  return points;
}

/**
 * Cross-validated offline evaluation of the escalation policy on paired recordings (source and
 * target runs of the same tasks). Outer folds split by task, stratified by the source's outcome
 * only, so folds do not depend on the target. Per fold, every scorer is trained and calibrated on
 * the training tasks alone (trainEscalationScorer) and each test task is decided by
 * decideEscalation, the function the live engine calls, from what the checkpoint shows and cost
 * estimates; the test task's outcomes and costs are read only by the accounting.
 *
 * Escalation restarts the task on the target (the recordings hold no continuations): the source's
 * calls up to the checkpoint are paid, plus the whole target run; the router decides before any
 * step and pays the target alone. A task is solved when the chosen model's self-consistency vote
 * solved it (acc@1 of the recordings' task label).
 */
export function simulatePolicy(tasks: readonly PolicyTask[], options: SimulatePolicyOptions): PolicySimulation {
  const { checkpoint } = options;
  const scoreKind = options.scoreKind ?? 'gain-per-cost';
  const count = options.folds ?? 5;
  if (
    tasks.length < count * 4 ||
    tasks.every((task) => task.isSourceSolved) ||
    tasks.every((task) => !task.isSourceSolved)
  ) {
    throw new InvalidRequestError(
      `The simulation needs at least ${count * 4} paired tasks with source successes and failures; pass larger recordings.`,
    );
  }
  const byTask = new Map(tasks.map((task) => [task.task, task]));
  const pick = (ids: readonly string[]) =>
    ids.map((id) => byTask.get(id)).filter((task): task is PolicyTask => task !== undefined);
  const outer = folds(
    tasks.map((task) => ({ task: task.task, success: task.isSourceSolved })),
    { count, seed: options.seed ?? 42 },
  );
  const decisions: TaskDecision[] = [];
  outer.forEach((fold, foldIndex) => {
    if (options.signal?.aborted === true) throw new CancelledError();
    const train = pick(fold.train);
    const seed = (options.seed ?? 42) + foldIndex;
    const scorers: Record<Exclude<DeciderName, 'cold-start'>, EscalationScorer> = {
      policy: trainEscalationScorer(train, { view: 'checkpoint', scoreKind, checkpoint, seed }),
      'failure-only': trainEscalationScorer(train, { view: 'checkpoint', scoreKind: 'failure', checkpoint, seed }),
      router: trainEscalationScorer(train, { view: 'text', scoreKind, checkpoint: 0, seed }),
    };
    for (const task of pick(fold.test)) {
      const scores = {} as Record<DeciderName, number>;
      const escalated = {} as Record<DeciderName, Record<OperatingPointName, boolean>>;
      for (const name of deciderNames) {
        const scorer = name === 'cold-start' ? null : scorers[name];
        const estimate = scorer?.estimate(task) ?? null;
        escalated[name] = {} as Record<OperatingPointName, boolean>;
        for (const operatingPoint of operatingPointNames) {
          const input: EscalationInput = {
            failureProbability: estimate?.failureProbability ?? null,
            targetSuccessProbability: estimate?.targetSuccessProbability ?? null,
            thresholds: scorer?.thresholds ?? null,
            pathValues: task.pathValues,
            continueCost: estimate?.continueCost ?? 0,
            escalationCosts: { sequential: estimate?.escalationCost ?? 0 },
            privacyMode: 'auto-redact',
            remainingBudget: null,
            operatingPoint,
          };
          const decision = decideEscalation(input);
          escalated[name][operatingPoint] = decision.action.startsWith('escalate');
          scores[name] = decision.explanation.score;
        }
      }
      decisions.push({ task: task.task, fold: foldIndex, scores, escalated });
    }
    options.onProgress?.({ fold: foldIndex + 1, folds: count });
  });
  return summarise(tasks, decisions, checkpoint, scoreKind);
}

function summarise(
  tasks: readonly PolicyTask[],
  decisions: readonly TaskDecision[],
  checkpoint: number,
  scoreKind: ScoreKind,
): PolicySimulation {
  const targetOnly = account(tasks, () => 1, 'text');
  const toPoint = (totals: Totals): CostQualityPoint => ({
    cost: totals.cost / targetOnly.cost,
    quality: totals.solved / targetOnly.solved,
  });
  const row = (name: string, totals: Totals): SimulationRow => ({
    name,
    perfPct: (100 * totals.solved) / targetOnly.solved,
    costPct: (100 * totals.cost) / targetOnly.cost,
    escalatedPct: (100 * totals.escalated) / tasks.length,
  });
  const decisionOf = new Map(decisions.map((decision) => [decision.task, decision]));
  const isRescue = (task: PolicyTask) => task.isTargetSolved && !task.isSourceSolved;
  const rows: SimulationRow[] = [
    row(
      'always-source',
      account(tasks, () => 0),
    ),
    row('always-target', targetOnly),
  ];
  const viewOf = (name: DeciderName): ScorerView => (name === 'router' ? 'text' : 'checkpoint');
  for (const name of deciderNames) {
    for (const point of operatingPointNames) {
      const isEscalated = (task: PolicyTask) => Number(decisionOf.get(task.task)?.escalated[name][point] === true);
      const totals = account(tasks, isEscalated, viewOf(name));
      rows.push(row(`${name}@${point}`, totals));
      if (name === 'policy') {
        const rate = totals.escalated / tasks.length;
        rows.push(
          row(
            `random@${point}`,
            account(tasks, () => rate),
          ),
        );
      }
    }
  }
  rows.push(
    row(
      'oracle',
      account(tasks, (task) => Number(isRescue(task))),
    ),
  );
  const frontiers = {} as Record<DeciderName | 'random' | 'oracle', CostQualityPoint[]>;
  for (const name of deciderNames) {
    const scores = new Map(decisions.map((decision) => [decision.task, decision.scores[name]]));
    frontiers[name] = paretoFrontier(sweep(tasks, scores, viewOf(name)).map(toPoint));
  }
  frontiers.random = paretoFrontier(
    Array.from({ length: 101 }, (_, step) => toPoint(account(tasks, () => step / 100))),
  );
  // The oracle escalates rescues first, cheapest target run first, and never a task the target loses.
  const oracleScores = new Map(
    tasks.map((task) => [task.task, isRescue(task) ? 1 + 1 / (1 + task.targetCost) : Number(task.isTargetSolved) - 1]),
  );
  frontiers.oracle = paretoFrontier(sweep(tasks, oracleScores, 'checkpoint').map(toPoint));
  const frontierAreas = {} as Record<DeciderName | 'random' | 'oracle', number>;
  for (const [name, frontier] of Object.entries(frontiers)) {
    frontierAreas[name as DeciderName | 'random' | 'oracle'] = frontierArea(frontier);
  }
  return { tasks: tasks.length, checkpoint, scoreKind, rows, frontierAreas, frontiers, decisions };
}
