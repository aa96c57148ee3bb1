import type { CandidateSpan, Detector } from '../entityTypes.ts';
import { before, digitsOf, priority, propose, scan, scanNear } from './scan.ts';

// An extension after a number: `x1234`, `ext. 12`, `Ext: 5`, `extension 5`, `#12`, `Durchwahl 34`, `;ext=5`.
const extensionWords = String.raw`x|ext\.?|extn\.?|extension|#|Durchwahl|DW|poste|interno|anexo|ramal|toestel|wew\.?`;
const extension = String.raw`(?:[ \t]*[,;]?[ \t]*(?:${extensionWords})[ \t]*[:.=]?[ \t]*\d{1,6})?`;
const extensionTail = new RegExp(String.raw`[ \t]*[,;]?[ \t]*(?:${extensionWords})[ \t]*[:.=]?[ \t]*\d{1,6}$`, 'i');
// What may not follow a number: a letter, a dash, or a decimal/thousands continuation.
const end = String.raw`(?![\w-]|[.,]\d)`;

// International: + or 00, a country code, then groups separated by spaces, dots, dashes, slashes or
// parentheses (`+49 (0)30 1234567`, `+1-415-555-2671`, `0044 20 7946 0958`, `+690 7279`, `(+44) 20
// 7946 0958`); not inside a run of digit groups (`3704 0044 0532`).
const internationalPattern = new RegExp(
  String.raw`(?<![\w+]|\d[ ./-])(?:(?:\+|\b00[ .-]?|\b011[ .-]?(?=[1-9]))[ ]?[1-9]|\(\+[1-9]\d{0,2}\))(?:(?:[ ./-]| - )?\(?\d{1,5}\)?){2,7}${extension}(?![\w-]|\.\d)`,
  'gi',
);
// National with a trunk 0 (`020 7946 0958`, `06 12 34 56 78`, `(030) 1234567`, `0696-02 65`).
const nationalPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d[, ])\(?0(?:\d{1,4}| (?=\d{3,4} \d{4}\b))\)?(?:[ ./-]{0,2}(?:\d{2,5}|\d(?=[ ./-]\d{2}))){1,4}${extension}${end}`,
  'gi',
);
// North American numbers with separators (`(415) 555-2671`, `415.555.2671`, `1-800-555-0199`).
const northAmericanPattern = new RegExp(
  String.raw`(?<![\w+.-])(?:(?:\+?1|001)[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}([ .-]))\d{3}(?:\1|(?<= \d{3})-|(?<=\)[ .-]?\d{3})[ .-])\d{4}${extension}${end}`,
  'gi',
);
// The trunk 8 of Russia and its neighbours, eleven digits in groups (`8 916 123 45 67`, `8-916-123-45-67`,
// `8 (916) 123-45-67`).
const trunkEightPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d[ ,.-])8[ -]?(?:\(\d{3}\)|\d{3})[ -]?\d{3}[ -]?\d{2}[ -]?\d{2}${extension}${end}`,
  'gi',
);
// An area code in parentheses, perhaps after a one-digit trunk prefix (`(25) 10538-1402`,
// `8 (912) 081-03-20`, `(2) 2136 6610`).
const parenthesizedPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d,)(?:\d[ -]?)?\( ?\d{1,5}(?:[ -]\d{1,4})? ?\)[ .-]?(?:\d{2,8}|\d(?=[ .-]\d))(?:[ .-]\d{2,5}){0,3}${extension}${end}`,
  'gi',
);
// Grouped national numbers without a trunk 0: three or more groups of 2-5 digits with one kind of
// separator (`912 639 798`, `17 889 25 60`, `74-167-75-10`), or four or more pairs after a short
// head with spaces or dots (`86 42 97 95`, `6 71 40 65 59`); never one stretch of a longer row of
// numbers (a league table: `22 19 1 2 902 326 39`).
const groupedPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d[, ])(?:\d{2,4}([ .-])\d{2,5}(?:\1\d{2,5}){1,3}|\d{1,3}([ .])\d{2}(?:\2\d{2}){2,4})${extension}(?![\w-]|[.,]\d| \d)`,
  'gi',
);
// Two groups, 7-11 digits (`555-0199`, `3607 9416`, `96 198590`, `984-3912307`): a phone only with
// a phone word before it or in the shapes local numbers take, never a range or a pair of years.
const twoGroupPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d[,.:]|[\d] )(\d{2,5})([ .-])(\d{4,8})${extension}(?![\w-]|[.,:]\d| \d)`,
  'gi',
);
// Any digit groups with an extension after them (`7 1167359 ext. 330`, `34.41.62.49 #2186`).
const withExtensionPattern = new RegExp(
  String.raw`(?<![\w+./-]|\d[, ])\+?\(?\d[\d ()./-]{2,20}\d[ \t]*[,;]?[ \t]*(?:${extensionWords})[ \t]*[:.=]?[ \t]*\d{1,6}${end}`,
  'gi',
);
// What comes before a run of digits in prose: a line's start, or a word, a comma or `->` and one space.
const proseBefore = /(?:^|\n|[\p{L},>] )$/u;
// An unseparated run of 8-11 digits (`362556400`, `06732159`).
const barePattern = new RegExp(String.raw`(?<![\w+./-]|\d[,.:]|[$€£¥])\d{8,11}${extension}${end}`, 'gi');

