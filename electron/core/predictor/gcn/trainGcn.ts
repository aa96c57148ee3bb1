import * as tf from '@tensorflow/tfjs';
import { CancelledError } from '#core/errors.ts';
import { chooseThreshold, logLoss, rocAuc } from '#core/predictor/metrics.ts';
import { batchGraphs } from './batchGraphs.ts';
import { createRandom } from './createRandom.ts';
import { GcnModel, toTensors, type InputNormalization } from './GcnModel.ts';
import type { PreparedGraph } from './prepareGraph.ts';

/** One labelled graph; positive = the task's vote FAILED. */
export type GcnExample = {
  readonly graph: PreparedGraph;
  readonly isFailure: boolean;
};

/** Training settings; all have defaults. */
export type TrainGcnOptions = {
  /**
   * Widths of the GCN layers. Defaults to one layer of 16: the graph features carry most of the
   * signal, and a few hundred training tasks do not support a wider convolution.
   */
  readonly hiddenSizes?: readonly number[];
  /** Dropout after each GCN layer. Defaults to 0.5. */
  readonly dropout?: number;
  /** Adam step size. Defaults to 0.01. */
  readonly learningRate?: number;
  /** L2 penalty on weight matrices (not biases). Defaults to 0.03. */
  readonly weightDecay?: number;
  /** Graphs per optimiser step. Defaults to 32. */
  readonly batchSize?: number;
  /** Defaults to 150. */
  readonly maxEpochs?: number;
  /** Stop after this many epochs without a better validation ROC-AUC. Defaults to 25. */
  readonly patience?: number;
  /**
   * Epochs whose validation ROC-AUC is averaged before comparing (a trailing window), so one lucky
   * epoch on a small validation fold does not pick the weights. Defaults to 1.
   */
  readonly smoothing?: number;
  /** Seeds initialisation, shuffling and dropout. Defaults to 1. */
  readonly seed?: number;
  /** Stops training; the promise then rejects with a CancelledError. */
  readonly signal?: AbortSignal;
};

/** A trained model (weights of its best validation epoch) and what validation chose. */
export type TrainedGcn = {
  readonly model: GcnModel;
  /** Failure is predicted at or above this probability: the most accurate cut on validation. */
  readonly threshold: number;
  /** The best (smoothed) validation ROC-AUC; minus the log loss when validation holds one class. */
  readonly validationAuc: number;
  readonly bestEpoch: number;
  readonly epochs: number;
};

/**
 * Trains a GCN failure predictor: Adam on class-weighted sigmoid cross-entropy over shuffled
 * mini-batches of graphs (block-diagonal batches), early stopping on validation ROC-AUC, and the
 * decision threshold chosen on validation. Validation data must not include any test task.
 * @param train Graphs to fit on (at least one failure and one success).
 * @param validation Graphs to stop on and choose the threshold on (ideally both classes).
 */
