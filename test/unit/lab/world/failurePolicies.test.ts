import { describe, expect, it } from 'vitest';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { createFailurePolicy, failureKinds, type FailureKind } from '#lab/world/createFailurePolicy.ts';
import type { Episode } from '#lab/world/Episode.ts';
import { generateWorldEpisodes, policyMixes } from '#lab/world/generateWorldEpisodes.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { runEpisode } from '#lab/world/runEpisode.ts';
import { solveTask } from '#lab/world/solveTask.ts';

const tasks = generateWorldTasks({ seed: 77, count: 400 });
const expressionOf = (step: Episode['steps'][number]): string => step.arguments.expr as string;
const expressions = (episode: Episode): string[] => episode.steps.map(expressionOf);

function runKind(kind: FailureKind): Episode[] {
  const random = createRandom(1);
  return tasks.flatMap((task) => {
    const policy = createFailurePolicy(task, kind, random);
    return policy === null ? [] : [runEpisode(task, policy)];
  });
}

describe('failure policies', () => {
  it.each(failureKinds)('%s fails the verifier on every task it applies to', (kind) => {
    const episodes = runKind(kind);
    expect(episodes.length).toBeGreaterThan(kind === 'leftToRight' ? 80 : 350);
    for (const episode of episodes) {
      expect(episode.policy).toBe(kind);
      expect(episode.isCorrect, `${episode.task.expression}: ${expressions(episode).join(' ')}`).toBe(false);
    }
  });

  it('wrongOperand calls calc with a number that is neither in the question nor an earlier result', () => {
    for (const episode of runKind('wrongOperand')) {
      const seen = new Set(episode.task.operands);
      const stranger = episode.steps.some((step) => {
        const numbers = (expressionOf(step).match(/\d+/g) ?? []).map(Number);
        const isStrange = numbers.some((number) => !seen.has(number) && !seen.has(-number));
        if (typeof step.result === 'number') seen.add(step.result);
        return isStrange;
      });
      const copiedFromElsewhere = expressions(episode).join() !== expressions(solveTask(episode.task)).join();
      expect(stranger || copiedFromElsewhere).toBe(true);
      expect(episode.steps).toHaveLength(episode.task.operators.length);
    }
  });

  it('loop repeats one call until the budget is spent and never answers', () => {
    for (const episode of runKind('loop')) {
      expect(episode.stoppedBy).toBe('budget');
      expect(episode.answer).toBeNull();
      expect(episode.steps).toHaveLength(episode.task.stepBudget);
      const calls = expressions(episode);
      expect(calls.at(-1)).toBe(calls.at(-2));
      expect(calls.at(-2)).toBe(calls.at(-3));
    }
  });

  it('prematureAnswer answers with fewer calls than operators, repeating an earlier number', () => {
    for (const episode of runKind('prematureAnswer')) {
      expect(episode.stoppedBy).toBe('answer');
      expect(episode.steps.length).toBeLessThan(episode.task.operators.length);
      const last = episode.steps.at(-1)?.result ?? episode.task.operands[0];
      expect(episode.answer).toBe(JSON.stringify(last));
    }
  });

  it('skippedStep makes one call fewer than there are operators', () => {
    for (const episode of runKind('skippedStep')) {
      expect(episode.stoppedBy).toBe('answer');
      expect(episode.steps).toHaveLength(episode.task.operators.length - 1);
    }
  });

  it('leftToRight starts with the first two operands although a later product comes first', () => {
    for (const episode of runKind('leftToRight')) {
      const [first, second] = episode.task.operands;
      if (episode.task.operators.length > 1) {
        expect(expressions(episode)[0]).toBe(`${first}${episode.task.operators[0]}${second}`);
      }
      expect(episode.task.operators.slice(1)).toContain('*');
    }
  });
});

describe('generateWorldEpisodes', () => {
  it('is a function of the seed and keeps the tasks of the seed', () => {
    const options = { seed: 8, count: 60, policyMix: policyMixes.weak };
    const strip = (episodes: Episode[]): unknown =>
      episodes.map(({ task, ...rest }) => ({ ...rest, task: task.id, expression: task.expression }));
    expect(strip(generateWorldEpisodes(options))).toEqual(strip(generateWorldEpisodes(options)));
    const ideal = generateWorldEpisodes({ seed: 8, count: 60 });
    expect(ideal.map((episode) => episode.task.expression)).toEqual(
      generateWorldEpisodes(options).map((episode) => episode.task.expression),
    );
    expect(ideal.every((episode) => episode.isCorrect && episode.policy === 'ideal')).toBe(true);
  });

  it('mixes ideal and failing transcripts in the weak proportions, every failure failing', () => {
    const episodes = generateWorldEpisodes({ seed: 3, count: 2000, policyMix: policyMixes.weak });
    const share = (name: string): number =>
      episodes.filter((episode) => episode.policy === name).length / episodes.length;
    expect(share('ideal')).toBeGreaterThan(0.52);
    expect(share('ideal')).toBeLessThan(0.58);
    for (const kind of failureKinds) expect(share(kind), kind).toBeGreaterThan(kind === 'leftToRight' ? 0.01 : 0.04);
    expect(share('wrongOperand')).toBeGreaterThan(0.15);
    for (const episode of episodes) expect(episode.isCorrect).toBe(episode.policy === 'ideal');
  });
});
