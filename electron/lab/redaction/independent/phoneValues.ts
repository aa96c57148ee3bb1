// Phone numbers in the forms people write them, for the independent phone set: numbers valid in
// Google's libphonenumber metadata (libphonenumber-js) for 26 countries people commonly write from,
// drawn fresh (mobile and fixed line), plus faker's and chance's own phone formats; written national,
// international, E.164, dialled from abroad, with dots or no separators, `+44 (0)` style, and with
// extensions in several spellings. Shares no code with the detectors.
import {
  getExampleNumber,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { pick, type FakeSource } from './fakeValues.ts';

const countries: readonly CountryCode[] = [
  'US',
  'US',
  'US',
  'CA',
  'GB',
  'GB',
  'DE',
  'DE',
  'FR',
  'FR',
  'ES',
  'IT',
  'NL',
  'BE',
  'CH',
  'AT',
  'SE',
  'NO',
  'DK',
  'PL',
  'PT',
  'IE',
  'BR',
  'MX',
  'IN',
  'AU',
  'JP',
  'CN',
  'ZA',
  'NG',
  'SG',
  'NZ',
];

/** A valid number of `country`: the mobile example with fresh digits, or a fresh fixed-line one. */
function drawNumber(source: FakeSource, country: CountryCode): PhoneNumber | undefined {
  const example = getExampleNumber(country, examples);
  if (example === undefined) return undefined;
  const national = String(example.nationalNumber);
  for (let attempt = 0; attempt < 60; attempt++) {
    const isMobile = attempt >= 40 || source.random() < 0.5;
    const keep = isMobile ? Math.min(3, national.length - 4) : 0;
    let digits = national.slice(0, keep);
    for (let index = keep; index < national.length; index++) {
      digits += String(index === 0 ? 2 + Math.floor(source.random() * 8) : Math.floor(source.random() * 10));
    }
    const number = parsePhoneNumberFromString(`+${example.countryCallingCode}${digits}`);
    if (number?.isValid() === true) return number;
  }
  return example;
}

const extensions = [' x{}', 'x{}', ' ext. {}', ' ext {}', ', ext. {}', ' Ext. {}', ' extension {}', ' #{}'];

/** The written forms of one number. */
function forms(number: PhoneNumber, source: FakeSource): string {
  const national = number.formatNational();
  const international = number.formatInternational();
  const style = source.random();
  if (style < 0.3) return national;
  if (style < 0.55) return international;
  if (style < 0.62) return number.number;
  if (style < 0.7) {
    const fromCountry = pick(source, ['FR', 'DE', 'GB', 'US', 'CH', 'BR'] as const);
    const idd = number.format('IDD', { fromCountry });
    return idd === undefined || idd.includes('undefined') ? international : idd;
  }
  if (style < 0.8) return national.replace(/[ -]/g, '.').replace(/[()]/g, '');
  if (style < 0.88 && number.country === 'US') {
    const digits = String(number.nationalNumber);
    return pick(source, [
      `(${digits.slice(0, 3)})${digits.slice(3, 6)}-${digits.slice(6)}`,
      `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`,
      `1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`,
      `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`,
    ]);
  }
  if (style < 0.94 && ['GB', 'DE', 'CH', 'AT', 'NL', 'FR'].includes(number.country ?? '')) {
    return `+${number.countryCallingCode} (0)${international.replace(/^\+\d+ /, '')}`;
  }
  return national.replace(/\D/g, '');
}

/** A phone number as people write it, from libphonenumber's metadata, faker or chance. */
export function phoneNumber(source: FakeSource): string {
  const origin = source.random();
  let value: string;
  if (origin < 0.15) {
    source.faker.seed(Math.floor(source.random() * 2 ** 31));
    value = source.faker.phone.number({ style: pick(source, ['human', 'national', 'international'] as const) });
  } else if (origin < 0.25) {
    value = source.chance.phone({ country: pick(source, ['us', 'uk', 'fr'] as const), mobile: source.random() < 0.5 });
  } else {
    const number = drawNumber(source, pick(source, countries));
    value = number === undefined ? source.chance.phone() : forms(number, source);
  }
  if (source.random() < 0.12 && !/x\d/.test(value)) {
    value += pick(source, extensions).replace('{}', String(source.chance.integer({ min: 1, max: 9999 })));
  }
  return value;
}
