import type { EntitySpan } from '#core/privacy/entityTypes.ts';

/** One labelled text: its gold spans and what the redactor found. */
export type EvaluatedText = {
  readonly text: string;
  readonly gold: readonly { readonly start: number; readonly end: number; readonly type: string }[];
  readonly predicted: readonly EntitySpan[];
};

/** Span-level counts and rates for one entity type. */
export type TypeScore = {
  readonly type: string;
  readonly gold: number;
  readonly predicted: number;
  /** Gold spans overlapped by a predicted span of the same type. */
  readonly found: number;
  /** Gold spans overlapped by a predicted span of any type (hidden, perhaps under another label). */
  readonly hidden: number;
  /** Predicted spans that overlap a gold span of the same type. */
  readonly correct: number;
  readonly recall: number;
  readonly hiddenRate: number;
  readonly precision: number;
};

/** The evaluation of a labelled set: per type, and over all spans. */
export type RedactionScores = { readonly types: readonly TypeScore[]; readonly overall: TypeScore };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Scores predictions against gold spans. Matching rule: a gold span counts as found when a
 * predicted span of the same type overlaps it by at least one character; a predicted span counts as
 * correct when it overlaps a gold span of its type.
 */
export function scoreRedaction(texts: readonly EvaluatedText[]): RedactionScores {
  const counts = new Map<string, { gold: number; predicted: number; found: number; hidden: number; correct: number }>();
  const entry = (type: string) => {
    let value = counts.get(type);
    if (value === undefined) counts.set(type, (value = { gold: 0, predicted: 0, found: 0, hidden: 0, correct: 0 }));
    return value;
  };
  for (const { gold, predicted } of texts) {
    for (const span of gold) {
      const row = entry(span.type);
      row.gold++;
      if (predicted.some((other) => other.type === span.type && overlaps(span, other))) row.found++;
      if (predicted.some((other) => overlaps(span, other))) row.hidden++;
    }
    for (const span of predicted) {
      const row = entry(span.type);
      row.predicted++;
      if (gold.some((other) => other.type === span.type && overlaps(span, other))) row.correct++;
    }
  }
  const score = (
    type: string,
    row: { gold: number; predicted: number; found: number; hidden: number; correct: number },
  ): TypeScore => ({
    type,
    ...row,
    recall: row.gold === 0 ? Number.NaN : row.found / row.gold,
    hiddenRate: row.gold === 0 ? Number.NaN : row.hidden / row.gold,
    precision: row.predicted === 0 ? Number.NaN : row.correct / row.predicted,
  });
  const total = { gold: 0, predicted: 0, found: 0, hidden: 0, correct: 0 };
  for (const row of counts.values()) {
    for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += row[key];
  }
  const types = [...counts.entries()]
    .map(([type, row]) => score(type, row))
    .sort((a, b) => a.type.localeCompare(b.type));
  return { types, overall: score('all', total) };
}

/** False positives on texts that hold no entity: the share of texts with any span and of characters redacted. */
export type FalsePositiveRate = {
  readonly texts: number;
  readonly flagged: number;
  readonly textRate: number;
  readonly characterRate: number;
};

/** The false positive rate of predictions on a negative set (texts with no gold spans). */
export function falsePositiveRate(
  texts: readonly { readonly text: string; readonly predicted: readonly EntitySpan[] }[],
): FalsePositiveRate {
  let flagged = 0;
  let characters = 0;
  let redacted = 0;
  for (const { text, predicted } of texts) {
    if (predicted.length > 0) flagged++;
    characters += text.length;
    for (const span of predicted) redacted += span.end - span.start;
  }
  return {
    texts: texts.length,
    flagged,
    textRate: texts.length === 0 ? 0 : flagged / texts.length,
    characterRate: characters === 0 ? 0 : redacted / characters,
  };
}
