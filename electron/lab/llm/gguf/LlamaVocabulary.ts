import { assert } from '#core/errors.ts';
import { mergeSentencePieceSymbols } from './mergeSentencePieceSymbols.ts';
import { planMergePieces } from './planMergePieces.ts';

/** llama.cpp's token types; the GGUF stores them as `tokenizer.ggml.token_type` codes. */
export type LlamaTokenType = 'normal' | 'unknown' | 'control' | 'userDefined' | 'unused' | 'byte';

/** The `tokenizer.ggml.token_type` code of each token type (llama_token_type). */
export const llamaTokenTypeCodes: Record<LlamaTokenType, number> = {
  normal: 1,
  unknown: 2,
  control: 3,
  userDefined: 4,
  unused: 5,
  byte: 6,
};

/** One vocabulary entry as stored in the GGUF: its text (spaces as '▁'), score and type. */
export type LlamaVocabularyEntry = { piece: string; score: number; type: LlamaTokenType };

/** What a vocabulary is built from; spaces in either list stand for '▁'. */
export type LlamaVocabularyOptions = {
  /** Single characters with their own token. Defaults to '\n' and printable ASCII ('!'..'~'). */
  characters?: Iterable<string>;
  /** Multi-character strings that should become single tokens ("[[call: ", "calc", "12"). */
  pieces?: readonly string[];
};

const spacePiece = '\u2581';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function escapeSpaces(text: string): string {
  return text.replaceAll(' ', spacePiece);
}

function byteName(byte: number): string {
  return `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`;
}

function defaultCharacters(): string[] {
  return ['\n', ...Array.from({ length: 94 }, (_, index) => String.fromCharCode(33 + index))];
}

/**
 * A SentencePiece-style ("llama") vocabulary whose `tokenize` reproduces llama.cpp's ids exactly:
 * `<unk>` 0, `<s>` 1, `</s>` 2, the byte tokens `<0x00>`..`<0xFF>` at 3..258 (without them llama.cpp
 * aborts the process on any character outside the vocabulary), '▁' for a space, then single
 * characters and merge pieces. No space prefix is added, and no BOS: prepend `bosId` yourself.
 */
export class LlamaVocabulary {
  /** `<unk>`: never produced by `tokenize`, which falls back to byte tokens instead. */
  readonly unknownId = 0;
  readonly bosId = 1;
  readonly eosId = 2;
  readonly entries: readonly LlamaVocabularyEntry[];
  private readonly ids = new Map<string, number>();

  /** Wraps existing entries, e.g. read back from a GGUF; they must hold the special and byte tokens. */
  constructor(entries: readonly LlamaVocabularyEntry[]) {
    this.entries = entries;
    entries.forEach((entry, id) => {
      assert(!this.ids.has(entry.piece), `vocabulary piece ${JSON.stringify(entry.piece)} appears twice`);
      // llama.cpp splits user-defined pieces out before the merge; `tokenize` does not model that.
      assert(entry.type !== 'userDefined', 'user-defined tokens are not supported');
      this.ids.set(entry.piece, id);
    });
    assert(entries[this.bosId]?.piece === '<s>' && entries[this.eosId]?.piece === '</s>', 'ids 1 and 2 are <s> </s>');
    for (let byte = 0; byte < 256; byte++) {
      const entry = entries[this.byteId(byte)];
      assert(entry?.type === 'byte' && entry.piece === byteName(byte), `byte token ${byteName(byte)} is missing`);
    }
  }

  /** Builds the vocabulary, adding the intermediate pieces each wanted piece needs (`planMergePieces`). */
  static create(options: LlamaVocabularyOptions = {}): LlamaVocabulary {
    const entries: LlamaVocabularyEntry[] = [
      { piece: '<unk>', score: 0, type: 'unknown' },
      { piece: '<s>', score: 0, type: 'control' },
      { piece: '</s>', score: 0, type: 'control' },
      ...Array.from({ length: 256 }, (_, byte): LlamaVocabularyEntry => ({
        piece: byteName(byte),
        score: 0,
        type: 'byte',
      })),
    ];
    const seen = new Set<string>();
    const wanted = (options.pieces ?? []).map(escapeSpaces);
    const characters = [spacePiece, ...Array.from(options.characters ?? defaultCharacters(), escapeSpaces)];
    for (const character of [...characters, ...wanted.filter((piece) => Array.from(piece).length === 1)]) {
      assert(Array.from(character).length === 1, `${JSON.stringify(character)} is not a single character`);
      if (!seen.has(character)) entries.push({ piece: character, score: 0, type: 'normal' });
      seen.add(character);
    }
    for (const { piece, score } of planMergePieces(wanted)) {
      if (!seen.has(piece)) entries.push({ piece, score, type: 'normal' });
      seen.add(piece);
    }
    const vocabulary = new LlamaVocabulary(entries);
    for (const piece of wanted) {
      const text = piece.replaceAll(spacePiece, ' ');
      assert(vocabulary.tokenize(text).length === 1, `${JSON.stringify(text)} does not merge into one token`);
    }
    return vocabulary;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The id of a piece as stored (spaces as '▁'), if it is in the vocabulary. */
  idOf(piece: string): number | undefined {
    return this.ids.get(piece);
  }

  /** The id of the byte token `<0xXX>`. */
  byteId(byte: number): number {
    return 3 + byte;
  }

  /**
   * Token ids as llama.cpp's `llama_tokenize(text, add_special=false, parse_special=false)` gives
   * them: spaces become '▁', the SentencePiece merge runs, and every symbol that is not a piece
   * becomes its UTF-8 byte tokens.
   */
  tokenize(text: string): number[] {
    // Lone surrogates reach llama.cpp as U+FFFD (Node's UTF-8 conversion); do the same.
    const characters = Array.from(escapeSpaces(decoder.decode(encoder.encode(text))));
    const symbols = mergeSentencePieceSymbols(characters, (piece) => {
      const id = this.ids.get(piece);
      return id === undefined ? undefined : this.entries[id]?.score;
    });
    const tokens: number[] = [];
    for (const symbol of symbols) {
      const id = this.ids.get(symbol);
      if (id !== undefined) tokens.push(id);
      else for (const byte of encoder.encode(symbol)) tokens.push(this.byteId(byte));
    }
    return tokens;
  }

  /** Text as llama.cpp's detokenizer gives it without special tokens: control and unknown tokens vanish. */
  detokenize(tokens: readonly number[]): string {
    const bytes: number[] = [];
    for (const token of tokens) {
      const entry = this.entries[token];
      assert(entry !== undefined, `token ${token} is outside the vocabulary`);
      if (entry.type === 'byte') bytes.push(token - this.byteId(0));
      else if (entry.type === 'normal') bytes.push(...encoder.encode(entry.piece.replaceAll(spacePiece, ' ')));
    }
    return decoder.decode(Uint8Array.from(bytes));
  }
}
