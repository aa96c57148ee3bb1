import type { NameToken } from './tokenizeForNames.ts';

/** Lower-case given names and surnames, and the first characters of CJK family names. */
export type NameLexicon = {
  readonly given: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;
  /**
   * How common a word is in lower case inside a sentence (CoNLL train): 1 (2-4 times), 2 (5-19),
   * 3 (20 or more); absent words are 0. "Answer" opening a sentence is the common word "answer".
   */
  readonly common?: ReadonlyMap<string, number>;
};

/** The tier of `NameLexicon.common` for a word seen `count` times in lower case inside sentences. */
export function commonTier(count: number): number {
  return count >= 20 ? 3 : count >= 5 ? 2 : count >= 2 ? 1 : 0;
}

/** The hashed features of a token sequence: token `i` owns `ids[offsets[i]] .. ids[offsets[i + 1]]`. */
export type TokenFeatures = { readonly ids: Int32Array; readonly offsets: Int32Array };

/** Writing systems, told apart because a word in another script than the text's is often a name. */
function scriptOf(word: string): string {
  if (/[\p{Script=Han}]/u.test(word)) return 'han';
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(word)) return 'kana';
  if (/[\p{Script=Hangul}]/u.test(word)) return 'hangul';
  if (/[\p{Script=Cyrillic}]/u.test(word)) return 'cyrillic';
  if (/[\p{Script=Greek}]/u.test(word)) return 'greek';
  if (/[\p{Script=Arabic}]/u.test(word)) return 'arabic';
  if (/[\p{Script=Hebrew}]/u.test(word)) return 'hebrew';
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu.test(word)) return 'vietnamese';
  if (/[^\p{ASCII}]/u.test(word) && /\p{Script=Latin}/u.test(word)) return 'latin-accented';
  if (/\p{L}/u.test(word)) return /\p{Script=Latin}/u.test(word) ? 'latin' : 'other-script';
  if (/\p{N}/u.test(word)) return 'digit';
  return 'punct';
}

/** The word's shape with runs collapsed: `Maria` -> `Xx`, `O'Brien` -> `X'Xx`, `2024` -> `d`. */
function shapeOf(word: string): string {
  let shape = '';
  for (const char of word) {
    const kind = /\p{Lu}/u.test(char)
      ? 'X'
      : /[\p{Ll}\p{M}]/u.test(char)
        ? 'x'
        : /\p{N}/u.test(char)
          ? 'd'
          : /\p{L}/u.test(char)
            ? 'L'
            : char;
    if (!shape.endsWith(kind)) shape += kind;
  }
  return shape.length > 6 ? shape.slice(0, 6) : shape;
}

/** Membership in the lexicon: G (given name), S (surname), GS (both), or - (neither). */
function lexiconClass(lower: string, lexicon: NameLexicon): string {
  const isGiven = lexicon.given.has(lower);
  const isSurname = lexicon.surnames.has(lower);
  if (isGiven && isSurname) return 'GS';
  if (isGiven) return 'G';
  if (isSurname) return 'S';
  // Han and Hangul names are written without a space: a known family name starts the word.
  if (/^[\p{Script=Han}\p{Script=Hangul}]{2,4}$/u.test(lower)) {
    const chars = [...lower];
    if (lexicon.surnames.has(chars[0] ?? '') || lexicon.surnames.has(chars.slice(0, 2).join(''))) return 'cS';
  }
  return '-';
}

/** What the features need of one word, computed once per distinct word and kept in a cache. */
type WordView = {
  readonly lower: number;
  readonly shape: number;
  readonly script: number;
  readonly lexicon: number;
  /**
   * A capitalised word's lower-case commonness tier plus one (see `NameLexicon.common`), 1-4; 0 for
   * words not capitalised (a rare lower-case word is an identifier as often as a lower-case name).
   */
  readonly common: number;
  /** The word's own features: itself, shape, script, lexicon, prefixes, suffixes, length. */
  readonly own: readonly number[];
  readonly isPunctuation: boolean;
};

/** FNV-1a of a string: the value hash the features combine. */
function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Mixes a template number and up to three value hashes into one feature hash (murmur3's finaliser). */
function combine(template: number, a: number, b = 0, c = 0): number {
  let hash = Math.imul(template + 1, 0x9e3779b1) ^ a;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b) ^ b;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) ^ c;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return (hash ^ (hash >>> 13)) >>> 0;
}

