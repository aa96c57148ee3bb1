import { costAt, defaultPriceTable, type ModelPrice, type PriceTable } from '#core/budget/priceTable.ts';
import { InvalidRequestError } from '#core/errors.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';

export type { ModelPrice } from '#core/budget/priceTable.ts';

/**
 * The list price of a model from the one price table (which holds the prices of the recorded
 * AutoFL runs' models, ../shared/data/TRAJECTORIES.md), or an InvalidRequestError naming the
 * models whose prices are known.
 */
export function priceOf(model: string, prices: PriceTable = defaultPriceTable): ModelPrice {
  const price = prices[model];
  if (price === undefined) {
    throw new InvalidRequestError(
      `No price is known for the model "${model}". Known: ${Object.keys(prices).join(', ')}; use trajectories of one of them.`,
    );
  }
  return price;
}

/**
 * USD of every call a trajectory shows: each tool-calling step and each visible answering call.
 * On a cut trajectory (cutParallel) that is what was spent up to the cut, since a hidden answer
 * carries zero tokens there.
 */
export function trajectoryCost(trajectory: Trajectory, price: ModelPrice): number {
  let cost = 0;
  for (const run of trajectory.runs) {
    for (const step of run.steps) cost += costAt(price, step.tokensIn, step.tokensOut);
    cost += costAt(price, run.answerTokensIn, run.answerTokensOut);
  }
  return cost;
}