// Words that say a phone number is near (several languages), and words that say it is something else.
const phoneWords =
  /\b(?:phone|telephone|tel|mobile|mob|cell|cellphone|fax|call(?:ed|ing)?|ring|dial|whatsapp|signal|sms|text|hotline|helpline|landline|(?:office|direct|main|support|phone) line|contact|kontakt\w*|contacto|contato|contatto|reach|ph|phn|puh|telefon\w*|tlf|tfn|handy\w*|mobil\w*|rufnummer|ruf\w*|anruf\w*|erreichbar|festnetz|téléphone|tél|portable|appel\w*|numéro|numero|número|teléfono|telefone|telefono|celular|cel|móvil|movil|llam\w+|ligue|chiam\w+|cellulare|bel|bellen|belt|gsm|puhelin|msisdn|telp|telefoon|mobiel|komórka|komorka|cep|nomor)\b|[☎📞📱]|тел\w*|моб\w*|电话|電話|手机|手機|携帯|联系|聯絡|전화|휴대폰|핸드폰|τηλ|κινητ|טלפון|נייד|फ़ोन|फोन|मोबाइल|โทร|điện thoại|sđt|هاتف|جوال|موبايل|تلفن|(?<![^\n])[ \t]*[TMF][ \t]*[:：]/iu;
// Words that say the number right after them is a phone even when it is short (`Tel. 51293`).
const strongPhoneWords =
  /(?:\b(?:phone|telephone|tel|mobile|mob|cell|cellphone|fax|whatsapp|hotline|ph|phn|puh|call|dial|telefon\w*|tlf|tfn|handy\w*|téléphone|tél|portable|teléfono|telefone|telefono|celular|móvil|movil|gsm|puhelin)\b|[☎📞📱]|тел\w*|电话|電話|(?<![^\n])[ \t]*[TMF][ \t]*[:：])[^\d\n]{0,20}$/iu;
// A phone word right after the number: `left 85794602 as a callback number`, `555 2671 (mobile)`.
const phoneWordAfter =
  /^[ \t]*(?:\(?(?:mobile|mob|cell|home|work|office|landline|fax|tel|phone|whatsapp|[mwh])\)|(?:as|is|was) (?:an? |my |his |her |their |the |our )?(?:\w+ )?(?:phone|number(?! of)|contact|callback|mobile|cell|landline|whatsapp)\b)/i;
// Words for any number: a phone word only when no other kind of number is named next to them.
const numberWords = /\b(?:number|nummer|numéro|numero|número|no\.|nr\.)(?!\w)/i;
const otherNumberWords =
  /\b(?:order|invoice|id|ref|reference|account|acct|customer|client|case|ticket|tracking|serial|sku|po|transaction|txn|zip|postcode|postal|plz|isbn|iban|bic|card|amount|total|balance|price|cost|pop(?:ulation)?|page|pages|version|build|batch|lot|item|policy|claim|patient|member|employee|student|badge|passport|licen[cs]e|vin|ssn|tax|vat|routing|sort code|pin|otp|code|bytes?|octets?|hex|buffer|checksum|hash|sha\w*|md5|crc\w*)\b\W*(?:\w+\W+)?$/i;
// A currency, a percentage or a unit after the number (`125 000 000 kronor`, `3607 9416 km`).
const amountAfter =
  /^\s*(?:[%$€£¥₹]|(?:percent|per cent|EUR|USD|GBP|CHF|PLN|SEK|NOK|DKK|euros?|dollars?|pounds?|francs?|kronor|kroner|kr|zł|złotych|rubles?|yen|yuan|rupees?|people|inhabitants|residents|tonnes|tons|km|kg|miles|barrels|shares|votes|bytes|[kmgt]i?b|ms|seconds|times|rows|records|items|users|views|downloads)\b)/i;
