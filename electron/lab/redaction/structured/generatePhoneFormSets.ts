// Writes the two phone tuning sets of phoneFormSets.ts (issue 15.3) to a folder outside the repository.
//   node --import tsx electron/lab/redaction/structured/generatePhoneFormSets.ts --seed 16 --out /tmp/phone-forms
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fakerLocaleRows, phoneFormRows } from './phoneFormSets.ts';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '16' }, out: { type: 'string', default: '/tmp/phone-forms' } },
});
const seed = Number(values.seed);
mkdirSync(values.out, { recursive: true });
const sets = { 'phone-forms.jsonl': phoneFormRows(seed, 1500), 'faker-locales.jsonl': fakerLocaleRows(seed, 30) };
for (const [name, rows] of Object.entries(sets)) {
  writeFileSync(path.join(values.out, name), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  console.log(`${path.join(values.out, name)}: ${rows.length} texts, seed ${seed}`);
}
