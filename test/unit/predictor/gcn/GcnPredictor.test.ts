import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parallelArrivals } from '#core/graph/parallelArrivals.ts';
import { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';
import { buildGcnExamples } from '#core/predictor/gcn/buildGcnExamples.ts';
import { parseGcnCheckpoint } from '#core/predictor/gcn/GcnCheckpoint.ts';
import type { GcnPredictor } from '#core/predictor/gcn/GcnPredictor.ts';
import { loadGcnCheckpoint } from '#core/predictor/gcn/loadGcnCheckpoint.ts';
import { saveGcnCheckpoint } from '#core/predictor/gcn/saveGcnCheckpoint.ts';
import { trainGcnPredictor } from '#core/predictor/gcn/trainGcnPredictor.ts';
import { calibrateHistoryThresholds } from '#core/policy/calibrateHistoryThresholds.ts';
import { readPredictorCheckpoints } from '#core/predictor/readPredictorStatus.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import { run, step } from '../../graph/flowFixtures.ts';

/** Tasks that succeed when all runs agree on a method they looked at, and fail when they scatter. */
function syntheticTasks(count: number): Trajectory[] {
  return Array.from({ length: count }, (_, index) => {
    const isSuccess = index % 2 === 0;
    const className = `org.example.module${index}.Widget${index}`;
    const method = (variant: number) => `${className}.method${isSuccess ? 0 : variant}()`;
    const runs = [1, 2, 3].map((number) => {
      const looked = step(
        'get_code_snippet',
        { signature: method(number) },
        isSuccess ? '"12 : int method0() {"' : '{"error_message": "no such method"}',
      );
      return run(
        number,
        [step('get_failing_tests_covered_methods_for_class', { class_name: className }, '[".method0()"]'), looked],
        isSuccess ? method(number) : `com.made.up.Thing${number}.guess${index}()`,
      );
    });
    return { task: `synthetic/${index}`, model: 'fixture', success: isSuccess, runs };
  });
}

let predictor: GcnPredictor;
let directory: string;
const tasks = syntheticTasks(24);

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'atropos-gcn-'));
  const trained = await trainGcnPredictor(tasks, {
    k: 3,
    members: 2,
    seed: 3,
    training: { maxEpochs: 15, patience: 8, batchSize: 8 },
  });
  predictor = trained.predictor;
  expect(trained.outOfFold.rocAuc).toBeGreaterThan(0.9);
});

afterAll(() => {
  predictor.dispose();
  rmSync(directory, { recursive: true, force: true });
});

