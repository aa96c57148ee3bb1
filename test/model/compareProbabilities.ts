import { type LlamaModel, type Token } from 'node-llama-cpp';

/** How far two sets of next-token distributions are apart. */
export type ProbabilityComparison = {
  largestDifference: number;
  agreeingTopTokens: number;
  largestProbability: number;
};

function topToken(probabilities: ArrayLike<number>): number {
  let top = 0;
  for (let token = 1; token < probabilities.length; token++) {
    if ((probabilities[token] ?? 0) > (probabilities[top] ?? 0)) top = token;
  }
  return top;
}

/** Compares distributions position by position: the largest absolute difference and top-token agreement. */
export function compareProbabilities(
  expected: readonly Float64Array[],
  actual: readonly Float64Array[],
): ProbabilityComparison {
  let largestDifference = 0;
  let agreeingTopTokens = 0;
  let largestProbability = 0;
  expected.forEach((distribution, position) => {
    const other = actual[position] ?? new Float64Array(distribution.length);
    distribution.forEach((probability, token) => {
      largestDifference = Math.max(largestDifference, Math.abs(probability - (other[token] ?? 0)));
      largestProbability = Math.max(largestProbability, probability);
    });
    if (topToken(distribution) === topToken(other)) agreeingTopTokens++;
  });
  return { largestDifference, agreeingTopTokens, largestProbability };
}

/**
 * llama.cpp's next-token probabilities at every position, in a fresh context set up for exact
 * comparison: one thread, no flash attention, an F32 KV cache. Without sampling options the
 * sampler returns the whole softmax (a temperature brings in top-k 40).
 */
export async function llamaCppProbabilities(
  model: LlamaModel,
  tokens: readonly number[],
  vocabSize: number,
): Promise<Float64Array[]> {
  const context = await model.createContext({
    contextSize: 256,
    threads: 1,
    flashAttention: false,
    experimentalKvCacheKeyType: 'F32',
    experimentalKvCacheValueType: 'F32',
  });
  try {
    const results = await context
      .getSequence()
      .controlledEvaluate(tokens.map((token) => [token as Token, { generateNext: { probabilities: true } }]));
    return tokens.map((_, position) => {
      const distribution = new Float64Array(vocabSize);
      for (const [token, probability] of results[position]?.next.probabilities ?? []) distribution[token] = probability;
      return distribution;
    });
  } finally {
    await context.dispose();
  }
}
