// runTask's vote by meaning end to end with scripted paths (tool-less text answers) and an embedder
// whose vectors are chosen per answer (the fixture GGUFs know no English; see semanticVote.test.ts):
// three paraphrases carry the task with a confident answer, the same paragraphs compared word for
// word leave it without a majority, and a world task's numbers vote exactly as before.
import { describe, expect, it } from 'vitest';
import { AnswerVectors } from '#core/agent/AnswerVectors.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';
import { runOpenTask } from './semanticKit.ts';

const answers = [
  'Check the notice period, the deposit terms and whether the rent can rise during the lease.',
  'Nothing at all: a lease always renews on exactly the same terms, so there is nothing to check.',
  'Look at how much notice you must give, what happens to the deposit, and any rent increase clause.',
  'Ask a neighbour what they paid last year and use that as your only guide to the renewal.',
  'Before renewing, confirm the notice period, the deposit conditions and the rules on rent rises.',
];
const angles = [0, 70, 6, 140, 3];

function embedderOf(texts: readonly string[], degrees: readonly number[]): AnswerEmbedder & { calls: number } {
  const embedder = {
    modelName: 'chosen vectors',
    calls: 0,
    embed: (batch: readonly string[]) => {
      embedder.calls += 1;
      return Promise.resolve(
        batch.map((text) => {
          const radians = ((degrees[texts.indexOf(text)] ?? 0) * Math.PI) / 180;
          return Float32Array.from([Math.cos(radians), Math.sin(radians)]);
        }),
      );
    },
  };
  return embedder;
}

describe('runTask votes by meaning with answer vectors', () => {
  it('answers with the central paraphrase, confidently, where word-for-word voting finds no majority', async () => {
    const embedder = embedderOf(answers, angles);
    const outcome = await runOpenTask(answers, new AnswerVectors(embedder));
    expect(outcome.vote.tally.map((entry) => entry.paths)).toEqual([[0, 2, 4], [1], [3]]);
    expect(outcome.answer).toBe(answers[4]);
    expect(outcome.isLowConfidence).toBe(false);
    expect(embedder.calls).toBe(1);

    const exact = await runOpenTask(answers);
    expect(exact.vote.tally).toHaveLength(5);
    expect(exact.isLowConfidence).toBe(true);
  });

  it('keeps numbers on exact equality: the embedder is never asked', async () => {
    const embedder = embedderOf([], []);
    const outcome = await runOpenTask(['14', '14.0', '20'], new AnswerVectors(embedder));
    expect(outcome.vote.tally).toEqual([
      { answer: '14', paths: [0, 1] },
      { answer: '20', paths: [2] },
    ]);
    expect(embedder.calls).toBe(0);
  });
});
