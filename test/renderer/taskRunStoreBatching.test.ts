// The TaskRunStore tells its subscribers (React) once per batch of task updates, not once per
// update: a task on 32 paths sends a burst of path-started, token, step and prediction events, and
// redrawing every lane and the flow graph for each one held the page for tens of seconds
// (test/e2e/manyPaths.test.ts measures that in Chromium).
import { describe, expect, it } from 'vitest';
import type { AtroposBridge } from '#shared/ipc/contract.ts';
import type { TaskUpdate } from '#shared/ipc/TaskUpdate.ts';
import { TaskRunStore } from '../../renderer/src/tasks/TaskRunStore.ts';

/** The host side of the bridge: `emit` delivers a task event as the WebSocket or preload would. */
function hostBridge() {
  let deliver: ((update: TaskUpdate) => void) | undefined;
  const on = (channel: string, listener: (update: TaskUpdate) => void): (() => void) => {
    if (channel === 'task:event') deliver = listener;
    return () => undefined;
  };
  const bridge: Pick<AtroposBridge, 'on' | 'invoke'> = {
    on: on as AtroposBridge['on'],
    invoke: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'offline' } }),
  };
  return { bridge, emit: (update: TaskUpdate) => deliver?.(update) };
}

function burst(paths: number): TaskUpdate[] {
  const updates: TaskUpdate[] = [
    { type: 'task-started', taskId: 't', prompt: 'What is 3+75?', paths, strategy: 'parallel', at: 1 },
  ];
  for (let path = 0; path < paths; path += 1) {
    updates.push({ type: 'path-started', taskId: 't', path, provider: 'local:s', locality: 'local', at: 2 });
    updates.push({ type: 'token', taskId: 't', path, text: 'calc' });
  }
  return updates;
}

/** A connected store whose frames run when the test calls them, counting its notifications. */
function connectedStore() {
  const host = hostBridge();
  const flushes: (() => void)[] = [];
  const store = new TaskRunStore(host.bridge, (flush) => flushes.push(flush));
  store.connect();
  const counter = { count: 0 };
  store.subscribe(() => (counter.count += 1));
  return { host, flushes, store, notified: () => counter.count };
}

describe('TaskRunStore batching', () => {
  it('notifies once for a burst of 65 updates from 32 paths, with every update in the snapshot', () => {
    const { host, flushes, store, notified } = connectedStore();
    for (const update of burst(32)) host.emit(update);
    // Nothing redraws until the frame.
    expect(notified()).toBe(0);
    expect(flushes).toHaveLength(1);
    flushes[0]?.();
    expect(notified()).toBe(1);
    const run = store.getSnapshot().runs.get('t');
    expect(run?.lanes).toHaveLength(32);
    expect(run?.lanes.every((lane) => lane.tokens === 'calc')).toBe(true);
    // The next burst schedules its own frame.
    host.emit({ type: 'token', taskId: 't', path: 3, text: '(' });
    expect(flushes).toHaveLength(2);
    flushes[1]?.();
    expect(notified()).toBe(2);
  });

  it('keeps the objects of lanes an update did not touch, so memoised lanes skip their redraw', () => {
    const host = hostBridge();
    const store = new TaskRunStore(host.bridge, (flush) => flush());
    store.connect();
    for (const update of burst(32)) host.emit(update);
    const before = store.getSnapshot().runs.get('t')?.lanes ?? [];
    host.emit({ type: 'token', taskId: 't', path: 5, text: '(' });
    const after = store.getSnapshot().runs.get('t')?.lanes ?? [];
    expect(after.filter((lane, index) => lane !== before[index]).map((lane) => lane.path)).toEqual([5]);
  });

  it('tells at once what a person did (focus, an answered question) and drops the pending frame', () => {
    const { host, flushes, store, notified } = connectedStore();
    host.emit({ type: 'token', taskId: 't', path: 0, text: 'x' });
    store.focus('t');
    expect(notified()).toBe(1);
    // The frame finds nothing left to tell.
    flushes[0]?.();
    expect(notified()).toBe(1);
  });
});
