import { CancelledError } from '#core/errors.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';
import { isShortAnswer } from './semanticVote.ts';
import { isWellFormedAnswer, normalizeAnswer } from './vote.ts';

/**
 * The embeddings of a task's long answers, computed once each through an {@link AnswerEmbedder} and
 * then read synchronously: the checkpoint, the per-step estimate and the final vote all see the
 * same vectors. Short answers are never embedded (they vote by exact equality). When the embedder
 * fails, the answers it could not embed have no vector and vote by exact equality; `failure` says why.
 *
 * The vote asks through {@link embed}, which calls the model only when vectors can change the vote
 * (see {@link voteNeedsMeaning}); the checkpoint asks through {@link embedAll} (tasks/checkpointNeedsMeaning
 * says when). A vote settled without the model caches nothing: `lookup` (the recorder's groups at
 * the end, the per-step estimate) then has no vector for those answers, as for a task without embedder.
 */
export class AnswerVectors {
  readonly #embedder: AnswerEmbedder;
  readonly #onFailure: ((reason: string) => void) | undefined;
  readonly #vectors = new Map<string, Float32Array>();
  #failure: string | null = null;
  #isEscalated = false;

  /** @param onFailure Told, once, why the embedder failed (answers then compare exactly). */
  constructor(embedder: AnswerEmbedder, onFailure?: (reason: string) => void) {
    this.#embedder = embedder;
    this.#onFailure = onFailure;
  }

  /** Why the last embedding failed, or null. */
  get failure(): string | null {
    return this.#failure;
  }

  /**
   * A checkpoint escalated: the vote may be among the escalated paths alone, so a majority of all
   * paths no longer settles it and {@link embed} embeds whenever two long answers differ.
   */
  noteEscalation(): void {
    this.#isEscalated = true;
  }

  /**
   * The vectors the vote by meaning reads, one per path (null: no answer). When vectors cannot change
   * the vote (see {@link voteNeedsMeaning}) the model is not asked: each long answer gets a vector of
   * its exact normalised text (cosine 1 to an equal text, 0 to any other), so the vote groups
   * exactly and still shows a long answer as written.
   * @throws CancelledError when `signal` aborts.
   */
  async embed(answers: readonly (string | null)[], signal?: AbortSignal): Promise<(Float32Array | null)[]> {
    if (voteNeedsMeaning(answers, { isEscalated: this.#isEscalated })) return await this.embedAll(answers, signal);
    const keys = [...new Set(answers.filter(isLongAnswer).map((answer) => normalizeAnswer(answer)))];
    return answers.map((answer) => {
      if (!isLongAnswer(answer)) return null;
      const vector = new Float32Array(keys.length);
      vector[keys.indexOf(normalizeAnswer(answer))] = 1;
      return vector;
    });
  }

  /**
   * Embeds the long answers not embedded yet and returns every answer's vector (null for no answer,
   * a short one, or one the embedder failed on).
   * @throws CancelledError when `signal` aborts.
   */
  async embedAll(answers: readonly (string | null)[], signal?: AbortSignal): Promise<(Float32Array | null)[]> {
    const missing = [
      ...new Set(
        answers
          .filter((answer): answer is string => answer !== null && this.#needs(answer))
          .map((answer) => answer.trim()),
      ),
    ];
    if (missing.length > 0) {
      try {
        const vectors = await this.#embedder.embed(missing, signal);
        missing.forEach((text, index) => {
          const vector = vectors[index];
          if (vector !== undefined) this.#vectors.set(text, vector);
        });
      } catch (error) {
        if (signal?.aborted === true || error instanceof CancelledError) throw error;
        if (this.#failure === null) this.#onFailure?.(error instanceof Error ? error.message : String(error));
        this.#failure = error instanceof Error ? error.message : String(error);
      }
    }
    return this.lookup(answers);
  }

  /** The vectors embedded so far, without embedding anything: null where there is none. */
  lookup(answers: readonly (string | null)[]): (Float32Array | null)[] {
    return answers.map((answer) => (answer === null ? null : (this.#vectors.get(answer.trim()) ?? null)));
  }

  #needs(answer: string): boolean {
    return !isShortAnswer(answer) && !this.#vectors.has(answer.trim());
  }
}

/** Whether an answer counts in the vote (well formed) and is long (see isShortAnswer): one vectors group. */
export function isLongAnswer(answer: string | null): answer is string {
  return answer !== null && isWellFormedAnswer(answer) && !isShortAnswer(answer);
}

/**
 * Whether the vote by meaning can end differently from the exact vote on these answers (one per
 * path, null: no answer). Vectors only ever merge long answers' exact groups, so they cannot change
 * the vote when:
 * - fewer than two different long answers (after normalisation) are given: there is nothing to merge;
 * - or, the checkpoint not having escalated, one exact answer is given by more than half of all
 *   paths: its group wins either way and, with more than half the voters, is never low confidence
 *   (runTask counts support against all paths; a tie needs another group of equal size).
 * What vectors could still change there: the support shown (a larger group) and, when paraphrases
 * join the majority, which member is shown (the most central one instead of the first).
 */
export function voteNeedsMeaning(
  answers: readonly (string | null)[],
  options: { readonly isEscalated?: boolean } = {},
): boolean {
  const long = new Set(answers.filter(isLongAnswer).map((answer) => normalizeAnswer(answer)));
  if (long.size < 2) return false;
  if (options.isEscalated === true) return true;
  const counts = new Map<string, number>();
  for (const answer of answers)
    if (answer !== null && isWellFormedAnswer(answer)) {
      const key = normalizeAnswer(answer);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return Math.max(0, ...counts.values()) * 2 <= answers.length;
}
