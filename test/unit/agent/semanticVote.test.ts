// The vote by meaning with explicit vectors: the grouping logic, without a model. The fixture GGUFs
// know only arithmetic, so paraphrase vectors from a real model are stood in for by vectors whose
// cosines are chosen: a paraphrase close to its original, a contradiction far from it.
import { describe, expect, it } from 'vitest';
import { AnswerVectors } from '#core/agent/AnswerVectors.ts';
import {
  answerGroupKeys,
  groupAnswers,
  isShortAnswer,
  semanticVote,
  shortAnswerWords,
} from '#core/agent/semanticVote.ts';
import { majorityVote, taskVote } from '#core/agent/vote.ts';
import { CancelledError } from '#core/errors.ts';

/** A unit vector at `degrees` in the plane of the first two axes (cosine of two = cos of their angle). */
function at(degrees: number, size = 8): Float32Array {
  const vector = new Float32Array(size);
  vector[0] = Math.cos((degrees * Math.PI) / 180);
  vector[1] = Math.sin((degrees * Math.PI) / 180);
  return vector;
}

const original = 'Check the notice period, the deposit terms and whether the rent can rise during the lease.';
const paraphrase = 'Look at how much notice you must give, what happens to the deposit, and any rent increase clause.';
const contradiction = 'You do not need to check anything before renewing: leases renew on the same terms by law.';
const other = 'Ask the landlord for a copy of the inventory and photograph every room before signing again.';

describe('short answers', () => {
  it(`are at most ${shortAnswerWords} words after normalisation, or a number`, () => {
    expect(['42', ' 1,124. ', 'Yes', 'option B', 'John Smith', '12 km per hour'].map(isShortAnswer)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(isShortAnswer('the answer is twelve km')).toBe(false);
  });

  it('vote by exact normalised equality even when their vectors are identical', () => {
    const same = at(0);
    const vote = semanticVote(['12 km', '13 km', '12 KM.'], [same, same, same]);
    expect(vote.tally).toEqual([
      { answer: '12 km', paths: [0, 2] },
      { answer: '13 km', paths: [1] },
    ]);
  });

  it('give exactly the exact vote when there are no vectors (the bench world numbers)', () => {
    const answers = ['7', '9', null, '9', '7', ' 9.0 ', '{"expr": "7'];
    expect(semanticVote(answers, [])).toEqual(majorityVote(answers));
  });
});

describe('long answers grouped by meaning', () => {
  it('a paraphrase votes with its original, a contradiction does not', () => {
    // cos(original, paraphrase) = cos 15° = 0.97; cos(original, contradiction) = cos 60° = 0.5.
    const vote = semanticVote([original, contradiction, paraphrase], [at(0), at(60), at(15)]);
    expect(vote.tally.map((entry) => entry.paths)).toEqual([[0, 2], [1]]);
    expect(vote.winner).toBe(original);
  });

  it('shows the most central member of the largest group', () => {
    // Path 1 sits between the other two: the highest mean similarity to its group.
    const vote = semanticVote([original, paraphrase, other], [at(0), at(10), at(20)]);
    expect(vote.tally).toEqual([{ answer: paraphrase, paths: [0, 1, 2] }]);
  });

  it('uses average linkage: a chain of near neighbours does not join its two ends', () => {
    // 0°, 19°, 40°: neighbours at cos 19° = 0.95 and cos 21° = 0.93, the ends at cos 40° = 0.77;
    // single linkage would chain all three, average linkage stops at (0.77 + 0.93) / 2 < 0.9.
    const groups = groupAnswers([original, paraphrase, other], [at(0), at(19), at(40)]);
    expect(groups.map((group) => group.paths)).toEqual([[0, 1], [2]]);
    expect(groups.every((group) => group.isByMeaning)).toBe(true);
  });

  it('never groups a short answer with a long one, nor a long answer without a vector', () => {
    const groups = groupAnswers(['yes', original, paraphrase, contradiction], [at(0), at(0), at(0), null]);
    expect(groups.map((group) => [group.paths, group.isByMeaning])).toEqual([
      [[1, 2], true],
      [[0], false],
      [[3], false],
    ]);
  });

  it('leaves ties and lone answers without a majority (low confidence in runTask)', () => {
    const tie = semanticVote([original, contradiction, paraphrase, other], [at(0), at(90), at(5), at(95)]);
    expect(tie.tally.map((entry) => entry.paths.length)).toEqual([2, 2]);
    const lone = semanticVote([original, contradiction, other], [at(0), at(90), at(180)]);
    expect(lone.tally.map((entry) => entry.paths.length)).toEqual([1, 1, 1]);
  });

  it('gives each path its group key, so counting keys counts agreement in meaning', () => {
    const keys = answerGroupKeys([original, null, paraphrase, contradiction], [at(0), null, at(10), at(80)]);
    expect(keys[0]).toBe(keys[2]);
    expect(keys[1]).toBeNull();
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('lets only the escalated paths vote, by meaning', () => {
    const vectors = [at(0), at(3), at(80), at(82)];
    const vote = taskVote(
      [
        { answer: original, isEscalated: false },
        { answer: paraphrase, isEscalated: false },
        { answer: contradiction, isEscalated: true },
        { answer: other, isEscalated: true },
      ],
      (answers) => semanticVote(answers, vectors),
    );
    expect(vote).toMatchObject({ isEscalatedVote: true, tally: [{ paths: [2, 3] }] });
  });
});

describe('AnswerVectors', () => {
  it('embeds each long answer once, never a short one, and keeps exact voting when the embedder fails', async () => {
    const asked: string[][] = [];
    const vectors = new AnswerVectors({
      modelName: 'test',
      embed: (texts) => {
        asked.push([...texts]);
        return Promise.resolve(texts.map((_, index) => at(index * 10)));
      },
    });
    const first = await vectors.embedAll([original, '42', null, ` ${original} `]);
    expect(asked).toEqual([[original]]);
    expect(first.map((vector) => vector === null)).toEqual([false, true, true, false]);
    await vectors.embedAll([original, paraphrase]);
    expect(asked).toEqual([[original], [paraphrase]]);
    expect(vectors.lookup([paraphrase])[0]).not.toBeNull();

    const failing = new AnswerVectors({
      modelName: 'test',
      embed: () => Promise.reject(new Error('this model cannot embed')),
    });
    expect(await failing.embedAll([original])).toEqual([null]);
    expect(failing.failure).toBe('this model cannot embed');
    const cancelled = new AnswerVectors({ modelName: 'test', embed: () => Promise.reject(new CancelledError()) });
    await expect(cancelled.embedAll([original])).rejects.toBeInstanceOf(CancelledError);
  });
});
