/** One token of a text as the name tagger sees it: a word or one punctuation character. */
export type NameToken = {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /**
   * What separates it from the token before: `' '` (spaces or tabs), `'\n'` (a line break), `'_'`
   * (an underscore, as in `anna_schmidt_cv.pdf`), or `''` (nothing, e.g. before a comma).
   */
  readonly gap: ' ' | '\n' | '_' | '';
};

// Words keep inner apostrophes and hyphens (O'Brien, Jean-Pierre) but not a possessive 's, which
// is split off as CoNLL does (`Maria 's`); underscores separate words, so a file name's parts are
// tokens of their own; every other non-space character is a token by itself.
const tokenPattern =
  /[\p{L}\p{M}\p{N}]+(?:(?:-|['’](?![sS](?![\p{L}\p{M}\p{N}])))[\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;

/** Splits `text` into the tagger's tokens with their character offsets. */
export function tokenizeForNames(text: string): NameToken[] {
  const tokens: NameToken[] = [];
  let previousEnd = 0;
  tokenPattern.lastIndex = 0;
  for (let match = tokenPattern.exec(text); match !== null; match = tokenPattern.exec(text)) {
    const between = text.slice(previousEnd, match.index);
    const gap = between === '' ? '' : between.includes('\n') ? '\n' : between.includes('_') ? '_' : ' ';
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length, gap });
    previousEnd = match.index + match[0].length;
  }
  return tokens;
}
