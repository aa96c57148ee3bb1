import type { TokenFeatures } from './nameFeatures.ts';

/** The tagger's classes, BIO-coded: people, and places and organisations so it can tell them apart. */
export const nameTags = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;

/** One of `nameTags`. */
export type NameTag = (typeof nameTags)[number];

const tagCount = nameTags.length;

// allowedAfter[(previous + 1) * tagCount + tag]: 1 when `tag` may follow `previous` (-1 = start).
const allowedAfter = Uint8Array.from({ length: (tagCount + 1) * tagCount }, (_, index) =>
  isAllowed(Math.floor(index / tagCount) - 1, index % tagCount) ? 1 : 0,
);

/** Whether `tag` may follow `previous` (-1 = the start): an I- tag only continues its own entity. */
function isAllowed(previous: number, tag: number): boolean {
  const name = nameTags[tag] ?? 'O';
  if (!name.startsWith('I-')) return true;
  const previousName = previous < 0 ? 'O' : (nameTags[previous] ?? 'O');
  return previousName.slice(2) === name.slice(2) && previousName !== 'O';
}

/** The weights the decoder needs: feature weights `[bucket * tagCount + tag]` and tag transitions. */
export type TaggerWeights = {
  readonly weights: ArrayLike<number>;
  /** `[(previous + 1) * tagCount + tag]`; row 0 is the start of the sequence. */
  readonly transitions: ArrayLike<number>;
  /** Added to every person tag's score: above 0 finds more names, below 0 fewer. Defaults to 0. */
  readonly personBias?: number;
};

/** The highest-scoring tag sequence (Viterbi over the BIO-constrained tags). */
export function decodeNameTags(features: TokenFeatures, model: TaggerWeights): number[] {
  const length = features.offsets.length - 1;
  if (length <= 0) return [];
  const { weights } = model;
  const transitions = Float64Array.from(model.transitions);
  const personBias = model.personBias ?? 0;
  const { ids, offsets } = features;
  const scores = new Float64Array(length * tagCount);
  const back = new Int8Array(length * tagCount);
  const emission = new Float64Array(tagCount);
  for (let index = 0; index < length; index++) {
    emission.fill(0);
    const end = offsets[index + 1] ?? 0;
    for (let cursor = offsets[index] ?? 0; cursor < end; cursor++) {
      const base = (ids[cursor] ?? 0) * tagCount;
      for (let tag = 0; tag < tagCount; tag++) emission[tag] = (emission[tag] ?? 0) + (weights[base + tag] ?? 0);
    }
    emission[1] = (emission[1] ?? 0) + personBias;
    emission[2] = (emission[2] ?? 0) + personBias;
    const row = index * tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let best = Number.NEGATIVE_INFINITY;
      let bestPrevious = 0;
      if (index === 0) {
        if (allowedAfter[tag] === 1) best = transitions[tag] ?? 0;
      } else {
        for (let previous = 0; previous < tagCount; previous++) {
          const transition = (previous + 1) * tagCount + tag;
          if (allowedAfter[transition] !== 1) continue;
          const score = (scores[row - tagCount + previous] ?? 0) + (transitions[transition] ?? 0);
          if (score > best) {
            best = score;
            bestPrevious = previous;
          }
        }
      }
      scores[row + tag] = best + (emission[tag] ?? 0);
      back[row + tag] = bestPrevious;
    }
  }
  let last = 0;
  for (let tag = 1; tag < tagCount; tag++) {
    if ((scores[(length - 1) * tagCount + tag] ?? 0) > (scores[(length - 1) * tagCount + last] ?? 0)) last = tag;
  }
  const tags = new Array<number>(length);
  for (let index = length - 1; index >= 0; index--) {
    tags[index] = last;
    last = back[index * tagCount + last] ?? 0;
  }
  return tags;
}

/** The entities of a tag sequence as token ranges [first, last] with their kind (PER, LOC, ORG). */
export function tagRuns(tags: readonly number[]): { first: number; last: number; kind: string }[] {
  const runs: { first: number; last: number; kind: string }[] = [];
  for (let index = 0; index < tags.length; index++) {
    const name = nameTags[tags[index] ?? 0] ?? 'O';
    if (name === 'O') continue;
    const current = runs.at(-1);
    if (name.startsWith('I-') && current !== undefined && current.last === index - 1) current.last = index;
    else runs.push({ first: index, last: index, kind: name.slice(2) });
  }
  return runs;
}
