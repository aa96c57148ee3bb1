import type { NameToken } from './tokenizeForNames.ts';

/** Lower-case given names and surnames, and the first characters of CJK family names. */
export type NameLexicon = {
  readonly given: ReadonlySet<string>;
  readonly surnames: ReadonlySet<string>;
};

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

type TokenView = { lower: string; shape: string; script: string; lexicon: string; gap: string };

const boundary: TokenView = { lower: '<s>', shape: '<s>', script: '<s>', lexicon: '<s>', gap: '' };

/** FNV-1a over a template number and a value, folded into `bucketBits` bits. */
function hashFeature(template: number, value: string, mask: number): number {
  let hash = (0x811c9dc5 ^ template) >>> 0;
  hash = Math.imul(hash, 0x01000193);
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & mask;
}

/**
 * The features of every token (its word, shape, affixes, script, lexicon membership and those of its
 * neighbours), hashed into `2^bucketBits` buckets. Training and the runtime share this function, so
 * a model only fits the features it was trained with.
 */
export function nameFeatures(tokens: readonly NameToken[], lexicon: NameLexicon, bucketBits: number): TokenFeatures {
  const mask = (1 << bucketBits) - 1;
  const views: TokenView[] = tokens.map((token) => {
    const lower = token.text.toLowerCase();
    return {
      lower,
      shape: shapeOf(token.text),
      script: scriptOf(token.text),
      lexicon: lexiconClass(lower, lexicon),
      gap: token.gap,
    };
  });
  const at = (index: number) => views[index] ?? boundary;
  const ids: number[] = [];
  const offsets = new Int32Array(tokens.length + 1);
  for (let index = 0; index < views.length; index++) {
    offsets[index] = ids.length;
    const token = at(index);
    const previous = at(index - 1);
    const next = at(index + 1);
    const before2 = at(index - 2);
    const after2 = at(index + 2);
    const { lower } = token;
    const isSentenceStart = index === 0 || /^[.!?:"“”\n]$/.test(previous.lower) || token.gap === '\n';
    const values = [
      '',
      lower,
      token.shape,
      token.script,
      token.lexicon,
      lower.slice(0, 1),
      lower.slice(0, 2),
      lower.slice(0, 3),
      lower.slice(-1),
      lower.slice(-2),
      lower.slice(-3),
      lower.slice(-4),
      String(Math.min(lower.length, 12)),
      isSentenceStart ? `start|${token.shape}` : 'inside',
      `${token.gap}|${previous.gap === '_' || next.gap === '_' ? 'file' : 'text'}`,
      previous.lower,
      next.lower,
      before2.lower,
      after2.lower,
      previous.shape,
      next.shape,
      previous.lexicon,
      next.lexicon,
      `${previous.lexicon}|${token.lexicon}`,
      `${token.lexicon}|${next.lexicon}`,
      `${token.lexicon}|${token.shape}`,
      `${previous.lower}|${token.shape}`,
      `${token.shape}|${next.lower}`,
      `${previous.shape}|${token.shape}|${next.shape}`,
      `${previous.script}|${token.script}|${next.script}`,
      `${token.lexicon}|${isSentenceStart}`,
      `${previous.lower}|${token.lexicon}`,
    ];
    for (let template = 0; template < values.length; template++) {
      ids.push(hashFeature(template, values[template] ?? '', mask));
    }
  }
  offsets[views.length] = ids.length;
  return { ids: Int32Array.from(ids), offsets };
}
