import { decodeNameTags, nameTags } from '#core/privacy/names/decodeNameTags.ts';
import type { TokenFeatures } from '#core/privacy/names/nameFeatures.ts';

/** One training sequence: its hashed features and gold tag indices. */
export type TrainingSequence = { readonly features: TokenFeatures; readonly tags: readonly number[] };

/** Averaged weights of a structured perceptron. */
export type TrainedTagger = { readonly weights: Float32Array; readonly transitions: Float32Array };

const tagCount = nameTags.length;

/**
 * A structured averaged perceptron (Collins 2002) over BIO tags: decode each sequence with Viterbi,
 * and where the best path differs from the gold one, move the weights of the gold features up and
 * those of the predicted ones down. Averaging all intermediate weights (the usual lazy trick: keep
 * the step-weighted sum of updates) makes it generalise like a large-margin model.
 */
export class NameTaggerTrainer {
  readonly #weights: Float64Array;
  readonly #weightSums: Float64Array;
  readonly #transitions = new Float64Array((tagCount + 1) * tagCount);
  readonly #transitionSums = new Float64Array((tagCount + 1) * tagCount);
  #step = 1;

  constructor(bucketBits: number) {
    this.#weights = new Float64Array((1 << bucketBits) * tagCount);
    this.#weightSums = new Float64Array((1 << bucketBits) * tagCount);
  }

  /** One pass over `order` (indices into `sequences`); returns how many sequences it got wrong. */
  epoch(sequences: readonly TrainingSequence[], order: readonly number[]): number {
    let mistakes = 0;
    for (const index of order) {
      const sequence = sequences[index];
      if (sequence === undefined) continue;
      const predicted = decodeNameTags(sequence.features, { weights: this.#weights, transitions: this.#transitions });
      if (this.#update(sequence, predicted)) mistakes++;
      this.#step++;
    }
    return mistakes;
  }

  #update({ features, tags }: TrainingSequence, predicted: readonly number[]): boolean {
    let isWrong = false;
    const step = this.#step;
    for (let index = 0; index < tags.length; index++) {
      const gold = tags[index] ?? 0;
      const guess = predicted[index] ?? 0;
      const goldPrevious = index === 0 ? -1 : (tags[index - 1] ?? 0);
      const guessPrevious = index === 0 ? -1 : (predicted[index - 1] ?? 0);
      if (gold !== guess) {
        isWrong = true;
        for (let cursor = features.offsets[index] ?? 0; cursor < (features.offsets[index + 1] ?? 0); cursor++) {
          const base = (features.ids[cursor] ?? 0) * tagCount;
          this.#add(this.#weights, this.#weightSums, base + gold, 1, step);
          this.#add(this.#weights, this.#weightSums, base + guess, -1, step);
        }
      }
      if (gold !== guess || goldPrevious !== guessPrevious) {
        this.#add(this.#transitions, this.#transitionSums, (goldPrevious + 1) * tagCount + gold, 1, step);
        this.#add(this.#transitions, this.#transitionSums, (guessPrevious + 1) * tagCount + guess, -1, step);
      }
    }
    return isWrong;
  }

  #add(values: Float64Array, sums: Float64Array, index: number, delta: number, step: number): void {
    values[index] = (values[index] ?? 0) + delta;
    sums[index] = (sums[index] ?? 0) + step * delta;
  }

  /** The averaged weights so far: w - sum(step * update) / step. */
  averaged(): TrainedTagger {
    const average = (values: Float64Array, sums: Float64Array) =>
      Float32Array.from(values, (value, index) => value - (sums[index] ?? 0) / this.#step);
    return {
      weights: average(this.#weights, this.#weightSums),
      transitions: average(this.#transitions, this.#transitionSums),
    };
  }
}
