import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GcnModel } from '#core/predictor/gcn/GcnModel.ts';
import { prepareGraph, type PreparedGraph } from '#core/predictor/gcn/prepareGraph.ts';
import { trainGcn, type GcnExample } from '#core/predictor/gcn/trainGcn.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

/** A small random graph whose label is readable from its first graph feature and its node features. */
function syntheticGraph(random: () => number, isFailure: boolean): PreparedGraph {
  const nodeCount = 2 + Math.floor(random() * 4);
  const featureSize = 4;
  const features = Float32Array.from(
    { length: nodeCount * featureSize },
    (_, index) => random() + (index % featureSize === 0 && isFailure ? 1 : 0),
  );
  const sources = Array.from({ length: nodeCount - 1 }, (_, index) => index);
  const targets = sources.map((source) => source + 1);
  return prepareGraph({
    nodeCount,
    featureSize,
    features,
    sources: Int32Array.from(sources),
    targets: Int32Array.from(targets),
    weights: Float32Array.from(sources.map(() => 1 + Math.floor(random() * 3))),
    graphFeatures: Float32Array.from([isFailure ? 0.2 + random() * 0.3 : 0.5 + random() * 0.3, random()]),
  });
}

function syntheticExamples(count: number, seed: number): GcnExample[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    graph: syntheticGraph(random, index % 3 === 0),
    isFailure: index % 3 === 0,
  }));
}

const architecture = { inputSize: 4, graphFeatureSize: 2 };

describe('GcnModel', () => {
  it('initialises deterministically from its seed', async () => {
    const [first, again, other] = await Promise.all([
      GcnModel.create(architecture, 7),
      GcnModel.create(architecture, 7),
      GcnModel.create(architecture, 8),
    ]);
    expect(first.toWeights()).toEqual(again.toWeights());
    expect(first.toWeights()['conv0.weight']).not.toEqual(other.toWeights()['conv0.weight']);
    expect(first.toWeights()['conv1.weight']?.shape).toEqual([32, 32]);
    for (const model of [first, again, other]) model.dispose();
  });

  it('predicts probabilities without leaking tensors, and survives a weights round trip', async () => {
    const initial = tf.memory().numTensors;
    const model = await GcnModel.create(architecture, 3);
    const graphs = syntheticExamples(6, 1).map((example) => example.graph);
    const first = model.predict(graphs);
    const before = tf.memory().numTensors;
    for (let call = 0; call < 20; call++) model.predict(graphs.slice(call % 3));
    expect(tf.memory().numTensors).toBe(before);
    expect(first.every((probability) => probability > 0 && probability < 1)).toBe(true);
    const restored = await GcnModel.fromWeights(
      JSON.parse(JSON.stringify(model.toWeights())) as ReturnType<GcnModel['toWeights']>,
    );
    expect(restored.architecture).toEqual(model.architecture);
    expect(restored.predict(graphs)).toEqual(first);
    model.dispose();
    restored.dispose();
    expect(tf.memory().numTensors).toBe(initial);
  });
});

describe('trainGcn', () => {
  it('learns a separable task, picks a threshold on validation, is reproducible and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const options = { maxEpochs: 25, patience: 10, batchSize: 16, seed: 5 };
    const first = await trainGcn(syntheticExamples(48, 2), syntheticExamples(24, 3), options);
    const again = await trainGcn(syntheticExamples(48, 2), syntheticExamples(24, 3), options);
    expect(first.validationAuc).toBeGreaterThan(0.95);
    expect(first.threshold).toBeGreaterThan(0);
    expect(first.threshold).toBeLessThan(1);
    expect(first.bestEpoch).toBeGreaterThan(0);
    expect(again.model.toWeights()).toEqual(first.model.toWeights());
    const test = syntheticExamples(30, 4);
    const scores = first.model.predict(test.map((example) => example.graph));
    const correct = scores.filter((score, index) => score >= first.threshold === test[index]?.isFailure).length;
    expect(correct / test.length).toBeGreaterThan(0.9);
    first.model.dispose();
    again.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops with a CancelledError when aborted, disposing its model', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();
    await expect(
      trainGcn(syntheticExamples(12, 2), syntheticExamples(6, 3), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
