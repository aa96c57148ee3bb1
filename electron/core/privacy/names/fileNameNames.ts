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

/**
 * Names written inside file names, where the tagger's tokens (hyphenated words, `Felix.Björklund`)
 * hide them: a given name the lexicon knows, then one or two surnames it knows, joined by `.`, `_`,
 * `-` or a space. Spans cover the name's parts and the separators between them.
 */
export function fileNameNames(text: string, lexicon: NameLexicon): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  extensionPattern.lastIndex = 0;
  for (let extension = extensionPattern.exec(text); extension !== null; extension = extensionPattern.exec(text)) {
    const start = fileNameStart(text, extension.index);
    const match = { index: start };
    const stem = text.slice(start, extension.index);
    const parts: { word: string; start: number; end: number }[] = [];
    let cursor = 0;
    for (const separator of stem.matchAll(separators)) {
      parts.push({ word: stem.slice(cursor, separator.index), start: cursor, end: separator.index });
      cursor = separator.index + separator[0].length;
    }
    parts.push({ word: stem.slice(cursor), start: cursor, end: stem.length });
    for (let index = 0; index + 1 < parts.length; index++) {
      const given = parts[index]?.word.toLowerCase() ?? '';
      if (!lexicon.given.has(given) || fileWords.has(given)) continue;
      let last = index;
      while (last - index < 2 && lexicon.surnames.has(parts[last + 1]?.word.toLowerCase() ?? '')) last++;
      if (last === index) continue;
      spans.push({
        start: match.index + (parts[index]?.start ?? 0),
        end: match.index + (parts[last]?.end ?? 0),
      });
      index = last;
    }
  }
  return spans;
}
