/** A multi-character vocabulary piece and its SentencePiece score. */
export type ScoredPiece = { piece: string; score: number };

/**
 * The pieces (and scores) a llama vocabulary needs so that llama.cpp's SentencePiece merge turns
 * each wanted piece into one token. The merge only joins two adjacent symbols when their
 * concatenation is itself a piece, so a piece of n characters is reachable only through a chain of
 * smaller pieces. This adds every prefix of two or more characters ("ca", "cal" for "calc") and
 * scores each piece by its length in characters: once a chain has started, its next merge always
 * outranks the two-character merges elsewhere in the text (ties go to the leftmost pair), so a
 * wanted piece on its own always ends as one token. In running text a neighbouring merge can still
 * take a character first; that is fine, since training and llama.cpp tokenize identically.
 *
 * @param wanted pieces with spaces already escaped as '▁', each of two or more characters.
 * @returns the wanted pieces and their intermediate prefixes, each once, shortest prefixes first.
 */
export function planMergePieces(wanted: readonly string[]): ScoredPiece[] {
  const planned = new Map<string, number>();
  for (const piece of wanted) {
    const characters = Array.from(piece);
    for (let length = 2; length <= characters.length; length++) {
      const prefix = characters.slice(0, length).join('');
      if (!planned.has(prefix)) planned.set(prefix, length);
    }
  }
  return [...planned].map(([piece, score]) => ({ piece, score }));
}
