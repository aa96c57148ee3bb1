/**
 * A normalised copy of a text with a map back to it, so an original can be found in whatever form
 * it travels: `loose` is lower case without whitespace, line breaks and the separators people and
 * formats put inside identifiers (`-._()`), with backslash escapes decoded (JSON, also nested JSON
 * inside a JSON string); `compact` keeps case and separators and drops only whitespace and escaped
 * whitespace (for base64, whose alphabet is case-sensitive and may be wrapped over lines).
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
  return code <= 32 || (code >= 127 && /\s/u.test(character));
}

/** Reads the character at `index`, decoding a run of backslashes and the escape it starts. */
function readCharacter(text: string, index: number): { character: string; next: number } {
  const first = text[index] ?? '';
  if (first !== '\\') {
    const code = text.codePointAt(index) ?? 0;
    const character = String.fromCodePoint(code);
    return { character, next: index + character.length };
  }
  let cursor = index;
  while (text[cursor] === '\\') cursor++;
  const escaped = text[cursor];
  if (escaped === undefined) return { character: '\\', next: cursor };
  if (escaped === 'n' || escaped === 'r' || escaped === 't') return { character: ' ', next: cursor + 1 };
  if (escaped === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(cursor + 1, cursor + 5))) {
    return {
      character: String.fromCharCode(Number.parseInt(text.slice(cursor + 1, cursor + 5), 16)),
      next: cursor + 5,
    };
  }
  return { character: escaped, next: cursor + 1 };
}

/** Builds both views of `text` in one pass. */
export function buildTextView(text: string): TextView {
  const loose: string[] = [];
  const looseStart: number[] = [];
  const looseEnd: number[] = [];
  const compact: string[] = [];
  const compactStart: number[] = [];
  const compactEnd: number[] = [];
  let index = 0;
  while (index < text.length) {
    if (text[index] === '[') {
      placeholder.lastIndex = index;
      const match = placeholder.exec(text);
      if (match !== null) {
        const end = index + match[0].length;
        for (const [chars, starts, ends] of [
          [loose, looseStart, looseEnd],
          [compact, compactStart, compactEnd],
        ] as const) {
          chars.push('\u0000');
          starts.push(index);
          ends.push(end);
        }
        index = end;
        continue;
      }
    }
    const { character, next } = readCharacter(text, index);
    if (!isWhitespace(character)) {
      // One entry per UTF-16 code unit, so positions in the joined strings index the maps.
      for (let unit = 0; unit < character.length; unit++) {
        compact.push(character[unit] ?? '');
        compactStart.push(index);
        compactEnd.push(next);
      }
      if (!looseSeparators.has(character)) {
        const lower = character.toLowerCase();
        for (let unit = 0; unit < lower.length; unit++) {
          loose.push(lower[unit] ?? '');
          looseStart.push(index);
          looseEnd.push(next);
        }
      }
    }
    index = next;
  }
  return {
    loose: loose.join(''),
    looseStart: Int32Array.from(looseStart),
    looseEnd: Int32Array.from(looseEnd),
    compact: compact.join(''),
    compactStart: Int32Array.from(compactStart),
    compactEnd: Int32Array.from(compactEnd),
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
