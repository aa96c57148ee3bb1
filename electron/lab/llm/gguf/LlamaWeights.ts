import { assert } from '#core/errors.ts';

/** The shape of a llama-architecture model. The head size is `embedding / heads`. */
export type LlamaConfig = {
  vocabSize: number;
  /** The model width (n_embd). */
  embedding: number;
  layers: number;
  /** Query heads. */
  heads: number;
  /** Key/value heads (grouped-query attention when fewer than `heads`). */
  kvHeads: number;
  /** The SwiGLU hidden width (n_ff). */
  feedForward: number;
  /** The longest sequence the model was trained for (llama.context_length). */
  contextLength: number;
};

/** One transformer block; matrices are row-major `[out, in]`, as `nn.Linear` stores them. */
export type LlamaLayerWeights = {
  attentionNorm: Float32Array;
  /** [heads·headSize, embedding], RoPE pairs interleaved (2i, 2i+1), as llama.cpp expects. */
  query: Float32Array;
  /** [kvHeads·headSize, embedding], RoPE pairs interleaved like `query`. */
  key: Float32Array;
  /** [kvHeads·headSize, embedding] */
  value: Float32Array;
  /** [embedding, heads·headSize] */
  attentionOutput: Float32Array;
  feedForwardNorm: Float32Array;
  /** [feedForward, embedding] */
  gate: Float32Array;
  /** [feedForward, embedding] */
  up: Float32Array;
  /** [embedding, feedForward] */
  down: Float32Array;
};

/** A llama model's weights in float32, row-major. */
export type LlamaWeights = {
  config: LlamaConfig;
  /** [vocabSize, embedding] */
  tokenEmbedding: Float32Array;
  layers: readonly LlamaLayerWeights[];
  outputNorm: Float32Array;
  /** [vocabSize, embedding]; when absent the output is tied to `tokenEmbedding` (llama.cpp does the same). */
  output?: Float32Array;
};

/** A named tensor of the GGUF with its row-major shape. */
export type LlamaTensor = { name: string; shape: number[]; data: Float32Array };

/** RoPE base frequency (llama.rope.freq_base). */
export const llamaRopeFrequencyBase = 10000;

/** RMSNorm epsilon (llama.attention.layer_norm_rms_epsilon). */
export const llamaRmsNormEpsilon = 1e-5;

/** The per-head size, checked to divide the width evenly and to be even (RoPE rotates pairs). */
export function llamaHeadSize(config: LlamaConfig): number {
  const headSize = config.embedding / config.heads;
  assert(Number.isInteger(headSize) && headSize % 2 === 0, 'embedding / heads must be an even integer');
  assert(config.heads % config.kvHeads === 0, 'heads must be a multiple of kvHeads');
  return headSize;
}

/** The GGUF tensors of a llama model with llama.cpp's names, checking every size against the config. */
export function llamaTensors(weights: LlamaWeights): LlamaTensor[] {
  const { config } = weights;
  const { vocabSize, embedding, feedForward } = config;
  const headSize = llamaHeadSize(config);
  const queryWidth = config.heads * headSize;
  const keyWidth = config.kvHeads * headSize;
  assert(weights.layers.length === config.layers, `expected ${config.layers} layers`);
  const tensors: LlamaTensor[] = [
    { name: 'token_embd.weight', shape: [vocabSize, embedding], data: weights.tokenEmbedding },
  ];
  weights.layers.forEach((layer, index) => {
    const prefix = `blk.${index}.`;
    tensors.push(
      { name: `${prefix}attn_norm.weight`, shape: [embedding], data: layer.attentionNorm },
      { name: `${prefix}attn_q.weight`, shape: [queryWidth, embedding], data: layer.query },
      { name: `${prefix}attn_k.weight`, shape: [keyWidth, embedding], data: layer.key },
      { name: `${prefix}attn_v.weight`, shape: [keyWidth, embedding], data: layer.value },
      { name: `${prefix}attn_output.weight`, shape: [embedding, queryWidth], data: layer.attentionOutput },
      { name: `${prefix}ffn_norm.weight`, shape: [embedding], data: layer.feedForwardNorm },
      { name: `${prefix}ffn_gate.weight`, shape: [feedForward, embedding], data: layer.gate },
      { name: `${prefix}ffn_up.weight`, shape: [feedForward, embedding], data: layer.up },
      { name: `${prefix}ffn_down.weight`, shape: [embedding, feedForward], data: layer.down },
    );
  });
  tensors.push({ name: 'output_norm.weight', shape: [embedding], data: weights.outputNorm });
  if (weights.output) tensors.push({ name: 'output.weight', shape: [vocabSize, embedding], data: weights.output });
  for (const tensor of tensors) {
    const size = tensor.shape.reduce((product, dimension) => product * dimension, 1);
    assert(tensor.data.length === size, `${tensor.name} has ${tensor.data.length} values, expected ${size}`);
  }
  return tensors;
}
