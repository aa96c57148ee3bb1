import { createRandom } from '#core/predictor/gcn/createRandom.ts';
import { type LlamaConfig, type LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';

/**
 * Seeded random llama weights: matrices uniform in ±scale/√in, norms around 1, and a large output
 * scale so next-token distributions are peaked (top probabilities near 0.9): a flat distribution
 * would hide errors in a probability comparison.
 */
export function createRandomLlamaWeights(config: LlamaConfig, seed: number): LlamaWeights {
  const random = createRandom(seed);
  const headSize = config.embedding / config.heads;
  const matrix = (rows: number, columns: number, scale = 2): Float32Array =>
    Float32Array.from({ length: rows * columns }, () => ((random() * 2 - 1) * scale) / Math.sqrt(columns));
  const norm = (): Float32Array => Float32Array.from({ length: config.embedding }, () => 0.8 + 0.4 * random());
  const { embedding, feedForward, vocabSize } = config;
  return {
    config,
    tokenEmbedding: matrix(vocabSize, embedding, 1),
    layers: Array.from({ length: config.layers }, () => ({
      attentionNorm: norm(),
      query: matrix(config.heads * headSize, embedding),
      key: matrix(config.kvHeads * headSize, embedding),
      value: matrix(config.kvHeads * headSize, embedding),
      attentionOutput: matrix(embedding, config.heads * headSize),
      feedForwardNorm: norm(),
      gate: matrix(feedForward, embedding),
      up: matrix(feedForward, embedding),
      down: matrix(embedding, feedForward),
    })),
    outputNorm: norm(),
    output: matrix(vocabSize, embedding, 8),
  };
}