function wordView(text: string, lexicon: NameLexicon): WordView {
  const lower = text.toLowerCase();
  const values = [
    lower,
    shapeOf(text),
    scriptOf(text),
    lexiconClass(lower, lexicon),
    lower.slice(0, 1),
    lower.slice(0, 2),
    lower.slice(0, 3),
    lower.slice(-1),
    lower.slice(-2),
    lower.slice(-3),
    lower.slice(-4),
    String(Math.min(lower.length, 12)),
  ];
  const hashes = values.map(hashString);
  return {
    lower: hashes[0] ?? 0,
    shape: hashes[1] ?? 0,
    script: hashes[2] ?? 0,
    lexicon: hashes[3] ?? 0,
    common: /^\p{Lu}/u.test(text) ? (lexicon.common?.get(lower) ?? 0) + 1 : 0,
    own: hashes.map((hash, template) => combine(template, hash)),
    isPunctuation: /^[.!?:"“”]$/.test(text),
  };
}

/** How many of a token's features depend on its own word only (they come first, see `WordView.own`). */
export const ownFeatureCount = 12;

const boundaryHash = hashString('<s>');
const boundary: WordView = {
  lower: boundaryHash,
  shape: boundaryHash,
  script: boundaryHash,
  lexicon: boundaryHash,
  common: 0,
  own: [],
  isPunctuation: true,
};

// Distinct words repeat across texts and within one: their views are cached, per lexicon.
const caches = new WeakMap<NameLexicon, Map<string, WordView>>();
const gapHashes = { ' ': hashString(' '), '\n': hashString('\n'), _: hashString('_'), '': hashString('') };

/**
 * The features of every token (its word, shape, affixes, script, lexicon membership, how common it
 * is as a lower-case word, and those of its neighbours), hashed into `2^bucketBits` buckets. Training and the runtime share this function, so
 * a model only fits the features it was trained with.
 */
export function nameFeatures(tokens: readonly NameToken[], lexicon: NameLexicon, bucketBits: number): TokenFeatures {
  const mask = (1 << bucketBits) - 1;
  let cache = caches.get(lexicon);
  if (cache === undefined) caches.set(lexicon, (cache = new Map<string, WordView>()));
  if (cache.size > 100_000) cache.clear();
  const views = tokens.map((token) => {
    let view = cache.get(token.text);
    if (view === undefined) cache.set(token.text, (view = wordView(token.text, lexicon)));
    return view;
  });
  const at = (index: number) => views[index] ?? boundary;
  const perToken = ownFeatureCount + 22;
  const ids = new Int32Array(views.length * perToken);
  const offsets = new Int32Array(tokens.length + 1);
  for (let index = 0; index < views.length; index++) {
    const base = index * perToken;
    offsets[index] = base;
    const token = at(index);
    const previous = at(index - 1);
    const next = at(index + 1);
    const gap = tokens[index]?.gap ?? '';
    const isSentenceStart = index === 0 || previous.isPunctuation || gap === '\n';
    const isFile = tokens[index]?.gap === '_' || tokens[index + 1]?.gap === '_';
    // Written straight into `ids` (no array per token): the same 34 features, in the same order.
    for (let slot = 0; slot < ownFeatureCount; slot++) ids[base + slot] = (token.own[slot] ?? 0) & mask;
    let slot = base + ownFeatureCount;
    ids[slot++] = combine(12, 0) & mask;
    ids[slot++] = combine(13, isSentenceStart ? token.shape : 1) & mask;
    ids[slot++] = combine(14, gapHashes[gap], isFile ? 1 : 0) & mask;
    ids[slot++] = combine(15, previous.lower) & mask;
    ids[slot++] = combine(16, next.lower) & mask;
    ids[slot++] = combine(17, at(index - 2).lower) & mask;
    ids[slot++] = combine(18, at(index + 2).lower) & mask;
    ids[slot++] = combine(19, previous.shape) & mask;
    ids[slot++] = combine(20, next.shape) & mask;
    ids[slot++] = combine(21, previous.lexicon) & mask;
    ids[slot++] = combine(22, next.lexicon) & mask;
    ids[slot++] = combine(23, previous.lexicon, token.lexicon) & mask;
    ids[slot++] = combine(24, token.lexicon, next.lexicon) & mask;
    ids[slot++] = combine(25, token.lexicon, token.shape) & mask;
    ids[slot++] = combine(26, previous.lower, token.shape) & mask;
    ids[slot++] = combine(27, token.shape, next.lower) & mask;
    ids[slot++] = combine(28, previous.shape, token.shape, next.shape) & mask;
    ids[slot++] = combine(29, previous.script, token.script, next.script) & mask;
    ids[slot++] = combine(30, token.lexicon, isSentenceStart ? 1 : 0) & mask;
    ids[slot++] = combine(31, previous.lower, token.lexicon) & mask;
    ids[slot++] = combine(32, token.common, token.shape, isSentenceStart ? 1 : 0) & mask;
    ids[slot] = combine(33, token.common, token.lexicon, previous.common) & mask;
  }
  offsets[views.length] = views.length * perToken;
  return { ids, offsets };
}
