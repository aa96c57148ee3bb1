import { describe, expect, it } from 'vitest';
import { fitLogisticRegression } from '#core/predictor/logisticRegression.ts';

describe('fitLogisticRegression', () => {
  it('recovers the maximum-likelihood rates of a saturated model without a penalty', () => {
    // At x = 0 one of four is positive, at x = 1 three of four: the fit must predict 0.25 and 0.75.
    const features = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const labels = [true, false, false, false, true, true, true, false];
    const model = fitLogisticRegression(features, labels, { l2: 0 });
    expect(model.predict([0])).toBeCloseTo(0.25, 6);
    expect(model.predict([1])).toBeCloseTo(0.75, 6);
  });

  it('learns the direction of an informative feature and ignores a constant one', () => {
    const features = Array.from({ length: 40 }, (_, index) => [index / 4, 3]);
    const labels = features.map(([value], index) => (value ?? 0) > 5 !== (index % 10 === 0));
    const model = fitLogisticRegression(features, labels);
    expect(model.predict([9, 3])).toBeGreaterThan(0.8);
    expect(model.predict([1, 3])).toBeLessThan(0.2);
    expect(model.weights[1]).toBe(0);
  });

  it('stays finite on separable data thanks to the penalty', () => {
    const model = fitLogisticRegression([[0], [1], [2], [3]], [false, false, true, true], { l2: 0.01 });
    expect(Number.isFinite(model.weights[0])).toBe(true);
    expect(model.predict([3])).toBeGreaterThan(0.9);
  });

  it('raises the scores of a rare class under balanced weighting', () => {
    const features = Array.from({ length: 20 }, (_, index) => [index % 7]);
    const labels = features.map((_, index) => index % 5 === 0);
    const plain = fitLogisticRegression(features, labels);
    const balanced = fitLogisticRegression(features, labels, { classWeight: 'balanced' });
    const mean = (model: typeof plain) => features.reduce((sum, row) => sum + model.predict(row), 0) / features.length;
    expect(mean(plain)).toBeCloseTo(0.2, 1);
    expect(mean(balanced)).toBeGreaterThan(0.4);
  });

  it('is deterministic', () => {
    const features = [
      [1, 2],
      [2, 1],
      [3, 5],
      [4, 4],
      [5, 1],
    ];
    const labels = [false, true, false, true, true];
    expect(fitLogisticRegression(features, labels).weights).toEqual(fitLogisticRegression(features, labels).weights);
  });

  it('refuses rows of different lengths', () => {
    expect(() => fitLogisticRegression([[1], [1, 2]], [true, false])).toThrow(/same length/);
    expect(() => fitLogisticRegression([[1]], [true]).predict([1, 2])).toThrow(/takes 1 features/);
  });
});
