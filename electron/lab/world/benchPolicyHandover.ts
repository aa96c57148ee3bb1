import { handoverKinds, type HandoverKind } from '#core/agent/handover.ts';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import type { BranchOutcome, PolicyBenchTask } from './runPolicyBranches.ts';

/**
 * What one handover kind did as every checkpoint task's selective hotswap (the `handover:<kind>`
 * row), counted per rescued task: rescued = the source's vote failed and the handover's vote is right.
 */
export type HandoverRescue = {
  readonly kind: HandoverKind;
  /** Share of all tasks solved (the row's success). */
  readonly success: number;
  /** Tasks handed over (every task with a checkpoint that has this kind measured). */
  readonly escalated: number;
  readonly rescued: number;
  /** Cloud USD of the handovers over all escalated tasks. */
  readonly cloudUsd: number;
  /** cloudUsd / rescued: what one rescue costs; null when nothing was rescued. */
  readonly usdPerRescue: number | null;
  /** Tokens the target read and wrote over all escalated tasks; null when the run did not record them (older per-task files). */
  readonly targetTokens: number | null;
  /** targetTokens / rescued: the target tokens one rescue takes; null without tokens or rescues. */
  readonly targetTokensPerRescue: number | null;
  /** The target tokens of a rescued task's handover, on average; null without tokens or rescues. */
  readonly targetTokensOnRescued: number | null;
};

const tokensOf = (outcome: BranchOutcome): number | null =>
  outcome.cloudTokens === undefined ? null : outcome.cloudTokens.in + outcome.cloudTokens.out;

/** Each measured handover kind's rescues and what they cost (see HandoverRescue), in `handoverKinds` order. */
export function handoverRescues(tasks: readonly PolicyBenchTask[]): HandoverRescue[] {
  return handoverKinds.flatMap((kind) => {
    const handed = tasks.filter((task) => task.checkpoint.isReached && task.handovers?.[kind] !== undefined);
    if (handed.length === 0) return [];
    const outcomeOf = (task: PolicyBenchTask) => task.handovers?.[kind] as BranchOutcome;
    const solved = tasks.filter((task) =>
      task.checkpoint.isReached && task.handovers?.[kind] !== undefined
        ? outcomeOf(task).isCorrect
        : task.branches.continue.isCorrect,
    ).length;
    const rescuedTasks = handed.filter((task) => !task.branches.continue.isCorrect && outcomeOf(task).isCorrect);
    const rescued = rescuedTasks.length;
    const cloudUsd = handed.reduce((sum, task) => sum + outcomeOf(task).costUsd, 0);
    const tokens = handed.map((task) => tokensOf(outcomeOf(task)));
    const targetTokens = tokens.includes(null) ? null : tokens.reduce((sum: number, value) => sum + (value ?? 0), 0);
    const onRescued = rescuedTasks.reduce((sum, task) => sum + (tokensOf(outcomeOf(task)) ?? 0), 0);
    return [
      {
        kind,
        success: tasks.length === 0 ? 0 : solved / tasks.length,
        escalated: handed.length,
        rescued,
        cloudUsd,
        usdPerRescue: rescued === 0 ? null : cloudUsd / rescued,
        targetTokens,
        targetTokensPerRescue: targetTokens === null || rescued === 0 ? null : targetTokens / rescued,
        targetTokensOnRescued: targetTokens === null || rescued === 0 ? null : onRescued / rescued,
      },
    ];
  });
}

/**
 * The handover a run's own hotswap branches (`branches.selective`, `branches.parallel`) were
 * measured with: runPolicyBranches stores the selective branch again as that kind's `handover:<kind>`
 * outcome, so it is the kind whose outcome equals the selective branch. Null when no task tells.
 */
export function ownHandover(tasks: readonly PolicyBenchTask[]): HandoverKind | null {
  let candidates: readonly HandoverKind[] = handoverKinds;
  let isTold = false;
  for (const task of tasks) {
    const selective = task.branches.selective;
    if (selective === undefined || task.handovers === undefined) continue;
    // Two kinds can end a task alike; the kind that equals the selective branch on every task is the run's.
    candidates = candidates.filter((kind) => sameOutcome(task.handovers?.[kind], selective));
    isTold = true;
  }
  return isTold ? (candidates[0] ?? null) : null;
}

function sameOutcome(a: BranchOutcome | undefined, b: BranchOutcome): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The tasks with the hotswap branches the policy takes measured with handover `kind` instead of the
 * run's own, for the policy@ and random@ rows, or a sentence saying why the tasks cannot tell:
 * - `selective` becomes the task's `handover:<kind>` outcome (the same hotswap, the same path, that kind);
 * - `parallel` stays when the run used `kind`; with `restart` it becomes the target's own R paths,
 *   which is what a parallel restart runs (every path handed the question alone with the whole
 *   budget and the seed of the target's path of its index; the bench's selective restart equals
 *   the target's path of the same index on 600 of 600 tasks of three seeds); else it is dropped
 *   when no operating point takes it on that task, and refused when one does.
 */
export function withHandover(
  tasks: readonly PolicyBenchTask[],
  kind: HandoverKind,
): { readonly tasks: PolicyBenchTask[] } | { readonly refusal: string } {
  const own = ownHandover(tasks);
  if (own === kind) return { tasks: [...tasks] };
  const rebased: PolicyBenchTask[] = [];
  for (const task of tasks) {
    if (!task.checkpoint.isReached) {
      rebased.push(task);
      continue;
    }
    const { selective, parallel, ...rest } = task.branches;
    const handed = task.handovers?.[kind];
    if (selective !== undefined && handed === undefined)
      return {
        refusal: `The per-task file has no ${kind} handover for ${task.taskId}, so its policy rows cannot be recomputed with it; run bench policy live with --handover ${kind}.`,
      };
    const takesParallel = operatingPointNames.some((point) => task.decisions[point] === 'parallel');
    if (parallel !== undefined && kind !== 'restart' && takesParallel)
      return {
        refusal: `The per-task file measured the parallel hotswap with the ${own ?? 'unknown'} handover only, and a decision takes it on ${task.taskId}; run bench policy live with --handover ${kind}.`,
      };
    const parallelWith = parallel === undefined ? undefined : kind === 'restart' ? task.target : undefined;
    rebased.push({
      ...task,
      branches: {
        ...rest,
        ...(handed === undefined ? {} : { selective: handed }),
        ...(parallelWith === undefined ? {} : { parallel: parallelWith }),
      },
    });
  }
  return { tasks: rebased };
}
