import { assert } from '#core/errors.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { evaluateExpression } from '#core/world/evaluateExpression.ts';
import { verifyAnswer } from '#core/world/verifyAnswer.ts';
import type { TaskOperator } from '#core/world/WorldTask.ts';
import { applyStep, type ChainStep, type LongTask } from './LongTask.ts';

/** Options of {@link generateLongTasks}. */
export type LongTaskOptions = {
  /** The same seed gives the same tasks; the first n tasks do not depend on `count`. */
  readonly seed: number;
  readonly count: number;
  /** Shortest chain. Defaults to 6. */
  readonly minSteps?: number;
  /** Longest chain. Defaults to 10. */
  readonly maxSteps?: number;
  /** Tool calls allowed beyond one per step. Defaults to 2 (as the first world). */
  readonly slack?: number;
};

/** Products are only drawn while the value is below this, so values stay within five digits. */
const productCeiling = 1000;

/**
 * Generates chain tasks from a seed: a start value (2-99) and 6-10 steps, each `+` or `-` an
 * operand 2-99 or `*` an operand 2-9 (a product only while the value is below 1000; a difference
 * only when it stays non-negative, else a sum). The answer is computed by the calculator the tool
 * uses on the whole chain written with parentheses, and checked against the step-by-step values.
 */
export function generateLongTasks(options: LongTaskOptions): LongTask[] {
  const minSteps = options.minSteps ?? 6;
  const maxSteps = options.maxSteps ?? 10;
  const slack = options.slack ?? 2;
  assert(minSteps >= 2 && maxSteps >= minSteps, 'a chain has 2 <= minSteps <= maxSteps steps');
  const random = createRandom(options.seed);
  const draw = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const tasks: LongTask[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const length = draw(minSteps, maxSteps);
    const start = draw(2, 99);
    const chain: ChainStep[] = [];
    const intermediates: number[] = [];
    const hard: boolean[] = [];
    let value = start;
    for (let position = 0; position < length; position += 1) {
      const step = drawStep(value, random, draw);
      hard.push(step.operator === '*' || value >= 1000);
      value = applyStep(value, step);
      chain.push(step);
      intermediates.push(value);
    }
    const expression = chain.reduce((text, step) => `(${text}${step.operator}${step.operand})`, String(start));
    const evaluation = evaluateExpression(expression);
    assert(evaluation.ok && evaluation.value === value, `chain ${expression} must evaluate to ${value}`);
    const answer = value;
    tasks.push({
      id: `chain-${options.seed}-${index}`,
      question: `Start with ${start}, then ${chain.map((step) => `${step.operator}${step.operand}`).join(', ')}. What is the result?`,
      expression,
      operands: [start, ...chain.map((step) => step.operand)],
      operators: chain.map((step) => step.operator),
      difficulty: { operators: length, maxOperand: 99 },
      stepBudget: length + slack,
      answer,
      verify: (answerText) => verifyAnswer(answer, answerText),
      start,
      chain,
      intermediates,
      hard,
    });
  }
  return tasks;
}

function drawStep(value: number, random: () => number, draw: (low: number, high: number) => number): ChainStep {
  const roll = random();
  const operator: TaskOperator = roll < 0.3 && value < productCeiling ? '*' : roll < 0.65 ? '+' : '-';
  if (operator === '*') return { operator, operand: draw(2, 9) };
  const operand = draw(2, 99);
  return operator === '-' && operand > value ? { operator: '+', operand } : { operator, operand };
}
