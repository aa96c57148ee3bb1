import { shannonEntropy } from '../checksums.ts';
import type { Detector } from '../entityTypes.ts';
import { priority, propose, scan } from './scan.ts';

// In the spirit of gitleaks' generic rule and detect-secrets' keyword plugin: a key whose name says
// "secret", then an assignment, then a value. Keys: `DB_PASSWORD=`, `"api_key": "..."`, `token: x`.
const assignmentPattern =
  /(?<![\w])([A-Za-z0-9_.-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|private[_.-]?key|signing[_.-]?key|client[_.-]?secret|credentials?|encryption[_.-]?key|bearer|key)[A-Za-z0-9_.-]*)(["'`]?)[ \t]*(?::=|=>|->|==?|:)[ \t]*(?:(["'`])((?:(?!\3)[^\\\n]|\\.){1,200})\3|([^\s"'`,;(){}<>[\]]{1,200}))/gi;
// `Authorization: Bearer x`, `-H "Authorization: Basic x"`, `Bearer x` in prose.
const bearerPattern = /\b(?:Bearer|Basic|token)\s+([A-Za-z0-9._~+/=-]{16,})/gi;
// "The password is hunter2", "PASSWORD was tigerbattery", "pin: 4821", "Passwort - a-b-c" in prose:
// a keyword in any case, a joiner, then a quoted value (spaces allowed) or a run of words.
const prosePattern =
  /(?<!\.)\b(?:password|passwort|passphrase|pass phrase|passcode|passwd|pwd|pin(?: code| number)?|kennwort|mot de passe|contraseña|senha|parola d'ordine|wi-?fi (?:key|code)|(?:wi-?fi|wlan|network|router|admin|root|user|login|account|my)[ \t]+pass(?=[ \t]*[:=]))(?:[ \t]*(?::|=|-|–|—)[ \t]*|[ \t]+(?:is|was|will be|is now|remains)(?:[ \t]*:)?[ \t]+)(?:["'“‘`]([^"'”’`\n]{1,80})["'”’`]|([^\s"'”]{1,64}(?:[ \t]+[a-z][a-z0-9!#$%&*?@^-]{1,20}){0,5}))/gi;
// Words that follow "password is" in prose about passwords rather than before one.
const notPasswords = new Set(
  'a an the and or but not no is was be been required incorrect wrong invalid valid too empty set unset missing expired changed reset strong weak hidden stored saved case-sensitive same different ok fine there here that this it its mine yours shown below above in on at for of to with from by when if as my your his her our their new old null none undefined true false please only still also never always just now then'.split(
    ' ',
  ),
);

// What after `password:` or `pwd=` says there is no password here (the value is given explicitly
// otherwise, so its first word may be any word: `pwd=if thyme poorly absent`).
const notAssignedPasswords = new Set(
  'required none null empty missing same see below above hidden redacted unset changed reset optional true false n/a na tbd todo'.split(
    ' ',
  ),
);

/** The password a prose match holds: the quoted value, or its words up to the first ordinary one. */
function prosePassword(match: RegExpExecArray): { value: string; offset: number } | null {
  const quoted = match[1];
  if (quoted !== undefined) return { value: quoted, offset: match[0].length - quoted.length - 1 };
  const run = match[2] ?? '';
  const isAssigned = /[:=][ \t]*$/.test(match[0].slice(0, match[0].length - run.length));
  const parts = run.split(/([ \t]+)/); // words at even indices, the gaps between them at odd ones
  let value = '';
  for (let index = 0; index < parts.length; index += 2) {
    const word = parts[index] ?? '';
    // Sentence punctuation ends the password; `!` and `?` are often part of one.
    const bare = word.replace(/[.,;:)]$/, '');
    const stops = index === 0 && isAssigned ? notAssignedPasswords : notPasswords;
    if (bare === '' || stops.has(bare.toLowerCase())) break;
    value += (index === 0 ? '' : (parts[index - 1] ?? ' ')) + bare;
    if (bare !== word) break;
  }
  if (value === '' || /^\d{1,3}$/.test(value) || /^[=<>!&|]/.test(value)) return null;
  return { value, offset: match[0].length - run.length };
}

// A number that opens something: "the code for the locker is 77341", "locker code 77341", "DOOR CODE: 4410".
// A lock's word before `code`, or "code for <the thing>"; error, status, exit and postal codes are not secrets.
const numericCodePattern =
  /\b(?:(?:locker|door|gate|safe|alarm|garage|lock|padlock|lockbox|key ?box|keypad|entry|mailbox|storage|bike|unlock|access|security|entrance)[ \t]+(?:code|pin|combination|combo)|(?:code|combination|combo|pin)[ \t]+(?:for|to|of|on)[ \t]+(?:the[ \t]+|my[ \t]+|our[ \t]+|your[ \t]+)?[\p{L}-]{3,20}(?:[ \t]+[\p{L}-]{3,20})?)(?:[ \t]*[:=-][ \t]*|[ \t]+(?:is|was|will be|is now)[ \t]*:?[ \t]*|[ \t]+)(\d{3,10})(?![\d,]|\.\d)/giu;

// `--password hunter2`, `-p` is too ambiguous to use.
const flagPattern = /(?<![\w-])--?(?:password|passwd|pass|token|secret|api-key|apikey)[ =](["']?)([^\s"']{4,})\1/g;

const passwordKey = /pass|pwd/i;
const placeholderValue =
  /^(?:\$|%\(|%s|\{\{|<|\*+$|x{3,}$|\.\.\.|your[_-]|changeme$|example|redacted|none$|null$|undefined$|true$|false$|string$|str$|bytes$|number$|int$|bool(?:ean)?$|any$|optional|required$|os\.|env\.|process\.env|config\.|settings\.|self\.|this\.|\[)/i;
const propertyAccess = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const identifier = /^[A-Za-z_$][A-Za-z_$]*$/;

// Objects code reads settings from: `config.db.password` is a lookup, `up.nifty.limply` a passphrase.
const codeWords = new Set(
  'config conf cfg env environ process settings self this os args argv options opts req request res params secrets secret vault app ctx context props state data user db credentials creds system sys window document module exports getenv import meta'.split(
    ' ',
  ),
);

/** Whether a dotted value reads as a property lookup in code rather than words joined by dots. */
function isPropertyAccess(value: string): boolean {
  if (!propertyAccess.test(value)) return false;
  // camelCase or snake_case parts are code; a part in capitals alone is a word of an upper-cased text.
  const isCodeName = (part: string) => /[_$]/.test(part) || (/[a-z]/.test(part) && /[A-Z]/.test(part.slice(1)));
  return value.split('.').some((part) => codeWords.has(part.toLowerCase()) || isCodeName(part));
}

/** Whether an unquoted value reads like code (a variable, a type, a call) rather than a literal. */
function looksLikeCode(value: string): boolean {
  return isPropertyAccess(value) || /[()]/.test(value) || /^[A-Z][A-Za-z]*(?:<|\[|$)/.test(value);
}

/** Whether a secret-ish value (not a password) is random enough to be a real token. */
function isRandomEnough(value: string): boolean {
  if (value.length < 12 || identifier.test(value)) return false;
  // After a secret's key, 16 or more hex digits are a token even in digits alone (`token=5365637265745061737321`).
  if (/^[0-9a-f]{16,}$/i.test(value)) return shannonEntropy(value) >= 2.8;
  const isMixed = /[a-z]/.test(value) && /[A-Z]/.test(value) && /[+/=_-]/.test(value) && value.length >= 20;
  if (!/\d/.test(value) && !isMixed) return false;
  if (/^\d+$/.test(value) || /^\d+(?:\.\d+)+$/.test(value)) return false;
  const threshold = /^[0-9a-f]+$/i.test(value) ? 2.8 : 3.2;
  return shannonEntropy(value) >= threshold;
}

// The rest of a long token wrapped onto the next line: that line holds one token-shaped run and nothing else.
const wrappedRest = /^\r?\n[ \t]*([A-Za-z0-9+/_-]{8,}={0,2})[ \t]*(?=\r?\n|$)/;

/** Where a secret ending at `end` really ends: past its wrapped rest (`wJalrXUtnFEMI/K7MDENG/\n  bPxRfiCY...`). */
function throughWrap(text: string, start: number, end: number): number {
  if (end - start < 16) return end;
  const rest = wrappedRest.exec(text.slice(end, end + 300));
  const part = rest?.[1];
  if (rest === null || part === undefined || !/\d|[A-Z].*[a-z]|[a-z].*[A-Z]|[+/=]/.test(part)) return end;
  return end + rest[0].length;
}

/** Passwords and generic secrets found by their key's name, the assigned value, and its entropy. */
export const keywordSecretDetector: Detector = {
  types: ['password', 'secret'],
  detect(text, found) {
    scan(text, assignmentPattern, (match) => {
      const key = match[1] ?? '';
      const quoted = match[4];
      const value = quoted ?? match[5] ?? '';
      if (value.length === 0 || placeholderValue.test(value)) return;
      const end = match.index + match[0].length - (quoted === undefined ? 0 : 1);
      const start = end - value.length;
      const isPassword = passwordKey.test(key) && !/token|key|secret/i.test(key.replace(/pass\w*/i, ''));
      if (isPassword) {
        if (value.length < 4 || (quoted === undefined && text[end] === '(')) return; // a call: `form.get(`
        if (
          quoted === undefined &&
          (looksLikeCode(value) || (identifier.test(value) && !/[A-Z]/.test(value.slice(1))))
        ) {
          return;
        }
        propose(found, start, end, 'password', priority.password);
      } else if (
        isRandomEnough(value) ||
        (quoted !== undefined && value.length >= 8 && /\d/.test(value) && shannonEntropy(value) >= 3)
      ) {
        propose(found, start, quoted === undefined ? throughWrap(text, start, end) : end, 'secret', priority.secret);
      }
    });
    scan(text, bearerPattern, (match) => {
      const value = match[1] ?? '';
      if (!isRandomEnough(value)) return;
      const end = match.index + match[0].length;
      propose(found, end - value.length, throughWrap(text, end - value.length, end), 'secret', priority.secret);
    });
    scan(text, prosePattern, (match) => {
      const password = prosePassword(match);
      if (password === null || placeholderValue.test(password.value)) return;
      if (isPropertyAccess(password.value) || /[()]/.test(password.value)) return;
      const start = match.index + password.offset;
      propose(found, start, start + password.value.length, 'password', priority.password);
    });
    scan(text, numericCodePattern, (match) => {
      const code = match[1] ?? '';
      if (
        /error|status|exit|http|zip|postal|country|area|region|product|discount|promo|course|class|flight|airport|tax|item|project|language/i.test(
          match[0],
        )
      )
        return;
      const end = match.index + match[0].length;
      propose(found, end - code.length, end, 'password', priority.password);
    });
    scan(text, flagPattern, (match) => {
      const value = match[2] ?? '';
      if (placeholderValue.test(value)) return;
      const end = match.index + match[0].length - (match[1]?.length ?? 0);
      const type = /pass/i.test(match[0]) ? 'password' : 'secret';
      propose(found, end - value.length, end, type, type === 'password' ? priority.password : priority.secret);
    });
  },
};
