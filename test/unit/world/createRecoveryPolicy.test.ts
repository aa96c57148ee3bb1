import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createFailurePolicy } from '#core/world/createFailurePolicy.ts';
import { createRecoveryPolicy } from '#core/world/createRecoveryPolicy.ts';
import { generateWorldEpisodes, policyMixes } from '#core/world/generateWorldEpisodes.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runEpisode } from '#core/world/runEpisode.ts';
import { solveTask } from '#core/world/solveTask.ts';

describe('createRecoveryPolicy', () => {
  it('fails like the prefix solver for half the budget, then redoes the task from scratch within it', () => {
    const random = createRandom(5);
    let checked = 0;
    for (const task of generateWorldTasks({ seed: 77, count: 200 })) {
      const failure = createFailurePolicy(task, 'wrongOperand', random);
      if (failure === null) continue;
      const prefixCalls = Math.floor(task.stepBudget / 2);
      const failed = runEpisode(task, failure);
      const recovered = runEpisode(task, createRecoveryPolicy(failure, prefixCalls));
      const ideal = solveTask(task);
      expect(recovered.steps.slice(0, prefixCalls)).toEqual(failed.steps.slice(0, prefixCalls));
      expect(recovered.steps.slice(-ideal.steps.length)).toEqual(ideal.steps);
      expect(recovered.isCorrect).toBe(true);
      expect(recovered.steps.length).toBeLessThanOrEqual(task.stepBudget);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives the target corpus correct takeovers whose prefix differs from the ideal one', () => {
    const episodes = generateWorldEpisodes({ seed: 3, count: 400, policyMix: policyMixes.target });
    const takeovers = episodes.filter((episode) => episode.policy.startsWith('recovery-after-'));
    expect(episodes.every((episode) => episode.isCorrect)).toBe(true);
    expect(takeovers.length / episodes.length).toBeGreaterThan(0.2);
    for (const episode of takeovers) {
      const prefixCalls = Math.floor(episode.task.stepBudget / 2);
      const ideal = solveTask(episode.task).steps.slice(0, prefixCalls);
      expect(episode.steps.slice(0, prefixCalls)).not.toEqual(ideal);
    }
  });
});
