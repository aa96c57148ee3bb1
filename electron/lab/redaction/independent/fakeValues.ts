// Values for the independent redaction sets, from two fake-data generators the detectors were not
// written against: @faker-js/faker (many locales, formats by Faker's authors) and chance (its own
// name lists and invented street and city names). No code here is shared with the detectors.
import {
  fakerAR,
  fakerCS_CZ,
  fakerDE,
  fakerDE_AT,
  fakerDE_CH,
  fakerEL,
  fakerEN_AU,
  fakerEN_CA,
  fakerEN_GB,
  fakerEN_IN,
  fakerEN_NG,
  fakerEN_US,
  fakerES,
  fakerFA,
  fakerFI,
  fakerFR,
  fakerHE,
  fakerHU,
  fakerID_ID,
  fakerIT,
  fakerJA,
  fakerKO,
  fakerNL,
  fakerPL,
  fakerPT_BR,
  fakerRO,
  fakerRU,
  fakerSV,
  fakerTR,
  fakerUK,
  fakerVI,
  fakerZH_CN,
  type Faker,
} from '@faker-js/faker';
import { Chance } from 'chance';
import { typed, type Piece } from './composeText.ts';

/** A seeded source of values: every generator below draws only from it. */
export type FakeSource = { readonly faker: Faker; readonly chance: Chance.Chance; readonly random: () => number };

/** Locales whose people the name set draws from, and how they write a full name. */
const nameLocales: readonly { faker: Faker; isFamilyFirst?: boolean; isJoined?: boolean }[] = [
  { faker: fakerEN_US },
  { faker: fakerEN_GB },
  { faker: fakerDE },
  { faker: fakerFR },
  { faker: fakerES },
  { faker: fakerIT },
  { faker: fakerPT_BR },
  { faker: fakerPL },
  { faker: fakerNL },
  { faker: fakerSV },
  { faker: fakerTR },
  { faker: fakerRU },
  { faker: fakerUK },
  { faker: fakerEL },
  { faker: fakerCS_CZ },
  { faker: fakerRO },
  { faker: fakerFI },
  { faker: fakerEN_IN },
  { faker: fakerEN_NG },
  { faker: fakerID_ID },
  { faker: fakerAR },
  { faker: fakerFA },
  { faker: fakerHE },
  { faker: fakerHU, isFamilyFirst: true },
  { faker: fakerVI, isFamilyFirst: true },
  { faker: fakerZH_CN, isFamilyFirst: true, isJoined: true },
  { faker: fakerJA, isFamilyFirst: true, isJoined: true },
  { faker: fakerKO, isFamilyFirst: true, isJoined: true },
];

/** Locales whose street addresses the address set draws from (Latin-script postal formats). */
export const addressLocales: readonly { faker: Faker; style: 'us' | 'gb' | 'zip-city' | 'city-zip' }[] = [
  { faker: fakerEN_US, style: 'us' },
  { faker: fakerEN_CA, style: 'us' },
  { faker: fakerEN_AU, style: 'us' },
  { faker: fakerEN_GB, style: 'gb' },
  { faker: fakerDE, style: 'zip-city' },
  { faker: fakerDE_AT, style: 'zip-city' },
  { faker: fakerDE_CH, style: 'zip-city' },
  { faker: fakerFR, style: 'zip-city' },
  { faker: fakerES, style: 'zip-city' },
  { faker: fakerIT, style: 'zip-city' },
  { faker: fakerNL, style: 'zip-city' },
  { faker: fakerPT_BR, style: 'city-zip' },
  { faker: fakerPL, style: 'zip-city' },
  { faker: fakerSV, style: 'zip-city' },
];

/** A seeded source: faker instances are reseeded from `seed` per text, chance once. */
export function fakeSource(seed: number): FakeSource {
  const chance = new Chance(seed);
  return { faker: fakerEN_US, chance, random: () => chance.floating({ min: 0, max: 1 }) };
}

/** An element of `items`, drawn from `source`. */
export function pick<T>(source: FakeSource, items: readonly T[]): T {
  return items[Math.floor(source.random() * items.length) % items.length] as T;
}

/** A person's name: given and family name from one faker locale or from chance, as the locale writes it. */
export function personName(source: FakeSource, form: 'full' | 'given' = 'full'): { given: string; full: string } {
  if (source.random() < 0.3) {
    const nationality = pick(source, ['en', 'en', 'it'] as const);
    const given = source.chance.first({ nationality });
    const family = source.chance.last({ nationality });
    return { given, full: form === 'given' ? given : `${given} ${family}` };
  }
  const locale = pick(source, nameLocales);
  locale.faker.seed(Math.floor(source.random() * 2 ** 31));
  const given = locale.faker.person.firstName();
  const family = locale.faker.person.lastName();
  if (form === 'given') return { given, full: given };
  const separator = locale.isJoined === true ? '' : ' ';
  return { given, full: locale.isFamilyFirst === true ? `${family}${separator}${given}` : `${given} ${family}` };
}

/** A street address in the postal format of a locale (or of chance's invented US places). */
export function streetAddress(source: FakeSource): string {
  const separator = source.random() < 0.2 ? '\n' : ', ';
  if (source.random() < 0.25) {
    const { chance } = source;
    const street = chance.address({ short_suffix: source.random() < 0.4 });
    const unit =
      source.random() < 0.25
        ? ` ${pick(source, ['Apt', 'Apt.', 'Suite', 'Unit', '#'])} ${chance.integer({ min: 1, max: 999 })}`
        : '';
    const shape = source.random();
    if (shape < 0.3) return street + unit;
    return `${street}${unit}${separator}${chance.city()}, ${chance.state()} ${chance.zip({ plusfour: source.random() < 0.2 })}`;
  }
  const { faker, style } = pick(source, addressLocales);
  faker.seed(Math.floor(source.random() * 2 ** 31));
  const street = faker.location.streetAddress(source.random() < 0.35);
  const shape = source.random();
  if (shape < 0.25) return street;
  const city = faker.location.city();
  const zip = faker.location.zipCode();
  if (style === 'us') {
    const state = faker.location.state({ abbreviated: true });
    return shape < 0.4 ? `${street}${separator}${city}` : `${street}${separator}${city}, ${state} ${zip}`;
  }
  if (style === 'gb') return `${street}${separator}${city}${separator}${zip}`;
  if (style === 'city-zip') return `${street}${separator}${city}${separator}${zip}`;
  return shape < 0.4 ? `${street}${separator}${city}` : `${street}${separator}${zip} ${city}`;
}

