// Early termination inside self-consistency (issue 19.6): the grounding and settling rules, and
// runTask pruning paths (parallel) and stopping sampling (sequential, ESC) with scripted providers
// and the real calculator tool.
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { isGroundedPath, isSettled, isWindowUnanimous } from '#core/agent/earlyTermination.ts';
import { runTask, type RunTaskOptions } from '#core/agent/runTask.ts';
import type { JsonObject, Transcript } from '#core/llm/chat/Transcript.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { createScriptedProvider, type ScriptedTurns } from '../../helpers/createScriptedProvider.ts';

const calc = (expr: string): { name: string; arguments: JsonObject } => ({ name: 'calc', arguments: { expr } });
const task = { prompt: 'What is 2+3*4?', tools: createWorldTools(), stepBudget: 4 };
const right = { calls: [calc('3*4'), calc('2+12')], answer: '14' };
// 7 is in neither the question nor an earlier result: a made-up operand.
const madeUp = { calls: [calc('7*4'), calc('2+28')], answer: '30' };
const wrong = { calls: [calc('2+3'), calc('5*4')], answer: '20' };

function planned(plans: readonly { calls: ScriptedTurns['calls']; answer: string | null }[]) {
  return ({ transcript, seed }: { transcript: Transcript; seed: number }): ScriptedTurns => {
    const plan = plans[(seed - 1) % 1000] ?? plans[0];
    if (plan === undefined) throw new Error('no plan');
    const done = transcript.messages.filter((message) => message.role === 'tool').length;
    return { calls: plan.calls.slice(done), answer: plan.answer };
  };
}

/** A checkpoint at `at` steps that always lets the paths go on locally. */
const continuingAt = (at: number): RunTaskOptions['checkpoint'] => ({
  at,
  decide: () => ({
    action: 'continue',
    explanation: { decidedBy: 'test', failureProbability: null, threshold: null, reason: 'go on', facts: {} },
  }),
});

async function run(plans: Parameters<typeof planned>[0], options: Partial<RunTaskOptions> = {}) {
  const events: TaskEvent[] = [];
  const local = createScriptedProvider({ id: 'local:source', script: planned(plans) });
  const outcome = await runTask({
    taskId: 'task-1',
    task,
    local,
    paths: plans.length,
    clock: { now: () => 0 },
    concurrency: 2,
    onEvent: (event) => events.push(event),
    ...options,
  });
  const finished = events.flatMap((event) => (event.type === 'path-finished' ? [[event.path, event.status]] : []));
  return { outcome, events, local, finished };
}

describe('early termination rules', () => {
  it('calls are grounded when every number was read before: in the question or an earlier result', () => {
    const known = ['Use calc per operation.', 'What is 2+3*4?'];
    expect(isGroundedPath(known, [])).toBe(true);
    expect(isGroundedPath(known, [{ arguments: { expr: '3*4' }, result: '12' }, { arguments: { expr: '2+12' } }])).toBe(
      true,
    );
    expect(isGroundedPath(known, [{ arguments: { expr: '2+12' } }])).toBe(false);
    expect(isGroundedPath(known, [{ arguments: { expr: '7*4' }, result: '28' }])).toBe(false);
    expect(isGroundedPath(known, [{ arguments: { path: 'notes.txt' } }])).toBe(true);
  });

  it('settles on n agreeing answers and ESC stops on a unanimous window only', () => {
    expect(isSettled(['14', null, ' 14.'], 2)).toBe(true);
    expect(isSettled(['14', '20'], 2)).toBe(false);
    // A tie is not settled, even at one vote each.
    expect(isSettled(['14', '20'], 1)).toBe(false);
    expect(isSettled(['14', '20', '14'], 1)).toBe(true);
    expect(isSettled(['{"expr": "7'], 1)).toBe(false);
    expect(isWindowUnanimous(['1,124', '1124'])).toBe(true);
    expect(isWindowUnanimous(['14', null])).toBe(false);
    expect(isWindowUnanimous(['14', '20'])).toBe(false);
    expect(isWindowUnanimous([])).toBe(false);
  });
});

