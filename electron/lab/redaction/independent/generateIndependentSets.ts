// Labelled redaction sets from generators the detectors were not written against (issue 15): names
// (synthetic PII sentences), street addresses, phone numbers, and cards/IBANs/secrets/passwords/paths,
// with values from @faker-js/faker (many locales), chance and libphonenumber-js metadata, in
// sentences written for this generator. No code is shared with the detectors.
//   node --import tsx electron/lab/redaction/independent/generateIndependentSets.ts --seed 2 --out /tmp/pii-2
// Writes names.jsonl, addresses.jsonl, phones.jsonl and structured.jsonl into --out (kept out of the
// repository; regenerate them, the output is the same for the same seed and installed packages).
// Seed 1 is the tuning seed; seed 2 is the reported one, not looked at while changing the detectors.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compose, fillTemplate, typed, type LabelledText, type Piece } from './composeText.ts';
import {
  cardNumber,
  emailAddress,
  fakeSource,
  iban,
  password,
  pathWithPersonalData,
  personName,
  pick,
  secretBlob,
  streetAddress,
  type FakeSource,
} from './fakeValues.ts';
import { phoneNumber } from './phoneValues.ts';
import { addressTemplates, nameTemplates, phoneTemplates, structuredTemplates } from './piiTemplates.ts';

/** The piece one `{slot}` of a template stands for. */
function fillSlot(source: FakeSource, slot: string): Piece {
  switch (slot) {
    case 'person':
      return typed('person', personName(source).full);
    case 'given':
      return typed('person', personName(source, 'given').given);
    case 'phone':
      return typed('phone', phoneNumber(source));
    case 'email':
      return typed('email', emailAddress(source));
    case 'address':
      return typed('street_address', streetAddress(source));
    case 'card':
      return typed('credit_card', cardNumber(source));
    case 'iban':
      return typed('iban', iban(source));
    case 'secret': {
      const { value, type } = secretBlob(source);
      return typed(type, value);
    }
    case 'password':
      return typed('password', password(source));
    case 'pin':
      return typed('password', String(source.chance.integer({ min: 1000, max: 999999 })));
    case 'path':
      return pathWithPersonalData(source);
    default:
      throw new Error(`unknown slot {${slot}}`);
  }
}

/** `count` texts from `templates`, a share of them (`lowerCaseShare`) written all in lower case. */
function generate(
  source: FakeSource,
  templates: readonly string[],
  count: number,
  category: string,
  lowerCaseShare: number,
): LabelledText[] {
  const rows: LabelledText[] = [];
  for (let index = 0; index < count; index++) {
    const template = pick(source, templates);
    const pieces = fillTemplate(template, (slot) => fillSlot(source, slot));
    const isLower = source.random() < lowerCaseShare;
    rows.push(
      compose(pieces, isLower ? `${category}:lower` : category, isLower ? (text) => text.toLowerCase() : undefined),
    );
  }
  return rows;
}

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2' },
    out: { type: 'string' },
    count: { type: 'string', default: '800' },
  },
});
if (values.out === undefined) throw new Error('--out DIR is required (the sets stay out of the repository)');
const seed = Number(values.seed);
const count = Number(values.count);
const sets: Record<string, LabelledText[]> = {
  'names.jsonl': generate(fakeSource(seed * 4 + 0), nameTemplates, count, 'names', 0.15),
  'addresses.jsonl': generate(fakeSource(seed * 4 + 1), addressTemplates, count, 'addresses', 0.1),
  'phones.jsonl': generate(fakeSource(seed * 4 + 2), phoneTemplates, count, 'phones', 0),
  'structured.jsonl': generate(fakeSource(seed * 4 + 3), structuredTemplates, count, 'structured', 0.05),
};
mkdirSync(values.out, { recursive: true });
for (const [file, rows] of Object.entries(sets)) {
  writeFileSync(path.join(values.out, file), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
  const spans = rows.reduce((sum, row) => sum + row.spans.length, 0);
  console.log(`${path.join(values.out, file)}: ${rows.length} texts, ${spans} gold spans, seed ${seed}`);
}
