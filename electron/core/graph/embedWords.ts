import { hashToken } from './hashToken.ts';

/** How words become a hashed vector. Every field has a default; see {@link resolveTextEmbedding}. */
export type TextEmbeddingOptions = {
  /** Length of the hashed vector. Defaults to 64. */
  readonly dimension?: number;
  /** Shortest character n-gram of a word (with `<` and `>` boundary markers). Defaults to 3. */
  readonly minGram?: number;
  /** Longest character n-gram. Defaults to 5. */
  readonly maxGram?: number;
  /** Weight of a whole word against one of its n-grams. Defaults to 2. */
  readonly wordWeight?: number;
};

/** {@link TextEmbeddingOptions} with every default filled in: what a checkpoint stores. */
export type TextEmbeddingConfig = Required<TextEmbeddingOptions>;

const wordSeed = 0x2545f491;
const gramSeed = 0x9e3779b9;

/** The options with their defaults filled in. */
export function resolveTextEmbedding(options: TextEmbeddingOptions = {}): TextEmbeddingConfig {
  return {
    dimension: options.dimension ?? 64,
    minGram: options.minGram ?? 3,
    maxGram: options.maxGram ?? 5,
    wordWeight: options.wordWeight ?? 2,
  };
}

/**
 * A deterministic FastText-style embedding of words without a trained table: every word and every
 * character n-gram of `<word>` is hashed to a bucket with a sign (signed feature hashing, so
 * collisions cancel out on average), and the sum is L2-normalised. No words gives the zero vector.
 * @param words Lowercase words, e.g. from `tokenizeText` or `canonicalizeArguments`.
 * @param config A resolved configuration.
 * @param output Where to write (`config.dimension` long, overwritten); a new array when omitted.
 */
export function embedWords(words: readonly string[], config: TextEmbeddingConfig, output?: Float32Array): Float32Array {
  const { dimension, minGram, maxGram, wordWeight } = config;
  const vector = output ?? new Float32Array(dimension);
  vector.fill(0);
  for (const word of words) {
    addHashed(vector, hashToken(word, wordSeed), wordWeight);
    const marked = `<${word}>`;
    for (let size = minGram; size <= maxGram; size++) {
      for (let start = 0; start + size <= marked.length; start++) {
        addHashed(vector, hashToken(marked.slice(start, start + size), gramSeed), 1);
      }
    }
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let index = 0; index < dimension; index++) vector[index] = (vector[index] ?? 0) * scale;
  }
  return vector;
}

function addHashed(vector: Float32Array, hash: number, weight: number): void {
  const index = (hash & 0x7fffffff) % vector.length;
  vector[index] = (vector[index] ?? 0) + (hash >>> 31 === 1 ? -weight : weight);
}
