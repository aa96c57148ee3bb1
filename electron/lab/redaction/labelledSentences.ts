import { readFileSync } from 'node:fs';
import { nameTags } from '#core/privacy/names/decodeNameTags.ts';
import { tokenizeForNames, type NameToken } from '#core/privacy/names/tokenizeForNames.ts';

/** A gold span: `type` is PERSON, LOCATION, ORGANIZATION (CoNLL) or a redactor type (`person`). */
export type GoldSpan = { readonly start: number; readonly end: number; readonly type: string };

/** One labelled text. */
export type LabelledText = { readonly text: string; readonly spans: readonly GoldSpan[] };

/** Reads `{"text","spans"}` JSONL (the CoNLL conversion, or this project's sets). */
export function readLabelledTexts(file: string): LabelledText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledText);
}

const kindOfType: Record<string, string> = {
  PERSON: 'PER',
  person: 'PER',
  LOCATION: 'LOC',
  location: 'LOC',
  ORGANIZATION: 'ORG',
};

/** The text's tokens and the gold BIO tag index of each (a token overlapping a span is inside it). */
export function goldTags(labelled: LabelledText): { tokens: NameToken[]; tags: number[] } {
  const tokens = tokenizeForNames(labelled.text);
  const tags = tokens.map(() => 0);
  for (const span of labelled.spans) {
    const kind = kindOfType[span.type];
    if (kind === undefined) continue;
    let isFirst = true;
    for (const [index, token] of tokens.entries()) {
      if (token.end <= span.start || token.start >= span.end) continue;
      tags[index] = (nameTags as readonly string[]).indexOf(`${isFirst ? 'B' : 'I'}-${kind}`);
      isFirst = false;
    }
  }
  return { tokens, tags };
}

/** A seeded generator of numbers in [0, 1) (mulberry32), so every run draws the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** One element of `items`, drawn with `random`. */
export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
