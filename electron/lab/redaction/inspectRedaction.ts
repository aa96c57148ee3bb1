// What the redactor missed and what it hid without a label, on a labelled JSONL set (for reading
// the errors behind `redact --eval`'s figures).
//   node --import tsx electron/lab/redaction/inspectRedaction.ts FILE [--misses 20] [--extra 20] [--type phone] [--rules-only]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Redactor } from '#core/privacy/Redactor.ts';
import { normaliseGoldType } from './overRedaction.ts';

type Span = { start: number; end: number; type: string };
type Row = { text: string; spans: Span[] };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    misses: { type: 'string', default: '20' },
    extra: { type: 'string', default: '20' },
    type: { type: 'string' },
    'rules-only': { type: 'boolean', default: false },
  },
});
const redactor = new Redactor(values['rules-only'] ? { detectNames: () => [] } : {});
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
const show = (text: string, span: Span) =>
  `${JSON.stringify(text.slice(span.start, span.end))} in ${JSON.stringify(text.slice(Math.max(0, span.start - 30), span.end + 25))}`;
const misses: string[] = [];
const extras: string[] = [];
for (const file of positionals) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as Row;
    const gold = row.spans.map((span) => ({ ...span, type: normaliseGoldType(span.type) }));
    const predicted = redactor.detect(row.text);
    for (const span of gold) {
      if (values.type !== undefined && span.type !== values.type) continue;
      if (predicted.some((other) => other.type === span.type && overlaps(span, other))) continue;
      const other = predicted.find((candidate) => overlaps(span, candidate));
      misses.push(`missed ${span.type}${other === undefined ? '' : ` (as ${other.type})`}: ${show(row.text, span)}`);
    }
    for (const span of predicted) {
      if (values.type !== undefined && span.type !== values.type) continue;
      if (gold.some((other) => overlaps(span, other) && other.start <= span.start && span.end <= other.end)) continue;
      extras.push(`extra ${span.type}: ${show(row.text, span)}`);
    }
  }
}
console.log(misses.slice(0, Number(values.misses)).join('\n'));
console.log(`${misses.length} misses\n`);
console.log(extras.slice(0, Number(values.extra)).join('\n'));
console.log(`${extras.length} spans reaching outside the gold`);
