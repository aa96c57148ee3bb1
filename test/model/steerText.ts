import { TokenBias, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';

/** What {@link steerText} saw: the prompt the engine fed llama.cpp (special tokens as text). */
export type SteeredRun = { prompt: string | null };

/**
 * A token bias that makes a random-weight model write `target` (text, special tokens included)
 * through the engine's real LlamaChat, whatever the tokenizer: at each step the first token of what
 * is left of `target` is pushed up, so text that node-llama-cpp's function-call grammars write
 * themselves is followed, not fought. Once `target` is written, every other token is banned so the
 * model ends its turn (end-of-generation tokens cannot be biased). The prompt the model saw is
 * recorded in `run`. The pending batch is tracked by wrapping `evaluate`, as steerSession does.
 */
export function steerText(
  sequence: LlamaContextSequence,
  model: LlamaModel,
  target: string,
  run: SteeredRun,
  vocabSize: number,
): () => TokenBias {
  let pending: Token[] = [];
  const evaluate = sequence.evaluate.bind(sequence);
  Object.assign(sequence, {
    evaluate: async function* (tokens: Token[], options: Parameters<typeof evaluate>[1]) {
      pending = [...tokens];
      for await (const token of evaluate(tokens, options)) {
        pending = [token];
        yield token;
      }
    },
  });
  let start: number | null = null;
  return () => {
    const bias = new TokenBias(model.tokenizer);
    const context = [...sequence.contextTokens, ...pending];
    if (start === null) {
      start = context.length;
      run.prompt = model.detokenize(context, true);
    }
    const written = model.detokenize(context.slice(start), true);
    if (!target.startsWith(written)) return bias;
    const rest = target.slice(written.length);
    if (rest === '') {
      for (let token = 0; token < vocabSize; token++)
        if (!model.isEogToken(token as Token)) bias.set(token as Token, 'never');
      return bias;
    }
    const [next] = model.tokenize(rest, true);
    if (next !== undefined) bias.set(next, { logit: 1000 });
    return bias;
  };
}
