// The path runner and its strategies with scripted providers (deterministic turns, no model) and
// the runtime's real calculator tool: every strategy, the checkpoint, the hotswap kinds, the
// fallback, the vote and cancellation, in milliseconds each. The model tests run the same code on
// llama.cpp.
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { CheckpointDecision, Escalation, RunTaskOptions } from '#core/agent/runTask.ts';
import { runTask } from '#core/agent/runTask.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import type { JsonObject, Transcript } from '#core/llm/chat/Transcript.ts';
import { createWorldTools } from '#core/world/createWorldTools.ts';
import { createScriptedProvider, type ScriptedTurns } from '../../helpers/createScriptedProvider.ts';

const calc = (expr: string): { name: string; arguments: JsonObject } => ({ name: 'calc', arguments: { expr } });
const rightWork = [calc('3*4'), calc('2+12')];
const task = { prompt: 'What is 2+3*4?', tools: createWorldTools(), stepBudget: 4 };

/** The calls a transcript already holds: a path that goes on does only the rest of its plan. */
function callsDone(transcript: Transcript): number {
  return transcript.messages.filter((message) => message.role === 'tool').length;
}

/** A model whose path `index` (from its seed) follows `plans[index]`, going on where it stopped. */
function planned(plans: readonly { calls: ScriptedTurns['calls']; answer: string | null }[]) {
  return ({ transcript, seed }: { transcript: Transcript; seed: number }): ScriptedTurns => {
    const plan = plans[(seed - 1) % 1000] ?? plans[0];
    if (plan === undefined) throw new Error('no plan');
    return { calls: plan.calls.slice(callsDone(transcript)), answer: plan.answer };
  };
}

const decide = (decision: Omit<CheckpointDecision, 'explanation'>) => (): CheckpointDecision => ({
  ...decision,
  explanation: {
    decidedBy: 'test script',
    failureProbability: null,
    threshold: null,
    reason: `scripted ${decision.action}`,
    facts: {},
  },
});

/** A cloud reached only through the escalation (as the engine's egress gate is), at $0.01 a leg. */
function escalationTo(script: (request: { transcript: Transcript; seed: number }) => ScriptedTurns) {
  const cloud = createScriptedProvider({ id: 'cloud:target', locality: 'cloud', script });
  const legs: Transcript[] = [];
  const escalation: Escalation = {
    provider: cloud,
    continueTranscript: async (transcript, options) => {
      legs.push(transcript);
      return { ...(await cloud.continueTranscript(transcript, options)), costUsd: 0.01 };
    },
  };
  return { cloud, legs, escalation };
}

