import type { CandidateSpan, EntityType } from '../entityTypes.ts';

/** Calls `onMatch` for every match of a global regex in `text`, from the start. */
export function scan(text: string, regex: RegExp, onMatch: (match: RegExpExecArray) => void): void {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0].length === 0) regex.lastIndex++;
    onMatch(match);
  }
}

/**
 * Runs `pattern` over the text, or, given a global `anchor` (a rare part every match holds: a
 * postcode after a comma, an address word, a number after a phone word), only over windows from
 * `before` characters before each anchor match to `after` characters after it: patterns that can
 * start at every word cost more over a whole 10 kB text than all the other detectors.
 */
export function scanNear(
  text: string,
  pattern: RegExp,
  anchor: RegExp | null,
  before: number,
  after: number,
  onMatch: (match: RegExpExecArray) => void,
): void {
  if (anchor === null) return scan(text, pattern, onMatch);
  const windows: [number, number][] = [];
  scan(text, anchor, (match) => {
    const from = Math.max(0, match.index - before);
    const to = Math.min(text.length, match.index + match[0].length + after);
    const last = windows.at(-1);
    if (last !== undefined && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  });
  for (const [from, to] of windows) {
    // The text up to the window's end, searched from its start: lookbehinds still see what precedes.
    const prefix = text.slice(0, to);
    pattern.lastIndex = from;
    for (let match = pattern.exec(prefix); match !== null; match = pattern.exec(prefix)) {
      if (match[0].length === 0) pattern.lastIndex++;
      onMatch(match);
    }
  }
}

/** Adds a candidate span unless it is empty. */
export function propose(found: CandidateSpan[], start: number, end: number, type: EntityType, priority: number): void {
  if (end > start) found.push({ start, end, type, priority });
}

/** The characters of `value` that are ASCII digits. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** The text of the `size` characters before `index` (for context keywords). */
export function before(text: string, index: number, size: number): string {
  return text.slice(Math.max(0, index - size), index);
}

/** Priorities: the more specific and the more harmful to leak, the higher. */
export const priority = {
  privateKey: 100,
  custom: 95,
  // Above API keys: `https://ci:ghp_x@host` hides the whole user:token pair.
  urlCredentials: 92,
  apiKey: 90,
  jwt: 90,
  password: 80,
  secret: 70,
  email: 60,
  iban: 60,
  creditCard: 60,
  // A number right after a word that names a phone: above ids and network addresses of its shape.
  phoneAfterWord: 58,
  nationalId: 55,
  network: 50,
  phone: 40,
  streetAddress: 30,
  person: 20,
  location: 10,
} as const;

// Characters copied from typeset or East Asian text: no-break, thin and ideographic spaces, Unicode hyphens and
// dashes, full-width digits, brackets, plus and full stop.
const typesetCharacters =
  /[\u00a0\u2007\u2009\u202f\u3000\u2010-\u2015\u2212\uff08\uff09\uff0b\uff0d\uff0e\uff10-\uff19]/g;
/**
 * `text` with those characters in their plain form (`4111\u00a01111` -> `4111 1111`, `０３` -> `03`),
 * one UTF-16 unit for one, so every offset still points into the original.
 */
export function plainDigitsAndSeparators(text: string): string {
  if (!/[\u00a0\u2007\u2009\u202f\u3000\u2010-\u2015\u2212\uff08-\uff19]/.test(text)) return text;
  return text.replace(typesetCharacters, (char) => {
    const code = char.charCodeAt(0);
    if (code >= 0xff10) return String.fromCharCode(code - 0xff10 + 48); // ０-９
    if (code === 0xff08 || code === 0xff09) return code === 0xff08 ? '(' : ')';
    if (code === 0xff0b) return '+';
    if (code === 0xff0e) return '.';
    return code === 0x00a0 || code === 0x2007 || code === 0x2009 || code === 0x202f || code === 0x3000 ? ' ' : '-';
  });
}
