import { TokenBias, type LlamaContextSequence, type LlamaModel, type Token } from 'node-llama-cpp';
import type { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';

/**
 * A token bias that makes a model write `target` (token ids, BOS and EOS included) through a real
 * LlamaChatSession. node-llama-cpp resolves the bias before the sequence records the batch it
 * samples after, so the pending batch is tracked by wrapping `evaluate`. Where node-llama-cpp's
 * grammars write instead of the model (the newline after a call's name, the newlines after its
 * JSON, where the rendered text has `(` and `)]]`) and once the context has left the target, the
 * bias stays out of the way: a bias that bans what a grammar requires kills the process.
 */
export function steerSession(
  sequence: LlamaContextSequence,
  model: LlamaModel,
  vocabulary: LlamaVocabulary,
  target: readonly number[],
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
  const [open] = vocabulary.tokenize('(');
  const [close] = vocabulary.tokenize(')');
  return () => {
    const bias = new TokenBias(model.tokenizer);
    const context = [...sequence.contextTokens, ...pending];
    if (context.length >= target.length || context.some((token, index) => target[index] !== token)) return bias;
    const next = target[context.length] ?? vocabulary.eosId;
    const text = vocabulary.detokenize(context);
    if ((next === open && /\[\[call: \w+$/.test(text)) || (next === close && text.endsWith('}'))) return bias;
    if (next !== vocabulary.eosId) return bias.set(next as Token, { logit: 1000 });
    // EOS cannot be biased; ban every other token instead.
    for (let token = 0; token < vocabulary.size; token += 1) bias.set(token as Token, 'never');
    return bias;
  };
}