/** A payment card number as people write it: compact, in groups of four, with dashes, or wrapped. */
export function cardNumber(source: FakeSource): string {
  const raw =
    source.random() < 0.5
      ? source.chance.cc({ type: pick(source, ['Visa', 'Mastercard', 'American Express', 'Discover Card', 'JCB']) })
      : source.faker.finance.creditCardNumber(pick(source, ['visa', 'mastercard', 'amex', 'discover', 'jcb']));
  const digits = raw.replace(/\D/g, '');
  const groups =
    digits.length === 15
      ? [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)]
      : (digits.match(/.{1,4}/g) ?? []);
  const style = source.random();
  if (style < 0.2) return digits;
  if (style < 0.5) return groups.join(' ');
  if (style < 0.75) return groups.join('-');
  const cut = 1 + Math.floor(source.random() * (groups.length - 1));
  return `${groups.slice(0, cut).join(' ')}\n${groups.slice(cut).join(' ')}`;
}

/** An IBAN: compact, grouped, or wrapped over a line break (between groups or inside one). */
export function iban(source: FakeSource): string {
  source.faker.seed(Math.floor(source.random() * 2 ** 31));
  const grouped = source.faker.finance.iban({ formatted: true });
  const style = source.random();
  if (style < 0.3) return grouped.replace(/ /g, '');
  if (style < 0.6) return grouped;
  const at = 6 + Math.floor(source.random() * (grouped.length - 10));
  return grouped[at] === ' '
    ? `${grouped.slice(0, at)}\n${grouped.slice(at + 1)}`
    : `${grouped.slice(0, at)}\n${grouped.slice(at)}`;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A secret by shape only: base64 (padded or url-safe), hex, or a JWT. */
export function secretBlob(source: FakeSource): { value: string; type: string } {
  const kind = source.random();
  if (kind < 0.2) {
    source.faker.seed(Math.floor(source.random() * 2 ** 31));
    return { value: source.faker.internet.jwt(), type: 'jwt' };
  }
  if (kind < 0.5) {
    const length = pick(source, [32, 40, 48, 64]);
    return { value: source.chance.string({ length, pool: '0123456789abcdef' }), type: 'secret' };
  }
  const bytes = pick(source, [18, 24, 32, 33, 48]);
  let value = source.chance.string({ length: Math.ceil((bytes * 4) / 3), pool: base64Alphabet });
  if (kind < 0.7) value = value.replace(/\+/g, '-').replace(/\//g, '_');
  else value += '='.repeat((4 - (value.length % 4)) % 4);
  return { value, type: 'secret' };
}

/** A password or passphrase as people choose them: random, words, words with digits, a PIN. */
export function password(source: FakeSource): string {
  const kind = source.random();
  source.faker.seed(Math.floor(source.random() * 2 ** 31));
  if (kind < 0.3) return source.faker.internet.password({ length: 10 + Math.floor(source.random() * 8) });
  if (kind < 0.55) return source.faker.word.words(3 + Math.floor(source.random() * 2));
  if (kind < 0.75)
    return `${source.faker.word.noun()}${source.chance.integer({ min: 1, max: 9999 })}${pick(source, ['!', '#', '', '?'])}`;
  if (kind < 0.88) return source.faker.word.words(3).replace(/ /g, pick(source, ['-', '_', '.']));
  return String(source.chance.integer({ min: 1000, max: 999999 }));
}

/** An e-mail address from faker or chance. */
export function emailAddress(source: FakeSource): string {
  if (source.random() < 0.4) return source.chance.email();
  source.faker.seed(Math.floor(source.random() * 2 ** 31));
  return source.faker.internet.email();
}

/** A file path or name that holds a person's name or an e-mail address. */
export function pathWithPersonalData(source: FakeSource): Piece {
  const name = personName(source);
  const [given = '', family = ''] = name.full.split(' ');
  const joiner = pick(source, ['_', '-', '.', ' ']);
  const nameInFile = source.random() < 0.5 ? `${given}${joiner}${family}` : `${given}${joiner}${family}`.toLowerCase();
  const folder = pick(source, [
    '/home/admin/Documents/',
    'C:\\Users\\Public\\Scans\\',
    '~/Downloads/',
    '/srv/hr/contracts/',
    'D:\\HR\\2024\\',
    '',
  ]);
  const kind = source.random();
  if (kind < 0.35)
    return typed(
      null,
      folder,
      typed('person', nameInFile),
      pick(source, ['_CV.pdf', '-passport.jpg', '_contract_signed.docx', '.vcf', ' payslip.pdf']),
    );
  if (kind < 0.55)
    return typed(
      null,
      folder,
      pick(source, ['invoice_', 'scan-', 'offer for ']),
      typed('person', nameInFile),
      pick(source, ['.pdf', '.png', '_2024.xlsx']),
    );
  return typed(
    null,
    folder,
    typed('email', emailAddress(source)),
    pick(source, ['.eml', '.txt', '_export.csv', '/inbox.mbox']),
  );
}
