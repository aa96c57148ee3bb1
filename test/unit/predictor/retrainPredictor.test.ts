import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { CancelledError } from '#core/errors.ts';
import { loadGcnCheckpointFile } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import { loadCheckpointScorer } from '#core/predictor/checkpointScorer.ts';
import { holdOutNewest, retrainPredictor } from '#core/predictor/retrainPredictor.ts';
import { defaultDecider } from '#core/predictor/statisticsPredictor.ts';
import { makeRun, makeTrajectory } from './makeTrajectory.ts';
import { createTestPorts } from '../../helpers/createTestEngine.ts';

const methods = ['Parser.parse', 'Lexer.next', 'Token.value', 'Buffer.read', 'Node.visit', 'Tree.walk'];

/**
 * Records `count` finished tasks: successful tasks have paths that look up one method and agree
 * on it; failed tasks have paths that hit errors and name different methods.
 */
function recordHistory(databaseFile: string, profileId: string, count: number): void {
  const db = openDatabase(databaseFile);
  const tasks = new TaskStore(db);
  for (let index = 0; index < count; index++) {
    const isSuccess = index % 2 === 0;
    const taskId = `task-${index}`;
    tasks.insertTask({ id: taskId, profileId, prompt: `bug ${index}`, createdAt: index });
    for (let pathIndex = 0; pathIndex < 3; pathIndex++) {
      const pathId = tasks.insertPath({ taskId, pathIndex, provider: 'local', model: 'source', seed: pathIndex });
      const method = isSuccess ? methods[index % methods.length] : methods[(index + pathIndex * 2) % methods.length];
      tasks.insertStep({
        pathId,
        stepIndex: 0,
        tool: 'get_code_snippet',
        args: { signature: `org.example.${method ?? ''}()` },
        result: isSuccess ? `10 : void ${method ?? ''}() {}` : 'Error: no such method',
        tokensIn: 100,
        tokensOut: 10,
        at: index,
      });
      db.prepare("UPDATE paths SET answer = ?, status = 'answered' WHERE id = ?").run(
        `org.example.${method ?? ''}()`,
        pathId,
      );
    }
    tasks.finishTask(taskId, isSuccess ? 'succeeded' : 'failed', null, index);
  }
  db.close();
}

/** 40 recorded tasks of a profile, read back as labelled trajectories. */
function recordedHistory() {
  const ports = createTestPorts();
  const file = path.join(ports.paths.dataDir, 'history.sqlite');
  const db = openDatabase(file);
  db.prepare("INSERT INTO profiles (id, name, created_at, privacy_mode) VALUES ('p', 'P', 0, 'local-only')").run();
  db.close();
  recordHistory(file, 'p', 40);
  const reopened = openDatabase(file);
  const history = readRecordedTrajectories(reopened, 'p', { onlyLabelled: true });
  reopened.close();
  return history;
}

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

