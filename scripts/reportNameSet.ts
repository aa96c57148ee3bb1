// Person recall of the Redactor (rules + the learned recogniser) on the multi-script name set, by
// script and by format, and what the recogniser alone finds.
//   node --import tsx scripts/reportNameSet.ts [--jsonl test/fixtures/redaction/names/multiscript.jsonl]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redactor } from '#core/privacy/Redactor.ts';
import { detectNames } from '#core/privacy/names/detectNames.ts';
import { overRedaction } from '#lab/redaction/overRedaction.ts';
import { scoreNameSpans } from '#lab/redaction/scoreNameSpans.ts';

type Row = { text: string; spans: { start: number; end: number; type: string }[]; script: string; format: string };

const { values } = parseArgs({
  options: {
    jsonl: {
      type: 'string',
      default: path.join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction', 'names', 'multiscript.jsonl'),
    },
  },
});
const rows = readFileSync(values.jsonl, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Row);
const redactor = new Redactor();
const rulesOnly = new Redactor({ detectNames: () => [] });
const evaluated = rows.map((row) => {
  const all = redactor.detect(row.text);
  return {
    row,
    all,
    people: all.filter((span) => span.type === 'person'),
    rules: rulesOnly.detect(row.text).filter((span) => span.type === 'person'),
    model: detectNames(row.text),
  };
});

console.log(
  '| group | names | recall (redactor) | recall (rules only) | recall (recogniser only) | over-redaction (redactor) |',
);
console.log('|---|---|---|---|---|---|');
const groups: [string, (row: Row) => boolean][] = [
  ['all', () => true],
  ...[...new Set(rows.map((row) => row.script))].map((script): [string, (row: Row) => boolean] => [
    `script: ${script}`,
    (row) => row.script === script,
  ]),
  ...[...new Set(rows.map((row) => row.format))].map((format): [string, (row: Row) => boolean] => [
    `format: ${format}`,
    (row) => row.format === format,
  ]),
];
for (const [name, isIn] of groups) {
  const subset = evaluated.filter((item) => isIn(item.row));
  const score = (pick: (item: (typeof subset)[number]) => readonly { start: number; end: number }[]) =>
    scoreNameSpans(subset.map((item) => ({ text: item.row.text, gold: item.row.spans, predicted: pick(item) })));
  const redactorScore = score((item) => item.people);
  const over = overRedaction(
    subset.map((item) => ({ text: item.row.text, gold: item.row.spans, predicted: item.all })),
  );
  const recall = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(3));
  console.log(
    `| ${name} | ${redactorScore.gold} | ${recall(redactorScore.recall)} | ${recall(score((item) => item.rules).recall)} | ${recall(score((item) => item.model).recall)} | ${(100 * over.rate).toFixed(2)}% |`,
  );
}
