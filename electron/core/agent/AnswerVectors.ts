import { CancelledError } from '#core/errors.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';
import { isShortAnswer } from './semanticVote.ts';

/**
 * The embeddings of a task's long answers, computed once each through an {@link AnswerEmbedder} and
 * then read synchronously: the checkpoint, the per-step estimate and the final vote all see the
 * same vectors. Short answers are never embedded (they vote by exact equality). When the embedder
 * fails, the answers it could not embed have no vector and vote by exact equality; `failure` says why.
 */
export class AnswerVectors {
  readonly #embedder: AnswerEmbedder;
  readonly #onFailure: ((reason: string) => void) | undefined;
  readonly #vectors = new Map<string, Float32Array>();
  #failure: string | null = null;

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
   * Embeds the long answers not embedded yet and returns every answer's vector (null for no answer,
   * a short one, or one the embedder failed on).
   * @throws CancelledError when `signal` aborts.
   */
  async embed(answers: readonly (string | null)[], signal?: AbortSignal): Promise<(Float32Array | null)[]> {
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
