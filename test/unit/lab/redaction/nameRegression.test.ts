// Regression guard on the multi-script set written here (scripts/writeNameSets.ts), not on CoNLL
// text: the shipped recogniser must keep its recall and over-redaction on it. The floors sit a little
// under the figures measured when the model was committed (docs/BENCHMARKS.md).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectNames } from '#core/privacy/names/detectNames.ts';
import { scoreNameSpans } from '#lab/redaction/scoreNameSpans.ts';
import { multiScriptNameSet } from '#lab/redaction/multiScriptNameSet.ts';

type Row = { text: string; spans: { start: number; end: number; type: string }[]; script: string; format: string };

const file = path.join(import.meta.dirname, '..', '..', '..', 'fixtures', 'redaction', 'names', 'multiscript.jsonl');
const rows = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);

describe('the name recogniser on the multi-script set', () => {
  it('is the set its seeded generator writes', () => {
    expect(JSON.parse(JSON.stringify(multiScriptNameSet(600, 2026)))).toEqual(rows);
  });

  it('keeps recall and over-redaction overall and in every script and format', () => {
    const score = (subset: readonly Row[]) =>
      scoreNameSpans(subset.map((row) => ({ text: row.text, gold: row.spans, predicted: detectNames(row.text) })));
    const overall = score(rows);
    expect(overall.recall).toBeGreaterThanOrEqual(0.98);
    expect(overall.overRedaction).toBeLessThanOrEqual(0.03);
    for (const key of ['script', 'format'] as const) {
      for (const value of new Set(rows.filter((row) => row.spans.length > 0).map((row) => row[key]))) {
        const subset = score(rows.filter((row) => row[key] === value));
        expect(subset.recall, `${key} ${value}`).toBeGreaterThanOrEqual(0.9);
      }
    }
  });
});
