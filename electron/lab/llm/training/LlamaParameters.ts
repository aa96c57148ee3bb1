import type * as Tensorflow from '@tensorflow/tfjs';
import type { LlamaConfig, LlamaLayerWeights, LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';
import { assert } from '#core/errors.ts';
import { createRandom } from '#core/predictor/gcn/createRandom.ts';

/** One block's trainable tensors; matrices are tfjs-style `[in, out]`. */
export type LlamaLayerParameters = { [name in keyof LlamaLayerWeights]: Tensorflow.Variable };

/** A llama model's trainable tensors in tfjs layout (`[in, out]`, so `x @ W`). */
export type LlamaParameters = {
  readonly config: LlamaConfig;
  /** [vocabSize, embedding] */
  readonly tokenEmbedding: Tensorflow.Variable;
  readonly layers: readonly LlamaLayerParameters[];
  readonly outputNorm: Tensorflow.Variable;
  /** [embedding, vocabSize] */
  readonly output: Tensorflow.Variable;
};

/** Every variable of the model, in a fixed order. */
export function listLlamaVariables(parameters: LlamaParameters): Tensorflow.Variable[] {
  return [
    parameters.tokenEmbedding,
    ...parameters.layers.flatMap((layer) => Object.values(layer)),
    parameters.outputNorm,
    parameters.output,
  ];
}

/**
 * Seeded initialisation: normal(0, 0.02) embeddings, normal(0, 1/√fanIn) matrices with the two
 * residual projections (attention output, down) scaled by 1/√(2·layers), norms at 1.
 * @param name a prefix for the variable names, unique among live models.
 */
export function createLlamaParameters(
  tf: typeof Tensorflow,
  config: LlamaConfig,
  seed: number,
  name: string,
): LlamaParameters {
  const random = createRandom(seed);
  const normal = (): number => {
    const radius = Math.sqrt(-2 * Math.log(1 - random()));
    return radius * Math.cos(2 * Math.PI * random());
  };
  const matrix = (label: string, rows: number, columns: number, deviation: number): Tensorflow.Variable => {
    const values = Float32Array.from({ length: rows * columns }, () => normal() * deviation);
    // tidy frees the initial tensor; the variable keeps its own copy.
    return tf.tidy(() => tf.variable(tf.tensor2d(values, [rows, columns]), true, `${name}/${label}`));
  };
  const ones = (label: string): Tensorflow.Variable =>
    tf.tidy(() => tf.variable(tf.ones([config.embedding]), true, `${name}/${label}`));
  const { embedding, feedForward, vocabSize } = config;
  const residualScale = 1 / Math.sqrt(2 * config.layers);
  const layers = Array.from({ length: config.layers }, (_, index): LlamaLayerParameters => {
    const prefix = `layer${index}/`;
    return {
      attentionNorm: ones(`${prefix}attentionNorm`),
      query: matrix(`${prefix}query`, embedding, embedding, 1 / Math.sqrt(embedding)),
      key: matrix(`${prefix}key`, embedding, embedding, 1 / Math.sqrt(embedding)),
      value: matrix(`${prefix}value`, embedding, embedding, 1 / Math.sqrt(embedding)),
      attentionOutput: matrix(`${prefix}attentionOutput`, embedding, embedding, residualScale / Math.sqrt(embedding)),
      feedForwardNorm: ones(`${prefix}feedForwardNorm`),
      gate: matrix(`${prefix}gate`, embedding, feedForward, 1 / Math.sqrt(embedding)),
      up: matrix(`${prefix}up`, embedding, feedForward, 1 / Math.sqrt(embedding)),
      down: matrix(`${prefix}down`, feedForward, embedding, residualScale / Math.sqrt(feedForward)),
    };
  });
  return {
    config,
    tokenEmbedding: matrix('tokenEmbedding', vocabSize, embedding, 0.02),
    layers,
    outputNorm: ones('outputNorm'),
    output: matrix('output', embedding, vocabSize, 1 / Math.sqrt(embedding)),
  };
}

/**
 * Parameters holding saved weights (a GGUF read back with readLlamaWeights), to continue training
 * them: the inverse of {@link exportLlamaWeights}. A tied output (no `output` tensor) starts as a
 * copy of the embedding and is trained on its own from there.
 * @param name a prefix for the variable names, unique among live models.
 */
export function loadLlamaParameters(tf: typeof Tensorflow, weights: LlamaWeights, name: string): LlamaParameters {
  const { config } = weights;
  const { embedding, feedForward, vocabSize } = config;
  const variable = (label: string, values: Float32Array, shape: [number] | [number, number]): Tensorflow.Variable => {
    assert(
      values.length === shape.reduce((product, size) => product * size, 1),
      `${label}: ${values.length} values do not fill [${shape.join(', ')}]`,
    );
    return tf.tidy(() => tf.variable(tf.tensor(values, shape), true, `${name}/${label}`));
  };
  // Saved matrices are row-major [out, in]; tfjs wants [in, out].
  const matrix = (label: string, values: Float32Array, inputs: number, outputs: number): Tensorflow.Variable =>
    variable(label, transposedRows(values, outputs, inputs), [inputs, outputs]);
  const layers = weights.layers.map((layer, index): LlamaLayerParameters => {
    const prefix = `layer${index}/`;
    return {
      attentionNorm: variable(`${prefix}attentionNorm`, layer.attentionNorm, [embedding]),
      query: matrix(`${prefix}query`, layer.query, embedding, embedding),
      key: matrix(`${prefix}key`, layer.key, embedding, embedding),
      value: matrix(`${prefix}value`, layer.value, embedding, embedding),
      attentionOutput: matrix(`${prefix}attentionOutput`, layer.attentionOutput, embedding, embedding),
      feedForwardNorm: variable(`${prefix}feedForwardNorm`, layer.feedForwardNorm, [embedding]),
      gate: matrix(`${prefix}gate`, layer.gate, embedding, feedForward),
      up: matrix(`${prefix}up`, layer.up, embedding, feedForward),
      down: matrix(`${prefix}down`, layer.down, feedForward, embedding),
    };
  });
  return {
    config,
    tokenEmbedding: variable('tokenEmbedding', weights.tokenEmbedding, [vocabSize, embedding]),
    layers,
    outputNorm: variable('outputNorm', weights.outputNorm, [embedding]),
    output: matrix('output', weights.output ?? weights.tokenEmbedding, embedding, vocabSize),
  };
}

/** Row-major `[columns, rows]` copy of a row-major `[rows, columns]` matrix. */
function transposedRows(values: Float32Array, rows: number, columns: number): Float32Array {
  const result = new Float32Array(values.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) result[column * rows + row] = values[row * columns + column] ?? 0;
  }
  return result;
}

