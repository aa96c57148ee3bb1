import { describe, expect, it } from 'vitest';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { evaluateExpression } from '#core/world/evaluateExpression.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { createChainPolicy, soundPlan } from '#lab/world/long/chainSolver.ts';
import { generateLongTasks } from '#lab/world/long/generateLongTasks.ts';
import { stepExpression } from '#lab/world/long/LongTask.ts';

const tasks = generateLongTasks({ seed: 2024, count: 500 });
const tools = createWorldTools();

describe('generateLongTasks', () => {
  it('is deterministic from its seed, and the first tasks do not depend on the count', () => {
    const again = generateLongTasks({ seed: 2024, count: 50 });
    expect(again.map((task) => task.question)).toEqual(tasks.slice(0, 50).map((task) => task.question));
    const other = generateLongTasks({ seed: 2025, count: 50 });
    expect(other.map((task) => task.question)).not.toEqual(again.map((task) => task.question));
  });

  it('draws chains of 6 to 10 steps with a budget of one call per step plus the slack', () => {
    const lengths = new Set(tasks.map((task) => task.chain.length));
    expect([...lengths].sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
    for (const task of tasks) {
      expect(task.stepBudget).toBe(task.chain.length + 2);
      expect(task.operators).toEqual(task.chain.map((step) => step.operator));
      expect(task.difficulty.operators).toBe(task.chain.length);
    }
    expect(generateLongTasks({ seed: 1, count: 20, minSteps: 3, maxSteps: 3, slack: 0 })[0]?.stepBudget).toBe(3);
  });

  it('keeps every value a non-negative integer and products for values below 1000', () => {
    for (const task of tasks) {
      let value = task.start;
      for (const [index, step] of task.chain.entries()) {
        if (step.operator === '*') expect(value).toBeLessThan(1000);
        expect(task.hard[index]).toBe(step.operator === '*' || value >= 1000);
        value = task.intermediates[index] ?? Number.NaN;
        expect(value).toBeGreaterThanOrEqual(0);
      }
      expect(evaluateExpression(task.expression)).toEqual({ ok: true, value: task.answer });
    }
  });

  it('is solved by one real calc call per step on the previous result, each result an intermediate', () => {
    for (const task of tasks) {
      const episode = runEpisode(task, createChainPolicy('ideal', soundPlan(task)), { tools });
      expect(episode.isCorrect, task.question).toBe(true);
      expect(episode.steps.map((step) => step.result)).toEqual(task.intermediates);
      let value = task.start;
      for (const [index, step] of episode.steps.entries()) {
        expect(step.arguments).toEqual({ expr: stepExpression(value, task.chain[index]!) });
        value = task.intermediates[index]!;
      }
    }
  });

  it('asks in words the chain it checks, and verifies the last number of an answer', () => {
    const task = tasks[0]!;
    const listed = task.chain.map((step) => `${step.operator}${step.operand}`).join(', ');
    expect(task.question).toBe(`Start with ${task.start}, then ${listed}. What is the result?`);
    expect(task.verify(`The result is ${task.answer}.`)).toBe(true);
    expect(task.verify(String(task.answer + 1))).toBe(false);
    expect(task.verify(null)).toBe(false);
  });
});
