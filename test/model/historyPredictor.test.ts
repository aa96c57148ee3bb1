// The learning loop with the real fixture model: world tasks run on llama.cpp and are recorded with
// their checked outcome, the predictor is retrained on that history in a worker, and the next task
// decides with it (checkpoint and per-step estimates) instead of the cold-start agreement.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { TaskRequest } from '#shared/taskRequest.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { loadGcnCheckpointFile } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { PredictorVersions } from '#core/predictor/PredictorVersions.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import { HistoryPredictors, historyPredictorK } from '#core/tasks/HistoryPredictors.ts';
import { worldBenchSeed } from '#core/tasks/runEngineTask.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createMemoryLogger, createTestPorts } from '../helpers/createTestEngine.ts';

const sourceModel = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
const engines: Engine[] = [];
afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.dispose()));
});

const world = (index: number, extra: Partial<TaskRequest> = {}): TaskRequest => ({
  worldTask: index,
  paths: 3,
  localModel: sourceModel,
  ...extra,
});

function eventsOf(type: TaskEvent['type'], events: readonly TaskEvent[]) {
  return events.filter((event) => event.type === type);
}

describe('a predictor retrained on the profile history decides the next tasks', () => {
  it('takes over from the cold start after retraining, and a damaged version falls back to it', async () => {
    const ports = createTestPorts({ clock: { now: () => Date.now() } });
    const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
    const engine = createEngine(ports, { databaseFile });
    engines.push(engine);
    engine.setPrivacyMode('local-only');

    // Before any history: the cold start is in charge, and says so.
    const before: TaskEvent[] = [];
    await engine.runTask(world(100), { onEvent: (event) => before.push(event) });
    expect(eventsOf('prediction', before).length).toBeGreaterThan(0);
    for (const event of eventsOf('prediction', before)) {
      expect(event).toMatchObject({ decidedBy: 'cold-start: agreement across paths' });
    }

    // History: 30 checked world tasks (the source's vote is right on roughly 40% of them).
    for (let index = 0; index < 30; index++) await engine.runTask(world(index, { escalation: 'never' }));
    // Each task is recorded with where its checkpoint was: half its step budget, in calls per path.
    const budgets = generateWorldTasks({ seed: worldBenchSeed, count: 30 }).map((task) => task.stepBudget);
    const db = openDatabase(databaseFile);
    const recorded = readRecordedTrajectories(db, engine.listProfiles()[0]?.id ?? '').slice(1);
    db.close();
    expect(recorded.map((trajectory) => trajectory.checkpoint)).toEqual(
      budgets.map((budget) => Math.floor(budget / 2)),
    );
    const retrained = await engine.retrainPredictor({});
    expect(retrained.version).toMatchObject({ version: 1, isAccepted: true, isActive: true });
    const { trainTasks, heldOutTasks } = retrained.version;
    expect(trainTasks + heldOutTasks).toBeGreaterThanOrEqual(30);

    // The accepted checkpoint carries operating-point thresholds calibrated on its held-out tasks.
    const versions = new PredictorVersions(
      ports.paths.dataDir,
      engine.listProfiles()[0]?.id ?? '',
      'parallel',
      historyPredictorK,
    );
    const checkpoint = await loadGcnCheckpointFile(versions.fileOf(1));
    const thresholds = checkpoint.escalation;
    expect(thresholds?.validation.tasks).toBe(heldOutTasks);
    expect(thresholds?.scoreKind).toBe('failure');
    expect(thresholds?.byPoint['save-most']).toBeGreaterThanOrEqual(thresholds?.byPoint['best-answers'] ?? Infinity);

    const after: TaskEvent[] = [];
    await engine.runTask(world(101, { operatingPoint: 'balanced' }), { onEvent: (event) => after.push(event) });
    const inCharge = `predictor v1 (from ${trainTasks + heldOutTasks} of your tasks)`;
    const predictions = eventsOf('prediction', after);
    expect(predictions.length).toBeGreaterThan(0);
    for (const event of predictions) {
      expect(event).toMatchObject({ decidedBy: inCharge, threshold: Math.min(1, thresholds?.byPoint.balanced ?? 2) });
      if (event.type === 'prediction') expect(event.failureProbability).toBeGreaterThanOrEqual(0);
    }
    const checkpoints = eventsOf('checkpoint', after);
    expect(checkpoints).toHaveLength(1);
    expect(checkpoints[0]).toMatchObject({
      explanation: { decidedBy: inCharge, threshold: thresholds?.byPoint.balanced },
    });

    // Every task owns its model: freeing one task's leaves another's working (a retraining or a roll
    // back while a task runs cannot pull its model away).
    const predictors = new HistoryPredictors(ports.paths.dataDir, createMemoryLogger());
    const first = await predictors.forTask(engine.listProfiles()[0]?.id ?? '', 'parallel', 'a');
    const second = await predictors.forTask(engine.listProfiles()[0]?.id ?? '', 'parallel', 'b');
    first?.dispose();
    expect(second?.failureProbability([])).toBeGreaterThanOrEqual(0);
    second?.dispose();

    // A damaged checkpoint never stops a task: a fresh engine logs it and the cold start decides.
    writeFileSync(versions.fileOf(1), '{"format": "atropos-predictor", "version": 1, "k": ');
    const logger = createMemoryLogger();
    const reopened = createEngine({ ...ports, logger }, { databaseFile });
    engines.push(reopened);
    const damaged: TaskEvent[] = [];
    const outcome = await reopened.runTask(world(102), { onEvent: (event) => damaged.push(event) });
    expect(outcome.paths).toHaveLength(3);
    expect(eventsOf('checkpoint', damaged)[0]).toMatchObject({
      explanation: { decidedBy: 'cold-start: agreement across paths' },
    });
    expect(logger.records).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'the retrained predictor could not be loaded; the cold start decides',
      }),
    );
  }, 240_000);
});