describe('GcnPredictor', () => {
  it('separates the synthetic classes and keeps its feature config', () => {
    const examples = buildGcnExamples(tasks, 3, 'parallel', predictor.setting.featureConfig);
    const scores = predictor.predict(examples.map((example) => example.graph));
    const correct = scores.filter((score, index) => predictor.isFailure(score) === examples[index]?.isFailure).length;
    expect(correct / scores.length).toBeGreaterThan(0.9);
    expect(predictor.setting.featureConfig.graph.tools).toEqual([
      'get_code_snippet',
      'get_failing_tests_covered_methods_for_class',
    ]);
    expect(predictor.setting.featureConfig.depthScale).toBe(3);
  });

  it('decides on a live flow graph exactly as on the rebuilt one, without leaking tensors', () => {
    const task = tasks[1] as Trajectory;
    const live = new SemanticFlowGraph(predictor.setting.featureConfig.graph);
    let probability = Number.NaN;
    const before = tf.memory().numTensors;
    for (const event of parallelArrivals(task, 3)) {
      live.apply(event);
      probability = predictor.predictFlow(live);
    }
    expect(tf.memory().numTensors).toBe(before);
    const [rebuilt] = buildGcnExamples([task], 3, 'parallel', predictor.setting.featureConfig);
    expect(probability).toBe(predictor.predict([rebuilt?.graph ?? (undefined as never)])[0]);
  });

  it('saves a versioned checkpoint the Predictor screen lists, and loads it back to the same predictions', async () => {
    const file = path.join(directory, 'predictor-k3.json');
    await saveGcnCheckpoint(file, predictor.toCheckpoint('2026-05-01T10:00:00.000Z'));
    const { checkpoints, problems } = await readPredictorCheckpoints([directory]);
    expect(problems).toEqual([]);
    expect(checkpoints).toEqual([{ file, version: 1, k: 3, trainedAt: '2026-05-01T10:00:00.000Z', evaluation: null }]);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(json).toMatchObject({
      format: 'atropos-predictor',
      version: 1,
      k: 3,
      mode: 'parallel',
      thresholds: { failure: predictor.setting.threshold },
    });
    const loaded = await loadGcnCheckpoint(file);
    const graphs = buildGcnExamples(tasks.slice(0, 6), 3, 'parallel', loaded.setting.featureConfig).map(
      (example) => example.graph,
    );
    expect(loaded.predict(graphs)).toEqual(predictor.predict(graphs));
    expect(loaded.setting).toEqual(predictor.setting);
    loaded.dispose();
  });

  it('refuses other versions and malformed weights', () => {
    const checkpoint = predictor.toCheckpoint(null);
    expect(() => parseGcnCheckpoint({ ...checkpoint, version: 2 })).toThrow(/version/);
    expect(() =>
      parseGcnCheckpoint({ ...checkpoint, weights: { 'member0.dense.bias': { shape: [2], values: [1] } } }),
    ).toThrow(/shape/);
    expect(parseGcnCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
  });

  it('reads the AutoFL coverage defaults into a feature config saved before they existed', () => {
    const checkpoint = predictor.toCheckpoint(null);
    const { coverageTool, testClassPattern, ...older } = checkpoint.featureConfig.graph;
    const parsed = parseGcnCheckpoint({ ...checkpoint, featureConfig: { ...checkpoint.featureConfig, graph: older } });
    expect(parsed.featureConfig.graph).toMatchObject({ coverageTool, testClassPattern });
    expect(coverageTool).toBe('get_failing_tests_covered_methods_for_class');
  });

  it('scores a task whose paths have neither called a tool nor answered (an empty flow graph)', () => {
    const empty: Trajectory = {
      task: 'synthetic/empty',
      model: 'fixture',
      success: false,
      runs: [1, 2, 3].map((number) => run(number, [], null)),
    };
    const [example] = buildGcnExamples([empty], 3, 'parallel', predictor.setting.featureConfig);
    expect(example?.graph.nodeCount).toBe(1);
    const [probability] = predictor.predict(example === undefined ? [] : [example.graph]);
    expect(probability).toBeGreaterThanOrEqual(0);
    expect(probability).toBeLessThanOrEqual(1);
  });

  it('keeps the operating-point thresholds calibrated with it, and refuses malformed ones', () => {
    const escalation = calibrateHistoryThresholds(
      [0.9, 0.8, 0.7, 0.2, 0.1].map((failureProbability) => ({
        failureProbability,
        isFailure: failureProbability > 0.5,
      })),
      3,
    );
    const checkpoint = { ...predictor.toCheckpoint(null), escalation };
    expect(parseGcnCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
    const missing = { ...escalation.byPoint, balanced: undefined };
    expect(() => parseGcnCheckpoint({ ...checkpoint, escalation: { ...escalation, byPoint: missing } })).toThrow(
      /escalation\.byPoint\.balanced/,
    );
  });

  it("trains when a member's validation fold holds one class (a small history)", async () => {
    // 3 successes in 12 tasks split five ways: two folds validate on failures alone.
    const lopsided = syntheticTasks(12).map((task, index) => (index < 6 ? task : { ...task, success: false }));
    const trained = await trainGcnPredictor(lopsided, {
      k: 3,
      members: 5,
      seed: 3,
      training: { maxEpochs: 4, patience: 2, batchSize: 8 },
    });
    expect(trained.predictor.members).toHaveLength(5);
    expect(trained.outOfFold.rocAuc).toBeGreaterThanOrEqual(0);
    trained.predictor.dispose();
  });
});
