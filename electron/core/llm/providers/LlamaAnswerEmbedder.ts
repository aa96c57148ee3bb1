import type { LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
import { assert, CancelledError } from '#core/errors.ts';
import type { AnswerEmbedder } from '#core/llm/AnswerEmbedder.ts';

/**
 * Tokens of the context an answer is embedded in, so at most 253 of its tokens are read (a long
 * paragraph; the rest is left out). A bound on cost: llama.cpp runs a chat model's output layer on
 * every embedded token (llama.cpp issue #24713), 12.9 s for 200 tokens of qwen2.5-0.5b on one loaded
 * core (docs/BENCHMARKS.md), so a 1000-token answer must not cost five times that.
 */
const defaultContextSize = 256;

/**
 * Answer embeddings from a loaded model through node-llama-cpp's embedding context (the pooling the
 * GGUF declares, llama.cpp's default for the architecture otherwise). The context is opened on the
 * first call and kept until `dispose`; calls run one text at a time on it. Texts longer than the
 * context are cut to their first tokens.
 */
export class LlamaAnswerEmbedder implements AnswerEmbedder {
  readonly modelName: string;
  readonly #model: LlamaModel;
  readonly #contextSize: number;
  #context: Promise<LlamaEmbeddingContext> | null = null;
  #isDisposed = false;

  /**
   * @param model A loaded model; its owner disposes it after this embedder.
   * @param options `contextSize`: tokens of the embedding context. Defaults to 256, at most the model's training context.
   */
  constructor(model: LlamaModel, modelName: string, options: { readonly contextSize?: number } = {}) {
    this.#model = model;
    this.modelName = modelName;
    this.#contextSize = Math.min(options.contextSize ?? defaultContextSize, model.trainContextSize);
  }

  readonly embed = async (texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    assert(!this.#isDisposed, 'answers embedded after dispose');
    if (signal?.aborted) throw new CancelledError();
    // One thread, as each path's context: with all cores llama.cpp's threads wait on each other at
    // every barrier, and on a loaded machine a call took 380 ms instead of 5-12 ms (fixture, 250 tokens).
    this.#context ??= this.#model.createEmbeddingContext({ contextSize: this.#contextSize, threads: 1 });
    const context = await this.#context;
    const vectors: Float32Array[] = [];
    for (const text of texts) {
      if (signal?.aborted) throw new CancelledError();
      // Room for the beginning and end tokens the context adds; it refuses an input that fills it.
      const tokens: Token[] = this.#model.tokenize(text).slice(0, this.#contextSize - 3);
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
