import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gcnConvolution } from '#core/predictor/gcn/gcnConvolution.ts';
import { initTensorflow } from '#core/predictor/gcn/initTensorflow.ts';
import { normalizedAdjacency } from '#core/predictor/gcn/normalizedAdjacency.ts';

beforeAll(async () => {
  await initTensorflow();
});

// Three nodes, directed weighted edges 0→1 (w 2), 1→2 (w 1), 0→2 (w 3); nothing points at node 0.
const edges = { sources: [0, 1, 0], targets: [1, 2, 2], weights: [2, 1, 3] };
const features = [
  [1, 2],
  [3, 5],
  [7, 11],
];

describe('normalizedAdjacency (PyG GCNConv)', () => {
  it('matches the formula worked by hand, with messages only from source to target', () => {
    // Self-loops of weight 1, degrees over incoming edges: deg0 = 1, deg1 = 1 + 2, deg2 = 1 + 1 + 3.
    const [deg0, deg1, deg2] = [1, 3, 5];
    const expected = [
      [1 / deg0, 0, 0],
      [(1 / Math.sqrt(deg0)) * 2 * (1 / Math.sqrt(deg1)), 1 / deg1, 0],
      [(1 / Math.sqrt(deg0)) * 3 * (1 / Math.sqrt(deg2)), (1 / Math.sqrt(deg1)) * 1 * (1 / Math.sqrt(deg2)), 1 / deg2],
    ];
    const matrix = normalizedAdjacency(3, edges);
    expected
      .flat()
      .forEach((value, index) => expect(Math.abs((matrix[index] ?? Number.NaN) - value)).toBeLessThan(1e-6));
    expect(matrix[0 * 3 + 1]).toBe(0); // no edge 1→0, so node 0 hears nothing from node 1
  });

  it('keeps the weight of an existing self-loop instead of adding one', () => {
    const matrix = normalizedAdjacency(2, { sources: [0, 0], targets: [0, 1], weights: [4, 1] });
    // deg0 = 4 (its own loop only), deg1 = 1 + 1.
    expect(matrix[0]).toBeCloseTo(4 / 4, 6);
    expect(matrix[1 * 2 + 0]).toBeCloseTo((1 / 2) * 1 * (1 / Math.sqrt(2)), 6);
    expect(matrix[1 * 2 + 1]).toBeCloseTo(1 / 2, 6);
  });
});

describe('gcnConvolution', () => {
  it('computes Â·X·W + b on the wasm backend as the hand-worked sum over incoming messages', () => {
    expect(tf.getBackend()).toBe('wasm');
    const bias = [0.5, -1];
    const norm = (source: number, weight: number, target: number, degrees = [1, 3, 5]) =>
      (1 / Math.sqrt(degrees[source] ?? 1)) * weight * (1 / Math.sqrt(degrees[target] ?? 1));
    // out[target] = Σ over edges into target (and its self-loop) of norm · X[source] (W = identity) + b.
    const x = (node: number, column: number) => features[node]?.[column] ?? Number.NaN;
    const expected = [0, 1].map((column) => [
      norm(0, 1, 0) * x(0, column) + (bias[column] ?? 0),
      norm(1, 1, 1) * x(1, column) + norm(0, 2, 1) * x(0, column) + (bias[column] ?? 0),
      norm(2, 1, 2) * x(2, column) + norm(1, 1, 2) * x(1, column) + norm(0, 3, 2) * x(0, column) + (bias[column] ?? 0),
    ]);
    const output = tf.tidy(() =>
      gcnConvolution(
        tf.tensor2d(normalizedAdjacency(3, edges), [3, 3]),
        tf.tensor2d(features),
        tf.eye(2),
        tf.tensor1d(bias),
      ).arraySync(),
    );
    for (let node = 0; node < 3; node++) {
      for (let column = 0; column < 2; column++) {
        expect(
          Math.abs((output[node]?.[column] ?? Number.NaN) - (expected[column]?.[node] ?? Number.NaN)),
        ).toBeLessThan(1e-6);
      }
    }
    // Node 0 has no incoming edge: it keeps only its own (self-loop) features.
    expect(output[0]).toEqual([1 + 0.5, 2 - 1]);
  });
});