const currencyBefore = /(?:[$€£¥₹]|\b(?:EUR|USD|GBP|CHF|PLN|SEK|NOK|DKK|kr|zł|Rs\.?))\s*$/i;
// An operator after a number or a bracket (`12 * 34`, `(5) + 1`); `to=` and `->` are not arithmetic.
const operatorBefore = /(?:[*×÷^]|[\d)]\s*[+/=<>-])\s*$/;
const operatorAfter = /^\s*(?:[+*/×÷^=<>]\s*[\d(]|%)/;

// The end of a sentence, not of an abbreviation (`Tel. 2 512 724`, `No. 5`).
const sentenceStop =
  /(?<!\b(?:tel|tél|ph|phn|puh|mob|fax|ext|extn|no|nr|n°|tlf|tfn|cel|mr|mrs|ms|dr|st|co|inc|ltd))[.!?;]\s+/giu;
// A date: a four-digit year first, or a real month and day with a year (`75.32.31` is not one).
const month = String.raw`(?:0?[1-9]|1[0-2])`;
const day = String.raw`(?:0?[1-9]|[12]\d|3[01])`;
const dateYear = String.raw`(?:\d{2}|1[5-9]\d{2}|2[01]\d{2})`;
const datePattern = new RegExp(
  String.raw`^(?:(?:1[5-9]|20)\d{2}([-/.])\d{1,2}\1\d{1,2}|${day}([-/.])${month}\2${dateYear}|${month}([-/.])${day}\3${dateYear})$`,
);
const compactDate = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{2,3})?$/;
const year = /^(?:1[5-9]|20)\d{2}$/;
// A US ZIP+4 after its state ("IL 62704-1234") is a postcode, not a phone.
const zipContext = /\b[A-Z]{2}[ \t]+$/;

function addPhone(
  found: CandidateSpan[],
  start: number,
  value: string,
  minDigits: number,
  rank: number = priority.phone,
): void {
  // A bracket after the number that is not closed or holds a slash is a remark (`555 2671 (24/7)`).
  const remark = value.lastIndexOf(' (');
  if (remark > 0 && /\/|^[^)]*$/.test(value.slice(remark)) && digitsOf(value.slice(0, remark)).length >= minDigits) {
    return addPhone(found, start, value.slice(0, remark), minDigits, rank);
  }
  const digits = digitsOf(value.replace(extensionTail, ''));
  if (digits.length < minDigits || digits.length > 15 || datePattern.test(value.trim())) return;
  // Unbalanced parentheses mean the match started or ended inside code, e.g. `f(0, 12)`.
  if (!isBalanced(value)) {
    if (value.startsWith('(')) return addPhone(found, start + 1, value.slice(1), minDigits, rank);
    if (value.endsWith(')')) return addPhone(found, start, value.slice(0, -1), minDigits, rank);
    return;
  }
  propose(found, start, start + value.length, 'phone', rank);
}

