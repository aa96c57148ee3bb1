import { isIbanValid, isLuhnValid } from '../checksums.ts';
import type { Detector } from '../entityTypes.ts';
import { digitsOf, priority, propose, scan } from './scan.ts';

// 13-19 digits, optionally grouped by single spaces or dashes.
const cardPattern = /(?<![\d.+-])\d(?:[ -]?\d){12,18}(?![\d]|[.-]\d)/g;
// Issuer prefixes: Visa, Mastercard (51-55, 2221-2720), Amex, Discover, JCB, Diners, UnionPay, Maestro.
const issuerPattern =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8])|3(?:0[0-5]|[68])|5[06-8]|6\d)/;

/** Payment card numbers: issuer prefix, plausible length and a valid Luhn check digit. */
export const creditCardDetector: Detector = {
  types: ['credit_card'],
  detect(text, found) {
    scan(text, cardPattern, (match) => {
      const digits = digitsOf(match[0]);
      const separators = new Set(match[0].replace(/\d/g, ''));
      if (separators.size > 1 || digits.length < 13 || digits.length > 19) return;
      if (!issuerPattern.test(digits) || !isLuhnValid(digits)) return;
      propose(found, match.index, match.index + match[0].length, 'credit_card', priority.creditCard);
    });
  },
};

// Country, check digits, then the BBAN in groups of up to four (printed with or without spaces).
const ibanPattern = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{1,4}){3,8}\b/gi;

/** IBANs of every issuing country, checked by length and the mod-97 check digits. */
export const ibanDetector: Detector = {
  types: ['iban'],
  detect(text, found) {
    scan(text, ibanPattern, (match) => {
      // The greedy groups may swallow a following word: drop trailing groups until it checks.
      let value = match[0];
      while (value.length >= 15) {
        const compact = value.replace(/ /g, '').toUpperCase();
        if (isIbanValid(compact)) {
          propose(found, match.index, match.index + value.length, 'iban', priority.iban);
          return;
        }
        const cut = value.lastIndexOf(' ');
        if (cut === -1) return;
        value = value.slice(0, cut);
      }
    });
  },
};
