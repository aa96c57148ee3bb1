import { cosineSimilarity } from '#core/graph/cosineSimilarity.ts';
import { isWellFormedAnswer, normalizeAnswer, type VoteResult } from './vote.ts';

/**
 * An answer of at most this many words (after normalisation) is short: a number, a name, a choice,
 * yes/no, a value with its unit. Short answers vote by exact normalised equality, never by meaning:
 * "12 km" and "13 km" embed almost alike and must not vote together.
 */
export const shortAnswerWords = 4;

/**
 * The cosine at or above which two long answers' groups merge (average linkage). Not calibrated on
 * a model that knows English: none is available to the project yet (see the note of issue 17); a
 * conventional value for sentence embeddings, to be chosen again on the open-answer world.
 */
export const defaultSimilarityThreshold = 0.9;

/** Whether an answer is short (see {@link shortAnswerWords}); a long one is grouped by meaning. */
export function isShortAnswer(answer: string): boolean {
  const text = normalizeAnswer(answer);
  return text === '' || text.split(' ').length <= shortAnswerWords;
}

/** Options of {@link groupAnswers}. */
export type AnswerGroupingOptions = {
  /** Defaults to {@link defaultSimilarityThreshold}. */
  readonly threshold?: number;
  /** Whether long answers stating different final numbers stay apart (see {@link finalNumbers}). Defaults to true. */
  readonly numbersMustMatch?: boolean;
};

/**
 * The numbers the last sentence of an answer states (after normalisation), sorted and joined, or
 * null when it states none: "3 weeks is 21 days. So the larger one is 3 weeks" gives "3". Two long
 * answers whose last sentences both state numbers, and not the same ones, never share a group:
 * embeddings read the wording more than the number (on the open-answer world's source model
 * "In days that is 25" is at cosine 0.94 from "In days that is 26" and 0.73 from "The number of
 * days is 25"), so a number in the conclusion is compared exactly, as short answers are.
 */