async function run(options: Partial<RunTaskOptions> & Pick<RunTaskOptions, 'local'>) {
  const events: TaskEvent[] = [];
  const outcome = await runTask({
    taskId: 'task-1',
    task,
    clock: { now: () => 0 },
    concurrency: 2,
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { outcome, events, ofType: <T extends TaskEvent['type']>(type: T) => events.filter((e) => e.type === type) };
}

describe('runTask: parallel paths and the vote', () => {
  it('runs every path through the real tools and answers by majority', async () => {
    const local = createScriptedProvider({
      id: 'local:source',
      script: planned([
        { calls: rightWork, answer: '14' },
        { calls: rightWork, answer: '14' },
        { calls: [calc('2+3')], answer: '20' },
      ]),
    });
    const { outcome, events, ofType } = await run({ local, paths: 3 });
    expect(outcome).toMatchObject({ status: 'answered', answer: '14', isLowConfidence: false, decisions: [] });
    expect(outcome.vote.tally.map((entry) => [entry.answer, entry.paths])).toEqual([
      ['14', [0, 1]],
      ['20', [2]],
    ]);
    // The calculator really ran: its results are in the step events (two paths at a time, interleaved).
    const results = ofType('step').map((step) => (step.type === 'step' ? Number(step.result) : NaN));
    expect(results.sort((a, b) => a - b)).toEqual([5, 12, 12, 14, 14]);
    expect(outcome.paths.map((path) => path.steps)).toEqual([2, 2, 1]);
    expect(events[0]?.type).toBe('task-started');
    expect(events.at(-1)).toMatchObject({ type: 'task-finished', answer: '14', costUsd: 0 });
    expect(outcome.tokens.out).toBe(15 + 15 + 10);
  });

  it('flags a 2-2 tie and a single-path answer low-confidence, and a cut-off answer does not vote', async () => {
    const tie = createScriptedProvider({
      id: 'local:source',
      script: planned(['14', '20', '14', '20'].map((answer) => ({ calls: [], answer }))),
    });
    expect((await run({ local: tie, paths: 4 })).outcome).toMatchObject({ answer: '14', isLowConfidence: true });
    const single = createScriptedProvider({ id: 'local:source', script: planned([{ calls: [], answer: '14' }]) });
    expect((await run({ local: single, paths: 1 })).outcome).toMatchObject({ answer: '14', isLowConfidence: true });
    const cut = createScriptedProvider({
      id: 'local:source',
      script: planned([
        { calls: [], answer: '{"expr": "7' },
        { calls: [], answer: '{"expr": "7' },
        { calls: [], answer: '14' },
      ]),
    });
    const { outcome } = await run({ local: cut, paths: 3 });
    expect(outcome.vote.tally).toEqual([{ answer: '14', paths: [2] }]);
    expect(outcome).toMatchObject({ answer: '14', isLowConfidence: true });
  });

  it('is low-confidence without a majority and says no-answer when no path answered', async () => {
    const split = createScriptedProvider({
      id: 'local:source',
      script: planned([
        { calls: [], answer: '14' },
        { calls: [], answer: '20' },
      ]),
    });
    expect((await run({ local: split, paths: 2 })).outcome).toMatchObject({ answer: '14', isLowConfidence: true });
    const silent = createScriptedProvider({ id: 'local:source', script: () => ({ calls: rightWork, answer: null }) });
    expect((await run({ local: silent, paths: 2 })).outcome).toMatchObject({ status: 'no-answer', answer: null });
  });

  it('refuses a path count out of range before anything runs', async () => {
    const local = createScriptedProvider({ id: 'local:source', script: () => ({ calls: [], answer: '1' }) });
    await expect(run({ local, paths: 0 })).rejects.toThrow(/Paths must be a whole number/);
    expect(local.requests).toEqual([]);
  });
});

describe('runTask: the checkpoint in the parallel strategy', () => {
  const local = () =>
    createScriptedProvider({ id: 'local:source', script: planned([{ calls: rightWork, answer: '13' }]) });

  it('pauses every path after `at` steps, decides once on all of them, then continues locally', async () => {
    const states: number[][] = [];
    const { outcome, ofType } = await run({
      local: local(),
      paths: 2,
      checkpoint: {
        at: 1,
        decide: (state) => {
          states.push(state.paths.map((path) => path.steps));
          expect(state.paths.every((path) => path.status === 'paused')).toBe(true);
          return decide({ action: 'continue' })();
        },
      },
    });
    expect(states).toEqual([[1, 1]]);
    expect(ofType('checkpoint')).toEqual([expect.objectContaining({ action: 'continue', migratedPaths: [] })]);
    expect(outcome).toMatchObject({ answer: '13', status: 'answered' });
    expect(outcome.paths.map((path) => path.steps)).toEqual([2, 2]);
  });

  it('stops the paused paths on stop: the task ends low-confidence', async () => {
    const { outcome } = await run({
      local: local(),
      paths: 2,
      checkpoint: { at: 1, decide: decide({ action: 'stop' }) },
    });
    expect(outcome.paths.map((path) => path.status)).toEqual(['stopped', 'stopped']);
    expect(outcome).toMatchObject({ status: 'stopped', answer: null, isLowConfidence: true });
  });

  it('parallel hotswap: every path migrates with its work so far, and the escalated paths decide', async () => {
    const { cloud, legs, escalation } = escalationTo(planned([{ calls: [calc('2+12')], answer: '14' }]));
    const { outcome, ofType } = await run({
      local: local(),
      paths: 2,
      escalation,
      handover: 'transcript',
      checkpoint: { at: 1, decide: decide({ action: 'escalate-parallel' }) },
    });
    expect(ofType('checkpoint')).toEqual([expect.objectContaining({ migratedPaths: [0, 1] })]);
    // The in-flight context migrates: the cloud leg starts from the local call and its result.
    expect(legs.map(callsDone)).toEqual([1, 1]);
    expect(legs.length).toBe(cloud.requests.length);
    expect(outcome.paths.map((path) => path.providerId)).toEqual(['cloud:target', 'cloud:target']);
    expect(outcome).toMatchObject({ answer: '14', costUsd: 0.02 });
  });

  it('by default a migrated path is handed the question alone (restart): no local tool result leaves', async () => {
    const { legs, escalation } = escalationTo(planned([{ calls: [calc('2+12')], answer: '14' }]));
    const { outcome } = await run({
      local: local(),
      paths: 2,
      escalation,
      checkpoint: { at: 1, decide: decide({ action: 'escalate-parallel' }) },
    });
    expect(legs).toHaveLength(2);
    // The task's start (this task has no system prompt): its question, no call and no result.
    for (const leg of legs) expect(leg.messages).toEqual([{ role: 'user', text: task.prompt }]);
    expect(outcome.paths.map((path) => path.providerId)).toEqual(['cloud:target', 'cloud:target']);
    expect(outcome.answer).toBe('14');
  });

  it('selective hotswap: only the most promising path migrates, the others stop', async () => {
    const { legs, escalation } = escalationTo(planned([{ calls: [calc('2+12')], answer: '14' }]));
    const { outcome, ofType } = await run({
      local: local(),
      paths: 3,
      escalation,
      checkpoint: { at: 1, decide: decide({ action: 'escalate-selective', selectCount: 1 }) },
    });
    const [checkpoint] = ofType('checkpoint');
    expect(checkpoint?.type === 'checkpoint' ? checkpoint.migratedPaths : null).toHaveLength(1);
    expect(legs).toHaveLength(1);
    expect(outcome.paths.filter((path) => path.status === 'stopped')).toHaveLength(2);
    expect(outcome.answer).toBe('14');
  });

  it('falls back to the local model when the cloud fails, and says why', async () => {
    const { escalation } = escalationTo(() => ({
      calls: [],
      answer: null,
      error: new EngineError('provider-unavailable', 'The cloud did not answer; the task goes on locally.'),
    }));
    const { outcome, ofType } = await run({
      local: local(),
      paths: 1,
      escalation,
      checkpoint: { at: 1, decide: decide({ action: 'escalate-parallel' }) },
    });
    expect(ofType('fallback')).toEqual([
      expect.objectContaining({ path: 0, message: 'The cloud did not answer; the task goes on locally.' }),
    ]);
    expect(outcome.paths[0]).toMatchObject({ providerId: 'local:source', status: 'answered', steps: 2 });
    expect(outcome).toMatchObject({ answer: '13', costUsd: 0 });
  });

  it('keeps the task local when it would escalate but no cloud is set up', async () => {
    const { outcome } = await run({
      local: local(),
      paths: 1,
      checkpoint: { at: 1, decide: decide({ action: 'escalate-parallel' }) },
    });
    expect(outcome.decisions.map((decision) => decision.action)).toEqual(['continue']);
    expect(outcome.decisions[0]?.explanation.reason).toMatch(/No cloud provider is set up/);
    expect(outcome.answer).toBe('13');
  });
});

describe('runTask: the sequential strategy', () => {
  const local = () =>
    createScriptedProvider({
      id: 'local:source',
      script: planned([
        { calls: rightWork, answer: '14' },
        { calls: [calc('2+3')], answer: '20' },
        { calls: rightWork, answer: '14' },
      ]),
    });

  it('runs paths one after another and decides after the first `at` complete paths', async () => {
    const seen: number[] = [];
    const { outcome } = await run({
      local: local(),
      paths: 3,
      strategy: 'sequential',
      checkpoint: {
        at: 2,
        decide: (state) => {
          seen.push(state.paths.length);
          return decide({ action: 'stop' })();
        },
      },
    });
    expect(seen).toEqual([2]);
    expect(outcome.paths.map((path) => path.status)).toEqual(['answered', 'answered', 'stopped']);
    expect(outcome.isLowConfidence).toBe(true);
  });

  it('sequential hotswap: the paths not run yet run on the cloud from the question', async () => {
    const { legs, escalation } = escalationTo(planned([{ calls: rightWork, answer: '14' }]));
    const { outcome, ofType } = await run({
      local: local(),
      paths: 3,
      strategy: 'sequential',
      escalation,
      checkpoint: { at: 1, decide: decide({ action: 'escalate-sequential' }) },
    });
    expect(ofType('checkpoint')).toEqual([expect.objectContaining({ migratedPaths: [1, 2] })]);
    expect(legs.map(callsDone)).toEqual([0, 0]);
    expect(outcome.paths.map((path) => path.providerId)).toEqual(['local:source', 'cloud:target', 'cloud:target']);
    expect(outcome).toMatchObject({ answer: '14', costUsd: 0.02 });
  });
});

describe('runTask: cancellation', () => {
  it('rejects with CancelledError once the running continuations stop', async () => {
    const controller = new AbortController();
    const local = createScriptedProvider({
      id: 'local:source',
      script: ({ seed }) => {
        if (seed === 2) controller.abort();
        return { calls: rightWork, answer: '14' };
      },
    });
    await expect(run({ local, paths: 3, concurrency: 1, signal: controller.signal })).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(local.requests.length).toBeLessThan(3);
  });
});
