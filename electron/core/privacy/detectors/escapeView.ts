import type { CandidateSpan, Detector } from '../entityTypes.ts';

/**
 * The lines of a text that hold percent-escapes or string escapes, decoded, with where in the
 * original every decoded character starts and ends: detectors read `admin%3AHunt3r2Hunt3r%40host`
 * as `admin:Hunt3r2Hunt3r@host` and `Garc\u00eda` as `García`, and what they find maps back to the
 * escaped characters.
 */
export type EscapeView = {
  readonly text: string;
  readonly starts: readonly number[];
  readonly ends: readonly number[];
};

const hasEscape = /%[0-9A-Fa-f]{2}|\\(?:u[0-9A-Fa-f]{4}|["'\\/nrt])/;
const escapes = /(?:%[0-9A-Fa-f]{2})+|\\u[0-9A-Fa-f]{4}|\\["'\\/nrt]/g;
const simple: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };
const letter = /\p{L}/u;

/** The characters one escape stands for (a run of `%XX` is UTF-8, decoded whole or not at all). */
function decodeEscape(escape: string): string | null {
  if (escape.startsWith('%')) {
    try {
      return decodeURIComponent(escape);
    } catch {
      return null;
    }
  }
  if (escape.startsWith('\\u')) return String.fromCharCode(Number.parseInt(escape.slice(2), 16));
  const character = escape[1] ?? '';
  return simple[character] ?? character;
}

/** The decoded view of the lines of `text` that hold escapes, or null when none does. */
export function escapeView(text: string): EscapeView | null {
  if (!hasEscape.test(text)) return null;
  let decoded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  const keep = (from: number, to: number, value: string) => {
    decoded += value;
    for (let index = 0; index < value.length; index++) {
      starts.push(value.length === to - from ? from + index : from);
      ends.push(value.length === to - from ? from + index + 1 : to);
    }
  };
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (hasEscape.test(line)) {
      if (decoded !== '') keep(lineStart - 1, lineStart, '\n');
      let cursor = 0;
      for (const match of line.matchAll(escapes)) {
        keep(lineStart + cursor, lineStart + match.index, line.slice(cursor, match.index));
        cursor = match.index + match[0].length;
        const value = decodeEscape(match[0]);
        // A quote escaped between two letters splits a word to hide it (`pass\"word`): read as nothing.
        const isSplitter =
          /^\\["']$/.test(match[0]) && letter.test(line[match.index - 1] ?? '') && letter.test(line[cursor] ?? '');
        if (!isSplitter) keep(lineStart + match.index, lineStart + cursor, value ?? match[0]);
      }
      keep(lineStart + cursor, lineEnd, line.slice(cursor));
    }
    lineStart = lineEnd + 1;
  }
  return { text: decoded, starts, ends };
}

/**
 * Runs `detectors` over the decoded view of `text` as well, adding what they find there as spans of
 * the original text (an escape is covered whole).
 */
export function detectThroughEscapes(text: string, detectors: readonly Detector[], found: CandidateSpan[]): void {
  const view = escapeView(text);
  if (view === null) return;
  const inView: CandidateSpan[] = [];
  for (const detector of detectors) detector.detect(view.text, inView);
  for (const span of inView) {
    const start = view.starts[span.start];
    const end = view.ends[span.end - 1];
    if (start !== undefined && end !== undefined && end > start) found.push({ ...span, start, end });
  }
}