export function finalNumbers(answer: string): string | null {
  const sentences = normalizeAnswer(answer)
    .split(/[.!?](?=\s|$)|\n/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
  const numbers = sentences
    .at(-1)
    ?.replace(/(\d),(?=\d{3}\b)/g, '$1')
    .match(/-?\d+(?:\.\d+)?/g);
  return numbers === null || numbers === undefined ? null : [...numbers].sort().join(',');
}

/** Paths whose answers say the same thing. */
export type AnswerGroup = {
  /** Path indexes, ascending. */
  readonly paths: readonly number[];
  /** The most central member: the highest mean similarity to the others (ties: the lowest path). */
  readonly central: number;
  /** The key the group is known by: the normalised answer of its central member. */
  readonly key: string;
  /** Whether it was grouped by meaning (long answers with vectors) rather than exact equality. */
  readonly isByMeaning: boolean;
};

/**
 * Groups the paths' answers: short answers (and long ones without a vector) by exact normalised
 * equality, long answers with a vector by average-linkage agglomerative clustering on cosine
 * similarity: starting from one group per answer, the two groups with the highest mean pairwise
 * similarity merge while it reaches `threshold` (ties: the pair of lowest path indexes). Average
 * linkage rather than connected components, so a chain of near neighbours cannot join two answers
 * that disagree. Short and long answers never share a group. Pure and deterministic.
 * @param answers Per path, its answer; null or ill-formed (see isWellFormedAnswer) do not count.
 * @param vectors Per path, the embedding of its answer, or null (e.g. a short answer).
 * @returns The groups, largest first, ties in order of their lowest path index.
 */
export function groupAnswers(
  answers: readonly (string | null)[],
  vectors: readonly (ArrayLike<number> | null | undefined)[],
  options: AnswerGroupingOptions = {},
): AnswerGroup[] {
  const threshold = options.threshold ?? defaultSimilarityThreshold;
  const exact = new Map<string, number[]>();
  const long: number[] = [];
  answers.forEach((answer, path) => {
    if (answer === null || !isWellFormedAnswer(answer)) return;
    if (!isShortAnswer(answer) && vectors[path] != null) long.push(path);
    else {
      const key = normalizeAnswer(answer);
      exact.set(key, [...(exact.get(key) ?? []), path]);
    }
  });
  const groups: AnswerGroup[] = [...exact].map(([key, paths]) => ({
    paths,
    central: paths[0] ?? 0,
    key,
    isByMeaning: false,
  }));
  const similarity = similarityMatrix(long.map((path) => vectors[path] as ArrayLike<number>));
  if (options.numbersMustMatch ?? true)
    keepNumbersApart(
      similarity,
      long.map((path) => finalNumbers(answers[path] ?? '')),
    );
  for (const members of averageLinkage(similarity, threshold)) {
    const central = mostCentral(members, similarity);
    const paths = members.map((member) => long[member] ?? 0).sort((a, b) => a - b);
    const centralPath = long[central] ?? 0;
    groups.push({ paths, central: centralPath, key: normalizeAnswer(answers[centralPath] ?? ''), isByMeaning: true });
  }
  return groups.sort((a, b) => b.paths.length - a.paths.length || (a.paths[0] ?? 0) - (b.paths[0] ?? 0));
}

/**
 * The vote by meaning: {@link groupAnswers}, each group shown as its central member (normalised,
 * as the exact vote shows answers, for short groups; trimmed as written for groups by meaning).
 * With no vectors at all it is exactly `majorityVote`.
 */
export function semanticVote(
  answers: readonly (string | null)[],
  vectors: readonly (ArrayLike<number> | null | undefined)[],
  options: AnswerGroupingOptions = {},
): VoteResult {
  const tally = groupAnswers(answers, vectors, options).map((group) => ({
    answer: group.isByMeaning ? (answers[group.central] ?? '').trim() : group.key,
    paths: group.paths,
  }));
  return { tally, winner: tally[0]?.answer ?? null };
}

/**
 * Each path's group key (null: no answer), so that counting equal keys counts agreement in meaning:
 * what the cold-start agreement and the flow graph's answer nodes read.
 */
export function answerGroupKeys(
  answers: readonly (string | null)[],
  vectors: readonly (ArrayLike<number> | null | undefined)[],
  options: AnswerGroupingOptions = {},
): (string | null)[] {
  const keys: (string | null)[] = answers.map(() => null);
  for (const group of groupAnswers(answers, vectors, options)) for (const path of group.paths) keys[path] = group.key;
  return keys;
}

/**
 * Each path's group key where its long answer was grouped by meaning (vectors), null elsewhere
 * (no answer, a short one, one without a vector): what the flow graph's answer nodes take as
 * `answerGroup`, so answers without embeddings cluster by their text exactly as before.
 */
export function meaningGroupKeys(
  answers: readonly (string | null)[],
  vectors: readonly (ArrayLike<number> | null | undefined)[],
  options: AnswerGroupingOptions = {},
): (string | null)[] {
  const keys: (string | null)[] = answers.map(() => null);
  for (const group of groupAnswers(answers, vectors, options))
    if (group.isByMeaning) for (const path of group.paths) keys[path] = `meaning:${group.key}`;
  return keys;
}

function similarityMatrix(vectors: readonly ArrayLike<number>[]): Float64Array[] {
  const rows = vectors.map(() => new Float64Array(vectors.length));
  for (let i = 0; i < vectors.length; i++) {
    (rows[i] as Float64Array)[i] = 1;
    for (let j = i + 1; j < vectors.length; j++) {
      const value = cosineSimilarity(vectors[i] as ArrayLike<number>, vectors[j] as ArrayLike<number>);
      (rows[i] as Float64Array)[j] = value;
      (rows[j] as Float64Array)[i] = value;
    }
  }
  return rows;
}

/** Marks answers whose final numbers differ as never similar (a group holding both can never form). */
function keepNumbersApart(similarity: readonly Float64Array[], numbers: readonly (string | null)[]): void {
  numbers.forEach((left, i) => {
    numbers.forEach((right, j) => {
      if (left !== null && right !== null && left !== right) (similarity[i] as Float64Array)[j] = -Infinity;
    });
  });
}

/** Clusters of row indexes, each ascending, by average linkage down to `threshold`. */
function averageLinkage(similarity: readonly Float64Array[], threshold: number): number[][] {
  const clusters = similarity.map((_, index) => [index]);
  for (;;) {
    let best = -Infinity;
    let pair: [number, number] | null = null;
    for (let a = 0; a < clusters.length; a++)
      for (let b = a + 1; b < clusters.length; b++) {
        const linkage = meanSimilarity(clusters[a] as number[], clusters[b] as number[], similarity);
        if (linkage > best) [best, pair] = [linkage, [a, b]];
      }
    if (pair === null || best < threshold) return clusters;
    const [a, b] = pair;
    clusters[a] = [...(clusters[a] as number[]), ...(clusters[b] as number[])].sort((x, y) => x - y);
    clusters.splice(b, 1);
  }
}

function meanSimilarity(
  left: readonly number[],
  right: readonly number[],
  similarity: readonly Float64Array[],
): number {
  let sum = 0;
  for (const i of left) for (const j of right) sum += (similarity[i] as Float64Array)[j] ?? 0;
  return sum / (left.length * right.length);
}

function mostCentral(members: readonly number[], similarity: readonly Float64Array[]): number {
  let central = members[0] ?? 0;
  let best = -Infinity;
  for (const member of members) {
    const others = members.filter((other) => other !== member);
    const score = others.length === 0 ? 1 : meanSimilarity([member], others, similarity);
    if (score > best) [best, central] = [score, member];
  }
  return central;
}
