// Embedding answers costs seconds each on a chat model, so it is skipped where vectors cannot change
// the outcome: the vote when one exact answer has more than half of all paths or fewer than two
// different long answers exist (voteNeedsMeaning), the checkpoint when the cold-start decision is the
// same at both ends of what vectors can do to the agreement (checkpointNeedsMeaning). Scripted
// cases compare a task that skips with one that always embeds (the behaviour before the rule) and
// count the embedder's calls; random cases check the checkpoint rule against policyCheckpoint.
import { describe, expect, it } from 'vitest';
import { AnswerVectors, voteNeedsMeaning } from '#core/agent/AnswerVectors.ts';
import type { CheckpointState, PathSnapshot } from '#core/agent/runTask.ts';
import { semanticVote } from '#core/agent/semanticVote.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { operatingPointNames } from '#core/policy/operatingPoints.ts';
import { checkpointNeedsMeaning } from '#core/tasks/checkpointNeedsMeaning.ts';
import { decideOpen, runOpenTask } from './semanticKit.ts';

const x = 'Check the notice period, the deposit terms and whether the rent can rise during the lease.';
const xCased = 'check the notice period, the deposit terms and whether the rent can rise during the lease';
const y = 'Look at how much notice you must give, what happens to the deposit, and any rent increase clause.';
const z = 'Before renewing, confirm the notice period, the deposit conditions and the rules on rent rises.';
const w = 'Nothing at all: a lease always renews on exactly the same terms, so there is nothing to check.';
const angles = new Map([
  [x, 0],
  [xCased, 1],
  [y, 6],
  [z, 3],
  [w, 70],
]);

/** Chosen vectors (the fixture GGUFs know no English), counting the calls. */
function embedder(): AnswerEmbedder & { calls: number } {
  const counting = {
    modelName: 'chosen vectors',
    calls: 0,
    embed: (texts: readonly string[]) => {
      counting.calls += 1;
      return Promise.resolve(
        texts.map((text) => {
          const radians = ((angles.get(text) ?? 0) * Math.PI) / 180;
          return Float32Array.from([Math.cos(radians), Math.sin(radians)]);
        }),
      );
    },
  };
  return counting;
}

/** Embeds every time: the vote as it was before the rule, the reference. */
class AlwaysEmbed extends AnswerVectors {
  override embed(answers: readonly (string | null)[], signal?: AbortSignal) {
    return this.embedAll(answers, signal);
  }
}

