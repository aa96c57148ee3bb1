/**
 * A normalised copy of a text with a map back to it, so an original can be found in whatever form
 * it travels: `loose` is lower case without whitespace, line breaks and the separators people and
 * formats put inside identifiers (`-._()`), with backslash escapes decoded (JSON, also nested JSON
 * inside a JSON string); `compact` keeps case and separators and drops only whitespace and escaped
 * whitespace (for base64, whose alphabet is case-sensitive and may be wrapped over lines).
 * Both views also read through disguises a reader does not see: zero-width and other format
 * characters are dropped like whitespace, full-width and other compatibility forms are NFKC
 * normalised, accents are dropped (`José`, its decomposed form and `Jose` read alike; `đ` as `d`),
 * `\xHH` escapes and HTML character references (`&amp;`, `&#38;`, `&#x26;`) decoded.
 * Placeholders (`[EMAIL_1]`) become one `\u0000`, which no needle contains.
 */
export type TextView = {
  readonly loose: string;
  /** `looseStart[i]`/`looseEnd[i]`: the source range the i-th loose character came from. */
  readonly looseStart: Int32Array;
  readonly looseEnd: Int32Array;
  readonly compact: string;
  readonly compactStart: Int32Array;
  readonly compactEnd: Int32Array;
};

const placeholder = /\[[A-Z][A-Z0-9_]*_[1-9]\d*\]/y;
const looseSeparators = new Set(['-', '.', '_', '(', ')']);

function isWhitespace(character: string): boolean {
  const code = character.charCodeAt(0);
  return code <= 32 || (code >= 127 && (/\s/u.test(character) || /^\p{Cf}/u.test(character)));
}

/** Letters that carry their mark inside (no decomposition), read as their base letter. */
const baseLetters: Readonly<Record<string, string>> = {
  đ: 'd',
  Đ: 'D',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
};

/** A non-ASCII character in its compatibility form without accents; a lone combining mark reads as nothing. */
function withoutAccents(character: string): string {
  const decomposed = character.normalize('NFKD');
  const bare = decomposed.replace(/\p{M}/gu, '');
  if (bare === decomposed) return baseLetters[character] ?? character.normalize('NFKC');
  return bare;
}

const namedReferences: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const characterReference = /&(?:([a-z]{2,4})|#(\d{1,7})|#x([0-9a-f]{1,6}));/iy;

/** An HTML character reference at `index` (`&amp;`, `&#38;`, `&#x26;`), or null. */
function readReference(text: string, index: number): { character: string; next: number } | null {
  characterReference.lastIndex = index;
  const match = characterReference.exec(text);
  if (match === null) return null;
  const [whole, name, decimal, hex] = match;
  const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? Number.parseInt(hex, 16) : -1;
  const character =
    name !== undefined
      ? namedReferences[name.toLowerCase()]
      : code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : undefined;
  return character === undefined ? null : { character, next: index + whole.length };
}

/** Reads the character at `index`, decoding a run of backslashes and the escape it starts. */
function readCharacter(text: string, index: number): { character: string; next: number } {
  const first = text[index] ?? '';
  if (first === '&') return readReference(text, index) ?? { character: '&', next: index + 1 };
  if (first !== '\\') {
    const code = text.codePointAt(index) ?? 0;
    const character = String.fromCodePoint(code);
    return { character: code < 128 ? character : withoutAccents(character), next: index + character.length };
  }
  let cursor = index;
  while (text[cursor] === '\\') cursor++;
  const escaped = text[cursor];
  if (escaped === undefined) return { character: '\\', next: cursor };
  if (escaped === 'n' || escaped === 'r' || escaped === 't') return { character: ' ', next: cursor + 1 };
  if (escaped === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(cursor + 1, cursor + 3))) {
    return {
      character: String.fromCharCode(Number.parseInt(text.slice(cursor + 1, cursor + 3), 16)),
      next: cursor + 3,
    };
  }
  if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(cursor + 1, cursor + 5))) {
    return {
      character: String.fromCharCode(Number.parseInt(text.slice(cursor + 1, cursor + 5), 16)),
      next: cursor + 5,
    };
  }
  return { character: escaped, next: cursor + 1 };
}

/** Builds both views of `text` in one pass; without `withCompact` the compact view stays empty. */
export function buildTextView(text: string, withCompact = true): TextView {
  // Preallocated: every view has at most one entry per source unit, or two for a lower-cased one.
  const looseStart = new Int32Array(text.length * 2);
  const looseEnd = new Int32Array(text.length * 2);
  const compactStart = new Int32Array(text.length);
  const compactEnd = new Int32Array(text.length);
  let loose = '';
  let compact = '';
  let looseLength = 0;
  let compactLength = 0;
  const push = (character: string, start: number, end: number, isLoose: boolean) => {
    if (!isLoose && !withCompact) return;
    for (let unit = 0; unit < character.length; unit++) {
      if (isLoose) {
        looseStart[looseLength] = start;
        looseEnd[looseLength++] = end;
      } else {
        compactStart[compactLength] = start;
        compactEnd[compactLength++] = end;
      }
    }
    if (isLoose) loose += character;
    else compact += character;
  };
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    // The common case first: a plain ASCII character that is not an escape or a placeholder.
    if (code < 128 && code !== 92 && code !== 91 && code !== 38) {
      if (code > 32 && code !== 127) {
        const character = text[index] ?? '';
        push(character, index, index + 1, false);
        if (!looseSeparators.has(character))
          push(code >= 65 && code <= 90 ? character.toLowerCase() : character, index, index + 1, true);
      }
      index++;
      continue;
    }
    if (code === 91) {
      placeholder.lastIndex = index;
      const match = placeholder.exec(text);
      if (match !== null) {
        const end = index + match[0].length;
        push('\u0000', index, end, false);
        push('\u0000', index, end, true);
        index = end;
        continue;
      }
    }
    const { character, next } = readCharacter(text, index);
    if (!isWhitespace(character)) {
      push(character, index, next, false);
      if (!looseSeparators.has(character)) push(character.toLowerCase(), index, next, true);
    }
    index = next;
  }
  return {
    loose,
    looseStart: looseStart.subarray(0, looseLength),
    looseEnd: looseEnd.subarray(0, looseLength),
    compact,
    compactStart: compactStart.subarray(0, compactLength),
    compactEnd: compactEnd.subarray(0, compactLength),
  };
}

/** The loose form of a needle (what `buildTextView(text).loose` would be for it), without the maps. */
export function looseForm(text: string): string {
  let loose = '';
  let index = 0;
  while (index < text.length) {
    const { character, next } = readCharacter(text, index);
    if (!isWhitespace(character) && !looseSeparators.has(character)) loose += character.toLowerCase();
    index = next;
  }
  return loose;
}
