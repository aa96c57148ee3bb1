// Labelled texts from pieces: plain strings and typed values, joined with their gold spans.
// Shares no code with the detectors (issue 15: a set the detectors were not written against).

/** A gold span of a labelled text, end exclusive. */
export type GoldSpan = { readonly start: number; readonly end: number; readonly type: string };

/** One labelled text, as `redact --eval` reads it. */
export type LabelledText = { readonly text: string; readonly spans: GoldSpan[]; readonly category: string };

/** A typed value inside a text, perhaps built of smaller pieces (a path that holds a name). */
export type Piece = string | { readonly type: string | null; readonly parts: readonly Piece[] };

/** A value of one type (`type: null`: text that only groups other pieces). */
export const typed = (type: string | null, ...parts: Piece[]): Piece => ({ type, parts });

/** Joins pieces into a text and its spans; `transform` (e.g. lower case) is applied per string. */
export function compose(
  pieces: readonly Piece[],
  category: string,
  transform: (text: string) => string = (text) => text,
): LabelledText {
  let text = '';
  const spans: GoldSpan[] = [];
  const add = (piece: Piece) => {
    if (typeof piece === 'string') {
      text += transform(piece);
      return;
    }
    const start = text.length;
    for (const part of piece.parts) add(part);
    if (piece.type !== null && text.length > start) spans.push({ start, end: text.length, type: piece.type });
  };
  for (const piece of pieces) add(piece);
  spans.sort((a, b) => a.start - b.start);
  return { text, spans, category };
}

/**
 * Fills a template such as `Ask {person} at {phone}.`: each `{slot}` is replaced by the piece
 * `fill(slot)` returns; text between slots stays as written.
 */
export function fillTemplate(template: string, fill: (slot: string) => Piece): Piece[] {
  const pieces: Piece[] = [];
  let cursor = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    pieces.push(template.slice(cursor, match.index));
    pieces.push(fill(match[1] ?? ''));
    cursor = match.index + match[0].length;
  }
  pieces.push(template.slice(cursor));
  return pieces;
}
