/**
 * Turns answers into vectors whose cosine says how alike they are in meaning: what the vote by
 * meaning (agent/semanticVote.ts) and the cold-start agreement compare long answers with. The local
 * model implements it (`LocalLlamaProvider.answerEmbedder`); tests give explicit vectors.
 */
export type AnswerEmbedder = {
  /** Names the model the vectors come from: vectors compare only within one model. */
  readonly modelName: string;
  /**
   * One vector per text, in order, all of one length. A text longer than the model reads at once is
   * embedded from its beginning.
   * @throws CancelledError when `signal` aborts.
   */
  readonly embed: (texts: readonly string[], signal?: AbortSignal) => Promise<Float32Array[]>;
};
