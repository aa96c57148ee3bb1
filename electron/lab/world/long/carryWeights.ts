import type { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';
import type { LlamaWeights } from '#lab/llm/gguf/LlamaWeights.ts';

/**
 * A trained model's weights moved onto another vocabulary, to fine-tune rather than start over: a
 * token whose piece the old vocabulary has keeps its embedding (and output) row; a new piece starts
 * as the mean of the rows of its text's tokens in the old vocabulary (a new merge of known
 * characters begins where its characters are). The transformer blocks are kept as they are;
 * `contextLength` may grow (RoPE has no learned positions).
 */
export function carryWeights(
  weights: LlamaWeights,
  from: LlamaVocabulary,
  to: LlamaVocabulary,
  contextLength = weights.config.contextLength,
): LlamaWeights {
  const width = weights.config.embedding;
  const remap = (matrix: Float32Array): Float32Array => {
    const moved = new Float32Array(to.size * width);
    to.entries.forEach((entry, id) => {
      const kept = from.idOf(entry.piece);
      const sources =
        kept !== undefined ? [kept] : from.tokenize(to.detokenize([id])).filter((token) => token < from.size);
      if (sources.length === 0) return;
      for (const source of sources)
        for (let column = 0; column < width; column++)
          moved[id * width + column] =
            (moved[id * width + column] ?? 0) + (matrix[source * width + column] ?? 0) / sources.length;
    });
    return moved;
  };
  return {
    config: { ...weights.config, vocabSize: to.size, contextLength },
    tokenEmbedding: remap(weights.tokenEmbedding),
    layers: weights.layers,
    outputNorm: weights.outputNorm,
    ...(weights.output === undefined ? {} : { output: remap(weights.output) }),
  };
}
