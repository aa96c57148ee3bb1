import { InvalidRequestError } from '#core/errors.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';

/** A model's list price in USD per million tokens. */
export type ModelPrice = {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
};

/**
 * List prices at the time the recorded AutoFL runs were made (../shared/data/TRAJECTORIES.md), by
 * the model name a trajectory file carries.
 */
export const listPrices: Readonly<Record<string, ModelPrice>> = {
  'gpt-3.5-turbo-0613': { inputPerMillion: 1.5, outputPerMillion: 2 },
  'gpt-4-0613': { inputPerMillion: 30, outputPerMillion: 60 },
};

/** The list price of a model, or an InvalidRequestError naming the models whose prices are known. */
export function priceOf(model: string, prices: Readonly<Record<string, ModelPrice>> = listPrices): ModelPrice {
  const price = prices[model];
  if (price === undefined) {
    throw new InvalidRequestError(
      `No price is known for the model "${model}". Known: ${Object.keys(prices).join(', ')}; use trajectories of one of them.`,
    );
  }
  return price;
}

/** USD of one model call. */
export function callCost(tokensIn: number, tokensOut: number, price: ModelPrice): number {
  return (tokensIn * price.inputPerMillion + tokensOut * price.outputPerMillion) / 1e6;
}

/**
 * USD of every call a trajectory shows: each tool-calling step and each visible answering call.
 * On a cut trajectory (cutParallel) that is what was spent up to the cut, since a hidden answer
 * carries zero tokens there.
 */
export function trajectoryCost(trajectory: Trajectory, price: ModelPrice): number {
  let cost = 0;
  for (const run of trajectory.runs) {
    for (const step of run.steps) cost += callCost(step.tokensIn, step.tokensOut, price);
    cost += callCost(run.answerTokensIn, run.answerTokensOut, price);
  }
  return cost;
}