/** Row-major `[out, in]` copy of a tfjs `[in, out]` matrix. */
function transposed(variable: Tensorflow.Variable): Float32Array {
  const [rows = 0, columns = 0] = variable.shape;
  const values = variable.dataSync() as Float32Array;
  const result = new Float32Array(values.length);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) result[column * rows + row] = values[row * columns + column] ?? 0;
  }
  return result;
}

/**
 * The weights as the GGUF stores them: every dense matrix transposed from tfjs `[in, out]` to
 * row-major `[out, in]`; the embedding and the norms as they are. The trainer uses interleaved RoPE
 * pairs, so Q and K need no permutation.
 */
export function exportLlamaWeights(parameters: LlamaParameters): LlamaWeights {
  const copy = (variable: Tensorflow.Variable): Float32Array => Float32Array.from(variable.dataSync());
  return {
    config: parameters.config,
    tokenEmbedding: copy(parameters.tokenEmbedding),
    layers: parameters.layers.map((layer) => ({
      attentionNorm: copy(layer.attentionNorm),
      query: transposed(layer.query),
      key: transposed(layer.key),
      value: transposed(layer.value),
      attentionOutput: transposed(layer.attentionOutput),
      feedForwardNorm: copy(layer.feedForwardNorm),
      gate: transposed(layer.gate),
      up: transposed(layer.up),
      down: transposed(layer.down),
    })),
    outputNorm: copy(parameters.outputNorm),
    output: transposed(parameters.output),
  };
}
