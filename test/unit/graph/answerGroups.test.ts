import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { AnswerVectors } from '#core/agent/AnswerVectors.ts';
import type { PathSnapshot } from '#core/agent/runTask.ts';
import { meaningGroupKeys } from '#core/agent/semanticVote.ts';
import { TaskRecorder } from '#core/agent/TaskRecorder.ts';
import { normalizeAnswer } from '#core/agent/vote.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { moveProfileHistory } from '#core/db/moveProfileHistory.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { openEncryptedDatabase } from '#core/db/openEncryptedDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { buildParallel } from '#core/graph/buildParallel.ts';
import { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';
import { toGraphTensors } from '#core/graph/toGraphTensors.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';
import { readRecordedTrajectories } from '#core/predictor/readRecordedTrajectories.ts';
import { trajectoryOfPaths } from '#core/tasks/historyPredictor.ts';
import { cutAtRecordedCheckpoint } from '#core/trajectory/cutTrajectory.ts';

/** Two answers that say the same thing in different words, and one that says something else. */
const paraphrase = 'Check the notice period, the rent increase clause and who pays for repairs before you sign.';
const sameInOtherWords =
  'Before signing, read how much notice you must give, whether rent may rise, and repair duties.';
const other = 'Ask the landlord for a parking space and a second key for the cellar door downstairs.';

/** Explicit vectors: the paraphrases at cosine 0.97, the other answer orthogonal to both. */
const embedder: AnswerEmbedder = {
  modelName: 'explicit',
  embed: (texts) =>
    Promise.resolve(
      texts.map((text) =>
        Float32Array.from(text === paraphrase ? [1, 0, 0] : text === sameInOtherWords ? [0.97, 0.243, 0] : [0, 0, 1]),
      ),
    ),
};

const options = { tools: ['lookup'] };

function answerNodes(graph: SemanticFlowGraph): { members: number; paths: string[] }[] {
  return graph.graph
    .filterNodes((_key, node) => node.kind === 'answer')
    .map((key) => graph.graph.getNodeAttributes(key))
    .map((node) => ({ members: node.members, paths: [...node.paths].sort() }));
}

function snapshot(index: number, answer: string | null, search: string): PathSnapshot {
  return {
    index,
    transcript: { tools: [], messages: [] },
    steps: 1,
    status: answer === null ? 'running' : 'answered',
    answer,
    providerId: 'local',
    calls: [{ name: 'lookup', arguments: { query: search }, result: `notes about ${search}` }],
  };
}

const snapshots = [
  snapshot(0, paraphrase, 'lease renewal'),
  snapshot(1, sameInOtherWords, 'renewing a lease'),
  snapshot(2, other, 'parking'),
];

let db: Database | undefined;
afterEach(() => db?.close());

/**
 * Records a task of these paths through TaskRecorder on real SQLite and reads it back as retraining
 * does. With `checkpointAfter`, the first checkpoint (at 1 step per path) is taken once that many
 * paths have answered, and later paths make a second call before they answer.
 */
function record(
  paths: readonly PathSnapshot[],
  options: { vectors?: AnswerVectors; checkpointAfter?: number } = {},
): ReturnType<typeof readRecordedTrajectories> {
  db = openDatabase(':memory:');
  const caps = { perTaskUsd: null, dailyUsd: null, monthlyUsd: null };
  new ProfileStore(db).insert({ id: 'p1', name: 'Me', createdAt: 1, privacyMode: 'local-only', caps });
  const charges = new BudgetGuard({ db, ledger: new LedgerStore(db), clock: { now: () => 0 }, capsOf: () => caps });
  const recorder = new TaskRecorder({
    db,
    tasks: new TaskStore(db),
    charges,
    profileId: 'p1',
    ...(options.vectors === undefined ? {} : { answerVectors: options.vectors }),
  });
  const taskId = 't1';
  const prompt = 'What should I check before renewing my lease?';
  const step = (path: PathSnapshot, index: number): TaskEvent => ({
    type: 'step',
    taskId,
    path: path.index,
    step: index,
    tool: 'lookup',
    arguments: path.calls[0]?.arguments,
    result: path.calls[0]?.result,
    provider: 'local',
    at: 3,
  });
  const checkpoint: TaskEvent = {
    type: 'checkpoint',
    taskId,
    checkpoint: 1,
    checkpointAt: 1,
    action: 'continue',
    migratedPaths: [],
    explanation: { decidedBy: 'predictor', failureProbability: 0.2, threshold: 0.5, reason: 'Likely fine.', facts: {} },
    at: 4,
  };
  recorder.handle({ type: 'task-started', taskId, prompt, paths: paths.length, strategy: 'parallel', at: 1 });
  for (const path of paths) {
    const isLate = options.checkpointAfter !== undefined && path.index >= options.checkpointAfter;
    if (path.index === options.checkpointAfter) recorder.handle(checkpoint);
    recorder.handle({ type: 'path-started', taskId, path: path.index, provider: 'local', locality: 'local', at: 2 });
    recorder.handle(step(path, 0));
    if (isLate) recorder.handle(step(path, 1));
    const { answer } = path;
    recorder.handle({
      type: 'path-finished',
      taskId,
      path: path.index,
      status: 'answered',
      answer,
      provider: 'local',
      at: 5,
    });
  }
  recorder.handle({
    type: 'task-finished',
    taskId,
    status: 'answered',
    answer: paraphrase,
    isLowConfidence: false,
    costUsd: 0,
    at: 6,
  });
  return readRecordedTrajectories(db, 'p1');
}

function tensorsOf(graph: SemanticFlowGraph): unknown {
  const tensors = toGraphTensors(graph);
  return {
    nodeCount: tensors.nodeCount,
    features: [...tensors.features],
    sources: [...tensors.sources],
    targets: [...tensors.targets],
    weights: [...tensors.weights],
    graphFeatures: [...tensors.graphFeatures],
  };
}

describe('answer nodes follow the groups by meaning', () => {
  it('gives answers of one group one node, and clusters answers without a group by their text as before', () => {
    const withGroups = new SemanticFlowGraph(options);
    withGroups.addAnswer('1', paraphrase, 'meaning:a');
    withGroups.addAnswer('2', sameInOtherWords, 'meaning:a');
    withGroups.addAnswer('3', other, 'meaning:b');
    expect(answerNodes(withGroups)).toEqual([
      { members: 2, paths: ['1', '2'] },
      { members: 1, paths: ['3'] },
    ]);
    const byText = new SemanticFlowGraph(options);
    for (const [path, answer] of [paraphrase, sameInOtherWords, other].entries())
      byText.addAnswer(String(path), answer);
    expect(answerNodes(byText)).toHaveLength(3); // the paraphrases' words differ: by text they are two answers
    const nulls = new SemanticFlowGraph(options);
    for (const [path, answer] of ['42', ' 42 ', '41'].entries()) nulls.addAnswer(String(path), answer, null);
    const plain = new SemanticFlowGraph(options);
    for (const [path, answer] of ['42', ' 42 ', '41'].entries()) plain.addAnswer(String(path), answer);
    expect(tensorsOf(nulls)).toEqual(tensorsOf(plain));
  });

  it('builds the same graph live and from the stored history: the paraphrases share one answer node', async () => {
    const vectors = new AnswerVectors(embedder);
    await vectors.embedAll(snapshots.map((path) => path.answer));
    const [recorded] = record(snapshots, { vectors });
    expect(recorded?.runs.map((run) => run.answerGroup)).toEqual([
      `meaning:${normalizeAnswer(paraphrase)}`,
      `meaning:${normalizeAnswer(paraphrase)}`,
      `meaning:${normalizeAnswer(other)}`,
    ]);
    const live = buildParallel(trajectoryOfPaths('t1', snapshots, vectors), 5, options);
    const rebuilt = buildParallel(recorded ?? trajectoryOfPaths('t1', [], vectors), 5, options);
    expect(answerNodes(live)).toEqual([
      { members: 2, paths: ['1', '2'] },
      { members: 1, paths: ['3'] },
    ]);
    expect(tensorsOf(rebuilt)).toEqual(tensorsOf(live));
  });

  it('reads tasks recorded without embeddings as before: no group, answers clustered by text', () => {
    const [recorded] = record(snapshots);
    expect(recorded?.runs.map((run) => run.answerGroup)).toEqual([undefined, undefined, undefined]);
    const rebuilt = buildParallel(recorded ?? trajectoryOfPaths('t1', [], undefined), 5, options);
    expect(answerNodes(rebuilt)).toHaveLength(3);
    expect(tensorsOf(rebuilt)).toEqual(tensorsOf(buildParallel(trajectoryOfPaths('t1', snapshots), 5, options)));
  });

  it('keeps the groups the first checkpoint saw, so the retraining cut equals the live checkpoint graph', async () => {
    // Alone, the first two answers are below the threshold (0.88); a third between them joins all
    // three at the end (average linkage 0.92): groups taken at the end would merge what the checkpoint kept apart.
    const between = 'Look at the notice you owe, any rent rise allowed and repairs, then decide whether to sign again.';
    const vectorsOf = new Map([
      [paraphrase, [1, 0, 0]],
      [sameInOtherWords, [0.88, Math.sqrt(1 - 0.88 ** 2), 0]],
      [between, [1.88, Math.sqrt(1 - 0.88 ** 2), 0]], // the direction of the sum of the first two
    ]);
    const explicit: AnswerEmbedder = {
      modelName: 'explicit',
      embed: (texts) => Promise.resolve(texts.map((text) => Float32Array.from(vectorsOf.get(text) ?? [0, 0, 1]))),
    };
    const final = [
      snapshot(0, paraphrase, 'lease'),
      snapshot(1, sameInOtherWords, 'lease terms'),
      snapshot(2, between, 'rent'),
    ];
    const atCheckpoint = [final[0], final[1], snapshot(2, null, 'rent')].filter((path) => path !== undefined);
    const vectors = new AnswerVectors(explicit);
    await vectors.embedAll(atCheckpoint.map((path) => path.answer)); // as the checkpoint does
    const live = buildParallel(trajectoryOfPaths('t1', atCheckpoint, vectors), 5, options);
    expect(answerNodes(live)).toHaveLength(2);
    await vectors.embedAll(final.map((path) => path.answer)); // as the final vote does
    const finalAnswers = final.map((path) => path.answer);
    const atTheEnd = meaningGroupKeys(finalAnswers, vectors.lookup(finalAnswers));
    expect(new Set(atTheEnd).size).toBe(1);
    expect(atTheEnd[0]).not.toBeNull();
    const [recorded] = record(final, { vectors, checkpointAfter: 2 });
    expect(recorded?.checkpoint).toBe(1);
    const cut = cutAtRecordedCheckpoint(recorded ?? trajectoryOfPaths('t1', []), 'parallel');
    expect(tensorsOf(buildParallel(cut, 5, options))).toEqual(tensorsOf(live));
  });

  it("keeps the groups in a protected profile's encrypted history (migrated, and moved with the paths)", async () => {
    const vectors = new AnswerVectors(embedder);
    await vectors.embedAll(snapshots.map((path) => path.answer));
    const [plain] = record(snapshots, { vectors });
    const folder = mkdtempSync(join(tmpdir(), 'atropos-groups-'));
    const encrypted = openEncryptedDatabase(join(folder, 'history-p1.sqlite'), randomBytes(32));
    try {
      if (db === undefined) throw new Error('no database was recorded');
      expect(moveProfileHistory(db, encrypted, 'p1').tasks).toBe(1);
      const [moved] = readRecordedTrajectories(encrypted, 'p1');
      expect(moved?.runs.map((run) => run.answerGroup)).toEqual(plain?.runs.map((run) => run.answerGroup));
      expect(answerNodes(buildParallel(moved ?? trajectoryOfPaths('t1', []), 5, options))).toHaveLength(2);
    } finally {
      encrypted.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('leaves short answers to the text clustering even with embeddings: the graph is the one without', async () => {
    const numbers = [snapshot(0, '12', 'a'), snapshot(1, '12', 'b'), snapshot(2, '13 km', 'c')];
    const vectors = new AnswerVectors(embedder);
    expect(await vectors.embedAll(numbers.map((path) => path.answer))).toEqual([null, null, null]);
    const trajectory = trajectoryOfPaths('n', numbers, vectors);
    expect(trajectory.runs.map((run) => run.answerGroup)).toEqual([undefined, undefined, undefined]);
    expect(tensorsOf(buildParallel(trajectory, 5, options))).toEqual(
      tensorsOf(buildParallel(trajectoryOfPaths('n', numbers), 5, options)),
    );
  });
});
