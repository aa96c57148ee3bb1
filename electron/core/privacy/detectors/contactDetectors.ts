import type { CandidateSpan, Detector } from '../entityTypes.ts';
import { before, digitsOf, priority, propose, scan } from './scan.ts';

// Local part and domain with Unicode letters; the TLD must be letters (so `icon@2x.png` needs the
// extension check below and `pkg@1.2.3` never matches).
const emailPattern =
  /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_%+'-][\p{L}\p{N}._%+'-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-])/gu;
const fileExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'ts', 'css', 'json', 'md', 'py']);

// Spelled out against harvesters: "anna dot schmidt at example dot com", "anna [at] example [dot] org",
// "anna(at)example.com". The domain must end in a common top-level domain.
const spelledAt = String.raw`(?:\s*[[(]\s*(?:at|@)\s*[\])]\s*|\s+at\s+|\s*@\s*)`;
const spelledDot = String.raw`(?:\s*[[(]\s*dot\s*[\])]\s*|\s+dot\s+|\.)`;
const spelledEmailPattern = new RegExp(
  String.raw`(?<![\w.-])[a-z0-9][\w+-]*(?:${spelledDot}[\w+-]+)*${spelledAt}[a-z0-9][\w-]*(?:${spelledDot}[a-z0-9][\w-]*)*${spelledDot}(?:com|org|net|edu|gov|io|co|info|biz|me|eu|de|uk|fr|es|it|nl|be|ch|at|se|no|dk|fi|pl|pt|ie|ru|cn|jp|in|br|au|ca|us)\b(?![.@]\w)`,
  'gi',
);

