// Words after which a full stop belongs to the word, not to a sentence end: street and unit
// abbreviations, compass points, Saint/Mount/Fort, and initials (one or two letters: `J. F. Kennedy`).
const abbreviations = new Set(
  'st ave av rd blvd ln dr ct pl hwy pkwy sq cir ter trl cres pde cl gdns gr crt expy fwy tpke xing plz rdg gln hts jct mnr riv vw grv ctr pt crk cv lk mtn vlg hbr hl est sta apt ste fl no nr mt ft str bd avda ul al os wyb'.split(
    ' ',
  ),
);

/** Whether a full stop after `word` may be part of an address (`St.`, `Ave.`, `J.`) rather than end a sentence. */
export function isAbbreviation(word: string): boolean {
  return word.length <= 2 || abbreviations.has(word.toLowerCase());
}

/**
 * The part of an address span [start, end) that stays inside one sentence: a full stop (or `!`,
 * `?`) after a word that is no abbreviation, then a capitalised word, ends a sentence. The span
 * keeps the sentence with the house number; it goes on past the end only when a postcode follows
 * (`12 Zanzibar Lane. Springfield, IL 62704`), and drops a sentence's full stop at its own end.
 * `I live at 12 Zanzibar Lane. What is 12+30?` -> `12 Zanzibar Lane`.
 */
export function withinSentence(text: string, start: number, end: number): [number, number] {
  let from = start;
  let to = end;
  const breaks = /(\p{L}+)([.!?])[ \t]+(?=\p{Lu})/gu;
  const span = text.slice(start, end);
  for (const found of span.matchAll(breaks)) {
    const word = found[1] ?? '';
    if (found[2] === '.' && isAbbreviation(word)) continue;
    const stop = start + found.index + word.length;
    const next = start + found.index + found[0].length;
    if (!/\d/.test(text.slice(from, stop))) {
      from = next; // the sentence before holds no house number: it is not part of the address
      continue;
    }
    if (/\d/.test(text.slice(next, end))) continue; // a postcode after the stop: one address
    to = stop;
    break;
  }
  const last = /(\p{L}+)\.$/u.exec(text.slice(from, to));
  if (last !== null && !isAbbreviation(last[1] ?? '')) to -= 1;
  return [from, to];
}
