// The cold-start agreement on an open question: paths that answer in different words but the same
// sense agree, so the checkpoint reads the task as likely to succeed and stays local; without
// vectors (or with answers that contradict each other) every paragraph is its own answer and the
// same checkpoint gets help. Vectors are explicit (see semanticVote.test.ts for why).
import { describe, expect, it } from 'vitest';
import type { CheckpointState, PathSnapshot } from '#core/agent/runTask.ts';
import { agreementEstimate, pathValues } from '#core/tasks/policyCheckpoint.ts';
import { decideOpen } from './semanticKit.ts';

function at(degrees: number): Float32Array {
  return Float32Array.from([Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180), 0]);
}

const answers = [
  'Check the notice period, the deposit terms and whether the rent can rise during the lease.',
  'Look at how much notice you must give, what happens to the deposit, and any rent increase clause.',
  'Read the notice period, deposit and rent review clauses before you sign the renewal.',
  'Before renewing, confirm the notice period, the deposit conditions and the rules on rent rises.',
  'Nothing at all: a lease always renews on exactly the same terms, so there is nothing to check.',
];

function snapshot(index: number, answer: string | null): PathSnapshot {
  return {
    index,
    transcript: { tools: [], messages: [] },
    steps: 0,
    status: answer === null ? 'running' : 'answered',
    answer,
    providerId: 'local:test',
    calls: [],
  };
}

const state: CheckpointState = {
  strategy: 'parallel',
  checkpoint: 2,
  paths: answers.map((answer, index) => snapshot(index, answer)),
  stepBudget: 4,
  tokensSoFar: { in: 1000, out: 500 },
};
// Four paraphrases within 8° of each other (cos ≥ 0.99), the contradiction at 70° (cos 0.34).
const vectors = [at(0), at(5), at(8), at(3), at(70)];

function decide(answerVectors?: readonly (Float32Array | null)[]) {
  return decideOpen(state, 'balanced', answerVectors);
}

describe('the cold-start agreement by meaning', () => {
  it('counts paraphrases as agreeing and the contradiction apart', () => {
    const values = pathValues(state.paths, vectors);
    expect(new Set(values.slice(0, 4)).size).toBe(1);
    expect(values[4]).not.toBe(values[0]);
    expect(agreementEstimate(state.paths, 'balanced', vectors).failureProbability).toBeCloseTo(0.2);
    // Word for word, five paragraphs are five answers: agreement 1/5.
    expect(agreementEstimate(state.paths, 'balanced').failureProbability).toBeCloseTo(0.8);
  });

  it('keeps an open question on which the paths agree local, and gets help where they scatter', () => {
    const agreeing = decide(vectors);
    expect(agreeing.action).toBe('continue');
    expect(agreeing.explanation.facts).toMatchObject({ agreement: 0.8 });
    expect(decide().action).toMatch(/^escalate-/);
    // Every answer contradicting every other: no agreement to lean on.
    expect(decide([at(0), at(60), at(120), at(180), at(240)]).action).toMatch(/^escalate-/);
  });

  it('leaves paths that have not answered to their calls, as before', () => {
    const running = [
      snapshot(0, null),
      { ...snapshot(1, null), calls: [{ name: 'calc', arguments: { expr: '1+1' } }] },
    ];
    expect(pathValues(running, [])).toEqual([null, 'calls:[["calc",{"expr":"1+1"}]]']);
  });
});
