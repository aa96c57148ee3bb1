import { assert } from '#core/errors.ts';

/** Options of fitLogisticRegression. */
export type LogisticRegressionOptions = {
  /** Strength of the L2 penalty on the (standardised) weights; the intercept is free. Defaults to 0.01. */
  l2?: number;
  /**
   * 'balanced' weighs each class by n / (2 x its count), so a rare class counts as much as a
   * common one; scores then no longer match base rates, so choose the threshold on validation
   * data. Defaults to 'none'.
   */
  classWeight?: 'none' | 'balanced';
  /** Newton steps at most. Defaults to 50. */
  maxIterations?: number;
  /** Stop once no parameter moves by more than this. Defaults to 1e-8. */
  tolerance?: number;
};

/** What a fitted model is made of (what a checkpoint stores). */
export type LogisticRegressionParameters = {
  /** Weights on standardised features ((x - mean) / scale). */
  readonly weights: readonly number[];
  readonly intercept: number;
  readonly means: readonly number[];
  readonly scales: readonly number[];
};

/** A fitted model; `predict` gives the probability of the positive class (by convention: failure). */
export type LogisticRegressionModel = LogisticRegressionParameters & {
  predict(features: readonly number[]): number;
};

/** The model of stored parameters. */
export function logisticRegressionOf(parameters: LogisticRegressionParameters): LogisticRegressionModel {
  const { weights, intercept, means, scales } = parameters;
  const width = weights.length;
  return {
    weights,
    intercept,
    means,
    scales,
    predict(input: readonly number[]): number {
      assert(input.length === width, `the model takes ${width} features, got ${input.length}`);
      const logit = input.reduce(
        (sum, value, column) => sum + (weights[column] ?? 0) * ((value - (means[column] ?? 0)) / (scales[column] ?? 1)),
        intercept,
      );
      return sigmoid(logit);
    },
  };
}

function sigmoid(value: number): number {
  return value >= 0 ? 1 / (1 + Math.exp(-value)) : Math.exp(value) / (1 + Math.exp(value));
}

/** Solves a x = b for a symmetric positive definite a by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], vector: number[]): number[] {
  const size = vector.length;
  const rows = matrix.map((row, index) => [...row, vector[index] ?? 0]);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1) {
      if (Math.abs(rows[row]?.[column] ?? 0) > Math.abs(rows[pivot]?.[column] ?? 0)) pivot = row;
    }
    [rows[column], rows[pivot]] = [rows[pivot] ?? [], rows[column] ?? []];
    const lead = rows[column] ?? [];
    const divisor = lead[column] ?? 1;
    for (let row = column + 1; row < size; row += 1) {
      const current = rows[row] ?? [];
      const factor = (current[column] ?? 0) / divisor;
      for (let entry = column; entry <= size; entry += 1)
        current[entry] = (current[entry] ?? 0) - factor * (lead[entry] ?? 0);
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row -= 1) {
    const current = rows[row] ?? [];
    let sum = current[size] ?? 0;
    for (let entry = row + 1; entry < size; entry += 1) sum -= (current[entry] ?? 0) * (solution[entry] ?? 0);
    solution[row] = sum / (current[row] ?? 1);
  }
  return solution;
}

/**
 * Fits an L2-regularised logistic regression by Newton's method (IRLS) on standardised features.
 * Deterministic: no random initialisation, the same data give the same model. The loss is the
 * weighted mean log loss plus l2 / 2 x |weights|^2.
 * @param features one row of numbers per example, all of the same length
 * @param labels true for the positive class (in the predictor: the task failed)
 */
export function fitLogisticRegression(
  features: readonly (readonly number[])[],
  labels: readonly boolean[],
  options: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  const { l2 = 0.01, classWeight = 'none', maxIterations = 50, tolerance = 1e-8 } = options;
  assert(
    features.length === labels.length && features.length > 0,
    'logistic regression needs one label per example and at least one example',
  );
  const width = features[0]?.length ?? 0;
  assert(
    features.every((row) => row.length === width && row.every(Number.isFinite)),
    'every feature row must have the same length and finite values',
  );
  const count = features.length;
  const means = Array.from(
    { length: width },
    (_, column) => features.reduce((sum, row) => sum + (row[column] ?? 0), 0) / count,
  );
  const scales = means.map((mean, column) => {
    const variance = features.reduce((sum, row) => sum + ((row[column] ?? 0) - mean) ** 2, 0) / count;
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  // Each row standardised, with a trailing 1 for the intercept.
  const rows = features.map((row) => [
    ...row.map((value, column) => (value - (means[column] ?? 0)) / (scales[column] ?? 1)),
    1,
  ]);
  const positives = labels.filter(Boolean).length;
  const sampleWeights = labels.map((label) => {
    if (classWeight === 'none' || positives === 0 || positives === count) return 1;
    return count / (2 * (label ? positives : count - positives));
  });
  const totalWeight = sampleWeights.reduce((sum, weight) => sum + weight, 0);
  const parameters = new Array<number>(width + 1).fill(0);
  const loss = (candidate: readonly number[]): number => {
    let sum = candidate.reduce(
      (penalty, value, index) => (index < width ? penalty + (l2 / 2) * value * value : penalty),
      0,
    );
    rows.forEach((row, example) => {
      const logit = row.reduce((total, value, index) => total + value * (candidate[index] ?? 0), 0);
      // log(1 + e^-z) for positives and log(1 + e^z) for negatives, computed without overflow.
      const signed = labels[example] === true ? -logit : logit;
      sum +=
        ((sampleWeights[example] ?? 1) / totalWeight) * (Math.max(signed, 0) + Math.log1p(Math.exp(-Math.abs(signed))));
    });
    return sum;
  };

  for (let iteration = 0; iteration < maxIterations; iteration += 1) {
    const gradient = parameters.map((value, index) => (index < width ? l2 * value : 0));
    const hessian = parameters.map((_, row) =>
      parameters.map((__, column) => (row === column ? (row < width ? l2 : 1e-9) : 0)),
    );
    rows.forEach((row, example) => {
      const probability = sigmoid(row.reduce((sum, value, index) => sum + value * (parameters[index] ?? 0), 0));
      const weight = (sampleWeights[example] ?? 1) / totalWeight;
      const residual = weight * (probability - (labels[example] === true ? 1 : 0));
      const curvature = weight * probability * (1 - probability);
      row.forEach((value, index) => {
        gradient[index] = (gradient[index] ?? 0) + residual * value;
        const hessianRow = hessian[index] ?? [];
        row.forEach((other, column) => {
          hessianRow[column] = (hessianRow[column] ?? 0) + curvature * value * other;
        });
      });
    });
    const step = solve(hessian, gradient);
    // Damped Newton: halve the step until the loss does not grow, which keeps nearly separable
    // data from overshooting.
    const before = loss(parameters);
    let length = 1;
    let candidate = parameters.map((value, index) => value - (step[index] ?? 0));
    while (loss(candidate) > before && length > 1e-6) {
      length /= 2;
      candidate = parameters.map((value, index) => value - length * (step[index] ?? 0));
    }
    candidate.forEach((value, index) => {
      parameters[index] = value;
    });
    if (step.every((delta) => Math.abs(length * delta) <= tolerance)) break;
  }

  return logisticRegressionOf({
    weights: parameters.slice(0, width),
    intercept: parameters[width] ?? 0,
    means,
    scales,
  });
}
