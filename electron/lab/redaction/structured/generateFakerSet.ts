// A second structured set whose values come from @faker-js/faker's locale data and formats (written
// by Faker's authors, not here), in plain carrier sentences; a check that the detectors were not
// fitted to our own generator (issue 15, point 3).
//   node --import tsx electron/lab/redaction/structured/generateFakerSet.ts [--seed 15] [--count 1000]
// Output: test/fixtures/redaction/structured/faker.jsonl.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  fakerDE,
  fakerDE_AT,
  fakerDE_CH,
  fakerEN_AU,
  fakerEN_CA,
  fakerEN_GB,
  fakerEN_US,
  fakerES,
  fakerFR,
  fakerIT,
  fakerNL,
  fakerPL,
  fakerPT_BR,
  fakerSV,
  type Faker,
} from '@faker-js/faker';

const locales: readonly Faker[] = [
  fakerEN_US,
  fakerEN_US,
  fakerEN_GB,
  fakerEN_AU,
  fakerEN_CA,
  fakerDE,
  fakerDE_AT,
  fakerDE_CH,
  fakerFR,
  fakerES,
  fakerIT,
  fakerNL,
  fakerPL,
  fakerPT_BR,
  fakerSV,
];

type Value = { value: string; type: string };
const makers: readonly ((faker: Faker) => Value)[] = [
  (faker) => {
    const street = faker.location.streetAddress(faker.datatype.boolean());
    const city = faker.datatype.boolean(0.7)
      ? `, ${faker.location.zipCode()} ${faker.location.city()}`
      : `, ${faker.location.city()}`;
    return { value: `${street}${city}`, type: 'street_address' };
  },
  (faker) => ({ value: faker.location.streetAddress(true), type: 'street_address' }),
  (faker) => ({ value: faker.phone.number(), type: 'phone' }),
  (faker) => ({
    value: faker.phone.number({ style: faker.datatype.boolean() ? 'international' : 'national' }),
    type: 'phone',
  }),
  (faker) => ({ value: faker.finance.creditCardNumber(), type: 'credit_card' }),
  (faker) => ({ value: faker.finance.iban({ formatted: faker.datatype.boolean() }), type: 'iban' }),
  (faker) => ({ value: faker.internet.email(), type: 'email' }),
  (faker) => ({ value: faker.internet.jwt(), type: 'jwt' }),
];
const carriers = [
  'Please use {} for this.',
  'As discussed: {}',
  '{}',
  'Updated record -> {} (verified)',
  'They wrote back with {} yesterday.',
];

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '15' }, count: { type: 'string', default: '1200' } },
});
const rows: { text: string; spans: { start: number; end: number; type: string }[]; category: string }[] = [];
for (let index = 0; index < Number(values.count); index++) {
  const faker = locales[index % locales.length] ?? fakerEN_US;
  faker.seed(Number(values.seed) * 100_000 + index);
  const { value, type } = makers[Math.floor(index / locales.length) % makers.length]?.(faker) ?? {
    value: '',
    type: '',
  };
  const [head = '', tail = ''] = faker.helpers.arrayElement(carriers).split('{}');
  rows.push({
    text: head + value + tail,
    spans: [{ start: head.length, end: head.length + value.length, type }],
    category: type,
  });
}
const folder = path.join(import.meta.dirname, '../../../../test/fixtures/redaction/structured');
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'faker.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n') + '\n');
console.log(`faker.jsonl: ${rows.length} texts, seed ${values.seed}`);
