import { assert } from '#core/errors.ts';
import { chooseHotswapMode, type ModeThresholds } from '#core/tasks/policyCheckpoint.ts';
import {
  operatingPointNames,
  operatingPoints,
  type EscalationMode,
  type OperatingPointName,
} from '#core/policy/operatingPoints.ts';

/** One validation task as the mode choice sees it: out-of-fold scores, and what each choice cost and gave. */
export type ModeChoiceTask = {
  /** P(the source vote fails). */
  readonly failureProbability: number;
  /** P(each mode's hotswap succeeds | the source fails). */
  readonly modeSuccess: Readonly<Partial<Record<EscalationMode, number>>>;
  /** USD and outcome of going on locally. */
  readonly continueCost: number;
  readonly isSourceSuccess: boolean;
  /** USD and outcome of each measured hotswap (the checkpoint leg included). */
  readonly modeCost: Readonly<Partial<Record<EscalationMode, number>>>;
  readonly isModeSuccess: Readonly<Partial<Record<EscalationMode, boolean>>>;
  /** USD of running the target alone: the bill's unit. */
  readonly targetCost: number;
};

/** Options of {@link calibrateModeChoice}. */
export type CalibrateModeChoiceOptions = {
  /** The measured modes (each task has their costs and outcomes). */
  readonly modes: readonly EscalationMode[];
  /** Candidate thresholds per mode (quantiles of its scores, plus "never"). Defaults to 60. */
  readonly grid?: number;
};

/** The point's preference order restricted to `modes`. */
export function modeOrder(point: OperatingPointName, modes: readonly EscalationMode[]): EscalationMode[] {
  return operatingPoints[point].modePreference.filter((mode) => modes.includes(mode));
}

function candidates(scores: readonly number[], size: number): number[] {
  const sorted = [...new Set(scores)].sort((a, b) => a - b);
  const step = Math.max(1, sorted.length / size);
  const picked: number[] = [];
  for (let at = 0; at < sorted.length; at += step) picked.push(sorted[Math.floor(at)] as number);
  return [...new Set(picked), Infinity];
}

/**
 * Per-task hotswap mode choice, calibrated per operating point: a task takes the first mode of the
 * point's preference whose rescue score (P(failure) × P(that mode succeeds | failure)) reaches the
 * mode's threshold, and continues locally otherwise. For each point the thresholds (a grid of
 * quantiles of each mode's scores) are the ones that solve the most validation tasks while the
 * validation bill stays within the point's share of the target-only bill (ties: the cheaper bill).
 */
export function calibrateModeChoice(
  tasks: readonly ModeChoiceTask[],
  options: CalibrateModeChoiceOptions,
): ModeThresholds {
  assert(tasks.length > 0 && options.modes.length > 0, 'mode calibration needs tasks and modes');
  const targetBill = tasks.reduce((sum, task) => sum + task.targetCost, 0);
  assert(targetBill > 0, 'mode calibration needs a positive target bill');
  const grids = options.modes.map((mode) =>
    candidates(
      tasks.map((task) => task.failureProbability * (task.modeSuccess[mode] ?? 0)),
      options.grid ?? 60,
    ),
  );
  const combinations: Partial<Record<EscalationMode, number>>[] = grids.reduce<
    Partial<Record<EscalationMode, number>>[]
  >(
    (partial, grid, index) =>
      partial.flatMap((thresholds) =>
        grid.map((value) => ({ ...thresholds, [options.modes[index] as EscalationMode]: value })),
      ),
    [{}],
  );
  const result = {} as Record<OperatingPointName, Partial<Record<EscalationMode, number>>>;
  for (const point of operatingPointNames) {
    const order = modeOrder(point, options.modes);
    const share = operatingPoints[point].targetCostShare;
    let best: { thresholds: Partial<Record<EscalationMode, number>>; solved: number; bill: number } | null = null;
    for (const thresholds of combinations) {
      let solved = 0;
      let bill = 0;
      for (const task of tasks) {
        const mode = chooseHotswapMode(task.failureProbability, task.modeSuccess, thresholds, order);
        bill += mode === null ? task.continueCost : (task.modeCost[mode] ?? 0);
        solved += (mode === null ? task.isSourceSuccess : task.isModeSuccess[mode] === true) ? 1 : 0;
      }
      if (bill / targetBill > share) continue;
      if (best === null || solved > best.solved || (solved === best.solved && bill < best.bill))
        best = { thresholds, solved, bill };
    }
    // Nothing fits the share: never escalate.
    result[point] = best?.thresholds ?? Object.fromEntries(options.modes.map((mode) => [mode, Infinity]));
  }
  return result;
}
