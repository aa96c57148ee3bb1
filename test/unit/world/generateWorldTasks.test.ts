import { describe, expect, it } from 'vitest';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { verifyAnswer } from '#core/world/verifyAnswer.ts';
import type { WorldTask } from '#core/world/WorldTask.ts';

/** Everything but the verifier (a closure, different per call). */
function data(tasks: readonly WorldTask[]): unknown[] {
  return tasks.map(({ verify: _verify, ...rest }) => rest);
}

describe('generateWorldTasks', () => {
  it('is a function of the seed', () => {
    const first = generateWorldTasks({ seed: 42, count: 50 });
    expect(data(generateWorldTasks({ seed: 42, count: 50 }))).toEqual(data(first));
    expect(data(generateWorldTasks({ seed: 43, count: 50 }))).not.toEqual(data(first));
    expect(data(generateWorldTasks({ seed: 42, count: 20 }))).toEqual(data(first.slice(0, 20)));
  });

  it('writes a question, ids, a budget and the answer for every task', () => {
    const tasks = generateWorldTasks({ seed: 5, count: 300, slack: 3 });
    expect(tasks[0]?.id).toBe('calc-5-0');
    expect(new Set(tasks.map((task) => task.id)).size).toBe(300);
    for (const task of tasks) {
      expect(task.question).toBe(`What is ${task.expression}?`);
      expect(task.expression).toMatch(/^\d+([-+*]\d+){1,3}$/);
      expect(task.operands).toHaveLength(task.operators.length + 1);
      expect(task.operators).toHaveLength(task.difficulty.operators);
      expect(task.stepBudget).toBe(task.difficulty.operators + 3);
      for (const operand of task.operands) {
        expect(operand).toBeGreaterThanOrEqual(2);
        expect(operand).toBeLessThanOrEqual(task.difficulty.maxOperand);
      }
      expect(Number.isSafeInteger(task.answer)).toBe(true);
    }
  });

  it('follows the difficulty mix', () => {
    const mix = [
      { difficulty: { operators: 1, maxOperand: 9 }, weight: 1 },
      { difficulty: { operators: 3, maxOperand: 999 }, weight: 3 },
    ];
    const tasks = generateWorldTasks({ seed: 9, count: 2000, mix });
    const hard = tasks.filter((task) => task.difficulty.operators === 3);
    expect(hard.length / tasks.length).toBeGreaterThan(0.72);
    expect(hard.length / tasks.length).toBeLessThan(0.78);
    expect(Math.max(...tasks.filter((task) => task.difficulty.operators === 1).flatMap((task) => task.operands))).toBe(
      9,
    );
    expect(Math.max(...hard.flatMap((task) => task.operands))).toBeGreaterThan(900);
    const operators = tasks.flatMap((task) => task.operators);
    for (const operator of ['+', '-', '*'] as const) {
      const share = operators.filter((item) => item === operator).length / operators.length;
      expect(share).toBeGreaterThan(0.3);
      expect(share).toBeLessThan(0.37);
    }
  });

  it('refuses an empty mix', () => {
    expect(() => generateWorldTasks({ seed: 1, count: 1, mix: [] })).toThrow(/positive weight/);
  });
});

describe('verifyAnswer', () => {
  it('reads the last number of the answer', () => {
    expect(verifyAnswer(1124, '1124')).toBe(true);
    expect(verifyAnswer(1124, ' 1124\n')).toBe(true);
    expect(verifyAnswer(1124, '98+27*38 = 1124.')).toBe(true);
    expect(verifyAnswer(1124, 'The answer is 1,124')).toBe(true);
    expect(verifyAnswer(-57, '-57')).toBe(true);
    expect(verifyAnswer(1124, '1125')).toBe(false);
    expect(verifyAnswer(1124, '1124.5')).toBe(false);
    expect(verifyAnswer(1124, '1124 or 1125')).toBe(false);
    expect(verifyAnswer(57, '-57')).toBe(false);
    expect(verifyAnswer(1124, 'I do not know')).toBe(false);
    expect(verifyAnswer(1124, '')).toBe(false);
    expect(verifyAnswer(1124, null)).toBe(false);
  });
});
