import type { TaskOperator, WorldTask } from '#core/world/WorldTask.ts';

/** One link of a chain: apply `operator` with `operand` to the value so far. */
export type ChainStep = { readonly operator: TaskOperator; readonly operand: number };

/**
 * A long world task: a start value and a chain of dependent steps, each one calc call on the
 * previous step's result (`Start with 37, then +58, *4, -19. What is the result?`: `37+58` -> 95,
 * `95*4` -> 380, `380-19` -> 361). A wrong step propagates to every later one, so the first half of
 * a sound path is real work a taker-over need not redo, and a wrong early step misleads one that
 * trusts it. It is a {@link WorldTask} (`operators`/`operands` in chain order, `difficulty.operators`
 * = the chain's length), so the first world's episode runner, tools and verifier run it unchanged.
 */
export type LongTask = WorldTask & {
  readonly start: number;
  readonly chain: readonly ChainStep[];
  /** The sound value after each step: `intermediates[i]` is the result of step i (0-based). */
  readonly intermediates: readonly number[];
  /** Per step, whether it is hard (a product or a value of three or more digits): slips are likelier there. */
  readonly hard: readonly boolean[];
};

/** The calc expression of step `index` applied to `value`, as the ideal path writes it (`95*4`, `380-19`, `-5+3`). */
export function stepExpression(value: number, step: ChainStep): string {
  return `${value}${step.operator}${step.operand}`;
}

/** `value operator operand` computed as the calculator does (integers, left to right). */
export function applyStep(value: number, step: ChainStep): number {
  if (step.operator === '+') return value + step.operand;
  if (step.operator === '-') return value - step.operand;
  return value * step.operand;
}
