// What a process that dies mid-cloud-call leaves behind is put right by the next engine start: a
// real child process (tsx) records a running task and holds a budget reservation while its cloud
// request hangs; it is killed with SIGKILL; a fresh engine on the same database file marks the task
// interrupted and releases the reservation, but leaves a live process's work alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '#core/engine.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { recoverInterruptedWork } from '#core/tasks/recoverInterruptedWork.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';
import { createTestPorts } from '../../helpers/createTestEngine.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A cloud that takes requests and never answers; resolves `arrived` at the first one. */
async function startSilentCloud(): Promise<{ baseUrl: string; arrived: Promise<void>; server: Server }> {
  let signal: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (signal = resolve));
  const server = createServer(() => signal());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, arrived, server };
}

function state(file: string): { status: string | undefined; held: number } {
  const db = openDatabase(file);
  try {
    const status = db
      .prepare<[], { status: string }>("SELECT status FROM tasks WHERE id = 'victim-task'")
      .get()?.status;
    const held =
      db.prepare<[], { total: number }>('SELECT COALESCE(SUM(amount_usd), 0) AS total FROM budget_reservations').get()
        ?.total ?? 0;
    return { status, held };
  } finally {
    db.close();
  }
}

function startEngine(file: string) {
  const engine = createEngine(createTestPorts(), { databaseFile: file });
  cleanups.push(() => void Promise.resolve(engine.dispose()));
  return engine;
}

/** Starts an engine and stops it again (dispose may be synchronous or not). */
async function startAndStop(file: string): Promise<void> {
  const engine = createEngine(createTestPorts(), { databaseFile: file });
  await Promise.resolve(engine.dispose());
}

describe('work left by a process that is gone', () => {
  it('a task killed mid-cloud-call becomes interrupted and its reservation is released at the next start, not before', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-victim-')), 'atropos.sqlite');
    await startAndStop(file);
    const cloud = await startSilentCloud();
    const victim: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/fixtures/cloudCallVictim.ts', file, cloud.baseUrl],
      { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanups.push(() => victim.kill('SIGKILL'));
    let stderr = '';
    victim.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      victim.on('exit', (_code, signal) => resolve(signal)),
    );
    await Promise.race([
      cloud.arrived,
      exited.then(() => {
        throw new Error(`the victim ended before calling the cloud: ${stderr}`);
      }),
    ]);
    const during = state(file);
    expect(during.status).toBe('running');
    expect(during.held).toBeGreaterThan(0);

    // While the victim lives, a fresh engine leaves its task and reservation alone.
    await startAndStop(file);
    expect(state(file)).toEqual(during);

    victim.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const engine = startEngine(file);
    expect(state(file)).toEqual({ status: 'interrupted', held: 0 });
    // Cancelling it answers truthfully: nothing of it runs any more.
    expect(engine.cancelTask('victim-task')).toBe(false);
  }, 60_000);

  it('an interrupted task carries no label for the predictor, and its paths are stopped', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-interrupted-')), 'atropos.sqlite');
    // A process that has ended: its pid is free (or another program's, not Atropos with this token).
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    const db = openDatabase(file);
    new ProfileStore(db).insert({
      id: 'p1',
      name: 'one',
      createdAt: 0,
      privacyMode: 'local-only',
      caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
    });
    const tasks = new TaskStore(db, { pid: gone, token: 'gone' });
    for (const id of ['done', 'cut']) {
      tasks.insertTask({ id, profileId: 'p1', prompt: 'What is 6*7?', createdAt: id === 'done' ? 1 : 2 });
      for (const pathIndex of [0, 1]) {
        const pathId = tasks.insertPath({
          taskId: id,
          pathIndex,
          provider: 'local',
          model: 'fixture',
          seed: pathIndex,
        });
        tasks.insertStep({
          pathId,
          stepIndex: 1,
          tool: 'calc',
          args: {},
          result: '42',
          tokensIn: 1,
          tokensOut: 1,
          at: 3,
        });
      }
    }
    tasks.stopRunningPaths('done');
    tasks.finishTask('done', 'failed', null, 4);
    db.close();

    const engine = startEngine(file);
    const after = openDatabase(file);
    cleanups.push(() => after.close());
    expect(new TaskStore(after).statusOf('cut')).toBe('interrupted');
    expect(
      after
        .prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM paths WHERE task_id = 'cut' AND status = 'running'")
        .get()?.n,
    ).toBe(0);
    const all = readRecordedTrajectories(after, 'p1');
    expect(all.map((trajectory) => [trajectory.task, trajectory.success])).toEqual([
      ['done', false],
      ['cut', null],
    ]);
    expect(readRecordedTrajectories(after, 'p1', { onlyLabelled: true }).map((trajectory) => trajectory.task)).toEqual([
      'done',
    ]);
    expect(engine.listTasks({}).find((task) => task.id === 'cut')?.status).toBe('interrupted');
  });

  it('tells this process from an earlier one that had its pid, and leaves rows of no known process to no one', () => {
    const db = openDatabase(':memory:');
    const caps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
    new ProfileStore(db).insert({ id: 'p1', name: 'one', createdAt: 0, privacyMode: 'auto-redact', caps });
    const me = { pid: 4242, token: 'now' };
    const owners = { mine: me, earlier: { pid: 4242, token: 'before' }, other: { pid: 777, token: 'x' } };
    for (const [id, owner] of Object.entries(owners)) {
      new TaskStore(db, owner).insertTask({ id, profileId: 'p1', prompt: 'q', createdAt: 0 });
      new BudgetGuard({ db, ledger: new LedgerStore(db), clock: { now: () => 0 }, capsOf: () => caps, owner }).reserve({
        profileId: 'p1',
        taskId: id,
        provider: 'p',
        model: 'm',
        amountUsd: 0.01,
      });
    }
    // Written before owners were recorded: no process can still hold it.
    new TaskStore(db).insertTask({ id: 'legacy', profileId: 'p1', prompt: 'q', createdAt: 0 });
    const tasks = new TaskStore(db, me);
    const budget = new BudgetGuard({
      db,
      ledger: new LedgerStore(db),
      clock: { now: () => 0 },
      capsOf: () => caps,
      owner: me,
    });
    const alive = new Set([777]);
    const recovered = recoverInterruptedWork({
      db,
      tasks,
      budget,
      owner: me,
      isAlive: (pid) => alive.has(pid),
      now: 5,
    });
    expect(recovered).toEqual({ tasks: 2, reservations: 1 });
    expect(['mine', 'earlier', 'other', 'legacy'].map((id) => tasks.statusOf(id))).toEqual([
      'running',
      'interrupted',
      'running',
      'interrupted',
    ]);
    expect(budget.heldUsd('p1')).toBeCloseTo(0.02, 12);
    alive.clear();
    expect(recoverInterruptedWork({ db, tasks, budget, owner: me, isAlive: () => false, now: 6 })).toEqual({
      tasks: 1,
      reservations: 1,
    });
    expect(tasks.statusOf('mine')).toBe('running');
    db.close();
  });
});
