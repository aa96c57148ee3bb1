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

// The allowed transitions as lists: for each tag, the previous tags that may precede it.
const allowedPrevious: readonly (readonly number[])[] = Array.from({ length: tagCount }, (_, tag) =>
  Array.from({ length: tagCount }, (_, previous) => previous).filter(
    (previous) => allowedAfter[(previous + 1) * tagCount + tag] === 1,
  ),
);

/**
 * The highest-scoring tag sequence (Viterbi over the BIO-constrained tags). `own`, when given,
 * holds each token's summed weights of its first `ownCount` features (those of its word alone,
 * which a caller can keep per word): they are then not looked up again.
 */
export function decodeNameTags(
  features: TokenFeatures,
  model: TaggerWeights,
  own?: { readonly emissions: Float64Array; readonly ownCount: number },
): number[] {
  const length = features.offsets.length - 1;
  if (length <= 0) return [];
  // Read in place, never copied: training passes its live Float64Array weights and transitions.
  const { weights, transitions } = model;
  const personBias = model.personBias ?? 0;
  const { ids, offsets } = features;
  const scores = new Float64Array(length * tagCount);
  const back = new Int8Array(length * tagCount);
  const emission = new Float64Array(tagCount);
  for (let index = 0; index < length; index++) {
    let from = offsets[index] as number;
    if (own === undefined) emission.fill(0);
    else {
      for (let tag = 0; tag < tagCount; tag++) emission[tag] = own.emissions[index * tagCount + tag] as number;
      from += own.ownCount;
    }
    const end = offsets[index + 1] as number;
    for (let cursor = from; cursor < end; cursor++) {
      const base = (ids[cursor] as number) * tagCount;
      for (let tag = 0; tag < tagCount; tag++)
        emission[tag] = (emission[tag] as number) + (weights[base + tag] as number);
    }
    emission[1] = (emission[1] as number) + personBias;
    emission[2] = (emission[2] as number) + personBias;
    const row = index * tagCount;
    for (let tag = 0; tag < tagCount; tag++) {
      let best = Number.NEGATIVE_INFINITY;
      let bestPrevious = 0;
      if (index === 0) {
        if (allowedAfter[tag] === 1) best = transitions[tag] as number;
      } else {
        for (const previous of allowedPrevious[tag] as readonly number[]) {
          const score =
            (scores[row - tagCount + previous] as number) + (transitions[(previous + 1) * tagCount + tag] as number);
          if (score > best) {
            best = score;
            bestPrevious = previous;
          }
        }
      }
      scores[row + tag] = best + (emission[tag] as number);
      back[row + tag] = bestPrevious;
    }
  }
  let last = 0;
  const lastRow = (length - 1) * tagCount;
  for (let tag = 1; tag < tagCount; tag++) {
    if ((scores[lastRow + tag] as number) > (scores[lastRow + last] as number)) last = tag;
  }
  const tags = new Array<number>(length);
  for (let index = length - 1; index >= 0; index--) {
    tags[index] = last;
    last = back[index * tagCount + last] as number;
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
