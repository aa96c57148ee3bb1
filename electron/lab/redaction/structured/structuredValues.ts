// Values for the structured redaction set, written from the published conventions (issuer prefixes
// and lengths, ITU/national phone formats and Faker's en_US phone shapes, the IBAN registry,
// USPS/Royal Mail/Deutsche Post/La Poste address layouts), never from the detectors' patterns.

/** A seeded uniform generator in [0, 1) (mulberry32). */
export type Random = () => number;

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
export const digits = (random: Random, count: number): string =>
  Array.from({ length: count }, () => String(Math.floor(random() * 10))).join('');
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const letters = (random: Random, count: number): string =>
  Array.from({ length: count }, () => String.fromCharCode(65 + Math.floor(random() * 26))).join('');

function luhnComplete(partial: string): string {
  let sum = 0;
  for (let index = 0; index < partial.length; index++) {
    let digit = Number(partial[partial.length - 1 - index]);
    if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return partial + String((10 - (sum % 10)) % 10);
}

const issuers: readonly { prefix: (random: Random) => string; length: number; groups: readonly number[] }[] = [
  { prefix: () => '4', length: 16, groups: [4, 4, 4, 4] },
  { prefix: () => '4', length: 13, groups: [4, 4, 5] },
  { prefix: (r) => String(between(r, 51, 55)), length: 16, groups: [4, 4, 4, 4] },
  { prefix: (r) => String(between(r, 2221, 2720)), length: 16, groups: [4, 4, 4, 4] },
  { prefix: (r) => pick(r, ['34', '37']), length: 15, groups: [4, 6, 5] },
  { prefix: () => '6011', length: 16, groups: [4, 4, 4, 4] },
  { prefix: () => '65', length: 16, groups: [4, 4, 4, 4] },
  { prefix: (r) => String(between(r, 3528, 3589)), length: 16, groups: [4, 4, 4, 4] },
  { prefix: (r) => pick(r, ['36', '38', '300', '305']), length: 14, groups: [4, 6, 4] },
  { prefix: () => '62', length: 19, groups: [4, 4, 4, 4, 3] },
  { prefix: (r) => pick(r, ['5018', '6759', '6304']), length: 18, groups: [4, 4, 4, 4, 2] },
];

/** A Luhn-valid card number of a real issuer range, printed as people print them. */
export function creditCard(random: Random): string {
  const issuer = pick(random, issuers);
  let number = issuer.prefix(random);
  number += digits(random, issuer.length - 1 - number.length);
  number = luhnComplete(number);
  const grouped = (separator: string) => {
    const parts: string[] = [];
    let cursor = 0;
    for (const size of issuer.groups) parts.push(number.slice(cursor, (cursor += size)));
    return parts.join(separator);
  };
  const style = random();
  if (style < 0.3) return number;
  if (style < 0.6) return grouped(' ');
  if (style < 0.8) return grouped('-');
  if (style < 0.9) return grouped(' ').replace(/ (?=\d+ \d+$)/, '\n'); // wrapped over two lines
  return grouped('  ');
}

const phoneShapes: readonly ((random: Random) => string)[] = [
  // Faker en_US shapes.
  (r) => `${area(r)}-${digits(r, 3)}-${digits(r, 4)}`,
  (r) => `(${area(r)})${digits(r, 3)}-${digits(r, 4)}`,
  (r) => `(${area(r)}) ${digits(r, 3)}-${digits(r, 4)}`,
  (r) => `${area(r)}.${digits(r, 3)}.${digits(r, 4)}`,
  (r) => `+1-${area(r)}-${digits(r, 3)}-${digits(r, 4)}`,
  (r) => `001-${area(r)}-${digits(r, 3)}-${digits(r, 4)}x${digits(r, between(r, 3, 5))}`,
  (r) => `${area(r)}-${digits(r, 3)}-${digits(r, 4)}x${digits(r, 3)}`,
  (r) => `${area(r)}.${digits(r, 3)}.${digits(r, 4)} ext. ${digits(r, 3)}`,
  (r) => `+1 ${area(r)} ${digits(r, 3)} ${digits(r, 4)}`,
  (r) => `+1${area(r)}${digits(r, 3)}${digits(r, 4)}`,
  (r) => `1-800-${digits(r, 3)}-${digits(r, 4)}`,
  // United Kingdom.
  (r) => `+44 20 ${digits(r, 4)} ${digits(r, 4)}`,
  (r) => `020 ${digits(r, 4)} ${digits(r, 4)}`,
  (r) => `+44 (0)${between(r, 113, 191)} ${digits(r, 3)} ${digits(r, 4)}`,
  (r) => `07${digits(r, 3)} ${digits(r, 6)}`,
  (r) => `+44 7${digits(r, 3)} ${digits(r, 6)}`,
  // Germany, France, Spain, Italy, Netherlands, Switzerland.
  (r) => `+49 30 ${digits(r, 8)}`,
  (r) => `+49 (0)${between(r, 30, 89)} ${digits(r, 4)} ${digits(r, 3)}`,
  (r) => `0${between(r, 30, 89)}/${digits(r, 7)}`,
  (r) => `0151 ${digits(r, 8)}`,
  (r) => `+33 ${between(r, 1, 7)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  (r) => `0${between(r, 1, 7)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
  (r) => `0${between(r, 1, 7)}.${digits(r, 2)}.${digits(r, 2)}.${digits(r, 2)}.${digits(r, 2)}`,
  (r) => `+34 ${between(r, 6, 9)}${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
  (r) => `+39 0${digits(r, 2)} ${digits(r, 7)}`,
  (r) => `+31 (0)20 ${digits(r, 3)} ${digits(r, 4)}`,
  (r) => `+41 44 ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
  // Elsewhere.
  (r) => `+91 ${between(r, 70, 99)}${digits(r, 3)} ${digits(r, 5)}`,
  (r) => `+81 3-${digits(r, 4)}-${digits(r, 4)}`,
  (r) => `03-${digits(r, 4)}-${digits(r, 4)}`,
  (r) => `+61 2 ${digits(r, 4)} ${digits(r, 4)}`,
  (r) => `(02) ${digits(r, 4)} ${digits(r, 4)}`,
  (r) => `+86 1${between(r, 30, 89)} ${digits(r, 4)} ${digits(r, 4)}`,
  (r) => `+55 11 9${digits(r, 4)}-${digits(r, 4)}`,
  (r) => `+7 495 ${digits(r, 3)}-${digits(r, 2)}-${digits(r, 2)}`,
  (r) => `+27 21 ${digits(r, 3)} ${digits(r, 4)}`,
  (r) => `+353 1 ${digits(r, 3)} ${digits(r, 4)}`,
  (r) => `+65 ${between(r, 6, 9)}${digits(r, 3)} ${digits(r, 4)}`,
];

function area(random: Random): string {
  return `${between(random, 2, 9)}${digits(random, 2)}`;
}

/** A phone number in one of many national and international conventions. */
export function phone(random: Random): string {
  return pick(random, phoneShapes)(random);
}

const ibanCountries: readonly { code: string; bban: (random: Random) => string }[] = [
  { code: 'DE', bban: (r) => digits(r, 18) },
  { code: 'GB', bban: (r) => letters(r, 4) + digits(r, 14) },
  { code: 'FR', bban: (r) => digits(r, 23) },
  { code: 'ES', bban: (r) => digits(r, 20) },
  { code: 'IT', bban: (r) => letters(r, 1) + digits(r, 22) },
  { code: 'NL', bban: (r) => letters(r, 4) + digits(r, 10) },
  { code: 'BE', bban: (r) => digits(r, 12) },
  { code: 'CH', bban: (r) => digits(r, 17) },
  { code: 'AT', bban: (r) => digits(r, 16) },
  { code: 'PL', bban: (r) => digits(r, 24) },
  { code: 'SE', bban: (r) => digits(r, 20) },
  { code: 'IE', bban: (r) => letters(r, 4) + digits(r, 14) },
  { code: 'PT', bban: (r) => digits(r, 21) },
  { code: 'NO', bban: (r) => digits(r, 11) },
  { code: 'DK', bban: (r) => digits(r, 14) },
];

function mod97(numeric: string): number {
  let remainder = 0;
  for (const character of numeric) remainder = (remainder * 10 + Number(character)) % 97;
  return remainder;
}

/** A check-digit-valid IBAN of a registry country: compact, in groups of four, or wrapped. */
export function iban(random: Random): string {
  const country = pick(random, ibanCountries);
  const bban = country.bban(random);
  const numeric = (bban + country.code + '00').replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  const check = String(98 - mod97(numeric)).padStart(2, '0');
  const compact = country.code + check + bban;
  const grouped = compact.replace(/(.{4})(?=.)/g, '$1 ');
  const style = random();
  if (style < 0.35) return compact;
  if (style < 0.8) return grouped;
  const cut = grouped.indexOf(' ', Math.floor(grouped.length / 2));
  return `${grouped.slice(0, cut)}\n${grouped.slice(cut + 1)}`;
}
