import type { NameLexicon } from './nameFeatures.ts';

// A file's name (with a known extension) after a path separator, or a bare one after a space:
// `C:\Scans\Naval Dubashi-passport.jpg`, `~/Downloads/Felix.Björklund-passport.jpg`, `giulia-romanelli.vcf`.
const extensions = String.raw`(?:pdf|docx?|xlsx?|pptx?|odt|rtf|txt|csv|vcf|eml|msg|png|jpe?g|gif|heic|tiff?|zip|mp3|mp4|mov|json|md|html?)`;
// The extension is found first; the name before it is read backwards (a pattern that starts at
// every character and runs up to 80 of them before failing cost more than the whole tagger's decoding).
const extensionPattern = new RegExp(String.raw`(?<=[\p{L}\p{M}\p{N}])\.${extensions}(?![\p{L}\p{N}])`, 'giu');
const nameCharacter = /[\p{L}\p{M}\p{N}._-]/u;

/** Where the file name ending at `end` starts: after a path separator (spaces allowed), else after a space. */
function fileNameStart(text: string, end: number): number {
  let start = end;
  let lastSpace = -1;
  while (start > 0 && end - start < 80) {
    const character = text[start - 1] ?? '';
    if (character === '/' || character === '\\') return start;
    if (character === ' ') lastSpace = start;
    else if (!nameCharacter.test(character)) break;
    start--;
  }
  return lastSpace >= 0 ? lastSpace : start;
}
const separators = /[ ._-]+/gu;
/** Words of a file name that are never part of a name in it. */
const fileWords = new Set([
  'cv',
  'resume',
  'passport',
  'scan',
  'invoice',
  'contract',
  'signed',
  'payslip',
  'offer',
  'for',
]);

type Part = { word: string; start: number; end: number };

/** How many parts from `index` on read as a name in `order` ("given" first, or "surname" first as in Vietnamese). */
function nameLength(parts: readonly Part[], index: number, lexicon: NameLexicon, order: 'given' | 'surname'): number {
  const [first, rest] = order === 'given' ? [lexicon.given, lexicon.surnames] : [lexicon.surnames, lexicon.given];
  const word = parts[index]?.word.toLowerCase() ?? '';
  if (!first.has(word) || fileWords.has(word)) return 0;
  let last = index;
  while (last - index < 2) {
    const next = parts[last + 1]?.word.toLowerCase() ?? '';
    if (!rest.has(next) || fileWords.has(next)) break;
    last++;
  }
  // Family name first with one given name: not when that is a common word (`oh-my-glob.gif`).
  const given = parts[index + 1]?.word.toLowerCase() ?? '';
  if (order === 'surname' && last - index === 1 && (lexicon.common?.has(given) ?? false)) return 0;
  return last - index;
}

/** The names among the words of a file's stem or a URL path's segment starting at `offset`. */
function stemNames(stem: string, offset: number, lexicon: NameLexicon, spans: { start: number; end: number }[]): void {
  const parts: Part[] = [];
  let cursor = 0;
  for (const separator of stem.matchAll(separators)) {
    parts.push({ word: stem.slice(cursor, separator.index), start: cursor, end: separator.index });
    cursor = separator.index + separator[0].length;
  }
  parts.push({ word: stem.slice(cursor), start: cursor, end: stem.length });
  for (let index = 0; index + 1 < parts.length; index++) {
    // Given name first (`olga-petrova`), or the family name first and one or two given names (`nguyen-thi-lan`).
    const length = Math.max(nameLength(parts, index, lexicon, 'given'), nameLength(parts, index, lexicon, 'surname'));
    if (length === 0) continue;
    spans.push({ start: offset + (parts[index]?.start ?? 0), end: offset + (parts[index + length]?.end ?? 0) });
    index += length;
  }
}

// A URL or path segment of two to four words joined by `-`, `_` or `.`: `/users/olga-petrova/profile`.
const pathSegmentPattern = /(?<=\/)[\p{L}\p{M}]+(?:[._-][\p{L}\p{M}]+){1,3}(?=[/?#\s]|$)/gu;

/**
 * Names written inside file names and path segments, where the tagger's tokens (hyphenated words,
 * `Felix.Björklund`) hide them: a given name the lexicon knows and one or two surnames it knows, or
 * a surname and one or two given names, joined by `.`, `_`, `-` or a space. Spans cover the name's
 * parts and the separators between them.
 */
export function fileNameNames(text: string, lexicon: NameLexicon): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  extensionPattern.lastIndex = 0;
  for (let extension = extensionPattern.exec(text); extension !== null; extension = extensionPattern.exec(text)) {
    const start = fileNameStart(text, extension.index);
    stemNames(text.slice(start, extension.index), start, lexicon, spans);
  }
  if (text.includes('/')) {
    for (const segment of text.matchAll(pathSegmentPattern)) {
      if (spans.some((span) => span.start < segment.index + segment[0].length && segment.index < span.end)) continue;
      stemNames(segment[0], segment.index, lexicon, spans);
    }
  }
  return spans;
}
