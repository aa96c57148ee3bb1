// The renderer's task logic (plain functions, no DOM): folding task events into lanes, the flow
// graph built from them, placeholders in redacted text, and a recorded task replayed.
import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '#shared/answerForm.ts';
import type { InvokeChannel } from '#shared/ipc/channels.ts';
import type { InvokeResponse } from '#shared/ipc/contract.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import { splitPlaceholders } from '../../renderer/src/escalation/RedactedText.tsx';
import { voteChartData } from '../../renderer/src/screens/tasks/FinalAnswer.tsx';
import { buildFlowGraph, flowColors, stableJson } from '../../renderer/src/tasks/buildFlowGraph.ts';
import { describeOutcome } from '../../renderer/src/tasks/describeOutcome.ts';
import { taskRunFromDetail } from '../../renderer/src/tasks/taskRunFromDetail.ts';
import { applyTaskUpdate, type TaskRunState } from '../../renderer/src/tasks/taskRunState.ts';
import { TaskRunStore } from '../../renderer/src/tasks/TaskRunStore.ts';

const explanation = { decidedBy: 'policy', failureProbability: 0.6, threshold: 0.5, reason: 'Risky.', facts: {} };

const updates: TaskUpdate[] = [
  { type: 'task-started', taskId: 't', prompt: 'What is 3+75?', paths: 3, strategy: 'parallel', at: 1 },
  { type: 'path-started', taskId: 't', path: 1, provider: 'local:s', locality: 'local', at: 2 },
  { type: 'path-started', taskId: 't', path: 0, provider: 'local:s', locality: 'local', at: 2 },
  { type: 'path-started', taskId: 't', path: 2, provider: 'local:s', locality: 'local', at: 2 },
  { type: 'token', taskId: 't', path: 0, text: 'thinking' },
  {
    type: 'step',
    taskId: 't',
    path: 0,
    step: 1,
    tool: 'calc',
    arguments: { expr: '3+75' },
    result: 78,
    provider: 'local:s',
    at: 3,
  },
  {
    type: 'step',
    taskId: 't',
    path: 1,
    step: 1,
    tool: 'calc',
    arguments: { expr: '3+75' },
    result: 78,
    provider: 'local:s',
    at: 3,
  },
  {
    type: 'step',
    taskId: 't',
    path: 2,
    step: 1,
    tool: 'calc',
    arguments: { expr: '3*75' },
    result: 225,
    provider: 'local:s',
    at: 3,
  },
  {
    type: 'checkpoint',
    taskId: 't',
    checkpoint: 1,
    action: 'escalate-selective',
    migratedPaths: [2],
    explanation,
    at: 4,
  },
  { type: 'path-started', taskId: 't', path: 2, provider: 'openai:t', locality: 'cloud', at: 4 },
  { type: 'fallback', taskId: 't', path: 2, message: 'You kept this task local.', at: 5 },
  { type: 'path-started', taskId: 't', path: 2, provider: 'local:s', locality: 'local', at: 5 },
  { type: 'path-finished', taskId: 't', path: 0, status: 'answered', answer: '78', provider: 'local:s', at: 6 },
  { type: 'path-finished', taskId: 't', path: 1, status: 'answered', answer: '78', provider: 'local:s', at: 6 },
  { type: 'path-finished', taskId: 't', path: 2, status: 'exhausted', answer: null, provider: 'local:s', at: 6 },
  {
    type: 'charge',
    taskId: 't',
    path: 0,
    provider: 'local:s',
    locality: 'local',
    model: 's',
    tokensIn: 1,
    tokensOut: 1,
    costUsd: 0,
    at: 6,
  },
  { type: 'vote', taskId: 't', tally: [{ answer: '78', paths: [0, 1] }], winner: '78', at: 7 },
  { type: 'task-finished', taskId: 't', status: 'answered', answer: '78', isLowConfidence: false, costUsd: 0, at: 7 },
];

function fold(list: readonly TaskUpdate[]): TaskRunState {
  return list.reduce<TaskRunState | undefined>((state, update) => applyTaskUpdate(state, update), undefined)!;
}

