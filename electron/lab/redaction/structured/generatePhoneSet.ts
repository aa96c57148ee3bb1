// A held-out phone set whose numbers and formats come from libphonenumber-js (Google's libphonenumber
// metadata: one example mobile number per country, its trailing digits re-drawn, then formatted the
// way that country's plan writes it: national, international, E.164, dialled from abroad with the
// IDD prefix, some with an extension). Written to check the phone detector on formats nobody here
// chose; it is reported, not tuned on (issue 15, point 3).
//   node --import tsx electron/lab/redaction/structured/generatePhoneSet.ts [--seed 15] [--count 1000]
// Output: test/fixtures/redaction/structured/phones.jsonl.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  getCountries,
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type Extension,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '15' }, count: { type: 'string', default: '1000' } },
});

// mulberry32: a small seeded generator, so the set is reproducible.
let state = Number(values.seed) >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const carriers = [
  '{}',
  'Please use {} for this.',
  'As discussed: {}',
  'They wrote back with {} yesterday.',
  'Updated record -> {} (verified)',
  'Phone: {}',
  'You can call me on {} after six.',
  'Mobile {} / office hours only',
  'Tel. {}',
  'Ruf mich unter {} an.',
  'Mon numéro est le {}.',
  'Contacto: {}',
  'WhatsApp {} if urgent',
  'The customer (ID 48213) left {} as a callback number on 2024-03-18.',
];
const countries = getCountries().filter((country) => getExampleNumber(country, examples) !== undefined);

/** An example mobile number of `country` with its last digits re-drawn, or undefined if that makes it invalid. */
function drawNumber(country: CountryCode) {
  const example = getExampleNumber(country, examples);
  if (example === undefined) return undefined;
  const national = String(example.nationalNumber);
  const keep = Math.min(national.length - 2, 3);
  let digits = national.slice(0, keep);
  for (let index = keep; index < national.length; index++) digits += String(Math.floor(random() * 10));
  const number = parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}`);
  return number?.isValid() ? number : example;
}

const rows: { text: string; spans: { start: number; end: number; type: string }[]; category: string }[] = [];
for (let index = 0; rows.length < Number(values.count) && index < Number(values.count) * 3; index++) {
  const country = countries[index % countries.length] as CountryCode;
  const number = drawNumber(country);
  if (number === undefined) continue;
  if (random() < 0.1) number.ext = String(1 + Math.floor(random() * 999)) as Extension;
  const style = pick(['national', 'national', 'international', 'international', 'e164', 'idd'] as const);
  const fromCountry = pick(['FR', 'DE', 'GB', 'IT', 'ES', 'NL', 'CH', 'BR', 'IN', 'CN'] as const);
  const formatted =
    style === 'national'
      ? number.formatNational()
      : style === 'international'
        ? number.formatInternational()
        : style === 'e164'
          ? number.number
          : number.format('IDD', { fromCountry });
  // IDD from a country that shares the calling code has no prefix to dial: write it internationally.
  const value = formatted === undefined || formatted.includes('undefined') ? number.formatInternational() : formatted;
  const [head = '', tail = ''] = pick(carriers).split('{}');
  rows.push({
    text: head + value + tail,
    spans: [{ start: head.length, end: head.length + value.length, type: 'phone' }],
    category: `${country}:${style}`,
  });
}
const folder = path.join(import.meta.dirname, '../../../../test/fixtures/redaction/structured');
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'phones.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
console.log(`phones.jsonl: ${rows.length} texts from ${countries.length} countries, seed ${values.seed}`);
