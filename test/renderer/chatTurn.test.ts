// A chat turn while its task runs and after: the leading path's text streams in (the path furthest
// ahead), and the voted answer replaces it; a turn says when earlier turns did not fit the context. Task updates are folded by the real applyTaskUpdate and
// rendered with React's server renderer.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ThreadTurn } from '#shared/ipc/Thread.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import {
  ChatTurn,
  leadingLane,
  leftOutNote,
  noAnswerText,
  streamText,
} from '../../renderer/src/screens/chat/ChatTurn.tsx';
import { applyTaskUpdate, type TaskRunState } from '../../renderer/src/tasks/taskRunState.ts';

const taskId = 't1';
// No task id: the recorded details (which load over IPC) are not part of these renders.
const turn: ThreadTurn = {
  id: 'u1',
  position: 0,
  prompt: 'What is 12+30?',
  taskId: null,
  status: null,
  answer: null,
  costUsd: 0,
  createdAt: 0,
  carriedTurns: null,
  leftOutTurns: null,
};

function fold(updates: readonly TaskUpdate[]): TaskRunState {
  return updates.reduce<TaskRunState | undefined>((state, update) => applyTaskUpdate(state, update), undefined)!;
}

const started: TaskUpdate[] = [
  { type: 'task-started', taskId, prompt: turn.prompt, paths: 2, strategy: 'parallel', at: 1 },
  { type: 'path-started', taskId, path: 0, provider: 'local:source', locality: 'local', at: 1 },
  { type: 'path-started', taskId, path: 1, provider: 'local:source', locality: 'local', at: 1 },
  { type: 'token', taskId, path: 0, text: 'Let me ' },
  {
    type: 'step',
    taskId,
    path: 1,
    step: 0,
    tool: 'calc',
    arguments: { expr: '12+30' },
    result: 42,
    provider: 'local:source',
    at: 2,
  },
  { type: 'token', taskId, path: 1, text: 'The answer is 4' },
];

describe('a chat turn', () => {
  it('streams the text of the path furthest ahead while the task runs', () => {
    const run = fold(started);
    expect(leadingLane(run.lanes)?.path).toBe(1);
    const html = renderToStaticMarkup(createElement(ChatTurn, { turn, run }));
    expect(html).toContain('data-live="true"');
    expect(html).toContain('The answer is 4');
    expect(html).not.toContain('Let me');
    expect(html).toContain('Path 2 of 2 is writing');
  });

  it('says in words what a path does while it calls a tool and has written nothing yet, never the tool name', () => {
    const calling = fold(started.slice(0, 5));
    const lane = calling.lanes.find((candidate) => candidate.path === 1)!;
    expect(streamText(lane)).toBe('Calculating…');
    const html = renderToStaticMarkup(
      createElement(ChatTurn, { turn, run: fold(started.slice(0, 3).concat(started[4]!)) }),
    );
    expect(html).toContain('Calculating…');
    expect(html).not.toMatch(/>calc</);
    expect(streamText({ ...lane, steps: [{ ...lane.steps[0]!, tool: 'read_file' }] })).toBe('Reading a file…');
    expect(streamText({ ...lane, steps: [{ ...lane.steps[0]!, tool: 'weather' }] })).toBe('Using a tool: weather…');
    expect(streamText({ ...lane, steps: [] })).toBe('…');
  });

  it('shows the voted answer once the task has finished', () => {
    const run = fold([
      ...started,
      { type: 'task-finished', taskId, status: 'answered', answer: '42', isLowConfidence: false, costUsd: 0, at: 3 },
    ]);
    const html = renderToStaticMarkup(createElement(ChatTurn, { turn, run }));
    expect(html).toContain('data-live="false"');
    expect(html).toContain('42');
    expect(html).not.toContain('The answer is 4');
  });

  it("says how many earlier turns were left out to fit the model's context, and nothing when none were", () => {
    const recorded: ThreadTurn = { ...turn, status: 'succeeded', answer: '50', carriedTurns: 4, leftOutTurns: 3 };
    const html = renderToStaticMarkup(createElement(ChatTurn, { turn: recorded, run: undefined }));
    expect(html).toContain('3 earlier turns were left out to fit the model&#x27;s context (the oldest go first).');
    expect(html).toContain('data-carried-turns="4"');
    expect(leftOutNote(1)).toBe("1 earlier turn was left out to fit the model's context (the oldest go first).");
    const allCarried = renderToStaticMarkup(
      createElement(ChatTurn, { turn: { ...recorded, leftOutTurns: 0 }, run: undefined }),
    );
    expect(allCarried).not.toContain('chat-context-note');
  });

  it('says a just-sent turn is starting rather than unanswered', () => {
    const html = renderToStaticMarkup(createElement(ChatTurn, { turn, run: undefined }));
    expect(html).toContain('data-live="true"');
    expect(html).toContain('Starting');
  });

  it('says in words why a turn has no answer and what to do, never the event code', () => {
    const run = fold([
      ...started,
      { type: 'task-finished', taskId, status: 'no-answer', answer: null, isLowConfidence: true, costUsd: 0, at: 3 },
    ]);
    const html = renderToStaticMarkup(createElement(ChatTurn, { turn, run }));
    expect(html).toContain(
      'No answer: no path reached one. Send it again, or open Options for more paths or cloud help.',
    );
    expect(html).not.toContain('(no-answer)');
    for (const live of ['no-answer', 'stopped', 'cancelled', 'failed', 'answered'] as const) {
      expect(noAnswerText(live, null)).not.toMatch(/no-answer|\(\w+\)/);
    }
    expect(noAnswerText(undefined, 'failed')).toBe(
      'No answer (failed). Send it again, or open Options for more paths or cloud help.',
    );
    expect(noAnswerText('cancelled', null)).toBe('No answer: you stopped this turn.');
    expect(noAnswerText(undefined, 'interrupted')).toMatch(/^No answer: the app closed while this turn ran\. /);
  });
});