describe('the vote skips embedding where vectors cannot change it', () => {
  it('states the rule: two different long answers and no exact majority of all paths', () => {
    expect(voteNeedsMeaning([x, x, x, y, z])).toBe(false); // 3 of 5
    expect(voteNeedsMeaning([x, xCased, x, z, w])).toBe(false); // x and xCased are one exact answer
    expect(voteNeedsMeaning(['14', '14', '14', y, z])).toBe(false);
    expect(voteNeedsMeaning([x, '12', '13', '14', '15'])).toBe(false); // one long answer
    expect(voteNeedsMeaning([x, x, '12', '13', null])).toBe(false); // one different long answer
    expect(voteNeedsMeaning([x, x, y, z, w])).toBe(true);
    // Three of the four that answered, but not more than half of all five paths.
    expect(voteNeedsMeaning([x, x, x, y, null, null])).toBe(true);
    expect(voteNeedsMeaning([x, x, x, y, z], { isEscalated: true })).toBe(true);
    expect(voteNeedsMeaning([x, x, x, x, x], { isEscalated: true })).toBe(false);
  });

  const skipped: readonly (readonly (string | null)[])[] = [
    [x, x, x, y, w],
    [x, x, x, w, w],
    [xCased, x, x, y, w],
    ['14', '14', '14', y, z],
    ['14', '14', '15', x, '16'],
    [x, x, '12', '13', null],
    [x, null, null, null, null],
  ];
  it.each(skipped)('answers as the full vote does, without asking the model: %j', async (...answers) => {
    const skipping = embedder();
    const outcome = await runOpenTask(answers, new AnswerVectors(skipping));
    const reference = await runOpenTask(answers, new AlwaysEmbed(embedder()));
    expect(skipping.calls).toBe(0);
    expect(outcome.answer).toBe(reference.answer);
    expect(outcome.isLowConfidence).toBe(reference.isLowConfidence);
    expect(outcome.status).toBe(reference.status);
    // The full vote may merge more paths into the groups (a larger support); the winners' paths hold.
    expect(reference.vote.tally[0]?.paths).toEqual(expect.arrayContaining([...(outcome.vote.tally[0]?.paths ?? [-1])]));
  });

  it('with paraphrases joining the majority, the same paths win; the text shown is the majority’s own', async () => {
    const answers = [x, x, x, y, z];
    const skipping = embedder();
    const outcome = await runOpenTask(answers, new AnswerVectors(skipping));
    const reference = await runOpenTask(answers, new AlwaysEmbed(embedder()));
    expect(skipping.calls).toBe(0);
    expect(outcome.isLowConfidence).toBe(reference.isLowConfidence);
    expect(reference.vote.tally[0]?.paths).toEqual(expect.arrayContaining([...(outcome.vote.tally[0]?.paths ?? [-1])]));
    expect(outcome.answer).toBe(x); // as written; the full vote shows z, the most central of five
    expect(reference.answer).toBe(z);
  });

  it('still embeds where the exact vote has no majority, and the meaning decides', async () => {
    const needed = embedder();
    const outcome = await runOpenTask([x, w, y, '12', z], new AnswerVectors(needed));
    expect(needed.calls).toBe(1);
    expect(outcome.vote.tally[0]?.paths).toEqual([0, 2, 4]);
    expect(outcome.isLowConfidence).toBe(false);
  });

  it('on random answers, a skipped vote wins with the same paths and confidence as the full one', () => {
    const random = createRandom(17);
    const pool = [x, xCased, y, z, w, '12', '13'];
    let checked = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const answers = Array.from({ length: 2 + Math.floor(random() * 6) }, () =>
        random() < 0.15 ? null : (pool[Math.floor(random() * pool.length)] ?? null),
      );
      if (voteNeedsMeaning(answers)) continue;
      checked += 1;
      const vectors = answers.map((answer) => {
        if (answer === null) return null;
        const radians = ((angles.get(answer) ?? 0) * Math.PI) / 180;
        return Float32Array.from([Math.cos(radians), Math.sin(radians)]);
      });
      const full = semanticVote(answers, vectors).tally;
      const exact = semanticVote(answers, []).tally;
      const lowConfidence = (tally: typeof full) =>
        (tally[0]?.paths.length ?? 0) * 2 <= answers.length || tally[1]?.paths.length === tally[0]?.paths.length;
      expect(lowConfidence(exact)).toBe(lowConfidence(full));
      expect(full[0]?.paths ?? []).toEqual(expect.arrayContaining([...(exact[0]?.paths ?? [])]));
    }
    expect(checked).toBeGreaterThan(500);
  });
});

function snapshot(index: number, answer: string | null, calls: number): PathSnapshot {
  return {
    index,
    transcript: { tools: [], messages: [] },
    steps: calls,
    status: answer === null ? 'running' : 'answered',
    answer,
    providerId: 'local:test',
    calls: Array.from({ length: calls }, (_, call) => ({ name: 'search', arguments: { q: `${call}` } })),
  };
}

describe('the checkpoint skips embedding where vectors cannot change its decision', () => {
  it('agrees with policyCheckpoint with and without vectors on random states at every operating point', () => {
    const random = createRandom(4171);
    const pool = [x, xCased, y, z, w, '12', null, null];
    let skipped = 0;
    let needed = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const paths = Array.from({ length: 2 + Math.floor(random() * 5) }, (_, index) =>
        snapshot(index, pool[Math.floor(random() * pool.length)] ?? null, Math.floor(random() * 2)),
      );
      const state: CheckpointState = {
        strategy: 'parallel',
        checkpoint: 2,
        paths,
        stepBudget: 4,
        tokensSoFar: { in: 1000, out: 500 },
      };
      const point = operatingPointNames[Math.floor(random() * operatingPointNames.length)] ?? 'balanced';
      const vectors = paths.map((path) => {
        if (path.answer === null) return null;
        const radians = ((angles.get(path.answer) ?? 0) * Math.PI) / 180;
        return Float32Array.from([Math.cos(radians), Math.sin(radians)]);
      });
      const decide = (answerVectors: readonly (Float32Array | null)[]) =>
        decideOpen(state, point, answerVectors).action;
      if (checkpointNeedsMeaning(paths, point)) needed += 1;
      else {
        skipped += 1;
        expect(decide([])).toBe(decide(vectors));
      }
    }
    expect(skipped).toBeGreaterThan(1000);
    expect(needed).toBeGreaterThan(50);
  });
});
