const segmentSeparator = /[^\p{L}\p{N}]+/u;
const camelCasePart = /\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu;

/**
 * Splits text into lowercase words the way identifiers read: on dots, slashes, underscores and
 * other punctuation, and then each camelCase segment also into its parts. A segment that splits
 * keeps its whole form too, so `getLegendItems` yields `getlegenditems`, `get`, `legend`, `items`.
 * @param text Free text, an argument value or a method signature.
 * @returns The words, in order of appearance (duplicates kept: they weigh more in an embedding).
 */
export function tokenizeText(text: string): string[] {
  const words: string[] = [];
  for (const segment of text.split(segmentSeparator)) {
    if (segment.length === 0) continue;
    words.push(segment.toLowerCase());
    const parts = segment.match(camelCasePart);
    if (parts !== null && parts.length > 1) {
      for (const part of parts) words.push(part.toLowerCase());
    }
  }
  return words;
}