/** Whether every bracket in `value` closes after it opens. */
function isBalanced(value: string): boolean {
  let depth = 0;
  for (const char of value) {
    if (char === '(') depth++;
    else if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Whether a number ends in an extension (`ext. 633`, `x12`; a lone ` x 3` may be arithmetic). */
function hasExtension(value: string): boolean {
  const tail = extensionTail.exec(value)?.[0];
  return tail !== undefined && !/^[ \t]+x[ \t]/i.test(tail);
}

// The last line before a number, when short (a form's or a signature's label).
const labelLine = /(?:^|\n)([^\n\d]{1,24})\n[ \t]*$/;

/** Context around a match: a phone word shortly before it, another kind of number, or arithmetic. */
function contextOf(text: string, start: number, value: string) {
  const head = before(text, start, 40);
  let lastBreak = head.lastIndexOf('\n');
  for (const stop of head.matchAll(sentenceStop)) lastBreak = Math.max(lastBreak, stop.index);
  const clause = head.slice(lastBreak + 1);
  // A label on the line above, the number alone on its own line (`Mobile:` then `22 74 89`).
  const label = clause.trim() === '' ? labelLine.exec(head.slice(0, lastBreak + 1))?.[1] : undefined;
  const after = text.slice(start + value.length, start + value.length + 3);
  const otherNumber = otherNumberWords.test(before(text, start, 30));
  return {
    phoneWord:
      phoneWords.test(clause) ||
      (label !== undefined && phoneWords.test(label)) ||
      (!otherNumber && numberWords.test(clause)) ||
      phoneWordAfter.test(text.slice(start + value.length, start + value.length + 40)),
    otherNumber,
    money:
      currencyBefore.test(before(text, start, 6)) ||
      amountAfter.test(text.slice(start + value.length, start + value.length + 12)),
    arithmetic: operatorBefore.test(before(text, start, 3)) || operatorAfter.test(after),
  };
}

/** Numbers whose shape alone says phone: + or 00 international, trunk 0, North American, parenthesized. */
function detectStrongShapes(text: string, found: CandidateSpan[]): void {
  // Nothing else starts with + or 00 and a country code: above ids and IPs of the same digits.
  scan(text, internationalPattern, (match) => {
    let value = match[0];
    if (/^\+\d+\.\d(?!\d)/.test(value)) return; // a signed decimal in a table, `+282.1 - 380.6`
    // `+977 984 6293344 (24/7)`: a following bracket or number ran on; drop groups from the end.
    while (digitsOf(value.replace(extensionTail, '')).length > 15 && /[ ./-]\(?\d+\)?$/.test(value)) {
      value = value.replace(/[ ./-]\(?\d+\)?$/, '');
    }
    addPhone(found, match.index, value, value.startsWith('+') ? 7 : 8, priority.phoneAfterWord);
  });
  scan(text, nationalPattern, (match) => {
    const value = match[0];
    // A national number has separators or is one 8-11 digit run; a lone `0123456` is an id.
    const hasGroups = /[ ./()-]/.test(value.replace(extensionTail, ''));
    if (!hasGroups && !/^0[1-9]\d{6,10}$/.test(value.replace(extensionTail, ''))) return;
    if (/^0\d{0,3}\.\d/.test(value) && !/^0\d{1,3}\.\d{2,4}\.\d{2,4}/.test(value)) return; // decimals
    if (/^\d{5}-\d{4}$/.test(value) && zipContext.test(before(text, match.index, 4))) return;
    if (/^\d{5}-\d{3}$/.test(value)) return; // a Brazilian or Portuguese postcode (CEP), `01310-100`
    const context = contextOf(text, match.index, value);
    if (context.money || context.arithmetic || (context.otherNumber && !context.phoneWord)) return;
    addPhone(found, match.index, value, hasGroups ? 8 : 9);
  });
  scan(text, northAmericanPattern, (match) => addPhone(found, match.index, match[0], 10));
  scan(text, trunkEightPattern, (match) => {
    if (/\d{11}/.test(match[0]) || contextOf(text, match.index, match[0]).arithmetic) return; // one run: the bare rule's
    addPhone(found, match.index, match[0], 11);
  });
  scan(text, parenthesizedPattern, (match) => {
    if (contextOf(text, match.index, match[0]).arithmetic) return;
    addPhone(found, match.index, match[0], 8);
  });
}

/** Digits with an extension: a phone whatever else the digits look like (an IP, an id). */
function detectExtensions(text: string, found: CandidateSpan[]): void {
  scan(text, withExtensionPattern, (match) => {
    const value = match[0];
    if (!hasExtension(value) || datePattern.test(value.replace(extensionTail, '').trim())) return;
    const context = contextOf(text, match.index, value);
    if (context.money || context.arithmetic || (context.otherNumber && !context.phoneWord)) return;
    addPhone(found, match.index, value, 5, priority.phoneAfterWord);
  });
}

/** A row of two-digit numbers that reads as scores or a series (`69 71 71 73`, `10 20 30 40`), not a phone. */
function isScoreRow(groups: readonly number[]): boolean {
  const spread = Math.max(...groups) - Math.min(...groups);
  const steps = groups.slice(1).map((value, index) => value - (groups[index] ?? 0));
  return spread <= 12 || steps.every((step) => step === steps[0]);
}

/** Grouped, two-group and unseparated numbers: phones by shape and context together. */
function detectWeakShapes(text: string, found: CandidateSpan[]): void {
  scan(text, groupedPattern, (match) => {
    const value = match[0].replace(extensionTail, '');
    const context = contextOf(text, match.index, match[0]);
    if (context.money || context.arithmetic) return;
    if (hasExtension(match[0])) return addPhone(found, match.index, match[0], 6);
    if (/^\d{3}-\d{2}-\d{4}$/.test(value)) return; // the shape of a US SSN, not a phone
    if (value.split(/[ .-]/).every((group) => year.test(group))) return; // years, `1998 1999 2000`
    if (/^\d{1,2}(?: \d{3})+$/.test(value) && !context.phoneWord) return; // thousands, "12 345 678"
    // Four or more three-digit groups are a row of a table (`906 962 599 515`), not a phone.
    if (/^\d{3}(?: \d{3}){3,}$/.test(value) && !context.phoneWord) return;
    if (/^\d{1,3}(?: \d{3})* 000$/.test(value) && !context.phoneWord) return; // round amounts, `125 000 000`
    // Two-digit groups only read as arithmetic (`28-46-88-65`), golf rounds (`69 71 71 73`) or
    // lists (`10 20 30 40 50`): a phone then only after a phone word (a trunk 0 is found above).
    if (!/\d{3}/.test(value) && !context.phoneWord) {
      // Four or more pairs with spaces or dots are a phone (`41 21 28 69`, `69.72.02.64`) unless
      // they read as scores or a series; dashed pairs read as arithmetic or a code.
      const groups = value.split(/[ .]/).map(Number);
      if (/-/.test(value) || groups.length < 4 || isScoreRow(groups)) return;
    }
    if (context.otherNumber && !context.phoneWord) return;
    // Seven digits as 3-2-2 is a local number (`991 10 34`); other seven-digit rows need a phone word.
    const isLocal = /^\d{3}([ .-])\d{2}\1\d{2}$/.test(value);
    addPhone(found, match.index, match[0], context.phoneWord ? 6 : isLocal ? 7 : 8);
  });
  scan(text, twoGroupPattern, (match) => {
    const [, head = '', separator = '', tail = ''] = match;
    const context = contextOf(text, match.index, match[0]);
    if (context.money || context.arithmetic || (context.otherNumber && !context.phoneWord)) return;
    if (context.phoneWord || hasExtension(match[0])) return addPhone(found, match.index, match[0], 6);
    // Without a phone word: the local shapes 3-4, 4-4 and 2-6/3-7 with a space or a dash (never
    // dots, which are decimals and versions), not a year on either side (`1914-1918`, `2001 2002`).
    if (separator === '.' || year.test(head) || year.test(tail.slice(0, 4))) return;
    if (separator === '-' && /^1\d{3}$/.test(head) && /^1\d{3}$/.test(tail) && tail > head) return; // 1249-1286
    const shape = `${head.length}-${tail.length}`;
    // 5-5 is how Indian mobiles (6-9 first) are written: `98765 43210`.
    const isIndianMobile = shape === '5-5' && /^[6-9]/.test(head);
    if (!isIndianMobile && !['3-4', '4-4', '2-6', '3-7', '2-8', '3-6', '2-7', '4-6'].includes(shape)) return;
    addPhone(found, match.index, match[0], 7);
  });
  scan(text, barePattern, (match) => {
    const value = match[0].replace(extensionTail, '');
    const context = contextOf(text, match.index, match[0]);
    if (context.money || context.arithmetic || compactDate.test(value)) return;
    if (context.phoneWord || hasExtension(match[0])) return addPhone(found, match.index, match[0], 7);
    if (context.otherNumber) return;
    // Unix times (1xxxxxxxxx) are ten digits starting with 1; North American numbers never do.
    if (/^1\d{9}$/.test(value)) return;
    // With a trunk 0, 8-11 digits; without one, 9-10 digits (mobile plans of most countries), or
    // 11 for a Chinese mobile (`13800138000`) or a North American number with its 1.
    const isChineseMobile = /^1[3-9]\d{9}$/.test(value) && !/0{5}$/.test(value); // not 15000000000
    const isNorthAmerican = /^1[2-9]\d{2}[2-9]\d{6}$/.test(value) && !/0{5}$/.test(value); // 1 242 523 2419
    // Eight digits (the plans of Denmark, Norway, Singapore, Hong Kong...) only in prose: after a
    // word and one space or at a line's start, never after code punctuation or a column of spaces.
    const isProseEight = value.length === 8 && proseBefore.test(before(text, match.index, 3)) && !/000$/.test(value);
    if (
      value.startsWith('0')
        ? value.length >= 8
        : value.length === 9 || value.length === 10 || isChineseMobile || isNorthAmerican || isProseEight
    ) {
      addPhone(found, match.index, match[0], 8);
    }
  });
}

// Any grouped digit run right after a phone word (`tel: 5552671`, `call me on 555 2671`,
// `Ruf mich unter 380 6406 an`), with up to three short filler words in between.
const keywordPattern = new RegExp(
  String.raw`(?:${phoneWords.source}|${numberWords.source}|\b(?:to|from|recipient|sender|caller|callee)(?=\s*[:=]))\.?(?:\s*(?:me|us|him|her|them|mich|uns|ihn|sie|moi|nous|me|nos|at|on|under|unter|au|al|le|la|el|am|is|ist|est|es|was|were|are|my|our|his|their|mon|ma|mein|meine|mi|su|the|back|no\.?|nr\.?|n°|#|number|nummer|numéro|número)\b\.?|\s*[\p{L}][\p{L}'-]*(?=\s+(?:on|at|under|unter|au|al)\b)){0,3}\s*[:=：]?\s*(\+?\(?\d[\d ()./-]{3,20}\d${extension})`,
  'giu',
);

const numberRun = /\d[\d ()./-]{3,20}\d/g;
// Any digits whose phone word comes after them (`8 66 533394 is my mobile`), found near that word.
const looseNumber = /(?<![\w+./-])\+?\(?\d[\d ()./-]{4,20}\d(?![\w-]|[.,]\d)/g;
const wordAfterAnchor =
  /\b(?:as|is|was)\s+(?:[\w-]+\s+){0,2}(?:phone|number|contact|callback|mobile|cell|landline|whatsapp)\b|\((?:mobile|mob|cell|home|work|office|landline|fax|tel|phone|whatsapp|[mwh])\)/gi;
// A number joined to a phone by `or`, `/` or a comma is one too (`+81 90 1045 2073 or 34469408`).
const joinedNumber = /^[ \t]*(?:,|\/|;|or|oder|ou|o|y|или)[ \t]*(\+?\(?\d[\d ()./-]{3,20}\d)(?![\w-]|[.,]\d)/i;

/** Numbers next to a phone found already, or with a phone word after them. */
function detectNeighbours(text: string, found: CandidateSpan[]): void {
  scanNear(text, looseNumber, wordAfterAnchor, 30, 0, (match) => {
    const context = contextOf(text, match.index, match[0]);
    if (!context.phoneWord || context.money || context.arithmetic) return;
    addPhone(found, match.index, match[0], 6);
  });
  for (const span of found.filter((candidate) => candidate.type === 'phone')) {
    const joined = joinedNumber.exec(text.slice(span.end, span.end + 40));
    const value = joined?.[1];
    if (joined === null || value === undefined) continue;
    const start = span.end + joined[0].length - value.length;
    const context = contextOf(text, start, value);
    if (context.money || context.arithmetic || context.otherNumber) continue;
    addPhone(found, start, value, 6, span.priority);
  }
}

/** Phone numbers in international and national formats, with extensions, or after a phone word. */
export const phoneDetector: Detector = {
  types: ['phone'],
  detect(text, found) {
    if (!/\d{2}/.test(text)) return;
    detectStrongShapes(text, found);
    detectExtensions(text, found);
    detectWeakShapes(text, found);
    // Only near numbers long enough to be one: a phone word and its filler words come first.
    scanNear(text, keywordPattern, numberRun, 80, 30, (match) => {
      const value = match[match.length - 1];
      if (value === undefined) return;
      const index = match.index + match[0].length - value.length;
      if (/\b(?:version|v)\s*$/i.test(before(text, index, 10))) return;
      // A spaced slash after a whole number starts another (`+31 20 504 5000 / 020 504 5040`), after
      // an area code it does not (`089 / 123 456 78`).
      const first = value.split(/ \/ /)[0] ?? value;
      const trimmed = (digitsOf(first).length >= 7 ? first : value).trimEnd();
      const context = contextOf(text, index, trimmed);
      if (context.arithmetic || !context.phoneWord) return;
      // After a word that names a phone, the number is one whatever else it looks like (an IP, an id).
      const head = text.slice(match.index, index);
      const isStrong = strongPhoneWords.test(head);
      const isNamed = isStrong || phoneWords.test(head);
      addPhone(found, index, trimmed, isStrong ? 5 : 6, isNamed ? priority.phoneAfterWord : priority.phone);
    });
    detectNeighbours(text, found);
  },
};