export async function trainGcn(
  train: readonly GcnExample[],
  validation: readonly GcnExample[],
  options: TrainGcnOptions = {},
): Promise<TrainedGcn> {
  const first = train[0];
  if (first === undefined || validation.length === 0) throw new Error('trainGcn needs training and validation graphs.');
  const {
    dropout = 0.5,
    learningRate = 0.01,
    weightDecay = 0.03,
    batchSize = 32,
    maxEpochs = 150,
    patience = 25,
    smoothing = 1,
    seed = 1,
    signal,
  } = options;
  const architecture = {
    inputSize: first.graph.featureSize,
    graphFeatureSize: first.graph.graphFeatures.length,
    hiddenSizes: options.hiddenSizes ?? [16],
  };
  const model = await GcnModel.create(architecture, seed, inputNormalization(train.map((example) => example.graph)));
  const failures = train.filter((example) => example.isFailure).length;
  const classWeight = [
    train.length / (2 * Math.max(1, train.length - failures)),
    train.length / (2 * Math.max(1, failures)),
  ];
  const optimizer = tf.train.adam(learningRate);
  const variables = [...model.variables.values()].filter((variable) => variable.trainable);
  const penalised = [...model.variables].filter(([name]) => name.endsWith('weight')).map(([, variable]) => variable);
  const random = createRandom(seed ^ 0x5bd1e995);
  const validationLabels = validation.map((example) => example.isFailure);
  const validationGraphs = validation.map((example) => example.graph);
  // A small history split into folds can leave one class out of a validation fold; ROC-AUC is
  // undefined there, so such a fold stops on its log loss instead (negated: higher is better).
  const isRankable = validationLabels.some((label) => label) && validationLabels.some((label) => !label);
  const quality = (scores: readonly number[]): number =>
    isRankable ? rocAuc(scores, validationLabels) : -logLoss(scores, validationLabels);
  let best = { auc: -Infinity, epoch: 0, weights: model.toWeights(), scores: model.predict(validationGraphs) };
  const recent: number[] = [];
  let epoch = 0;
  try {
    while (epoch < maxEpochs && epoch - best.epoch < patience) {
      epoch++;
      if (signal?.aborted === true) throw new CancelledError();
      const order = shuffle(train.length, random);
      for (let start = 0; start < order.length; start += batchSize) {
        const examples = order.slice(start, start + batchSize).map((index) => train[index] as GcnExample);
        const batch = batchGraphs(examples.map((example) => example.graph));
        const step = epoch * 10_007 + start;
        tf.tidy(() => {
          const tensors = toTensors(batch);
          const labels = tf.tensor2d(
            examples.map((example) => (example.isFailure ? 1 : 0)),
            [examples.length, 1],
          );
          const weights = tf.tensor2d(
            examples.map((example) => classWeight[example.isFailure ? 1 : 0] ?? 1),
            [examples.length, 1],
          );
          optimizer.minimize(
            () => {
              const loss = tf.losses.sigmoidCrossEntropy(
                labels,
                model.forward(tensors, { rate: dropout, seed: step }),
                weights,
              );
              const penalty = penalised.reduce<tf.Scalar>(
                (sum, variable) => tf.add(sum, tf.sum(tf.square(variable))),
                tf.scalar(0),
              );
              return tf.add(loss, tf.mul(penalty, weightDecay));
            },
            false,
            variables,
          );
        });
      }
      const scores = model.predict(validationGraphs);
      recent.push(quality(scores));
      if (recent.length > smoothing) recent.shift();
      const auc = recent.reduce((sum, value) => sum + value, 0) / recent.length;
      if (auc > best.auc) best = { auc, epoch, weights: model.toWeights(), scores };
    }
  } catch (error) {
    model.dispose();
    throw error;
  } finally {
    optimizer.dispose();
  }
  model.assign(best.weights);
  return {
    model,
    threshold: chooseThreshold(best.scores, validationLabels),
    validationAuc: best.auc,
    bestEpoch: best.epoch,
    epochs: epoch,
  };
}

/** Column means and inverse standard deviations of the training inputs (scale 1 for constants). */
function inputNormalization(graphs: readonly PreparedGraph[]): InputNormalization {
  const columns = (rows: Float32Array[], width: number): { shift: number[]; scale: number[] } => {
    const sum = new Float64Array(width);
    const squares = new Float64Array(width);
    let count = 0;
    for (const row of rows) {
      for (let start = 0; start < row.length; start += width, count++) {
        for (let column = 0; column < width; column++) {
          const value = row[start + column] ?? 0;
          sum[column] = (sum[column] ?? 0) + value;
          squares[column] = (squares[column] ?? 0) + value * value;
        }
      }
    }
    const shift = Array.from(sum, (value) => value / Math.max(1, count));
    const scale = Array.from(squares, (value, column) => {
      const variance = value / Math.max(1, count) - (shift[column] ?? 0) ** 2;
      return variance > 1e-12 ? 1 / Math.sqrt(variance) : 1;
    });
    return { shift, scale };
  };
  const first = graphs[0];
  const nodes = columns(
    graphs.map((graph) => graph.features),
    first?.featureSize ?? 0,
  );
  const whole = columns(
    graphs.map((graph) => graph.graphFeatures),
    first?.graphFeatures.length ?? 0,
  );
  return { nodeShift: nodes.shift, nodeScale: nodes.scale, graphShift: whole.shift, graphScale: whole.scale };
}

/** A seeded Fisher-Yates permutation of 0..count-1. */
function shuffle(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] ?? 0, order[index] ?? 0];
  }
  return order;
}
