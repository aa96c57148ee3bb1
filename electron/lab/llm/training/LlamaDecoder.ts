import {
  llamaHeadSize,
  llamaRmsNormEpsilon,
  llamaRopeFrequencyBase,
  type LlamaWeights,
} from '#lab/llm/gguf/LlamaWeights.ts';

function multiply(matrix: Float32Array, vector: Float32Array, rows: number): Float32Array {
  const columns = vector.length;
  const result = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    let sum = 0;
    const offset = row * columns;
    for (let column = 0; column < columns; column++) sum += (matrix[offset + column] ?? 0) * (vector[column] ?? 0);
    result[row] = sum;
  }
  return result;
}

function rmsNorm(vector: Float32Array, weight: Float32Array): Float32Array {
  let squares = 0;
  for (const item of vector) squares += item * item;
  const scale = 1 / Math.sqrt(squares / vector.length + llamaRmsNormEpsilon);
  return vector.map((item, index) => item * scale * (weight[index] ?? 0));
}

/**
 * An incremental float32 llama forward pass with a key/value cache (the same maths as
 * `llamaReference`, one token at a time), fast enough to decode held-out tasks greedily during
 * training. Grouped-query attention is supported.
 */
export class LlamaDecoder {
  private keys: Float32Array[][] = [];
  private values: Float32Array[][] = [];
  private readonly headSize: number;

  constructor(private readonly weights: LlamaWeights) {
    this.headSize = llamaHeadSize(weights.config);
    this.reset();
  }

  /** Forgets every evaluated token. */
  reset(): void {
    this.keys = this.weights.layers.map(() => []);
    this.values = this.weights.layers.map(() => []);
  }

  /** How many tokens have been evaluated. */
  get position(): number {
    return this.keys[0]?.length ?? 0;
  }

  /** Evaluates the next token and returns the logits for the one after it. */
  append(token: number): Float32Array {
    const { config } = this.weights;
    const { embedding, heads, kvHeads, feedForward } = config;
    const headSize = this.headSize;
    const position = this.position;
    const scale = 1 / Math.sqrt(headSize);
    let state = this.weights.tokenEmbedding.slice(token * embedding, (token + 1) * embedding);
    this.weights.layers.forEach((layer, layerIndex) => {
      const normed = rmsNorm(state, layer.attentionNorm);
      const query = this.rotate(multiply(layer.query, normed, heads * headSize), position);
      const layerKeys = this.keys[layerIndex] ?? [];
      const layerValues = this.values[layerIndex] ?? [];
      layerKeys.push(this.rotate(multiply(layer.key, normed, kvHeads * headSize), position));
      layerValues.push(multiply(layer.value, normed, kvHeads * headSize));
      const attended = new Float32Array(heads * headSize);
      const scores = new Float64Array(layerKeys.length);
      for (let head = 0; head < heads; head++) {
        const kvOffset = Math.floor(head / (heads / kvHeads)) * headSize;
        let largest = -Infinity;
        layerKeys.forEach((pastKey, past) => {
          let dot = 0;
          for (let index = 0; index < headSize; index++) {
            dot += (query[head * headSize + index] ?? 0) * (pastKey[kvOffset + index] ?? 0);
          }
          scores[past] = dot * scale;
          largest = Math.max(largest, dot * scale);
        });
        let total = 0;
        for (let past = 0; past < scores.length; past++)
          total += scores[past] = Math.exp((scores[past] ?? 0) - largest);
        layerValues.forEach((pastValue, past) => {
          const weight = (scores[past] ?? 0) / total;
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
      const hidden = gate.map((item, index) => (item / (1 + Math.exp(-item))) * (up[index] ?? 0));
      const down = multiply(layer.down, hidden, embedding);
      state = state.map((item, index) => item + (down[index] ?? 0));
    });
    const normed = rmsNorm(state, this.weights.outputNorm);
    return multiply(this.weights.output ?? this.weights.tokenEmbedding, normed, config.vocabSize);
  }

  private rotate(vector: Float32Array, position: number): Float32Array {
    const headSize = this.headSize;
    for (let head = 0; head < vector.length; head += headSize) {
      for (let pair = 0; pair < headSize / 2; pair++) {
        const angle = position * Math.pow(llamaRopeFrequencyBase, (-2 * pair) / headSize);
        const first = vector[head + 2 * pair] ?? 0;
        const second = vector[head + 2 * pair + 1] ?? 0;
        vector[head + 2 * pair] = first * Math.cos(angle) - second * Math.sin(angle);
        vector[head + 2 * pair + 1] = first * Math.sin(angle) + second * Math.cos(angle);
      }
    }
    return vector;
  }
}