/** E-mail addresses (not `git@host` SSH remotes, not retina image names like `icon@2x.png`). */
export const emailDetector: Detector = {
  types: ['email'],
  detect(text, found) {
    scan(text, emailPattern, (match) => {
      const value = match[0];
      const tld = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
      if (value.startsWith('git@') || fileExtensions.has(tld)) return;
      propose(found, match.index, match.index + value.length, 'email', priority.email);
    });
    // Spelled forms need a spelled dot or a bracketed at somewhere: skip the scan otherwise.
    if (!/\bdot\b|[[(]\s*(?:at|@)\s*[\])]/i.test(text)) return;
    scan(text, spelledEmailPattern, (match) => {
      const value = match[0];
      const at = /[[(]\s*(?:at|@)\s*[\])]|\s+at\s+|\s*@\s*/i.exec(value);
      if (at === null) return;
      const local = value.slice(0, at.index);
      const domain = value.slice(at.index + at[0].length);
      // "look at this dot com", "meet me at example.com": prose, unless the at is bracketed or the
      // dots are spelled too, and the local part is not an ordinary word.
      const isBracketed = /[[(]/.test(at[0]);
      if (!isBracketed && !/\s+dot\s+|[[(]\s*dot\s*[\])]/i.test(domain)) return;
      if (
        /^(?:look|me|us|is|this|that|them|him|her|it|you|we|they|site|page|meet|be|stay|arrive|home|here|there|one|all|find|found|available|reach)$/i.test(
          local,
        )
      )
        return;
      propose(found, match.index, match.index + value.length, 'email', priority.email);
    });
  },
};

// An extension after a number: `x1234`, `ext. 12`, `extension 5`, `#12`, `Durchwahl 34`.
const extension = String.raw`(?:[ \t]*(?:x|ext\.?|extn\.?|extension|#|Durchwahl|poste)[ \t]*\d{1,6})?`;
// International: + or 00, a country code, then groups separated by spaces, dots, dashes, slashes or
// parentheses (`+49 (0)30 1234567`, `+1-415-555-2671`, `0044 20 7946 0958`).
const internationalPattern = new RegExp(
  String.raw`(?<![\w+])(?:\+|\b00)[1-9](?:[ ./-]?\(?\d{1,5}\)?){2,7}${extension}(?![\w-]|\.\d)`,
  'g',
);
// National with a trunk 0 (`020 7946 0958`, `06 12 34 56 78`, `(030) 1234567`, `0412 345 678`).
const nationalPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d,)\(?0\d{1,4}\)?(?:[ ./-]?\d{2,5}){1,4}${extension}(?![\w-]|[.,]\d)`,
  'g',
);
// North American numbers with separators (`(415) 555-2671`, `(415)555-2671`, `415.555.2671`,
// `+1 415 555 2671`, `001-415-555-2671x123`, `1-800-555-0199`).
const northAmericanPattern = new RegExp(
  String.raw`(?<![\w+.-])(?:(?:\+?1|001)[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}([ .-]))\d{3}(?:\1|(?<=\)[ .-]?\d{3})[ .-])\d{4}${extension}(?![\w-]|\.\d)`,
  'gi',
);
// Grouped national numbers without a trunk 0: three or more groups of 2-5 digits with one kind of
// separator (`912 639 798`, `17 889 25 60`, `74-167-75-10`), or a 2-3 digit area code in
// parentheses (`(25) 10538-1402`).
const groupedPattern =
  /(?<![\w+./-]|\d,)(?:\(\d{2,4}\)[ ]?\d{3,5}[ -]?\d{4}|\d{2,4}([ .-])\d{2,5}(?:\1\d{2,5}){1,3})(?![\w-]|[.,]\d)/g;

// Any grouped digit run right after a phone keyword (`tel: 5552671`, `call 555 2671`).
const keywordPattern =
  /(?:\b(?:phone|tel|telephone|mobile|cell|fax|call(?: me)?(?: at| on)?|whatsapp|sms|dial|hotline|helpline|landline|contact(?: (?:me|us|her|him|them))?(?: at| on)?|text(?: me)?(?: at| on)?|ph|reach (?:me|us|her|him|them)?(?: at| on)?|telefon|teléfono|téléphone|tél|handy|móvil|cellulare|portable|numéro|nummer|number)\b\.?|☎|📞|\b(?:to|from|recipient|sender|caller|callee|msisdn)(?=\s*[:=]))\s*(?:(?:number|no\.?|nr\.?|#)\s*)?(?:is\s+)?[:=]?\s*(\+?\(?\d[\d ()./-]{5,20}\d)/giu;

const datePattern = /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})$/;

const extensionTail = /[ \t]*(?:x|ext\.?|extn\.?|extension|#|Durchwahl|poste)[ \t]*\d{1,6}$/i;

// A US ZIP+4 after its state ("IL 62704-1234") is a postcode, not a phone.
const zipContext = /\b[A-Z]{2}[ \t]+$/;

function addPhone(found: CandidateSpan[], start: number, value: string, minDigits: number): void {
  const digits = digitsOf(value.replace(extensionTail, ''));
  if (digits.length < minDigits || digits.length > 15 || datePattern.test(value.trim())) return;
  // Unbalanced parentheses mean the match started or ended inside code, e.g. `f(0, 12)`.
  if ((value.match(/\(/g)?.length ?? 0) !== (value.match(/\)/g)?.length ?? 0)) {
    if (value.startsWith('(')) return addPhone(found, start + 1, value.slice(1), minDigits);
    if (value.endsWith(')')) return addPhone(found, start, value.slice(0, -1), minDigits);
    return;
  }
  propose(found, start, start + value.length, 'phone', priority.phone);
}

/** Phone numbers: international (E.164 and spaced), national with a trunk 0, North American, or after a keyword. */
export const phoneDetector: Detector = {
  types: ['phone'],
  detect(text, found) {
    scan(text, internationalPattern, (match) => addPhone(found, match.index, match[0], 8));
    scan(text, nationalPattern, (match) => {
      const value = match[0];
      // A national number has separators or is one 10-11 digit run; a lone `0123456` is an id.
      const hasGroups = /[ ./()-]/.test(value);
      if (!hasGroups && !/^0[1-9]\d{6,10}$/.test(value)) return;
      if (/^0\d{0,3}\.\d/.test(value) && !/^0\d{1,3}\.\d{2,4}\.\d{2,4}/.test(value)) return; // decimals
      if (/^\d{5}-\d{4}$/.test(value) && zipContext.test(before(text, match.index, 4))) return;
      addPhone(found, match.index, value, 9);
    });
    scan(text, northAmericanPattern, (match) => addPhone(found, match.index, match[0], 10));
    scan(text, groupedPattern, (match) => {
      // Three-digit groups after a short head read as a thousands-grouped amount only with a currency.
      if (/(?:[$€£¥]|\b(?:EUR|USD|GBP|CHF|PLN|SEK|kr|zł))\s*$/i.test(before(text, match.index, 6))) return;
      if (/^\d{3}-\d{2}-\d{4}$/.test(match[0])) return; // the shape of a US SSN, not a phone
      if (/^\d{1,2}(?: \d{3})+$/.test(match[0])) return; // a number grouped in thousands, "12 345 678"
      // Two-digit groups only (`28-46-88-65`), or next to an operator, read as arithmetic.
      if (!/\d{3}/.test(match[0]) || /[+*/×÷^=]\s*$/.test(before(text, match.index, 3))) return;
      if (/^\s*[+*/×÷^=]/.test(text.slice(match.index + match[0].length, match.index + match[0].length + 3))) return;
      addPhone(found, match.index, match[0], 8);
    });
    scan(text, keywordPattern, (match) => {
      const value = match[1];
      const indices = match.index + match[0].length - (value?.length ?? 0);
      if (value !== undefined && !/\b(?:version|v)\s*$/i.test(before(text, indices, 10))) {
        addPhone(found, indices, value.trimEnd(), 6);
      }
    });
  },
};
