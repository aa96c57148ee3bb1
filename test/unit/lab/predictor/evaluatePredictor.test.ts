// evaluatePredictor on a small labelled fixture whose metrics follow by hand (predictorFixture.ts):
// both models must score the two kinds of task apart, and everything else is arithmetic.
import { describe, expect, it } from 'vitest';
import { evaluatePredictor } from '#lab/predictor/evaluatePredictor.ts';
import { fixtureTasks, testTasks, trainingTasks } from './predictorFixture.ts';

// Two ensemble members (the fewest: each stops early on the other's fold) keep it quick.
const fast = { members: 2 } as const;

describe('evaluatePredictor', () => {
  it('scores a held-out test set with the metrics worked out by hand', async () => {
    const [evaluation] = await evaluatePredictor(trainingTasks, {
      mode: 'parallel',
      ks: [2],
      seed: 3,
      gcn: fast,
      testSet: testTasks,
    });
    if (evaluation === undefined) throw new Error('no evaluation');
    // 10 test tasks, 4 of them failures.
    expect(evaluation).toMatchObject({ k: 2, mode: 'parallel', tasks: 10, failureRate: 0.4 });
    // Majority: the training set is 10 failures of 20, not more than half, so "success" for all:
    // right on the 6 successes of 10.
    expect(evaluation.baselines.majority.accuracy).toBe(0.6);
    for (const model of [evaluation.gcn, evaluation.baselines.stats]) {
      // Scattered tasks score s_B, agreeing ones s_A < s_B; every threshold chosen in training lies
      // between them. Predicted failures: the 3 scattered tasks, all right (precision 3/3); the
      // hidden failure looks like a success (recall 3/4); no success is flagged (specificity 6/6);
      // 9 of 10 right.
      expect(model.accuracy).toBeCloseTo(9 / 10, 12);
      expect(model.precision).toBe(1);
      expect(model.recall).toBeCloseTo(3 / 4, 12);
      expect(model.specificity).toBe(1);
      expect(model.confusion).toEqual({ truePositives: 3, falsePositives: 0, trueNegatives: 6, falseNegatives: 1 });
      // ROC-AUC over the 4 x 6 (failure, success) pairs: each scattered failure beats the 6
      // successes (18 pairs), the hidden failure ties with them (6 half pairs): 21 / 24.
      expect(model.rocAuc).toBeCloseTo(21 / 24, 12);
      // Average precision, one step per distinct score: at s_B recall 3/4 at precision 1, then at
      // s_A recall 1 at precision 4/10: 3/4 x 1 + 1/4 x 4/10 = 0.85.
      expect(model.averagePrecision).toBeCloseTo(0.85, 12);
      // 95% recall needs the threshold at s_A, which flags all 6 successes.
      expect(model.falsePositiveRateAt95Recall).toBe(1);
    }
  }, 120_000);

  it('cross-validates by task: separable labels are all predicted right, and the majority is counted per fold', async () => {
    // 12 agreeing successes and 8 scattered failures: every training part holds more successes
    // than failures, so the majority predicts success everywhere: right on 12 of 20.
    const tasks = [...fixtureTasks('Ok_', 12, 'agreeing', false), ...fixtureTasks('Fail_', 8, 'scattered', true)];
    const [evaluation] = await evaluatePredictor(tasks, { mode: 'parallel', ks: [2], folds: 4, seed: 5, gcn: fast });
    if (evaluation === undefined) throw new Error('no evaluation');
    expect(evaluation).toMatchObject({ tasks: 20, failureRate: 0.4 });
    expect(evaluation.baselines.majority.accuracy).toBe(0.6);
    // Each fold's own threshold splits the two kinds: all 20 right.
    expect(evaluation.baselines.stats.accuracy).toBe(1);
    expect(evaluation.gcn.accuracy).toBe(1);
    expect(evaluation.baselines.stats.confusion).toEqual({
      truePositives: 8,
      falsePositives: 0,
      trueNegatives: 12,
      falseNegatives: 0,
    });
  }, 120_000);

  it('refuses a set without both outcomes', async () => {
    await expect(
      evaluatePredictor(fixtureTasks('Ok_', 12, 'agreeing', false), { mode: 'parallel', ks: [2], gcn: fast }),
    ).rejects.toThrow(/both successes and failures/);
  });
});
