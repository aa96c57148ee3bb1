import type { LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
import { assert, CancelledError } from '#core/errors.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';

/** Tokens of the embedding context: room for {@link defaultMaxTokens} and the tokens it adds. */
const defaultContextSize = 128;

/**
 * Tokens of an answer's beginning that are embedded by default: 64 (about 48 words, the opening two
 * or three sentences, where a chat answer states its point). A bound on cost: llama.cpp runs a chat
 * model's output layer on every embedded token (llama.cpp issue #24713), so the cost grows with the
 * tokens read: on a real-shaped qwen2.5-0.5b, 0.55 s for 64 tokens against 2.1-2.3 s for 253 on one
 * core at load 4.5-7 (bench/semanticVoteEmbedCost.ts, docs/BENCHMARKS.md). Two answers that open
 * alike and part later vote together: the price of a bounded cost.
 */
const defaultMaxTokens = 64;

/** Options of {@link LlamaAnswerEmbedder}. */
export type LlamaAnswerEmbedderOptions = {
  /** Tokens of the embedding context. Defaults to 128, at most the model's training context. */
  readonly contextSize?: number;
  /** Tokens of an answer's beginning that are embedded (at most contextSize - 3). */
  readonly maxTokens?: number;
  /**
   * llama.cpp threads of the embedding context; 0 = all the backend's cores. Defaults to 1, as each
   * path's context: on the real-shaped qwen2.5-0.5b, 2 cores took 0.53-0.65 of one thread's time
   * at load 4.5-7 but 1.3-3.3 times it at load 11-15 (the usual load of the 2-core machine measured;
   * geometric mean over 10 runs: 1.5 times slower), and on the fixture 16-200 times (llama.cpp's
   * threads wait on each other at every barrier when another process holds a core).
   */
  readonly threads?: number;
};

/**
 * Answer embeddings from a loaded model through node-llama-cpp's embedding context (the pooling the
 * GGUF declares, llama.cpp's default for the architecture otherwise). The context is opened on the
 * first call and kept until `dispose`; calls run one text at a time on it. A text is embedded from
 * its first `maxTokens` tokens (64 by default; see defaultMaxTokens).
 */
export class LlamaAnswerEmbedder implements AnswerEmbedder {
  readonly modelName: string;
  readonly #model: LlamaModel;
  readonly #contextSize: number;
  readonly #maxTokens: number;
  readonly #threads: number;
  #context: Promise<LlamaEmbeddingContext> | null = null;
  #isDisposed = false;

  /**
   * @param model A loaded model; its owner disposes it after this embedder.
   */
  constructor(model: LlamaModel, modelName: string, options: LlamaAnswerEmbedderOptions = {}) {
    this.#model = model;
    this.modelName = modelName;
    this.#contextSize = Math.min(options.contextSize ?? defaultContextSize, model.trainContextSize);
    this.#maxTokens = Math.min(options.maxTokens ?? defaultMaxTokens, this.#contextSize - 3);
    this.#threads = options.threads ?? 1;
  }

  readonly embed = async (texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    assert(!this.#isDisposed, 'answers embedded after dispose');
    if (signal?.aborted) throw new CancelledError();
    this.#context ??= this.#model.createEmbeddingContext({ contextSize: this.#contextSize, threads: this.#threads });
    const context = await this.#context;
    const vectors: Float32Array[] = [];
    for (const text of texts) {
      if (signal?.aborted) throw new CancelledError();
      // At most contextSize - 3: room for the tokens the context adds; it refuses an input that fills it.
      const tokens: Token[] = this.#model.tokenize(text).slice(0, this.#maxTokens);
      const embedding = await context.getEmbeddingFor(tokens);
      vectors.push(Float32Array.from(embedding.vector));
    }
    return vectors;
  };

  /** Frees the embedding context (not the model). */
  async dispose(): Promise<void> {
    if (this.#isDisposed) return;
    this.#isDisposed = true;
    const context = this.#context;
    this.#context = null;
    if (context !== null) await (await context).dispose();
  }
}
