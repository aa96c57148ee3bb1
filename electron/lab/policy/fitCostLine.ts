import { assert } from '#core/errors.ts';

/** A fitted straight line y = intercept + slope x. */
export type CostLine = { readonly intercept: number; readonly slope: number };

/**
 * Least-squares line through (x, y) points, used to estimate a run's cost from the size of its
 * first prompt before the run happens. With no spread in x it is the mean of y.
 */
export function fitCostLine(xs: readonly number[], ys: readonly number[]): CostLine {
  assert(xs.length === ys.length && xs.length > 0, 'a cost line needs points');
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = ys.reduce((sum, y) => sum + y, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  xs.forEach((x, index) => {
    covariance += (x - meanX) * ((ys[index] ?? 0) - meanY);
    variance += (x - meanX) ** 2;
  });
  const slope = variance > 1e-12 ? covariance / variance : 0;
  return { intercept: meanY - slope * meanX, slope };
}

/** The line's estimate at x, never below `floor` (costs are not negative). Defaults to 0. */
export function estimateCost(line: CostLine, x: number, floor = 0): number {
  return Math.max(floor, line.intercept + line.slope * x);
}
