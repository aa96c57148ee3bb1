// Recall per type and over-redaction of the rule detectors on a labelled JSONL set (issue 15, point 3).
//   node --import tsx electron/lab/redaction/structured/reportStructuredSet.ts [FILE] [--misses N]
// Over-redaction: characters outside every gold span that a predicted span covers, over all
// characters outside gold spans. `--misses N` prints N missed gold spans per type (for reading).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Redactor } from '#core/privacy/Redactor.ts';
import { scoreRedaction } from '#lab/redaction/evaluateRedaction.ts';

type Row = { text: string; spans: { start: number; end: number; type: string }[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { misses: { type: 'string', default: '0' } },
});
const file =
  positionals[0] ?? path.join(import.meta.dirname, '../../../../test/fixtures/redaction/structured/structured.jsonl');
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);
const redactor = new Redactor({ detectNames: () => [] });
const evaluated = rows.map((row) => ({ text: row.text, gold: row.spans, predicted: redactor.detect(row.text) }));
const { types, overall } = scoreRedaction(evaluated);
let unlabelled = 0;
let overRedacted = 0;
for (const { text, gold, predicted } of evaluated) {
  for (let index = 0; index < text.length; index++) {
    if (gold.some((span) => span.start <= index && index < span.end)) continue;
    unlabelled++;
    if (predicted.some((span) => span.start <= index && index < span.end)) overRedacted++;
  }
}
const format = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(3));
console.log(`${path.relative(process.cwd(), file)}: ${rows.length} texts, rule detectors (no name recogniser)`);
console.log('| type | gold | recall (same type) | hidden (any type) | precision |');
console.log('|---|---|---|---|---|');
for (const row of [...types, overall].filter((item) => item.gold > 0)) {
  console.log(
    `| ${row.type} | ${row.gold} | ${format(row.recall)} | ${format(row.hiddenRate)} | ${format(row.precision)} |`,
  );
}
console.log(
  `over-redaction: ${overRedacted} of ${unlabelled} unlabelled characters (${((100 * overRedacted) / unlabelled).toFixed(2)}%)`,
);
const misses = Number(values.misses);
if (misses > 0) {
  const shown = new Map<string, number>();
  for (const { text, gold, predicted } of evaluated) {
    for (const span of gold) {
      if (predicted.some((other) => other.start < span.end && span.start < other.end)) continue;
      if ((shown.get(span.type) ?? 0) >= misses) continue;
      shown.set(span.type, (shown.get(span.type) ?? 0) + 1);
      console.log(
        `missed ${span.type}: ${JSON.stringify(text.slice(span.start, span.end))} in ${JSON.stringify(text.slice(Math.max(0, span.start - 30), span.end + 20))}`,
      );
    }
  }
}
