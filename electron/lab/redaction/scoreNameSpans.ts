import type { GoldSpan } from './labelledSentences.ts';

/** Person recall, precision and over-redaction of predicted person spans on labelled texts. */
export type NameScore = {
  readonly gold: number;
  readonly found: number;
  readonly predicted: number;
  readonly correct: number;
  readonly recall: number;
  readonly precision: number;
  /** Characters inside predicted spans but outside every gold span, over all characters outside gold spans. */
  readonly overRedaction: number;
};

const isPerson = (type: string) => type === 'PERSON' || type === 'person';

/**
 * Scores person spans the way `redact --eval` does: a gold person is found when a predicted person
 * overlaps it; a predicted person is correct when it overlaps a gold person.
 */
export function scoreNameSpans(
  items: readonly { text: string; gold: readonly GoldSpan[]; predicted: readonly { start: number; end: number }[] }[],
): NameScore {
  let gold = 0;
  let found = 0;
  let predicted = 0;
  let correct = 0;
  let outside = 0;
  let overRedacted = 0;
  for (const item of items) {
    const people = item.gold.filter((span) => isPerson(span.type));
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
      a.start < b.end && b.start < a.end;
    gold += people.length;
    found += people.filter((span) => item.predicted.some((other) => overlaps(span, other))).length;
    predicted += item.predicted.length;
    correct += item.predicted.filter((span) => people.some((other) => overlaps(span, other))).length;
    const labelled = new Uint8Array(item.text.length);
    for (const span of item.gold) labelled.fill(1, span.start, span.end);
    const redacted = new Uint8Array(item.text.length);
    for (const span of item.predicted) redacted.fill(1, span.start, span.end);
    for (let index = 0; index < item.text.length; index++) {
      if (labelled[index] === 1) continue;
      outside++;
      if (redacted[index] === 1) overRedacted++;
    }
  }
  return {
    gold,
    found,
    predicted,
    correct,
    recall: gold === 0 ? Number.NaN : found / gold,
    precision: predicted === 0 ? Number.NaN : correct / predicted,
    overRedaction: outside === 0 ? 0 : overRedacted / outside,
  };
}
