import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InvalidRequestError } from '#core/errors.ts';
import { Redactor } from '#core/privacy/Redactor.ts';
import { falsePositiveRate, scoreRedaction, type EvaluatedText } from '#lab/redaction/evaluateRedaction.ts';
import { normaliseGoldType, overRedaction } from '#lab/redaction/overRedaction.ts';
import type { Command } from './Command.ts';

const usage = `redact --jsonl FILE                      one {"spans","redacted"} line per {"text"} line
  redact --eval --jsonl FILE [--jsonl FILE ...] [--negatives FILE2]
      per set: recall and precision per type against gold "spans" ({"text","spans":[{"start","end","type"}]};
      CoNLL's PERSON/LOCATION/ORGANIZATION count as person/location/organization) and over-redaction
      (redacted characters outside every gold span); the FPR on FILE2
  --rules-only  without the learned name recogniser (models/ner): rules and word lists only`;

type Row = {
  readonly text: string;
  readonly spans?: readonly { start: number; end: number; type: string }[];
  readonly category?: string;
};

/** Parses a JSONL file of `{"text": ...}` objects; a bad line is an error naming its number. */
async function readRows(file: string, needsSpans: boolean): Promise<Row[]> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidRequestError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const rows: Row[] = [];
  for (const [index, line] of content.split('\n').entries()) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InvalidRequestError(
        `${file} line ${index + 1} is not valid JSON; each line must be an object like {"text": "..."}.`,
      );
    }
    if (typeof value !== 'object' || value === null || typeof (value as { text?: unknown }).text !== 'string') {
      throw new InvalidRequestError(
        `${file} line ${index + 1} has no "text" string; each line must be an object like {"text": "..."}.`,
      );
    }
    const spans = (value as { spans?: unknown }).spans;
    if (needsSpans && !Array.isArray(spans)) {
      throw new InvalidRequestError(
        `${file} line ${index + 1} has no "spans" array, which --eval needs as the gold labels.`,
      );
    }
    rows.push(value as Row);
  }
  return rows;
}

const format = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(3));

/** `npm run cli -- redact ...`: redact JSONL texts for scripted evaluation, or score them against gold spans. */
export const redactCommand: Command = {
  name: 'redact',
  summary: 'Redact {"text"} JSONL lines to {"spans","redacted"} lines, or --eval them against gold spans.',
  usage,
  async run({ args, print }) {
    const { values } = parseArgs({
      args: [...args],
      options: {
        jsonl: { type: 'string', multiple: true },
        eval: { type: 'boolean', default: false },
        negatives: { type: 'string' },
        'rules-only': { type: 'boolean', default: false },
      },
    });
    const files = values.jsonl ?? [];
    if (files.length === 0) throw new InvalidRequestError(`redact needs --jsonl FILE.\n${usage}`);
    // --rules-only: without the learned name recogniser, the baseline it is measured against.
    const redactor = new Redactor(values['rules-only'] ? { detectNames: () => [] } : {});
    if (!values.eval) {
      for (const file of files) {
        for (const row of await readRows(file, false)) {
          const { redacted, spans } = redactor.redact(row.text);
          print(JSON.stringify({ spans, redacted }));
        }
      }
      return;
    }
    for (const [index, file] of files.entries()) {
      const rows = await readRows(file, true);
      const evaluated: EvaluatedText[] = rows.map((row) => ({
        text: row.text,
        gold: (row.spans ?? []).map((span) => ({ ...span, type: normaliseGoldType(span.type) })),
        predicted: redactor.detect(row.text),
      }));
      const { types, overall } = scoreRedaction(evaluated);
      const over = overRedaction(evaluated);
      if (index > 0) print('');
      print(`${file}: ${rows.length} texts; a gold span is found when a predicted span of the same type overlaps it`);
      print('| type | gold | predicted | recall | hidden (any type) | precision |');
      print('|---|---|---|---|---|---|');
      for (const row of [...types, overall]) {
        print(
          `| ${row.type} | ${row.gold} | ${row.predicted} | ${format(row.recall)} | ${format(row.hiddenRate)} | ${format(row.precision)} |`,
        );
      }
      print(
        `over-redaction: ${over.redacted} of ${over.unlabelled} unlabelled characters redacted (${(100 * over.rate).toFixed(2)}%)`,
      );
    }
    if (values.negatives !== undefined) {
      const negatives = await readRows(values.negatives, false);
      const byCategory = new Map<string, { text: string; predicted: ReturnType<Redactor['detect']> }[]>();
      for (const row of negatives) {
        const key = row.category ?? 'all';
        const list = byCategory.get(key) ?? [];
        list.push({ text: row.text, predicted: redactor.detect(row.text) });
        byCategory.set(key, list);
      }
      print('');
      print('| negative set | texts | texts with any redaction | FPR (texts) | FPR (characters) |');
      print('|---|---|---|---|---|');
      for (const [category, texts] of [...byCategory.entries(), ['all', [...byCategory.values()].flat()] as const]) {
        const rate = falsePositiveRate(texts);
        print(
          `| ${category} | ${rate.texts} | ${rate.flagged} | ${format(rate.textRate)} | ${rate.characterRate.toFixed(5)} |`,
        );
      }
    }
  },
};
