import { describe, expect, it } from 'vitest';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { idealPolicy, solveTask } from '#lab/world/solveTask.ts';
import { worldSystemPrompt } from '#core/world/worldSystemPrompt.ts';
import type { WorldPolicy } from '#lab/world/WorldPolicy.ts';

const tasks = generateWorldTasks({ seed: 2024, count: 1000 });
const tools = createWorldTools();

describe('solveTask (the ideal policy)', () => {
  it('solves every task with one real calc call per operator', () => {
    for (const task of tasks) {
      const episode = solveTask(task);
      expect(episode.isCorrect, task.expression).toBe(true);
      expect(episode.stoppedBy).toBe('answer');
      expect(episode.answer).toBe(String(task.answer));
      expect(episode.steps).toHaveLength(task.operators.length);
      for (const step of episode.steps) {
        expect(step.name).toBe('calc');
        expect(step.result).toBe(tools.call('calc', step.arguments));
      }
      expect(episode.steps.at(-1)?.result).toBe(task.answer);
    }
  });

  it('applies products first, then sums and differences left to right', () => {
    const task = tasks.find((item) => item.expression === '98+27*38') ?? {
      ...tasks[0]!,
      expression: '98+27*38',
      operands: [98, 27, 38],
      operators: ['+', '*'] as const,
      answer: 1124,
      verify: (text: string | null) => text === '1124',
    };
    const episode = solveTask(task);
    expect(episode.steps.map((step) => step.arguments)).toEqual([{ expr: '27*38' }, { expr: '98+1026' }]);
    for (const item of tasks.filter((candidate) => candidate.operators.includes('*'))) {
      const first = solveTask(item).steps[0]?.arguments.expr;
      const index = item.operators.indexOf('*');
      expect(first).toBe(`${item.operands[index]}*${item.operands[index + 1]}`);
    }
  });

  it('writes the transcript: system, question, one assistant message per call, results, answer', () => {
    const task = tasks.find((item) => item.operators.length === 2)!;
    const episode = solveTask(task);
    const { messages } = episode.transcript;
    expect(messages[0]).toEqual({ role: 'system', text: worldSystemPrompt });
    expect(messages[1]).toEqual({ role: 'user', text: task.question });
    expect(messages.map((message) => message.role)).toEqual([
      'system',
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
      'assistant',
    ]);
    expect(messages[2]).toEqual({
      role: 'assistant',
      text: '',
      toolCalls: [{ id: 'call-1', name: 'calc', arguments: episode.steps[0]?.arguments }],
    });
    expect(messages[3]).toEqual({ role: 'tool', callId: 'call-1', name: 'calc', result: episode.steps[0]?.result });
    expect(messages.at(-1)).toEqual({ role: 'assistant', text: String(task.answer), toolCalls: [] });
    expect(episode.transcript.tools).toEqual(tools.definitions);
  });

  it('has a verifier that accepts the answer and rejects wrong ones', () => {
    for (const task of tasks.slice(0, 200)) {
      expect(task.verify(String(task.answer))).toBe(true);
      expect(task.verify(String(task.answer + 1))).toBe(false);
      expect(task.verify(String(task.answer - 10))).toBe(false);
      expect(task.verify(String(-task.answer || 1))).toBe(false);
      expect(task.verify(null)).toBe(false);
    }
  });
});

describe('runEpisode', () => {
  it('executes the calls the policy asks for, stops at the step budget, and reports tool errors as results', () => {
    const task = tasks[0]!;
    const stubborn: WorldPolicy = {
      name: 'stubborn',
      decide: () => ({ kind: 'call', name: 'calc', arguments: { expr: '1/0' } }),
    };
    const episode = runEpisode(task, stubborn);
    expect(episode.steps).toHaveLength(task.stepBudget);
    expect(episode.steps.every((step) => step.result === 'error: division by zero')).toBe(true);
    expect(episode).toMatchObject({ policy: 'stubborn', answer: null, stoppedBy: 'budget', isCorrect: false });
    expect(episode.transcript.messages.at(-1)?.role).toBe('tool');
  });

  it('uses the given system prompt and tools', () => {
    const episode = runEpisode(tasks[0]!, idealPolicy, { systemPrompt: 'Be brief.', tools });
    expect(episode.transcript.messages[0]).toEqual({ role: 'system', text: 'Be brief.' });
  });
});
