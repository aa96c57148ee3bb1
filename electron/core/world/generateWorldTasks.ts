import { assert } from '#core/errors.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { evaluateExpression } from './evaluateExpression.ts';
import { verifyAnswer } from './verifyAnswer.ts';
import type { TaskOperator, WorldDifficulty, WorldTask } from './WorldTask.ts';

/** Difficulties with their relative weights. */
export type DifficultyMix = readonly { readonly difficulty: WorldDifficulty; readonly weight: number }[];

/** 30% one operator, 40% two, 30% three, operands 2-99. */
export const defaultDifficultyMix: DifficultyMix = [
  { difficulty: { operators: 1, maxOperand: 99 }, weight: 0.3 },
  { difficulty: { operators: 2, maxOperand: 99 }, weight: 0.4 },
  { difficulty: { operators: 3, maxOperand: 99 }, weight: 0.3 },
];

/** Options of {@link generateWorldTasks}. */
export type WorldTaskOptions = {
  /** The same seed gives the same tasks; the first n tasks do not depend on `count`. */
  seed: number;
  count: number;
  /** Defaults to {@link defaultDifficultyMix}. */
  mix?: DifficultyMix;
  /** Tool calls allowed beyond one per operator. Defaults to 2. */
  slack?: number;
};

const operatorChoices: readonly TaskOperator[] = ['+', '-', '*'];

/**
 * Generates arithmetic tasks from a seed: each picks a difficulty from the mix, then operators
 * (`+ - *`, equally likely) and operands (2 to `maxOperand`), and computes its answer with the same
 * calculator the tool uses.
 */
export function generateWorldTasks(options: WorldTaskOptions): WorldTask[] {
  const mix = options.mix ?? defaultDifficultyMix;
  const slack = options.slack ?? 2;
  const totalWeight = mix.reduce((sum, entry) => sum + entry.weight, 0);
  assert(mix.length > 0 && totalWeight > 0, 'a difficulty mix needs a positive weight');
  const random = createRandom(options.seed);
  const tasks: WorldTask[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const difficulty = pickDifficulty(mix, random() * totalWeight);
    assert(difficulty.operators >= 1 && difficulty.maxOperand >= 2, 'operators >= 1 and maxOperand >= 2');
    const operands: number[] = [];
    const operators: TaskOperator[] = [];
    for (let position = 0; position <= difficulty.operators; position += 1) {
      operands.push(2 + Math.floor(random() * (difficulty.maxOperand - 1)));
      if (position < difficulty.operators) operators.push(operatorChoices[Math.floor(random() * 3)] ?? '+');
    }
    const expression = operands.map((operand, position) => `${operators[position - 1] ?? ''}${operand}`).join('');
    const evaluation = evaluateExpression(expression);
    assert(evaluation.ok, `generated expression ${expression} must evaluate`);
    const answer = evaluation.value;
    tasks.push({
      id: `calc-${options.seed}-${index}`,
      question: `What is ${expression}?`,
      expression,
      operands,
      operators,
      difficulty,
      stepBudget: difficulty.operators + slack,
      answer,
      verify: (answerText) => verifyAnswer(answer, answerText),
    });
  }
  return tasks;
}

function pickDifficulty(mix: DifficultyMix, draw: number): WorldDifficulty {
  let remaining = draw;
  for (const entry of mix) {
    remaining -= entry.weight;
    if (remaining < 0) return entry.difficulty;
  }
  const last = mix.at(-1);
  assert(last !== undefined, 'a difficulty mix is not empty');
  return last.difficulty;
}
