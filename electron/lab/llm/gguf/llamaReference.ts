import { assert } from '#core/errors.ts';
import {
  llamaHeadSize,
  llamaRmsNormEpsilon,
  llamaRopeFrequencyBase,
  llamaTensors,
  type LlamaWeights,
} from './LlamaWeights.ts';

/** y = W·x for a row-major [rows, columns] matrix. */
function multiply(matrix: Float32Array, vector: Float64Array, rows: number): Float64Array {
  const columns = vector.length;
  const result = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    const offset = row * columns;
    for (let column = 0; column < columns; column++) sum += (matrix[offset + column] ?? 0) * (vector[column] ?? 0);
    result[row] = sum;
  }
  return result;
}

/** x / sqrt(mean(x²) + eps) · w, with w stored directly (not 1 + w). */
function rmsNorm(vector: Float64Array, weight: Float32Array): Float64Array {
  let squares = 0;
  for (const item of vector) squares += item * item;
  const scale = 1 / Math.sqrt(squares / vector.length + llamaRmsNormEpsilon);
  return vector.map((item, index) => item * scale * (weight[index] ?? 0));
}

/** Rotates interleaved pairs (2i, 2i+1) of each head by position · base^(−2i/headSize), in place. */
function rotate(vector: Float64Array, position: number, headSize: number): void {
  for (let head = 0; head < vector.length; head += headSize) {
    for (let pair = 0; pair < headSize / 2; pair++) {
      const angle = position * Math.pow(llamaRopeFrequencyBase, (-2 * pair) / headSize);
      const cosine = Math.cos(angle);
      const sine = Math.sin(angle);
      const first = vector[head + 2 * pair] ?? 0;
      const second = vector[head + 2 * pair + 1] ?? 0;
      vector[head + 2 * pair] = first * cosine - second * sine;
      vector[head + 2 * pair + 1] = first * sine + second * cosine;
    }
  }
}

function softmax(logits: Float64Array): Float64Array {
  const largest = Math.max(...logits);
  const exponentials = logits.map((logit) => Math.exp(logit - largest));
  const total = exponentials.reduce((sum, item) => sum + item, 0);
  return exponentials.map((item) => item / total);
}

function silu(value: number): number {
  return value / (1 + Math.exp(-value));
}

/**
 * A plain float64 forward pass of the llama architecture exactly as llama.cpp computes it (RMSNorm,
 * interleaved RoPE, causal grouped-query attention scaled by 1/√headSize, SwiGLU, final norm, then
 * the output projection), for checking a written GGUF against llama.cpp and a trainer against both.
 *
 * @param tokens the sequence as evaluated, BOS first; token i sits at position i.
 * @returns for each position, the probabilities of every vocabulary token coming next.
 */
export function llamaReference(weights: LlamaWeights, tokens: readonly number[]): Float64Array[] {
  llamaTensors(weights); // checks every size
  const { config } = weights;
  const { embedding, vocabSize, feedForward } = config;
  const headSize = llamaHeadSize(config);
  const groupSize = config.heads / config.kvHeads;
  const scale = 1 / Math.sqrt(headSize);
  const keys = weights.layers.map((): Float64Array[] => []);
  const values = weights.layers.map((): Float64Array[] => []);
  return tokens.map((token, position) => {
    assert(Number.isInteger(token) && token >= 0 && token < vocabSize, `token ${token} is outside the vocabulary`);
    let state = Float64Array.from(weights.tokenEmbedding.subarray(token * embedding, (token + 1) * embedding));
    weights.layers.forEach((layer, layerIndex) => {
      const normed = rmsNorm(state, layer.attentionNorm);
      const query = multiply(layer.query, normed, config.heads * headSize);
      const key = multiply(layer.key, normed, config.kvHeads * headSize);
      rotate(query, position, headSize);
      rotate(key, position, headSize);
      const layerKeys = keys[layerIndex] ?? [];
      const layerValues = values[layerIndex] ?? [];
      layerKeys.push(key);
      layerValues.push(multiply(layer.value, normed, config.kvHeads * headSize));
      const attended = new Float64Array(config.heads * headSize);
      for (let head = 0; head < config.heads; head++) {
        const kvOffset = Math.floor(head / groupSize) * headSize;
        const scores = Float64Array.from(layerKeys, (pastKey) => {
          let dot = 0;
          for (let index = 0; index < headSize; index++) {
            dot += (query[head * headSize + index] ?? 0) * (pastKey[kvOffset + index] ?? 0);
          }
          return dot * scale;
        });
        softmax(scores).forEach((weight, past) => {
          const pastValue = layerValues[past] ?? new Float64Array(0);
          for (let index = 0; index < headSize; index++) {
            attended[head * headSize + index] =
              (attended[head * headSize + index] ?? 0) + weight * (pastValue[kvOffset + index] ?? 0);
          }
        });
      }
      const attentionOut = multiply(layer.attentionOutput, attended, embedding);
      state = state.map((item, index) => item + (attentionOut[index] ?? 0));
      const feedNormed = rmsNorm(state, layer.feedForwardNorm);
      const gate = multiply(layer.gate, feedNormed, feedForward);
      const up = multiply(layer.up, feedNormed, feedForward);
      const hidden = gate.map((item, index) => silu(item) * (up[index] ?? 0));
      const down = multiply(layer.down, hidden, embedding);
      state = state.map((item, index) => item + (down[index] ?? 0));
    });
    const logits = multiply(weights.output ?? weights.tokenEmbedding, rmsNorm(state, weights.outputNorm), vocabSize);
    return softmax(logits);
  });
}
