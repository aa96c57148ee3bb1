import type * as Tensorflow from '@tensorflow/tfjs';
import { assert } from '#core/errors.ts';
import { llamaHeadSize, llamaRmsNormEpsilon, llamaRopeFrequencyBase } from '#lab/llm/gguf/LlamaWeights.ts';
import type { LlamaParameters } from './LlamaParameters.ts';

type Tensor = Tensorflow.Tensor;

/** The forward pass for one batch shape, with its constants built once. */
export type LlamaForward = {
  /**
   * Logits `[batch·length, vocabSize]` for a one-hot batch `[batch·length, vocabSize]` (row
   * b·length + t is token t of sequence b). Call inside a tape or `tf.tidy`.
   */
  readonly logits: (oneHotTokens: Tensor) => Tensor;
  /** Frees the constants. */
  readonly dispose: () => void;
};

/**
 * The llama forward pass in tfjs exactly as llama.cpp computes it (see `llamaReference`): RMSNorm,
 * interleaved RoPE pairs (2i, 2i+1), causal multi-head attention scaled by 1/√headSize, SwiGLU, no
 * biases, an untied output. Written for the wasm backend's fast paths: only plain 2-D matmuls
 * whose gradients use explicit transposes, attention as a loop of 2-D products per sequence and
 * head, RoPE as x·cos + (x·R)·sin, and an additive −1e9 causal mask (shared/notes/tfjs-training.md).
 */
export function createLlamaForward(
  tf: typeof Tensorflow,
  parameters: LlamaParameters,
  batch: number,
  length: number,
): LlamaForward {
  const { config } = parameters;
  assert(config.kvHeads === config.heads, 'the trainer supports multi-head attention only (kvHeads = heads)');
  const headSize = llamaHeadSize(config);
  const { heads, embedding } = config;
  const rows = batch * length;
  const matMulWithGradient = tf.customGrad<Tensor>((a, b, save) => {
    const left = a as Tensor;
    const right = b as Tensor;
    (save as Tensorflow.GradSaveFunc)([left, right]);
    return {
      value: tf.matMul(left, right),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [savedLeft, savedRight] = saved as [Tensor, Tensor];
        return [tf.matMul(dy, tf.transpose(savedRight)), tf.matMul(tf.transpose(savedLeft), dy)];
      },
    };
  });
  const matMul = (a: Tensor, b: Tensor): Tensor => matMulWithGradient(a, b);
  const rotation = new Float32Array(headSize * headSize);
  const cosines = new Float32Array(rows * heads * headSize);
  const sines = new Float32Array(rows * heads * headSize);
  for (let pair = 0; pair < headSize / 2; pair++) {
    // (x·R)[2i] = −x[2i+1], (x·R)[2i+1] = x[2i]
    rotation[(2 * pair + 1) * headSize + 2 * pair] = -1;
    rotation[2 * pair * headSize + 2 * pair + 1] = 1;
  }
  for (let row = 0; row < rows; row++) {
    const position = row % length;
    for (let head = 0; head < heads; head++) {
      for (let index = 0; index < headSize; index++) {
        const pair = Math.floor(index / 2);
        const angle = position * Math.pow(llamaRopeFrequencyBase, (-2 * pair) / headSize);
        const offset = (row * heads + head) * headSize + index;
        cosines[offset] = Math.cos(angle);
        sines[offset] = Math.sin(angle);
      }
    }
  }
  const maskValues = new Float32Array(length * length);
  for (let query = 0; query < length; query++) {
    for (let key = query + 1; key < length; key++) maskValues[query * length + key] = -1e9;
  }
  const constants = {
    rotation: tf.keep(tf.tensor2d(rotation, [headSize, headSize])),
    cosines: tf.keep(tf.tensor2d(cosines, [rows * heads, headSize])),
    sines: tf.keep(tf.tensor2d(sines, [rows * heads, headSize])),
    mask: tf.keep(tf.tensor2d(maskValues, [length, length])),
    scale: tf.keep(tf.scalar(1 / Math.sqrt(headSize))),
  };
  const rmsNorm = (x: Tensor, weight: Tensor): Tensor =>
    tf.mul(tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), llamaRmsNormEpsilon))), weight);
  const rope = (x: Tensor): Tensor => {
    const perHead = tf.reshape(x, [rows * heads, headSize]);
    const rotated = tf.add(
      tf.mul(perHead, constants.cosines),
      tf.mul(matMul(perHead, constants.rotation), constants.sines),
    );
    return tf.reshape(rotated, [batch, length, heads, headSize]);
  };
  const attention = (query: Tensor, key: Tensor, value: Tensor): Tensor => {
    const pairs = batch * heads;
    const queries = tf.split(
      tf.reshape(tf.transpose(tf.mul(rope(query), constants.scale), [0, 2, 1, 3]), [pairs * length, headSize]),
      pairs,
    );
    const keys = tf.split(tf.reshape(tf.transpose(rope(key), [0, 2, 3, 1]), [pairs * headSize, length]), pairs);
    const values = tf.split(
      tf.reshape(tf.transpose(tf.reshape(value, [batch, length, heads, headSize]), [0, 2, 1, 3]), [
        pairs * length,
        headSize,
      ]),
      pairs,
    );
    const outputs = queries.map((part, index) => {
      const scores = tf.add(matMul(part, keys[index] as Tensor), constants.mask);
      return matMul(tf.softmax(scores), values[index] as Tensor);
    });
    const joined = tf.reshape(tf.concat(outputs, 0), [batch, heads, length, headSize]);
    return tf.reshape(tf.transpose(joined, [0, 2, 1, 3]), [rows, embedding]);
  };
  const logits = (oneHotTokens: Tensor): Tensor => {
    let state = matMul(oneHotTokens, parameters.tokenEmbedding);
    for (const layer of parameters.layers) {
      const normed = rmsNorm(state, layer.attentionNorm);
      const attended = attention(matMul(normed, layer.query), matMul(normed, layer.key), matMul(normed, layer.value));
      state = tf.add(state, matMul(attended, layer.attentionOutput));
      const feedNormed = rmsNorm(state, layer.feedForwardNorm);
      const gate = matMul(feedNormed, layer.gate);
      const hidden = tf.mul(tf.mul(gate, tf.sigmoid(gate)), matMul(feedNormed, layer.up));
      state = tf.add(state, matMul(hidden, layer.down));
    }
    return matMul(rmsNorm(state, parameters.outputNorm), parameters.output);
  };
  return { logits, dispose: () => Object.values(constants).forEach((tensor) => tensor.dispose()) };
}
