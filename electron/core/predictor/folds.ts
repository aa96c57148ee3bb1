import { assert } from '#core/errors.ts';
import { createRandom } from './gcn/createRandom.ts';

/** What a split needs of a task: its id and, for stratification, its label. */
export type LabelledTask = {
  readonly task: string;
  readonly success: boolean | null;
};

/** One cross-validation fold: task ids to test on and to train on. */
export type Fold = {
  readonly test: readonly string[];
  readonly train: readonly string[];
};

/** Options of folds. */
export type FoldsOptions = {
  /** Number of folds. Defaults to 5. */
  count?: number;
  /** Seed of the shuffle; the same seed gives the same folds. Defaults to 42. */
  seed?: number;
};

/** Options of splitTrainValidation. */
export type TrainValidationOptions = {
  /** Share of the tasks (per label) held out for validation. Defaults to 0.2. */
  validationShare?: number;
  /** Seed of the shuffle. Defaults to 42. */
  seed?: number;
};

/**
 * The distinct task ids grouped by label (failed, succeeded, unknown), each group sorted and then
 * shuffled with the seed. Sorting first makes the result independent of the input order; all
 * entries of one task id (e.g. its runs) stay together.
 */
function shuffledStrata(tasks: readonly LabelledTask[], seed: number): string[][] {
  const labelOf = new Map<string, boolean | null>();
  for (const { task, success } of tasks) {
    if (!labelOf.has(task)) labelOf.set(task, success);
  }
  const random = createRandom(seed);
  return [false, true, null].map((label) => {
    const stratum = [...labelOf]
      .filter(([, success]) => success === label)
      .map(([task]) => task)
      .sort();
    for (let index = stratum.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [stratum[index], stratum[other]] = [stratum[other] ?? '', stratum[index] ?? ''];
    }
    return stratum;
  });
}

/**
 * A deterministic k-fold split by task id, stratified by label: every task lands in exactly one
 * test fold, and each fold's share of failures is as close to the whole set's as the counts allow.
 */
export function folds(tasks: readonly LabelledTask[], options: FoldsOptions = {}): Fold[] {
  const count = options.count ?? 5;
  assert(Number.isInteger(count) && count >= 2, `folds needs at least 2 folds, got ${count}`);
  const testSets = Array.from({ length: count }, (): string[] => []);
  let next = 0;
  for (const stratum of shuffledStrata(tasks, options.seed ?? 42)) {
    for (const task of stratum) {
      testSets[next % count]?.push(task);
      next += 1;
    }
  }
  return testSets.map((test, index) => ({
    test,
    train: testSets.filter((_, other) => other !== index).flat(),
  }));
}

/**
 * A deterministic, stratified split of (training) tasks into a part to fit on and a validation
 * part to choose thresholds, epochs or features on.
 */
export function splitTrainValidation(
  tasks: readonly LabelledTask[],
  options: TrainValidationOptions = {},
): { train: string[]; validation: string[] } {
  const share = options.validationShare ?? 0.2;
  assert(share > 0 && share < 1, `the validation share must lie strictly between 0 and 1, got ${share}`);
  const train: string[] = [];
  const validation: string[] = [];
  for (const stratum of shuffledStrata(tasks, options.seed ?? 42)) {
    const held = Math.round(stratum.length * share);
    validation.push(...stratum.slice(0, held));
    train.push(...stratum.slice(held));
  }
  return { train, validation };
}