describe('applyTaskUpdate', () => {
  it('builds one lane per path, in path order, with steps, migrations, fallbacks and the end', () => {
    const run = fold(updates);
    expect(run).toMatchObject({ prompt: 'What is 3+75?', pathCount: 3, phase: 'finished', stepCount: 3 });
    expect(run.lanes.map((lane) => lane.path)).toEqual([0, 1, 2]);
    expect(run.lanes[0]).toMatchObject({ status: 'answered', answer: '78', tokens: '' });
    expect(run.lanes[0]?.steps).toEqual([
      { step: 1, tool: 'calc', arguments: { expr: '3+75' }, result: 78, provider: 'local:s', order: 0 },
    ]);
    // The hand-over sent nothing (the fallback came before anything from the cloud): it stayed local.
    expect(run.lanes[2]?.providers).toEqual([
      { provider: 'local:s', locality: 'local', outcome: 'ran', reason: null },
      { provider: 'openai:t', locality: 'cloud', outcome: 'stayed-local', reason: 'provider-failed' },
      { provider: 'local:s', locality: 'local', outcome: 'ran', reason: null },
    ]);
    expect(run.lanes[2]?.fallbacks).toEqual(['You kept this task local.']);
    expect(run.checkpoints).toHaveLength(1);
    expect(run.finish?.answer).toBe('78');
  });

  it('streams tokens into the lane until the next step', () => {
    const run = fold(updates.slice(0, 5));
    expect(run.lanes[0]?.tokens).toBe('thinking');
  });

  it('ends quietly on cancel and with the error on failure, even before task-started', () => {
    expect(fold([{ type: 'task-cancelled', taskId: 'x', at: 1 }]).phase).toBe('cancelled');
    const failed = fold([
      { type: 'task-failed', taskId: 'x', error: { code: 'model-missing', message: 'Download it.' }, at: 1 },
    ]);
    expect(failed).toMatchObject({ phase: 'failed', error: { code: 'model-missing' } });
  });
});

describe('TaskRunStore', () => {
  it('queues questions and drops those of a task that ended', () => {
    const store = new TaskRunStore({
      on: () => () => undefined,
      invoke: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'offline' } }),
    });
    const prompt = {
      requestId: 'r1',
      taskId: 't',
      provider: 'p',
      model: 'm',
      path: 0,
      messages: [],
      redactions: {},
      estimatedCostUsd: 0,
      originals: {},
    };
    store.addPrompt(prompt);
    store.addPrompt({ ...prompt, requestId: 'r2', taskId: 'other' });
    store.apply({ type: 'task-cancelled', taskId: 't', at: 1 });
    expect(store.getSnapshot().prompts.map((entry) => entry.requestId)).toEqual(['r2']);
    store.removePrompt('r2');
    expect(store.getSnapshot().prompts).toEqual([]);
    expect(store.getSnapshot().runs.get('t')?.phase).toBe('cancelled');
  });
});

describe('TaskRunStore after a reload', () => {
  it('asks the host for the open questions and shows those it missed, dropping those answered meanwhile', async () => {
    const prompt = {
      requestId: 'r1',
      taskId: 't',
      provider: 'p',
      model: 'm',
      path: 0,
      messages: [],
      redactions: {},
      estimatedCostUsd: 0,
      originals: {},
    };
    // What the host holds open (the host side is tested with the real TaskSessions in
    // test/unit/core/pendingApprovals.test.ts); the bridge hands it over as IPC would.
    let open = [prompt];
    const asked: string[] = [];
    const store = new TaskRunStore({
      on: () => () => undefined,
      invoke: <C extends InvokeChannel>(channel: C) => {
        asked.push(channel);
        return Promise.resolve({ ok: true as const, value: open as unknown as InvokeResponse<C> });
      },
    });
    // A stale question this page still shows, answered elsewhere while it was away.
    store.addPrompt({ ...prompt, requestId: 'answered-elsewhere' });
    await store.refreshPrompts();
    expect(store.getSnapshot().prompts.map((entry) => entry.requestId)).toEqual(['r1']);
    await store.refreshPrompts();
    expect(store.getSnapshot().prompts).toHaveLength(1);
    open = [];
    await store.refreshPrompts();
    expect(store.getSnapshot().prompts).toEqual([]);
    expect(new Set(asked)).toEqual(new Set(['task:list-pending-approvals']));
  });
});

