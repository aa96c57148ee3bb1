import type { RenderedTranscript } from '#lab/llm/training/renderTranscript.ts';
import type { LlamaVocabulary } from '#lab/llm/gguf/LlamaVocabulary.ts';

/** A tokenized transcript: the ids, BOS first, and which of them the model wrote (the loss targets). */
export type EncodedSequence = {
  readonly tokens: readonly number[];
  /** Same length as `tokens`; true where the token was authored by the model (answer, call, EOS). */
  readonly isTrained: readonly boolean[];
  /**
   * Whether tokenizing each text run between special tokens as one string (what llama.cpp does with
   * a re-rendered history) gives the same ids as tokenizing each author's piece alone.
   */
  readonly isBoundarySafe: boolean;
};

/**
 * Tokenizes a rendered transcript piece by piece (each author's text alone, the way a model
 * generates its own turn and node-llama-cpp inserts a tool result), marking the model's tokens.
 */
export function encodeTranscript(rendered: RenderedTranscript, vocabulary: LlamaVocabulary): EncodedSequence {
  const tokens: number[] = [];
  const isTrained: boolean[] = [];
  let isBoundarySafe = true;
  let runText = '';
  let runStart = 0;
  const closeRun = (): void => {
    const whole = vocabulary.tokenize(runText);
    const pieces = tokens.slice(runStart);
    if (whole.length !== pieces.length || whole.some((token, index) => token !== pieces[index])) isBoundarySafe = false;
    runText = '';
  };
  for (const piece of rendered.pieces) {
    if (piece.kind === 'text') {
      const ids = vocabulary.tokenize(piece.text);
      tokens.push(...ids);
      isTrained.push(...ids.map(() => piece.author === 'model'));
      runText += piece.text;
      continue;
    }
    closeRun();
    tokens.push(piece.kind === 'bos' ? vocabulary.bosId : vocabulary.eosId);
    isTrained.push(piece.author === 'model');
    runStart = tokens.length;
  }
  closeRun();
  return { tokens, isTrained, isBoundarySafe };
}
