// The learning loop, measured (issue 4 item 9, issue 7 item 2): the source fixture model answers
// world tasks through the engine (local only, 5 paths, every checkpoint decision recorded in
// SQLite), the predictor is retrained on that history in its worker thread exactly as the
// Predictor screen does, and then judges *other* recorded tasks at their checkpoints, against the
// cold-start agreement that decides until then.
//   npm run bench:learning -- [--history 200] [--test 200] [--paths 5] [--json]
// History tasks are world tasks 200.. of the bench seed, test tasks 0.. (the tasks `bench policy`
// runs); a test task whose question is also in the history is dropped.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '#core/engine.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { coldStartAgreement } from '#core/policy/coldStartAgreement.ts';
import { operatingPointNames, operatingPoints } from '#core/policy/operatingPoints.ts';
import { loadCheckpointScorer } from '#core/predictor/checkpointScorer.ts';
import { loadGcnCheckpointFile } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { cutAtRecordedCheckpoint } from '#core/trajectory/cutTrajectory.ts';
import { accuracyAt, rocAuc } from '#core/predictor/metrics.ts';
import { PredictorVersions } from '#core/predictor/PredictorVersions.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import { historyPredictorK } from '#core/tasks/HistoryPredictors.ts';
import { pathValue } from '#core/tasks/policyCheckpoint.ts';
import type { JsonValue } from '#core/llm/chat/Transcript.ts';
import { generateWorldTasks } from '#core/world/generateWorldTasks.ts';
import { worldBenchSeed } from '#core/tasks/runEngineTask.ts';
import { createNodePorts } from '../electron/host/createNodePorts.ts';
import { readAppVersion, repositoryRoot, sourceWorkers } from '../electron/host/appPaths.ts';

const { values } = parseArgs({
  options: {
    history: { type: 'string', default: '200' },
    test: { type: 'string', default: '200' },
    paths: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
  },
});
const historyCount = Number(values.history);
const testCount = Number(values.test);
const paths = Number(values.paths);
const print = (line: string) => {
  if (!values.json) console.log(line);
};

const dataDir = mkdtempSync(path.join(tmpdir(), 'atropos-learning-'));
const ports = createNodePorts({
  kind: 'cli',
  appVersion: readAppVersion(),
  dataDir,
  bundledModelsDir: path.join(repositoryRoot, 'models'),
  workers: sourceWorkers(),
  logger: { debug: () => {}, info: () => {}, warn: (message) => console.error(message), error: console.error },
});
const engine = createEngine(ports);
engine.setPrivacyMode('local-only');
const profileId = engine.listProfiles()[0]?.id ?? '';
const localModel = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
const questions = generateWorldTasks({ seed: worldBenchSeed, count: historyCount + 200 }).map((task) => task.question);
const historyQuestions = new Set(questions.slice(200, 200 + historyCount));