describe('retraining the predictor from the app history', () => {
  it('refuses with a clear message when the history is too small', async () => {
    const ports = createTestPorts();
    engine = createEngine(ports);
    await expect(engine.retrainPredictor({})).rejects.toThrow(
      /Not enough labelled history to retrain: 0 finished tasks/,
    );
  });

  it('trains in a worker thread without blocking, activates v1, then keeps v1 when v2 is no better', async () => {
    const ports = createTestPorts();
    engine = createEngine(ports);
    const profileId = engine.listProfiles()[0]?.id ?? '';
    recordHistory(path.join(ports.paths.dataDir, 'atropos.sqlite'), profileId, 40);

    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const first = await engine.retrainPredictor({});
    clearInterval(timer);
    // The main thread kept running timers while the worker trained.
    expect(ticks).toBeGreaterThan(5);
    expect(first.version).toMatchObject({
      version: 1,
      isAccepted: true,
      isActive: true,
      previousRocAuc: null,
      trainTasks: 30,
      heldOutTasks: 10,
    });
    expect(first.version.rocAuc).toBeGreaterThan(0.9);

    // Same history, same seed: the candidate equals the active model, so it does not beat it.
    const second = await engine.retrainPredictor({});
    expect(second.version).toMatchObject({ version: 2, isAccepted: false, isActive: false });
    expect(second.version.previousRocAuc).toBeCloseTo(first.version.rocAuc, 10);

    const status = await engine.getPredictorStatus();
    expect(status.versions.map((version) => [version.version, version.isActive])).toEqual([
      [2, false],
      [1, true],
    ]);
    expect(status.labelledTasks).toBe(40);
  });

  it('rejects a worse candidate (an untrained model) against a trained current one', async () => {
    const history = recordedHistory();
    const trained = await retrainPredictor({
      history,
      current: null,
      k: 5,
      mode: 'parallel',
      trainedAt: null,
      decider: 'gcn',
      members: 2,
    });
    const untrained = await retrainPredictor({
      history,
      current: trained.candidate,
      k: 5,
      mode: 'parallel',
      trainedAt: null,
      decider: 'gcn',
      members: 2,
      seed: 42,
      // A learning rate of 0 leaves the random initial weights: a real, but useless, model.
      training: { learningRate: 0, maxEpochs: 2, patience: 1 },
    });
    expect(untrained.currentScore?.rocAuc).toBeGreaterThan(untrained.candidateScore.rocAuc);
    expect(untrained.isBetter).toBe(false);
  });

  it('decides with logistic regression on the path statistics when asked, and weighs it against a GCN in use', async () => {
    // The GCN is the default, as measured (docs/BENCHMARKS.md, issue 19).
    expect(defaultDecider).toBe('gcn');
    const history = recordedHistory();
    const request = { history, k: 5, mode: 'parallel', trainedAt: null, members: 2 } as const;
    const statistics = await retrainPredictor({ ...request, current: null, decider: 'statistics' });
    // A statistics checkpoint: the regression and its threshold, no graph weights.
    expect(statistics.candidate.weights).toEqual({});
    expect(statistics.candidate.statistics?.features).toHaveLength(15);
    expect(statistics.candidate.escalation).toBeDefined();
    // The history separates (successes agree, failures scatter and hit errors): the held-out 10 are ranked right.
    expect(statistics.candidateScore.rocAuc).toBe(1);
    const scorer = await loadCheckpointScorer(statistics.candidate);
    const failed = history.find((trajectory) => trajectory.success === false);
    const solved = history.find((trajectory) => trajectory.success === true);
    if (failed === undefined || solved === undefined) throw new Error('the history holds both outcomes');
    expect(scorer.decider).toBe('statistics');
    expect(scorer.failureProbability(failed)).toBeGreaterThan(scorer.threshold);
    expect(scorer.failureProbability(solved)).toBeLessThan(scorer.threshold);
    // Against a GCN in use, scored on the same held-out tasks: the candidate replaces it only if better.
    const gcn = await retrainPredictor({ ...request, current: null });
    expect(gcn.candidate.statistics).toBeUndefined();
    const replacing = await retrainPredictor({ ...request, current: gcn.candidate, decider: 'statistics' });
    expect(replacing.currentScore?.rocAuc).toBeCloseTo(gcn.candidateScore.rocAuc, 10);
    expect(replacing.isBetter).toBe(
      replacing.candidateScore.rocAuc > gcn.candidateScore.rocAuc ||
        (replacing.candidateScore.rocAuc === gcn.candidateScore.rocAuc &&
          replacing.candidateScore.accuracy > gcn.candidateScore.accuracy),
    );
  });

  it('keeps nothing of a profile deleted while its predictor retrained', async () => {
    const ports = createTestPorts();
    engine = createEngine(ports);
    const deleted = engine.listProfiles()[0]?.id ?? '';
    recordHistory(path.join(ports.paths.dataDir, 'atropos.sqlite'), deleted, 40);
    const other = engine.createProfile({ name: 'Other' });
    const retraining = engine.retrainPredictor({});
    // While the worker trains on its history, the person switches away and deletes the profile.
    engine.switchProfile(other.id);
    engine.deleteProfile(deleted);
    await expect(retraining).rejects.toThrow(/deleted while its predictor retrained; nothing was kept/);
    expect(existsSync(path.join(ports.paths.dataDir, 'predictor', deleted))).toBe(false);
  });

  it('stops the worker and writes nothing when cancelled', async () => {
    const ports = createTestPorts();
    engine = createEngine(ports);
    const profileId = engine.listProfiles()[0]?.id ?? '';
    recordHistory(path.join(ports.paths.dataDir, 'atropos.sqlite'), profileId, 40);
    const controller = new AbortController();
    const retraining = engine.retrainPredictor({}, controller.signal);
    controller.abort();
    await expect(retraining).rejects.toBeInstanceOf(CancelledError);
    expect((await engine.getPredictorStatus()).versions).toEqual([]);
    await expect(
      loadGcnCheckpointFile(path.join(ports.paths.dataDir, 'predictor', profileId, 'parallel-k5', 'v1.json')),
    ).rejects.toThrow(/ENOENT/);
  });

  it('names a damaged version list and how to recover, instead of a parse error', async () => {
    const ports = createTestPorts();
    engine = createEngine(ports);
    const profileId = engine.listProfiles()[0]?.id ?? '';
    const folder = path.join(ports.paths.dataDir, 'predictor', profileId, 'parallel-k5');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'history.json'), '{"active": 1, "versions": [');
    await expect(engine.getPredictorStatus()).rejects.toMatchObject({
      code: 'storage-failed',
      message: expect.stringMatching(/history\.json is damaged; move it aside/) as unknown,
    });
  });

  it('holds out the newest tasks, which an earlier model never trained on, unless they hold one outcome', () => {
    const history = Array.from({ length: 20 }, (_, index) =>
      makeTrajectory([makeRun(1, [], 'A.b()')], { task: `t${index}`, success: index % 2 === 0 }),
    );
    const { train, heldOut } = holdOutNewest(history, 0.25, 42);
    expect(heldOut.map((task) => task.task)).toEqual(['t15', 't16', 't17', 't18', 't19']);
    expect(train).toHaveLength(15);
    // The newest five all failed: a stratified split keeps both outcomes in the held-out part.
    const lopsided = history.map((task, index) => (index >= 15 ? { ...task, success: false } : task));
    const fallback = holdOutNewest(lopsided, 0.25, 42);
    expect(new Set(fallback.heldOut.map((task) => task.success))).toEqual(new Set([true, false]));
    expect(fallback.train.length + fallback.heldOut.length).toBe(20);
  });
});
