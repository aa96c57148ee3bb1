/** Options of taskTextFeatures. */
export type TaskTextFeaturesOptions = {
  /** Hash buckets of the n-gram part. Defaults to 16. */
  buckets?: number;
};

/** FNV-1a, 32 bits: a stable hash, so the same text always lands in the same bucket. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * What is known of a task before any step runs, as numbers: hashed word unigrams and character
 * trigrams of its text (counts, L2-normalised, like a hashed bag of FastText subwords), then the
 * size of its first prompt in thousands of tokens (log-scaled). For the recorded AutoFL runs the
 * only text is the task id ("d4j/Chart_1": project and bug number); the prompt size stands in for
 * the failing test and error message the prompt holds.
 */
export function taskTextFeatures(text: string, promptTokens: number, options: TaskTextFeaturesOptions = {}): number[] {
  const buckets = options.buckets ?? 16;
  const counts = new Array<number>(buckets).fill(0);
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  for (const word of words) {
    const grams = [`w:${word}`];
    const padded = `<${word}>`;
    for (let start = 0; start + 3 <= padded.length; start += 1) grams.push(`c:${padded.slice(start, start + 3)}`);
    for (const gram of grams) {
      const bucket = fnv1a(gram) % buckets;
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
  }
  const norm = Math.sqrt(counts.reduce((sum, count) => sum + count * count, 0)) || 1;
  return [...counts.map((count) => count / norm), Math.log1p(promptTokens / 1000)];
}