async function runTasks(label: string, indexes: readonly number[]): Promise<Set<string>> {
  const ids = new Set<string>();
  const started = performance.now();
  for (const [done, index] of indexes.entries()) {
    const outcome = await engine.runTask({ worldTask: index, paths, localModel, escalation: 'never', seed: index });
    ids.add(outcome.taskId);
    if ((done + 1) % 20 === 0 || done + 1 === indexes.length)
      print(`${label}: ${done + 1}/${indexes.length} tasks, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return ids;
}

const historyIndexes = Array.from({ length: historyCount }, (_, index) => 200 + index);
const testIndexes = Array.from({ length: testCount }, (_, index) => index).filter(
  (index) => !historyQuestions.has(questions[index] ?? ''),
);
await runTasks('history', historyIndexes);
const retrainStarted = performance.now();
const retrained = await engine.retrainPredictor({});
const retrainSeconds = (performance.now() - retrainStarted) / 1000;
print(
  `retrained v${retrained.version.version} on ${retrained.version.trainTasks} tasks (held out ${retrained.version.heldOutTasks}) in ${retrainSeconds.toFixed(1)} s`,
);
// The test tasks are recorded without escalation so their label is the local vote's own outcome.
const testIds = await runTasks('test', testIndexes);

const db = openDatabase(path.join(dataDir, 'atropos.sqlite'));
const recorded = readRecordedTrajectories(db, profileId, { onlyLabelled: true }).filter((trajectory) =>
  testIds.has(trajectory.task),
);
db.close();
const versions = new PredictorVersions(dataDir, profileId, 'parallel', historyPredictorK);
const checkpoint = await loadGcnCheckpointFile(versions.fileOf(retrained.version.version));
const predictor = await loadCheckpointScorer(checkpoint);
const thresholds = checkpoint.escalation;
if (thresholds === undefined) throw new Error('The retrained checkpoint has no calibrated thresholds.');

const atCheckpoint = recorded.map((trajectory) => cutAtRecordedCheckpoint(trajectory, 'parallel'));
const labels = atCheckpoint.map((trajectory) => trajectory.success === false);
// The retrained predictor of either kind (the default decider, or the GCN), read as live tasks read it.
const gcnScores = atCheckpoint.map((trajectory) => predictor.failureProbability(trajectory));
// The cold start's estimate, as the live checkpoint takes it (agreementEstimate): 1 - the share of
// paths agreeing on an answer, or on the calls so far.
const coldScores = atCheckpoint.map(
  (trajectory) =>
    1 -
    coldStartAgreement(
      trajectory.runs.map((run) =>
        pathValue({
          answer: run.answer,
          calls: run.steps.map((step) => ({ name: step.tool, arguments: step.args as JsonValue })),
        }),
      ),
    ),
);

const failures = labels.filter(Boolean).length;
const rows = operatingPointNames.map((name) => {
  const pick = (scores: readonly number[], threshold: number) => {
    const flagged = scores.map((score) => score >= threshold);
    const caught = flagged.filter((isFlagged, index) => isFlagged && labels[index] === true).length;
    return {
      flaggedPct: (100 * flagged.filter(Boolean).length) / scores.length,
      failuresCaughtPct: failures === 0 ? 0 : (100 * caught) / failures,
      accuracy: accuracyAt(scores, labels, threshold),
    };
  };
  return {
    point: name,
    predictor: pick(gcnScores, thresholds.byPoint[name]),
    coldStart: pick(coldScores, 1 - operatingPoints[name].coldStartAgreement),
  };
});
const report = {
  historyTasks: historyCount,
  testTasks: atCheckpoint.length,
  testFailureShare: failures / Math.max(1, atCheckpoint.length),
  retrainSeconds,
  predictor: { rocAuc: rocAuc(gcnScores, labels) },
  coldStart: { rocAuc: rocAuc(coldScores, labels) },
  points: rows,
};
predictor.dispose();
await engine.dispose();
if (values.json) {
  console.log(JSON.stringify(report));
} else {
  print('');
  print(
    `${report.testTasks} test tasks at their checkpoints, ${(100 * report.testFailureShare).toFixed(1)}% of them failed locally`,
  );
  print(
    `ROC-AUC of P(failure): retrained predictor ${report.predictor.rocAuc.toFixed(3)}, cold-start agreement ${report.coldStart.rocAuc.toFixed(3)}`,
  );
  print('point            flagged% (pred / cold)   failures caught% (pred / cold)   accuracy (pred / cold)');
  for (const row of rows) {
    print(
      `${row.point.padEnd(16)} ${row.predictor.flaggedPct.toFixed(1).padStart(8)} / ${row.coldStart.flaggedPct.toFixed(1).padEnd(12)} ${row.predictor.failuresCaughtPct.toFixed(1).padStart(12)} / ${row.coldStart.failuresCaughtPct.toFixed(1).padEnd(18)} ${row.predictor.accuracy.toFixed(3)} / ${row.coldStart.accuracy.toFixed(3)}`,
    );
  }
}
