import { describe, expect, it } from 'vitest';
import { folds, splitTrainValidation } from '#core/predictor/folds.ts';

const tasks = Array.from({ length: 53 }, (_, index) => ({ task: `d4j/Bug_${index}`, success: index % 5 < 2 }));

describe('folds', () => {
  it('puts every task in exactly one test fold and trains on the rest', () => {
    const split = folds(tasks, { count: 5, seed: 42 });
    expect(split).toHaveLength(5);
    const tested = split.flatMap((fold) => fold.test);
    expect(tested).toHaveLength(tasks.length);
    expect(new Set(tested)).toEqual(new Set(tasks.map((task) => task.task)));
    for (const fold of split) {
      expect(fold.train.length + fold.test.length).toBe(tasks.length);
      expect(fold.train.some((task) => fold.test.includes(task))).toBe(false);
    }
  });

  it('is deterministic for a seed, independent of input order, and differs across seeds', () => {
    expect(folds(tasks, { seed: 7 })).toEqual(folds([...tasks].reverse(), { seed: 7 }));
    expect(folds(tasks, { seed: 7 })).not.toEqual(folds(tasks, { seed: 8 }));
  });

  it('stratifies by label and balances fold sizes', () => {
    const successes = new Set(tasks.filter((task) => task.success).map((task) => task.task));
    for (const fold of folds(tasks, { count: 5 })) {
      expect(fold.test.length).toBeGreaterThanOrEqual(10);
      expect(fold.test.length).toBeLessThanOrEqual(11);
      const share = fold.test.filter((task) => successes.has(task)).length / fold.test.length;
      expect(Math.abs(share - successes.size / tasks.length)).toBeLessThan(0.1);
    }
  });

  it('keeps repeated entries of one task together', () => {
    const repeated = [...tasks, ...tasks];
    const tested = folds(repeated).flatMap((fold) => fold.test);
    expect(tested).toHaveLength(tasks.length);
  });
});

describe('splitTrainValidation', () => {
  it('holds out about the asked share of each label, deterministically', () => {
    const { train, validation } = splitTrainValidation(tasks, { validationShare: 0.2, seed: 3 });
    expect(train.length + validation.length).toBe(tasks.length);
    expect(new Set([...train, ...validation]).size).toBe(tasks.length);
    expect(validation.length).toBe(Math.round(21 * 0.2) + Math.round(32 * 0.2));
    expect(splitTrainValidation(tasks, { validationShare: 0.2, seed: 3 })).toEqual({ train, validation });
  });
});
