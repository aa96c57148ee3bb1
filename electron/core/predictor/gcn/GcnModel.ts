import * as tf from '@tensorflow/tfjs';
import { createRandom } from './createRandom.ts';
import { gcnConvolution } from './gcnConvolution.ts';
import type { GraphBatch } from './batchGraphs.ts';
import { batchGraphs } from './batchGraphs.ts';
import { initTensorflow } from './initTensorflow.ts';
import type { PreparedGraph } from './prepareGraph.ts';

/** The shape of a GCN predictor. */
export type GcnArchitecture = {
  /** Numbers per node (GraphTensors.featureSize). */
  readonly inputSize: number;
  /** Whole-graph features concatenated to the pooled readout. */
  readonly graphFeatureSize: number;
  /** Width of each GCN layer. Defaults to [32, 32]. */
  readonly hiddenSizes?: readonly number[];
};

/** Named weight arrays as a checkpoint stores them (row-major, tfjs `[in, out]` for matrices). */
export type GcnWeights = Readonly<
  Record<string, { readonly shape: readonly number[]; readonly values: readonly number[] }>
>;

/**
 * Per-column standardisation of the inputs, part of the model: `(x - shift) * scale` for node
 * features and graph features. Identity when omitted.
 */
export type InputNormalization = {
  readonly nodeShift: readonly number[];
  readonly nodeScale: readonly number[];
  readonly graphShift: readonly number[];
  readonly graphScale: readonly number[];
};

/** Dropout while training: the rate and a seed that makes the masks reproducible. */
export type DropoutSetting = { readonly rate: number; readonly seed: number };

/**
 * A graph classifier: GCN layers (PyG GCNConv: `relu(Â · H · W + b)`) with dropout, mean-pool
 * readout over each graph's nodes, the graph features appended, then one dense layer to a logit
 * of FAILURE. Owns its tfjs variables: call {@link dispose}.
 */
export class GcnModel {
  readonly architecture: Required<GcnArchitecture>;
  /** Every variable by name: input.*, graphInput.* (fixed), conv0.weight, conv0.bias, ..., dense.*. */
  readonly variables: ReadonlyMap<string, tf.Variable>;

  private constructor(architecture: Required<GcnArchitecture>, variables: Map<string, tf.Variable>) {
    this.architecture = architecture;
    this.variables = variables;
  }

  /**
   * A new model with Glorot-uniform weights drawn from `seed`, zero biases, and the input
   * standardisation (fixed, not trained) when given.
   */
  static async create(architecture: GcnArchitecture, seed = 1, normalization?: InputNormalization): Promise<GcnModel> {
    await initTensorflow();
    const resolved = { ...architecture, hiddenSizes: [...(architecture.hiddenSizes ?? [32, 32])] };
    const random = createRandom(seed);
    const { inputSize, graphFeatureSize } = resolved;
    const weights: Record<string, { shape: number[]; values: number[] }> = {
      'input.shift': {
        shape: [inputSize],
        values: [...(normalization?.nodeShift ?? new Array<number>(inputSize).fill(0))],
      },
      'input.scale': {
        shape: [inputSize],
        values: [...(normalization?.nodeScale ?? new Array<number>(inputSize).fill(1))],
      },
      'graphInput.shift': {
        shape: [graphFeatureSize],
        values: [...(normalization?.graphShift ?? new Array<number>(graphFeatureSize).fill(0))],
      },
      'graphInput.scale': {
        shape: [graphFeatureSize],
        values: [...(normalization?.graphScale ?? new Array<number>(graphFeatureSize).fill(1))],
      },
    };
    const glorot = (name: string, fanIn: number, fanOut: number): void => {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      const values = Array.from({ length: fanIn * fanOut }, () => (random() * 2 - 1) * limit);
      weights[`${name}.weight`] = { shape: [fanIn, fanOut], values };
      weights[`${name}.bias`] = { shape: [fanOut], values: new Array<number>(fanOut).fill(0) };
    };
    let width = resolved.inputSize;
    resolved.hiddenSizes.forEach((size, layer) => {
      glorot(`conv${layer}`, width, size);
      width = size;
    });
    glorot('dense', width + resolved.graphFeatureSize, 1);
    return new GcnModel(resolved, toVariables(weights));
  }

  /** A model from checkpoint weights; the architecture is read off the weight shapes. */
  static async fromWeights(weights: GcnWeights): Promise<GcnModel> {
    await initTensorflow();
    const hiddenSizes: number[] = [];
    for (let layer = 0; weights[`conv${layer}.weight`] !== undefined; layer++)
      hiddenSizes.push(weights[`conv${layer}.weight`]?.shape[1] ?? 0);
    const inputSize = weights['conv0.weight']?.shape[0];
    const denseInput = weights['dense.weight']?.shape[0];
    const last = hiddenSizes.at(-1);
    if (inputSize === undefined || denseInput === undefined || last === undefined)
      throw new Error('The weights lack conv0 or dense layers.');
    return new GcnModel({ inputSize, graphFeatureSize: denseInput - last, hiddenSizes }, toVariables(weights));
  }

