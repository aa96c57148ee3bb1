import { isIbanValid, isLuhnValid } from '../checksums.ts';
import type { Detector } from '../entityTypes.ts';
import { before, digitsOf, priority, propose, scan } from './scan.ts';

// 13-19 digits, optionally grouped by spaces (one or two), dashes, or a line break (a wrapped card).
const cardPattern =
  /(?<![\d.+-])\d(?:(?:[ \t]{1,2}|-|[ \t]?\r?\n[ \t]*)?\d){12,18}(?![\d]|[.-]\d)|(?<![\d.])\d{4}(?:\.\d{4}){3}(?![\d]|\.\d)/g;
// Issuer prefixes: Visa, Mastercard (51-55, 2221-2720), Amex, Discover, JCB, Diners, UnionPay, Maestro.
const issuerPattern =
  /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8])|3(?:0[0-5]|[68])|5[06-8]|6\d)/;
// Said to be a card: then the shape alone (four groups of four) is enough, checksum or not.
const cardContext =
  /\b(?:card|visa|master ?card|amex|american express|credit|debit|cc|pan|kreditkarte|karte|carte|tarjeta|carta)\b[^\n\d]{0,24}$/i;

/** Payment card numbers: issuer prefix, plausible length and a valid Luhn check digit (or card context and a card's grouping). */
export const creditCardDetector: Detector = {
  types: ['credit_card'],
  detect(text, found) {
    scan(text, cardPattern, (match) => {
      const digits = digitsOf(match[0]);
      const separators = new Set(
        match[0]
          .replace(/\d/g, '')
          .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
          .replace(/ +/g, ' '),
      );
      if (separators.size > 1 || digits.length < 13 || digits.length > 19) return;
      const isChecked = issuerPattern.test(digits) && isLuhnValid(digits);
      // Printed in a card's own grouping (4-4-4-4, Amex 4-6-5, Diners 4-6-4): a card, checksum or
      // not (labelled sets and typos are full of numbers that fail Luhn); any card-length number
      // right after a card word is one too.
      const isYears = /^(?:(?:19|20)\d\d\D+){3}(?:19|20)\d\d$/.test(match[0]); // "2020 2021 2022 2023"
      const isCardGrouped = !isYears && /^\d{4}([ .-])(?:\d{4}\1\d{4}\1\d{4}|\d{6}\1\d{4,5})$/.test(match[0]);
      const isSaidToBeCard = cardContext.test(before(text, match.index, 40));
      if (!isChecked && !isCardGrouped && !isSaidToBeCard) return;
      propose(found, match.index, match.index + match[0].length, 'credit_card', priority.creditCard);
    });
  },
};

// Country, check digits, then the BBAN's 11-30 characters (printed with or without spaces).
// Groups may be wrapped over lines; `_` or a digit before it (`invoice_DE89...`) is no boundary.
// One character per repetition, each perhaps after a separator: no two ways to match the same text,
// so a failed match costs linear time (the grouped form `(?: ?[A-Z0-9]{1,4}){3,8}` backtracked).
const ibanPattern = /(?<![A-Za-z\d])[A-Z]{2}\d{2}(?:(?: |[ \t]?\r?\n[ \t]*)?[A-Z0-9]){11,30}(?![A-Za-z\d])/gi;

/** IBANs of every issuing country, checked by length and the mod-97 check digits. */
export const ibanDetector: Detector = {
  types: ['iban'],
  detect(text, found) {
    scan(text, ibanPattern, (match) => {
      // The greedy groups may swallow a following word: drop trailing groups until it checks.
      let value = match[0];
      while (value.length >= 15) {
        const compact = value.replace(/\s/g, '').toUpperCase();
        if (isIbanValid(compact)) {
          propose(found, match.index, match.index + value.length, 'iban', priority.iban);
          return;
        }
        const cut = Math.max(value.lastIndexOf(' '), value.lastIndexOf('\n'));
        if (cut === -1) return;
        value = value.slice(0, cut);
      }
    });
  },
};
