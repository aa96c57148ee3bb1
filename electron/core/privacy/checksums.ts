// Checksums of structured identifiers: a candidate that fails its checksum is not redacted, which
// keeps order numbers, timestamps and hashes that merely look like cards or ids untouched.

/** The Luhn (mod 10) check used by payment cards and Canadian SINs; `digits` holds only 0-9. */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index--) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** `numeric` (digits only, any length) modulo `divisor`, computed piecewise so it never loses precision. */
export function modulo(numeric: string, divisor: number): number {
  let remainder = 0;
  for (let index = 0; index < numeric.length; index += 7) {
    remainder = Number(String(remainder) + numeric.slice(index, index + 7)) % divisor;
  }
  return remainder;
}

/** ISO 13616 lengths of IBANs by country (the countries that issue them). */
const ibanLengths: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** Whether `compact` (no spaces, upper case) is an IBAN of a known country with a valid mod-97 check. */
export function isIbanValid(compact: string): boolean {
  const expected = ibanLengths[compact.slice(0, 2)];
  // A country the table lacks (the registry grows, Iran joined late) passes on the check digits alone.
  if (expected === undefined ? compact.length < 15 || compact.length > 34 : compact.length !== expected) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let numeric = '';
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    numeric += code >= 65 && code <= 90 ? String(code - 55) : char;
  }
  return modulo(numeric, 97) === 1;
}

const dniLetters = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** A Spanish DNI (`12345678Z`) or NIE (`X1234567L`) with its check letter. */
export function isSpanishIdValid(compact: string): boolean {
  const normalised = compact.replace(/^[XYZ]/, (letter) => String('XYZ'.indexOf(letter)));
  const number = Number(normalised.slice(0, 8));
  return /^\d{8}[A-Z]$/.test(normalised) && dniLetters[number % 23] === normalised[8];
}

/** A French social security number (NIR, 15 characters, Corsica as 2A/2B) with its 97 key. */
export function isFrenchNirValid(compact: string): boolean {
  const body = compact.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = Number(compact.slice(13));
  return /^\d{13}$/.test(body) && key === 97 - modulo(body, 97);
}

/** A US SSN (`AAA-GG-SSSS`) whose parts are ones the SSA issues. */
export function isSsnValid(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

/** Shannon entropy of a string in bits per character. */
export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const probability = count / value.length;
    entropy -= probability * Math.log2(probability);
  }
  return entropy;
}