describe('buildFlowGraph', () => {
  it('merges identical tool calls, counts visits and transitions, ends paths at answers, and highlights the newest', () => {
    const run = fold(updates);
    const graph = buildFlowGraph(run.lanes, { newestCount: 1 });
    const sameCall = `step:calc:${stableJson({ expr: '3+75' })}`;
    expect(graph.order).toBe(5); // start, two distinct calls, one answer, one "no answer"
    expect(graph.getNodeAttribute(sameCall, 'visits')).toBe(2);
    expect(graph.getEdgeAttribute('start', sameCall, 'transitions')).toBe(2);
    expect(graph.getNodeAttribute(sameCall, 'size')).toBeGreaterThan(
      graph.getNodeAttribute(`step:calc:${stableJson({ expr: '3*75' })}`, 'size'),
    );
    expect(graph.getNodeAttribute('answer:78', 'visits')).toBe(2);
    expect(graph.hasNode('end:none')).toBe(true);
    // Only the last step (path 2's) is the newest.
    expect(graph.getNodeAttribute(`step:calc:${stableJson({ expr: '3*75' })}`, 'color')).toBe(flowColors.newest);
    expect(graph.getNodeAttribute(sameCall, 'isNewest')).toBe(false);
  });

  it('gives identical arguments in any key order the same node', () => {
    expect(stableJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe(stableJson({ a: [2, { c: 4, d: 3 }], b: 1 }));
  });

  it('is empty without lanes', () => {
    expect(buildFlowGraph([]).order).toBe(0);
  });
});

describe('splitPlaceholders', () => {
  it('finds every placeholder of the vault', () => {
    expect(splitPlaceholders('Mail [EMAIL_1] or [CREDIT_CARD_12], not [x_1].')).toEqual([
      { text: 'Mail ', isPlaceholder: false },
      { text: '[EMAIL_1]', isPlaceholder: true },
      { text: ' or ', isPlaceholder: false },
      { text: '[CREDIT_CARD_12]', isPlaceholder: true },
      { text: ', not [x_1].', isPlaceholder: false },
    ]);
  });
});

describe('taskRunFromDetail', () => {
  const detail = {
    task: {
      id: 't',
      profileId: 'p',
      prompt: 'What is 3+75?',
      status: 'succeeded' as const,
      answer: '78',
      pathCount: 2,
      stepCount: 3,
      costUsd: 0.01,
      createdAt: 1,
      finishedAt: 9,
      strategy: 'parallel' as const,
      isLowConfidence: false,
      isEscalated: false,
      localRun: null,
    },
    paths: [
      {
        index: 0,
        provider: 'local:s',
        status: 'answered' as const,
        answer: '78',
        migratedTo: 'openai:t',
        ranOnCloud: true,
        voteGroup: null,
        answerGroup: null,
        tokensIn: 1,
        tokensOut: 1,
        steps: [
          { step: 1, tool: 'calc', arguments: { expr: '3+75' }, result: '78', provider: 'local:s', at: 2 },
          { step: 2, tool: 'calc', arguments: { expr: '78' }, result: '78', provider: 'openai:t', at: 5 },
        ],
      },
      {
        index: 1,
        provider: 'local:s',
        status: 'answered' as const,
        answer: '78',
        migratedTo: null,
        ranOnCloud: false,
        voteGroup: null,
        answerGroup: null,
        tokensIn: 1,
        tokensOut: 1,
        steps: [{ step: 1, tool: 'calc', arguments: { expr: '3+75' }, result: '78', provider: 'local:s', at: 3 }],
      },
    ],
    decisions: [],
    predictions: [
      { step: 1, failureProbability: 0.2, threshold: 0.6, decidedBy: 'agreement', at: 2 },
      { step: 2, failureProbability: 0.3, threshold: 0.6, decidedBy: 'agreement', at: 3 },
      { step: 3, failureProbability: 0.1, threshold: 0.6, decidedBy: 'agreement', at: 5 },
    ],
    charges: [],
  };

  it('replays a recorded task with its migrations and vote', () => {
    const run = taskRunFromDetail(detail);
    expect(run.phase).toBe('finished');
    expect(run.lanes[0]?.providers.map((provider) => provider.locality)).toEqual(['local', 'cloud']);
    expect(run.vote?.tally).toEqual([{ answer: '78', paths: [0, 1] }]);
    expect(run.finish).toMatchObject({ status: 'answered', answer: '78', costUsd: 0.01 });
  });

  it('counts no vote for a malformed answer, and counts 78 and " 78." as one answer, as the engine voted', () => {
    const [first, second] = detail.paths;
    if (first === undefined || second === undefined) throw new Error('two paths');
    const paths = [
      { ...first, answer: '' },
      { ...second, index: 1, answer: '{"expr": "7' },
      { ...second, index: 2, answer: '78' },
      { ...second, index: 3, answer: ' 78.' },
    ];
    const run = taskRunFromDetail({ ...detail, paths });
    expect(run.vote?.tally).toEqual([{ answer: '78', paths: [2, 3] }]);
  });

  it('draws the groups the vote used: two answers worded differently in one group by meaning are one bar of 2', () => {
    const [first, second] = detail.paths;
    if (first === undefined || second === undefined) throw new Error('two paths');
    const seventy = 'The sum of three and seventy-five is seventy-eight.';
    const paths = [
      {
        ...first,
        answer: 'It comes to seventy-eight, adding 3 and 75.',
        answerGroup: `meaning:${normalizeAnswer(seventy)}`,
      },
      { ...second, index: 1, answer: seventy, answerGroup: `meaning:${normalizeAnswer(seventy)}` },
      { ...second, index: 2, answer: '79' },
    ];
    // Recorded before votes were kept: the groups by meaning of migration 10, the central answer as the label.
    const before = taskRunFromDetail({ ...detail, paths });
    expect(before.vote?.tally).toEqual([
      { answer: seventy, paths: [0, 1] },
      { answer: '79', paths: [2] },
    ]);
    expect(voteChartData(before.vote?.tally ?? []).map((bar) => bar.votes)).toEqual([2, 1]);
    expect(voteChartData(before.vote?.tally ?? [])[0]?.label).toBe('The sum of three and sevent…');
    // A kept vote is drawn as it was: here the escalated paths decided, so the local path 2 did not vote.
    const kept = paths.map((path) => ({ ...path, voteGroup: path.index === 2 ? null : seventy }));
    const run = taskRunFromDetail({ ...detail, paths: kept });
    expect(run.vote?.tally).toEqual([{ answer: seventy, paths: [0, 1] }]);
    expect(describeOutcome(run.finish!, run.vote?.tally ?? [])).toBe('Answered by majority vote (2 of 2 votes)');
  });

  it('keeps only the first steps in time order when replaying', () => {
    const run = taskRunFromDetail(detail, 2);
    expect(run.lanes.map((lane) => lane.steps.length)).toEqual([1, 1]);
    expect(run.lanes[0]?.status).toBe('running');
    expect(run.lanes[1]?.status).toBe('answered');
  });

  it('redraws the recorded failure estimates up to the replayed step', () => {
    expect(taskRunFromDetail(detail).predictions.map((prediction) => prediction.step)).toEqual([1, 2, 3]);
    const replayed = taskRunFromDetail(detail, 2).predictions;
    expect(replayed).toEqual([
      {
        type: 'prediction',
        taskId: detail.task.id,
        step: 1,
        failureProbability: 0.2,
        threshold: 0.6,
        decidedBy: 'agreement',
        at: 2,
      },
      {
        type: 'prediction',
        taskId: detail.task.id,
        step: 2,
        failureProbability: 0.3,
        threshold: 0.6,
        decidedBy: 'agreement',
        at: 3,
      },
    ]);
  });
});
