import { assert } from '#core/errors.ts';
import { llamaTokenTypeCodes, type LlamaTokenType } from '../LlamaVocabulary.ts';

/** A special or added token at a fixed id, e.g. `{ id: 151644, text: '<|im_start|>', type: 'control' }`. */
export type FixedToken = { id: number; text: string; type: LlamaTokenType };

/** The tokenizer arrays a GGUF stores; `merges` for BPE ("gpt2"), `scores` for SentencePiece ("llama"). */
export type SyntheticVocabulary = {
  tokens: string[];
  /** tokenizer.ggml.token_type codes */
  types: number[];
  merges?: string[];
  scores?: number[];
};

const letters = 'abcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';
const punctuation = '.,:;!?\'"()[]{}<>-_=+*/\\|@#$%^&~`';

/**
 * GPT-2's byte-to-character map: the 256 symbols byte-level BPE works on, in the order GPT-2-style
 * vocabularies list them (the printable bytes '!'..'~', '¡'..'¬', '®'..'ÿ' as themselves first, then
 * the other bytes mapped to U+0100 onwards, e.g. space to 'Ġ' and newline to 'Ċ').
 */
export function byteLevelSymbols(): string[] {
  const printable: number[] = [];
  for (let byte = 33; byte <= 126; byte++) printable.push(byte);
  for (let byte = 161; byte <= 172; byte++) printable.push(byte);
  for (let byte = 174; byte <= 255; byte++) printable.push(byte);
  const others: string[] = [];
  for (let byte = 0; byte < 256; byte++)
    if (!printable.includes(byte)) others.push(String.fromCharCode(256 + others.length));
  return [...printable.map((byte) => String.fromCharCode(byte)), ...others];
}

/** Deterministic multi-character strings over `alphabet`: all pairs, then pairs extended by one symbol. */
function* ngrams(alphabet: readonly string[]): Generator<[string, string]> {
  const pairs: string[] = [];
  for (const left of alphabet)
    for (const right of alphabet) {
      pairs.push(left + right);
      yield [left, right];
    }
  for (const pair of pairs) for (const right of alphabet) yield [pair, right];
}

function placeFixed(size: number, fixed: readonly FixedToken[]): (FixedToken | undefined)[] {
  const slots = new Array<FixedToken | undefined>(size).fill(undefined);
  for (const token of fixed) {
    assert(token.id < size && slots[token.id] === undefined, `fixed token ${token.text} at ${token.id} does not fit`);
    slots[token.id] = token;
  }
  return slots;
}

/**
 * A byte-level BPE ("gpt2") vocabulary of exactly `size` tokens: the 256 byte symbols first, then
 * one token per merge (pairs of the space symbol 'Ġ', letters, newline 'Ċ', digits and
 * punctuation, then triples) into every slot not taken by `fixed`. Every merge's result is a
 * token, as llama.cpp's BPE tokenizer requires.
 */
export function bpeVocabulary(size: number, fixed: readonly FixedToken[]): SyntheticVocabulary {
  const slots = placeFixed(size, fixed);
  const bytes = byteLevelSymbols();
  const alphabet = ['Ġ', ...letters, 'Ċ', ...digits, ...letters.toUpperCase(), ...punctuation];
  const tokens: string[] = [];
  const types: number[] = [];
  const merges: string[] = [];
  const source = ngrams(alphabet);
  let nextByte = 0;
  for (let id = 0; id < size; id++) {
    const token = slots[id];
    if (token !== undefined) {
      tokens.push(token.text);
      types.push(llamaTokenTypeCodes[token.type]);
      continue;
    }
    types.push(llamaTokenTypeCodes.normal);
    if (nextByte < 256) {
      tokens.push(bytes[nextByte++] ?? '');
      continue;
    }
    const next = source.next();
    assert(!next.done, 'ran out of merges');
    const [left, right] = next.value;
    tokens.push(left + right);
    merges.push(`${left} ${right}`);
  }
  assert(nextByte === 256, 'a BPE vocabulary needs room for its 256 byte symbols');
  return { tokens, types, merges };
}

/**
 * A SentencePiece ("llama") vocabulary of exactly `size` tokens: `fixed` specials, the byte tokens
 * `<0x00>`..`<0xFF>` from `byteStart` (llama.cpp aborts on characters without them), then '▁',
 * single characters and pieces of two and three symbols with falling scores in the free slots.
 */
export function sentencePieceVocabulary(
  size: number,
  fixed: readonly FixedToken[],
  byteStart: number,
): SyntheticVocabulary {
  const byteTokens = Array.from({ length: 256 }, (_, byte) => ({
    id: byteStart + byte,
    text: `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`,
    type: 'byte' as const,
  }));
  const slots = placeFixed(size, [...fixed, ...byteTokens]);
  const alphabet = ['▁', ...letters, ...digits, ...letters.toUpperCase(), ...punctuation];
  const taken = new Set([...fixed.map((token) => token.text)]);
  const pieces = (function* (): Generator<string> {
    yield* alphabet;
    yield '\n';
    for (const [left, right] of ngrams(alphabet)) yield left + right;
  })();
  const tokens: string[] = [];
  const types: number[] = [];
  const scores: number[] = [];
  for (let id = 0; id < size; id++) {
    const token = slots[id];
    if (token !== undefined) {
      tokens.push(token.text);
      types.push(llamaTokenTypeCodes[token.type]);
      scores.push(0);
      continue;
    }
    let piece = pieces.next();
    while (!piece.done && taken.has(piece.value)) piece = pieces.next();
    assert(!piece.done, 'ran out of pieces');
    taken.add(piece.value);
    tokens.push(piece.value);
    types.push(llamaTokenTypeCodes.normal);
    scores.push(-id);
  }
  return { tokens, types, scores };
}
