/** A candidate merge of two adjacent symbols, ordered as llama.cpp's `llm_bigram_spm::comparator`. */
type Bigram = { left: number; right: number; score: number; size: number };

/** True when `first` should be merged before `second`: higher score first, then the leftmost. */
function isBefore(first: Bigram, second: Bigram): boolean {
  return first.score > second.score || (first.score === second.score && first.left < second.left);
}

/** A binary max-heap of bigrams (std::priority_queue in llama.cpp). */
class BigramQueue {
  private readonly items: Bigram[] = [];

  push(bigram: Bigram): void {
    const items = this.items;
    items.push(bigram);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!isBefore(bigram, items[parent] as Bigram)) break;
      items[index] = items[parent] as Bigram;
      index = parent;
    }
    items[index] = bigram;
  }

  pop(): Bigram | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let index = 0;
    for (;;) {
      const leftChild = 2 * index + 1;
      if (leftChild >= items.length) break;
      const rightChild = leftChild + 1;
      const child =
        rightChild < items.length && isBefore(items[rightChild] as Bigram, items[leftChild] as Bigram)
          ? rightChild
          : leftChild;
      if (!isBefore(items[child] as Bigram, last)) break;
      items[index] = items[child] as Bigram;
      index = child;
    }
    items[index] = last;
    return top;
  }
}

/**
 * llama.cpp's SentencePiece ("llama" vocabulary) merge, `llm_tokenizer_spm_session::tokenize`:
 * start from one symbol per character, repeatedly merge the adjacent pair whose concatenation is a
 * vocabulary piece with the highest score (ties: the leftmost pair), until no adjacent pair forms
 * a piece. Returns the final symbols' texts in order; the caller maps them to ids or byte tokens.
 *
 * @param characters the text split into code points, spaces already escaped as '▁'.
 * @param scoreOf the score of a vocabulary piece, or undefined when the text is not one.
 */
export function mergeSentencePieceSymbols(
  characters: readonly string[],
  scoreOf: (piece: string) => number | undefined,
): string[] {
  const texts = [...characters];
  const previous = texts.map((_, index) => index - 1);
  const next = texts.map((_, index) => (index + 1 < texts.length ? index + 1 : -1));
  const queue = new BigramQueue();
  const tryAddBigram = (left: number, right: number): void => {
    if (left === -1 || right === -1) return;
    const text = (texts[left] ?? '') + (texts[right] ?? '');
    const score = scoreOf(text);
    // Scores are float32 in the file; compare them as llama.cpp does.
    if (score !== undefined) queue.push({ left, right, score: Math.fround(score), size: text.length });
  };
  for (let index = 1; index < texts.length; index++) tryAddBigram(index - 1, index);
  for (let bigram = queue.pop(); bigram !== undefined; bigram = queue.pop()) {
    const leftText = texts[bigram.left] ?? '';
    const rightText = texts[bigram.right] ?? '';
    // Skip pairs made stale by an earlier merge of either side.
    if (leftText === '' || rightText === '' || leftText.length + rightText.length !== bigram.size) continue;
    texts[bigram.left] = leftText + rightText;
    texts[bigram.right] = '';
    const after = next[bigram.right] ?? -1;
    next[bigram.left] = after;
    if (after >= 0) previous[after] = bigram.left;
    tryAddBigram(previous[bigram.left] ?? -1, bigram.left);
    tryAddBigram(bigram.left, after);
  }
  const symbols: string[] = [];
  for (let index = texts.length > 0 ? 0 : -1; index !== -1; index = next[index] ?? -1) {
    symbols.push(texts[index] ?? '');
  }
  return symbols;
}
