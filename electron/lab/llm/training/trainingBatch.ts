import type * as Tensorflow from '@tensorflow/tfjs';
import type { EncodedSequence } from './encodeTranscript.ts';

/** One step's tensors: one-hot inputs and targets `[batch·length, vocabSize]` and loss weights. */
export type TrainingBatch = {
  inputs: Tensorflow.Tensor;
  targets: Tensorflow.Tensor;
  /** `[batch·length]`: 1 where the target is a model-authored token, else 0 (prompt, tool, padding). */
  weights: Tensorflow.Tensor;
  /** How many targets carry loss. */
  tokenCount: number;
  dispose: () => void;
};

/**
 * Packs sequences into next-token pairs: input t is token t, target t is token t + 1, weighted 1
 * only when the model wrote it. Sequences are cut at `length` and padded after their end with
 * EOS (id 2) at weight 0; the causal mask keeps real tokens from seeing the padding.
 */
export function buildTrainingBatch(
  tf: typeof Tensorflow,
  sequences: readonly EncodedSequence[],
  length: number,
  vocabSize: number,
): TrainingBatch {
  const rows = sequences.length * length;
  const inputIds = new Int32Array(rows).fill(2);
  const targetIds = new Int32Array(rows).fill(2);
  const weightValues = new Float32Array(rows);
  let tokenCount = 0;
  sequences.forEach((sequence, index) => {
    const count = Math.min(length, sequence.tokens.length - 1);
    for (let position = 0; position < count; position++) {
      const row = index * length + position;
      inputIds[row] = sequence.tokens[position] ?? 2;
      targetIds[row] = sequence.tokens[position + 1] ?? 2;
      if (sequence.isTrained[position + 1] === true) {
        weightValues[row] = 1;
        tokenCount += 1;
      }
    }
  });
  const inputs = oneHot(tf, inputIds, vocabSize);
  const targets = oneHot(tf, targetIds, vocabSize);
  const weights = tf.tensor1d(weightValues);
  return {
    inputs,
    targets,
    weights,
    tokenCount,
    dispose: () => {
      inputs.dispose();
      targets.dispose();
      weights.dispose();
    },
  };
}

/** Built in JS: the wasm backend's float32 `tf.oneHot` writes integer bits (4.22.0). */
function oneHot(tf: typeof Tensorflow, ids: Int32Array, vocabSize: number): Tensorflow.Tensor {
  const values = new Float32Array(ids.length * vocabSize);
  ids.forEach((id, row) => {
    values[row * vocabSize + id] = 1;
  });
  return tf.tensor2d(values, [ids.length, vocabSize]);
}

/** Mean cross-entropy over the weighted rows: −Σ w·log softmax(logits)[target] / Σ w. */
export function maskedCrossEntropy(
  tf: typeof Tensorflow,
  logits: Tensorflow.Tensor,
  targets: Tensorflow.Tensor,
  weights: Tensorflow.Tensor,
): Tensorflow.Scalar {
  const negativeLogLikelihood = tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), targets), -1));
  return tf.div(tf.sum(tf.mul(negativeLogLikelihood, weights)), tf.maximum(tf.sum(weights), 1));
}
