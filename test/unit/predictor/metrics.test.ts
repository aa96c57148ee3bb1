import { describe, expect, it } from 'vitest';
import {
  accuracyAt,
  averagePrecision,
  calibrationTable,
  chooseThreshold,
  confusionAt,
  falsePositiveRateAt95Recall,
  logLoss,
  metrics,
  rocAuc,
} from '#core/predictor/metrics.ts';

// Labels: true = the task failed (the positive class); scores: predicted probability of failure.
describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [true, true, false, false])).toBe(0);
  });

  it('is 0.5 when every score ties', () => {
    expect(rocAuc([0.3, 0.3, 0.3, 0.3, 0.3], [true, false, true, false, false])).toBe(0.5);
  });

  it('counts ties as one half (hand-computed)', () => {
    // Pairs (positive, negative): (0.8,0.6) 1, (0.8,0.4) 1, (0.4,0.6) 0, (0.4,0.4) 1/2 -> 2.5 / 4.
    expect(rocAuc([0.8, 0.4, 0.6, 0.4], [true, true, false, false])).toBe(0.625);
    // (0.9 beats both), (0.3 beats 0.2, loses to 0.5) -> 3 / 4.
    expect(rocAuc([0.9, 0.5, 0.3, 0.2], [true, false, true, false])).toBe(0.75);
  });

  it('is NaN without both classes', () => {
    expect(rocAuc([0.1, 0.2], [true, true])).toBeNaN();
  });
});

describe('averagePrecision', () => {
  it('is 1 for a perfect ranking', () => {
    expect(averagePrecision([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(1);
  });

  it('matches a hand-computed example', () => {
    // Ranked: P (prec 1), N, P (prec 2/3), N -> (1 + 2/3) / 2.
    expect(averagePrecision([0.9, 0.5, 0.3, 0.2], [true, false, true, false])).toBeCloseTo(5 / 6, 12);
  });

  it('treats tied scores as one step, giving the base rate when all tie', () => {
    expect(averagePrecision([0.5, 0.5, 0.5, 0.5], [true, false, false, false])).toBe(0.25);
  });
});

describe('thresholded metrics', () => {
  const scores = [0.9, 0.7, 0.6, 0.4, 0.2, 0.1];
  const labels = [true, true, false, true, false, false];

  it('counts a score equal to the threshold as predicted failure', () => {
    expect(confusionAt(scores, labels, 0.6)).toEqual({
      truePositives: 2,
      falsePositives: 1,
      trueNegatives: 2,
      falseNegatives: 1,
    });
    expect(accuracyAt(scores, labels, 0.6)).toBeCloseTo(4 / 6, 12);
  });

  it('reports precision, recall and specificity of the failure alarm', () => {
    const report = metrics(scores, labels, 0.5);
    expect(report).toMatchObject({ count: 6, accuracy: 4 / 6, precision: 2 / 3, recall: 2 / 3, specificity: 2 / 3 });
    // 0.9 and 0.7 beat all three successes, 0.4 beats two of them: 8 of 9 pairs.
    expect(report.rocAuc).toBeCloseTo(8 / 9, 12);
  });

  it('gives the false-positive rate at the first threshold reaching 95% recall', () => {
    // All three failures are caught only at 0.4, where one of three successes is flagged.
    expect(falsePositiveRateAt95Recall(scores, labels)).toBeCloseTo(1 / 3, 12);
    expect(falsePositiveRateAt95Recall([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toBe(0);
  });
});

describe('calibrationTable', () => {
  it('bins scores in ten equal-width bins, 1 in the last', () => {
    const table = calibrationTable([0.05, 0.15, 0.12, 1, 0.95], [false, true, false, true, false]);
    expect(table).toHaveLength(10);
    expect(table[0]).toMatchObject({ lower: 0, upper: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(table[1]?.count).toBe(2);
    expect(table[1]?.meanPredicted).toBeCloseTo(0.135, 12);
    expect(table[1]?.observedRate).toBe(0.5);
    expect(table[5]).toMatchObject({ count: 0, meanPredicted: null, observedRate: null });
    expect(table[9]).toMatchObject({ count: 2, meanPredicted: 0.975, observedRate: 0.5 });
  });
});

describe('chooseThreshold', () => {
  it('separates perfectly separable scores', () => {
    const threshold = chooseThreshold([0.9, 0.8, 0.3, 0.1], [true, true, false, false]);
    expect(threshold).toBeGreaterThan(0.3);
    expect(threshold).toBeLessThanOrEqual(0.8);
    expect(accuracyAt([0.9, 0.8, 0.3, 0.1], [true, true, false, false], threshold)).toBe(1);
  });

  it('picks the most accurate cut even far from 0.5', () => {
    const scores = [0.95, 0.93, 0.92, 0.91, 0.2];
    const labels = [true, true, false, false, false];
    const threshold = chooseThreshold(scores, labels);
    expect(threshold).toBeCloseTo(0.925, 12);
    expect(accuracyAt(scores, labels, threshold)).toBe(1);
  });

  it('prefers the cut nearest 0.5 among equally accurate ones', () => {
    expect(chooseThreshold([0.1, 0.9], [false, true])).toBe(0.5);
  });
});

describe('logLoss', () => {
  it('is the mean cross-entropy, finite for certain mistakes', () => {
    expect(logLoss([0.8, 0.4], [true, false])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    expect(logLoss([0, 1], [true, false])).toBeCloseTo(-Math.log(1e-7), 6);
    expect(logLoss([], [])).toBe(0);
  });
});
