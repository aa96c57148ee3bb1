// What a chat follow-up's redaction hides when the vault knows the earlier turns (review C1/C2), on
// labelled text we did not write: consecutive CoNLL sentences of one file stand for a chat's turns.
// For each text after the first of a window, the earlier texts of the window are placed in a fresh
// vault first (what `RedactorOptions.knownTexts` does), then the text is redacted. Prints, against the
// same texts redacted with an empty vault: over-redaction (unlabelled characters hidden) and how many
// gold person spans are hidden (any type).
// node --import tsx bench/followupRedaction.ts FILE.jsonl [WINDOW=8]
import { readFileSync } from 'node:fs';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { Redactor } from '#core/privacy/Redactor.ts';

type Row = { text: string; spans: { start: number; end: number; type: string }[] };
const file = process.argv[2];
if (file === undefined) throw new Error('usage: bench/followupRedaction.ts FILE.jsonl [WINDOW=8]');
const window = Number(process.argv[3] ?? 8);
const rows = readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Row);
const redactor = new Redactor();
const totals = {
  empty: { over: 0, persons: 0 },
  known: { over: 0, persons: 0 },
  unlabelled: 0,
  goldPersons: 0,
  texts: 0,
};
for (let index = 0; index < rows.length; index++) {
  const row = rows[index];
  if (row === undefined || index % window === 0) continue;
  const earlier = rows.slice(index - (index % window), index).map((earlierRow) => earlierRow.text);
  const seeded = new RedactionVault();
  for (const text of earlier) redactor.placeEntities(text, seeded);
  const labelled = new Uint8Array(row.text.length);
  for (const span of row.spans) labelled.fill(1, span.start, span.end);
  totals.unlabelled += labelled.length - labelled.reduce((sum, value) => sum + value, 0);
  const persons = row.spans.filter((span) => span.type.toUpperCase().startsWith('PER'));
  totals.goldPersons += persons.length;
  totals.texts++;
  for (const [mode, vault] of [
    ['empty', new RedactionVault()],
    ['known', seeded],
  ] as const) {
    const placed = redactor.placeEntities(row.text, vault);
    const hidden = new Uint8Array(row.text.length);
    for (const span of placed) hidden.fill(1, span.start, span.end);
    for (let at = 0; at < hidden.length; at++) if (hidden[at] === 1 && labelled[at] === 0) totals[mode].over++;
    totals[mode].persons += persons.filter((span) => hidden.subarray(span.start, span.end).includes(1)).length;
  }
}
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(2)}%`;
console.log(`${file}: ${totals.texts} follow-up texts (windows of ${window}), ${totals.goldPersons} gold persons`);
console.log('| vault | over-redaction (unlabelled chars) | gold persons hidden |');
console.log('|---|---|---|');
for (const mode of ['empty', 'known'] as const) {
  const { over, persons } = totals[mode];
  console.log(
    `| ${mode} | ${over} of ${totals.unlabelled} (${percent(over, totals.unlabelled)}) | ${persons} (${percent(persons, totals.goldPersons)}) |`,
  );
}
