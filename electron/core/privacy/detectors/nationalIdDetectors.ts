import { isFrenchNirValid, isLuhnValid, isSpanishIdValid, isSsnValid } from '../checksums.ts';
import type { Detector } from '../entityTypes.ts';
import { digitsOf, priority, propose, scan } from './scan.ts';

const ssnPattern = /(?<![\w-])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-])/g;
const ssnKeyword = /\b(?:ssn|social security(?: number| no\.?)?|ss#)\W{0,6}$/i;

/** US social security numbers: `AAA-GG-SSSS` (SSA rules), or 9 digits right after an SSN keyword. */
export const ssnDetector: Detector = {
  types: ['ssn'],
  detect(text, found) {
    scan(text, ssnPattern, (match) => {
      const [value, area = '', separator, group = '', serial = ''] = match;
      if (!isSsnValid(area, group, serial)) return;
      const hasKeyword = ssnKeyword.test(text.slice(Math.max(0, match.index - 30), match.index));
      // `AAA-GG-SSSS` or `AAA GG SSSS` (nobody groups a phone 3-2-4); nine bare digits need the keyword.
      if (separator === '' && !hasKeyword) return;
      propose(found, match.index, match.index + value.length, 'ssn', priority.nationalId);
    });
  },
};

// UK National Insurance number: two prefix letters (not D, F, I, Q, U, V; second not O), six digits, A-D.
const ninoPattern =
  /(?<![\w-])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])/g;
// Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter).
const spanishPattern = /(?<![\w-])(?:\d{8}|[XYZ]-?\d{7})-?[A-Z](?![\w-])/g;
// French NIR: sex, year, month, department (2A/2B for Corsica), commune, order, key.
const nirPattern = /(?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2A|2B) ?\d{3} ?\d{3} ?\d{2}(?![\w-])/g;
// Canadian SIN: 3-3-3 digits with a Luhn check.
const sinPattern = /(?<![\w-])[1-79]\d{2}([ -])\d{3}\1\d{3}(?![\w-])/g;

/** Other national ids with cheap checks: UK NINO, Spanish DNI/NIE, French NIR, Canadian SIN. */
export const nationalIdDetector: Detector = {
  types: ['national_id'],
  detect(text, found) {
    const add = (start: number, value: string) =>
      propose(found, start, start + value.length, 'national_id', priority.nationalId);
    scan(text, ninoPattern, (match) => add(match.index, match[0]));
    scan(text, spanishPattern, (match) => {
      if (isSpanishIdValid(match[0].replace(/-/g, ''))) add(match.index, match[0]);
    });
    scan(text, nirPattern, (match) => {
      if (isFrenchNirValid(match[0].replace(/ /g, ''))) add(match.index, match[0]);
    });
    scan(text, sinPattern, (match) => {
      if (isLuhnValid(digitsOf(match[0]))) add(match.index, match[0]);
    });
  },
};