  /**
   * Logits of failure for a batch, shape [graphs, 1]. Call inside `tf.tidy` (or dispose the result).
   * @param dropout Dropout to apply (training only); none when omitted.
   */
  forward(batch: GraphBatchTensors, dropout?: DropoutSetting): tf.Tensor2D {
    let hidden = tf.mul<tf.Tensor2D>(
      tf.sub(batch.features, this.#variable('input.shift')),
      this.#variable('input.scale'),
    );
    this.architecture.hiddenSizes.forEach((_size, layer) => {
      const weight = this.#variable(`conv${layer}.weight`) as tf.Tensor2D;
      hidden = tf.relu(
        gcnConvolution(batch.adjacency, hidden, weight, this.#variable(`conv${layer}.bias`) as tf.Tensor1D),
      );
      if (dropout !== undefined && dropout.rate > 0)
        hidden = tf.dropout(hidden, dropout.rate, undefined, dropout.seed * 16 + layer) as tf.Tensor2D;
    });
    const graphFeatures = tf.mul<tf.Tensor2D>(
      tf.sub(batch.graphFeatures, this.#variable('graphInput.shift')),
      this.#variable('graphInput.scale'),
    );
    const readout = tf.concat([tf.matMul(batch.pooling, hidden), graphFeatures], 1);
    return tf.add<tf.Tensor2D>(tf.matMul(readout, this.#variable('dense.weight')), this.#variable('dense.bias'));
  }

  /** Probabilities of failure, one per graph; allocates no lasting tensors. */
  predict(graphs: readonly PreparedGraph[]): number[] {
    if (graphs.length === 0) return [];
    const batch = batchGraphs(graphs);
    return tf.tidy(() => Array.from(tf.sigmoid(this.forward(toTensors(batch))).dataSync()));
  }

  /**
   * The weights as a checkpoint stores them. Values keep 9 significant digits: enough to read
   * back the identical float32, and about half the JSON of full doubles.
   */
  toWeights(): GcnWeights {
    const weights: Record<string, { shape: number[]; values: number[] }> = {};
    for (const [name, variable] of this.variables) {
      weights[name] = {
        shape: [...variable.shape],
        values: Array.from(variable.dataSync(), (value) => Number(value.toPrecision(9))),
      };
    }
    return weights;
  }

  /** Overwrites every variable with the given weights (e.g. the best epoch's snapshot). */
  assign(weights: GcnWeights): void {
    for (const [name, variable] of this.variables) {
      const entry = weights[name];
      if (entry === undefined) throw new Error(`No weights for ${name}.`);
      tf.tidy(() => variable.assign(tf.tensor(entry.values as number[], variable.shape)));
    }
  }

  /** Frees the variables. */
  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
  }

  #variable(name: string): tf.Variable {
    const variable = this.variables.get(name);
    if (variable === undefined) throw new Error(`The model has no variable ${name}.`);
    return variable;
  }
}

/** A {@link GraphBatch} as tensors. */
export type GraphBatchTensors = {
  readonly features: tf.Tensor2D;
  readonly adjacency: tf.Tensor2D;
  readonly pooling: tf.Tensor2D;
  readonly graphFeatures: tf.Tensor2D;
};

/** Uploads a batch; the caller disposes the tensors (or runs inside `tf.tidy`). */
export function toTensors(batch: GraphBatch): GraphBatchTensors {
  return {
    features: tf.tensor2d(batch.features, [batch.nodeCount, batch.featureSize]),
    adjacency: tf.tensor2d(batch.adjacency, [batch.nodeCount, batch.nodeCount]),
    pooling: tf.tensor2d(batch.pooling, [batch.graphCount, batch.nodeCount]),
    graphFeatures: tf.tensor2d(batch.graphFeatures, [batch.graphCount, batch.graphFeatureSize]),
  };
}

function toVariables(weights: GcnWeights): Map<string, tf.Variable> {
  const names = Object.keys(weights).sort(byLayer);
  return new Map(
    names.map((name) => {
      const entry = weights[name];
      if (entry === undefined) throw new Error(`No weights for ${name}.`);
      const isTrainable = !name.startsWith('input.') && !name.startsWith('graphInput.');
      return [name, tf.tidy(() => tf.variable(tf.tensor(entry.values as number[], [...entry.shape]), isTrainable))];
    }),
  );
}

function byLayer(left: string, right: string): number {
  const rank = (name: string): number =>
    (name.startsWith('dense') ? 1e6 : name.startsWith('conv') ? Number(/\d+/.exec(name)?.[0] ?? 0) * 2 : -10) +
    (name.endsWith('bias') ? 1 : 0);
  return rank(left) - rank(right) || left.localeCompare(right);
}
