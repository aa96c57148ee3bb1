import { describe, expect, it } from 'vitest';
import {
  checkCompareAnswer,
  checkConvertAnswer,
  generateOpenTasks,
  type Duration,
  type OpenTask,
} from '#lab/world/open/openTasks.ts';
import { generateOpenEpisodes, idealOpenEpisode, openPolicyMixes } from '#lab/world/open/openEpisodes.ts';
import { createOpenVocabulary } from '#lab/world/open/openVocabulary.ts';
import { encodeTranscript } from '#lab/llm/training/encodeTranscript.ts';
import { renderTranscript } from '#lab/llm/training/renderTranscript.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

function data(tasks: readonly OpenTask[]): unknown[] {
  return tasks.map(({ verify: _verify, ...rest }) => rest);
}

describe('open world tasks', () => {
  it('are a function of the seed, both kinds, values within 10-99', () => {
    const tasks = generateOpenTasks({ seed: 7, count: 300 });
    expect(data(generateOpenTasks({ seed: 7, count: 300 }))).toEqual(data(tasks));
    expect(data(generateOpenTasks({ seed: 8, count: 300 }))).not.toEqual(data(tasks));
    const converts = tasks.filter((task) => task.kind === 'convert').length;
    expect(converts / tasks.length).toBeGreaterThan(0.5);
    expect(converts / tasks.length).toBeLessThan(0.7);
    for (const task of tasks) {
      expect(task.value).toBeGreaterThanOrEqual(10);
      expect(task.value).toBeLessThanOrEqual(99);
      expect(task.verify(task.answer)).toBe(true);
    }
  });
});

describe('the convert checker', () => {
  it('accepts every wording, unit synonym and word order of the right count', () => {
    for (const text of [
      'In days that is 25',
      'The number of days is 25',
      'Counted in days it comes to 25',
      'That is, in days, 25',
      '25 days',
      'It is 25 days in all.',
      'There are 25 days.',
      'The total is 25 day',
    ])
      expect(checkConvertAnswer(text, 25, 'days'), text).toBe(true);
    expect(checkConvertAnswer('So in mins the answer is 85', 85, 'minutes')).toBe(true);
  });

  it('rejects a wrong count, a wrong or missing unit, and no answer', () => {
    for (const text of ['In days that is 24', 'In hours that is 25', '25', '25 days or 25 hours', 'days'])
      expect(checkConvertAnswer(text, 25, 'days'), text).toBe(false);
    expect(checkConvertAnswer(null, 25, 'days')).toBe(false);
  });
});

describe('the compare checker', () => {
  const weeks: Duration = { count: 3, unit: 'weeks' };
  const days: Duration = { count: 20, unit: 'days' };
  const check = (text: string): boolean => checkCompareAnswer(text, [weeks, days], weeks);

  it('accepts the winner in any wording after any reasoning', () => {
    for (const text of [
      '3 weeks is 21 days. 21 is more than 20. So the larger one is 3 weeks',
      'In days, 3 weeks is 21. 20 is less than 21. Hence the longer time is 3 wks',
      'So the answer is 3 weeks',
      'That makes the larger one 3 weeks.',
      '3 weeks is more',
    ])
      expect(check(text), text).toBe(true);
  });

  it('rejects the contradiction, a claim naming both, a reversed claim and no answer', () => {
    for (const text of [
      '3 weeks is 21 days. 21 is more than 20. So the larger one is 20 days',
      'So the answer is 20 days',
      '3 weeks or 20 days',
      '3 weeks is less',
      '3 weeks is not more',
      'So the answer is 3 days',
    ])
      expect(check(text), text).toBe(false);
    expect(checkCompareAnswer(null, [weeks, days], weeks)).toBe(false);
  });
});

describe('open world episodes', () => {
  it('ideal episodes are right, the weak mix about three in four (no scripted compare failures), the target mix all; every transcript is boundary-safe', () => {
    const random = createRandom(3);
    for (const task of generateOpenTasks({ seed: 3, count: 100 }))
      expect(idealOpenEpisode(task, random).isCorrect).toBe(true);
    const weak = generateOpenEpisodes({ seed: 1, count: 1000, mix: openPolicyMixes.weak });
    const share = weak.filter((episode) => episode.isCorrect).length / weak.length;
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.85);
    const target = generateOpenEpisodes({ seed: 2, count: 300, mix: openPolicyMixes.target });
    expect(target.every((episode) => episode.isCorrect)).toBe(true);
    const vocabulary = createOpenVocabulary();
    for (const episode of [...weak.slice(0, 200), ...target.slice(0, 200)])
      expect(encodeTranscript(renderTranscript(episode.transcript, episode), vocabulary).isBoundarySafe).toBe(true);
  });

  it('weak failures show before the checkpoint: a wrong first call or no call; on compare a wrong conversion the claim follows', () => {
    const weak = generateOpenEpisodes({ seed: 4, count: 600, mix: openPolicyMixes.weak });
    const failures = weak.filter((episode) => !episode.isCorrect);
    expect(failures.length).toBeGreaterThan(150);
    for (const { task, transcript, answer } of failures) {
      const calls = transcript.messages.flatMap((message) => (message.role === 'assistant' ? message.toolCalls : []));
      if (task.kind === 'convert') {
        expect(calls.length === 0 || calls[0]?.arguments.expr !== task.expression, task.question).toBe(true);
        continue;
      }
      const [, product, word, other] = /(\d+) is (more|less) than (\d+)/.exec(answer ?? '') ?? [];
      const big = task.options.find((option) => option.unit === task.pair.big);
      expect(Number(product)).not.toBe((big?.count ?? 0) * task.pair.factor);
      expect(word === 'more').toBe(Number(product) > Number(other));
      const small = task.options.find((option) => option.unit === task.pair.small);
      const claimed = word === 'more' ? big : small;
      expect(checkCompareAnswer(answer, task.options, claimed ?? task.options[0]!), answer ?? '').toBe(true);
    }
  });

  it('right answers to one task come in several wordings (an exact vote splits them)', () => {
    const [task] = generateOpenTasks({ seed: 5, count: 1 });
    if (task === undefined) throw new Error('a task');
    const random = createRandom(9);
    const answers = new Set(Array.from({ length: 10 }, () => idealOpenEpisode(task, random).answer));
    expect(answers.size).toBeGreaterThan(3);
  });
});
