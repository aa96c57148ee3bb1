// Two phone tuning sets for the phone detector (issue 15.3), kept out of the repository:
// - phone-forms.jsonl: libphonenumber-js numbers (mobile, or fixed line where the plan has them, of
//   random countries) written national, international, dialled from abroad or E.164, then re-written
//   the ways people change them (dots, dashes, `(0)`, a bracketed first group, an extension) in
//   carriers in 15 languages;
// - faker-locales.jsonl: faker's own phone formats for every faker locale, mostly without a phone word.
// Tune on these; report on the independent sets' seed 2 and on libphonenumber's odd lines.
// Written by generatePhoneFormSets.ts.
import { allFakers } from '@faker-js/faker';
import { getCountries, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { createRandom, pick, type Random } from './structuredValues.ts';

type Row = { text: string; spans: { start: number; end: number; type: 'phone' }[]; category: string };

const formCarriers = [
  '{}',
  'Tel: {}',
  'tel. {}',
  'Fax {}',
  'Mobile: {}',
  'cell {}',
  'Telefon: {}',
  'Tél. : {}',
  'téléphone {}',
  'телефон {}',
  '电话：{}',
  'WhatsApp: {}',
  'ring me on {}',
  'Call {} tomorrow.',
  'Kontakt: {}',
  'Móvil {}',
  'Cellulare: {}',
  'Numer telefonu {}',
  'My number is {}.',
  'Office line {} (ask for Tom).',
  'Pls call {} asap',
  'Write to us or call {}.',
  'Nachricht an {} bitte.',
  'reach me at {} or by mail',
  'Hotline {} (24/7)',
  'Contact: Jane Roe, {}',
  'New number: {}',
  'sms {}',
  'Ph: {}',
  'M: {}',
  'T {}',
  'call back on {}',
  '{} is my mobile',
  'Her phone was {}.',
  'Numéro : {}',
  'Tlf. {}',
  'Puh. {}',
  'Tel/Fax {}',
];
const fakerCarriers = [
  '{}',
  'Please use {} for this.',
  'They wrote back with {} yesterday.',
  'Phone: {}',
  'Updated record -> {} (verified)',
  'ring {} after 5',
  'Kontakt {}',
];
const extensions = [' x', ' ext. ', ' ext ', ', ext. ', ' #', ' Durchwahl ', ' poste '];

/** `value` placed in `carrier` at `{}`, with its gold span. */
export function placePhone(carrier: string, value: string, category: string): Row {
  const [head = '', tail = ''] = carrier.split('{}');
  return {
    text: head + value + tail,
    spans: [{ start: head.length, end: head.length + value.length, type: 'phone' }],
    category,
  };
}

/** A valid number of `country`: a fixed line drawn from scratch or its example mobile re-drawn, or none. */
function drawNumber(country: CountryCode, random: Random) {
  const example = getExampleNumber(country, examples);
  if (example === undefined) return undefined;
  const wantsFixedLine = random() < 0.5;
  const length = String(example.nationalNumber).length;
  for (let attempt = 0; attempt < 40; attempt++) {
    let digits = wantsFixedLine ? String(2 + Math.floor(random() * 8)) : String(example.nationalNumber).slice(0, 2);
    while (digits.length < length) digits += String(Math.floor(random() * 10));
    const number = parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}`);
    const type = number?.getType();
    if (number?.isValid() && (!wantsFixedLine || type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE'))
      return number;
  }
  return undefined;
}

/** libphonenumber numbers in the written forms listed at the top. */
export function phoneFormRows(seed: number, count: number): Row[] {
  const random = createRandom(seed);
  const countries = getCountries();
  const rows: Row[] = [];
  for (let index = 0; rows.length < count && index < count * 20; index++) {
    const country = pick(random, countries);
    const number = drawNumber(country, random);
    if (number === undefined) continue;
    const style = pick(random, ['national', 'national', 'international', 'international', 'idd', 'e164'] as const);
    let value =
      style === 'national'
        ? number.formatNational()
        : style === 'international'
          ? number.formatInternational()
          : style === 'idd'
            ? (number.format('IDD', { fromCountry: pick(random, ['US', 'DE', 'FR', 'GB'] as const) }) ?? number.number)
            : number.number;
    const rewrite = random();
    if (rewrite < 0.15) value = value.replace(/(\d) (?=\d)/g, '$1.');
    else if (rewrite < 0.3) value = value.replace(/(\d) (?=\d)/g, '$1-');
    else if (rewrite < 0.4) value = value.replace(/^(\+\d+) (\d+)/, '$1 ($2)');
    else if (rewrite < 0.45) value = value.replace(/^(\+\d+) /, '$1 (0)');
    if (random() < 0.12) value += pick(random, extensions) + String(1 + Math.floor(random() * 9999));
    rows.push(placePhone(pick(random, formCarriers), value, `${country}:${style}`));
  }
  return rows;
}

/** Whether faker has phone formats for a locale (it throws for the few that have none). */
function hasPhoneFormats(draw: () => string): boolean {
  try {
    draw();
    return true;
  } catch {
    return false;
  }
}

/** `perLocale` numbers in faker's formats for every faker locale. */
export function fakerLocaleRows(seed: number, perLocale: number): Row[] {
  const rows: Row[] = [];
  for (const [locale, faker] of Object.entries(allFakers)) {
    faker.seed(seed);
    if (!hasPhoneFormats(() => faker.phone.number())) continue; // a locale without phone data of its own
    for (let index = 0; index < perLocale; index++) {
      const value = faker.phone.number({ style: index % 3 === 0 ? 'international' : 'human' });
      rows.push(placePhone(fakerCarriers[rows.length % fakerCarriers.length] ?? '{}', value, locale));
    }
  }
  return rows;
}