describe('runTask: pruning paths in the parallel strategy', () => {
  const plans = [madeUp, right, wrong, wrong, wrong];

  it('without it every path runs and votes (the made-up path and the three wrong ones win)', async () => {
    const { outcome, local } = await run(plans);
    expect(outcome.answer).toBe('20');
    expect(local.requests).toHaveLength(5);
  });

  it('prunes the made-up path, and once the answer is settled starts no further wave', async () => {
    const { outcome, local, finished, events } = await run(plans, {
      earlyTermination: { prune: {} },
      checkpoint: continuingAt(2),
    });
    // Wave 1 (paths 0 and 1): the made-up path is pruned, the right one answers and settles it.
    expect(local.requests.map((request) => request.seed)).toEqual([1, 2]);
    expect(outcome.paths.map((path) => path.status)).toEqual(['pruned', 'answered', 'pruned', 'pruned', 'pruned']);
    expect(outcome.vote.tally).toEqual([{ answer: '14', paths: [1] }]);
    expect(outcome.answer).toBe('14');
    // Recorded as stopped, not failed; the paths never started are started and stopped for the record.
    expect(finished).toEqual([
      [0, 'stopped'],
      [1, 'answered'],
      [2, 'stopped'],
      [3, 'stopped'],
      [4, 'stopped'],
    ]);
    const checkpoint = events.find((event) => event.type === 'checkpoint');
    expect(checkpoint?.type === 'checkpoint' ? checkpoint.explanation.facts.pruned : null).toBe('1, 3, 4, 5');
  });

  it('ends paused paths at a continuing checkpoint once settled, and keeps going while unsettled', async () => {
    const slow = { calls: [calc('3*4'), calc('2+12')], answer: '14' };
    const settledEarly = await run([{ calls: [], answer: '14' }, slow, slow], {
      earlyTermination: { prune: {} },
      checkpoint: continuingAt(1),
    });
    // Path 0 answered at once; path 1 paused after one call and ends; path 2 never starts.
    expect(settledEarly.outcome.paths.map((path) => [path.status, path.steps])).toEqual([
      ['answered', 0],
      ['pruned', 1],
      ['pruned', 0],
    ]);
    const unsettled = await run([wrong, slow, slow], {
      earlyTermination: { prune: { settleVotes: 2 } },
      checkpoint: continuingAt(1),
    });
    expect(unsettled.outcome.paths.map((path) => path.status)).toEqual(['answered', 'answered', 'answered']);
    expect(unsettled.outcome.answer).toBe('14');
  });
});

describe('runTask: pruning beside a hotswap', () => {
  it('decides on the live paths only and hands only those over', async () => {
    const cloud = createScriptedProvider({ id: 'cloud:target', locality: 'cloud', script: planned([right]) });
    const handed: number[] = [];
    const seen: number[][] = [];
    const { outcome } = await run([madeUp, wrong, wrong], {
      earlyTermination: { prune: { settleVotes: 2 } },
      escalation: {
        provider: cloud,
        continueTranscript: async (transcript, options) => {
          handed.push(options.path);
          return { ...(await cloud.continueTranscript(transcript, options)), costUsd: 0.01 };
        },
      },
      checkpoint: {
        at: 1,
        decide: (state) => {
          seen.push(state.paths.map((path) => path.index));
          return {
            action: 'escalate-parallel',
            explanation: {
              decidedBy: 'test',
              failureProbability: null,
              threshold: null,
              reason: 'hand over',
              facts: {},
            },
          };
        },
      },
    });
    // Path 0's first call is made up: pruned at the checkpoint, out of the decision and the handover.
    expect(seen).toEqual([[1, 2]]);
    expect(handed.sort()).toEqual([1, 2]);
    expect(outcome.paths[0]?.status).toBe('pruned');
  });
});

describe('runTask: early-stopping self-consistency in the sequential strategy', () => {
  it('stops after a window whose answers all agree, and samples on after a split window', async () => {
    const agreeing = await run([right, right, wrong, wrong, wrong], {
      strategy: 'sequential',
      earlyTermination: { agreementWindow: 2 },
    });
    expect(agreeing.local.requests).toHaveLength(2);
    expect(agreeing.outcome.paths.map((path) => path.status)).toEqual([
      'answered',
      'answered',
      'pruned',
      'pruned',
      'pruned',
    ]);
    expect(agreeing.outcome.answer).toBe('14');
    const split = await run([right, wrong, right, right, wrong], {
      strategy: 'sequential',
      earlyTermination: { agreementWindow: 2 },
    });
    expect(split.local.requests).toHaveLength(4);
    expect(split.outcome.vote.tally).toEqual([
      { answer: '14', paths: [0, 2, 3] },
      { answer: '20', paths: [1] },
    ]);
  });
});
