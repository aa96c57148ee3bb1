import type { Detector } from '../entityTypes.ts';
import { shannonEntropy } from '../checksums.ts';
import { before, priority, propose, scan } from './scan.ts';
import { keywordSecretDetector } from './keywordSecretDetector.ts';

/**
 * Provider key formats (as gitleaks and the providers document them). Each needs enough random
 * characters after its prefix that words like `sk-learn` or `task-queue` never match.
 */
const providerKeyPatterns: readonly RegExp[] = [
  /(?<![\w-])sk-ant-(?:api|admin|oat|sid)\d{2}-[\w-]{20,}/g, // Anthropic
  /(?<![\w-])sk-(?:proj-|svcacct-|admin-|None-)?(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{20,}/g, // OpenAI
  /(?<![\w])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z2-7]{16}(?![\w])/g, // AWS access key id
  /(?<![\w])gh[pousr]_[A-Za-z0-9]{36,255}(?![\w])/g, // GitHub classic
  /(?<![\w])github_pat_[A-Za-z0-9_]{22,255}/g, // GitHub fine-grained
  /(?<![\w-])AIza[\w-]{35}(?![\w-])/g, // Google API key
  /(?<![\w-])ya29\.[\w-]{20,}/g, // Google OAuth access token
  /(?<![\w-])xox[abposre]-(?:\d+-)*[A-Za-z0-9-]{10,}/g, // Slack tokens
  /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/g, // Slack webhooks
  /(?<![\w])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}(?![\w])/g, // Stripe secret and restricted keys
  /(?<![\w])whsec_[A-Za-z0-9+/=]{24,}/g, // Stripe webhook secret
  /(?<![\w-])glpat-[\w-]{20,}/g, // GitLab
  /(?<![\w])npm_[A-Za-z0-9]{36}(?![\w])/g, // npm
  /(?<![\w])hf_[A-Za-z0-9]{30,}(?![\w])/g, // Hugging Face
  /(?<![\w])SG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g, // SendGrid
  /(?<![\w])gsk_[A-Za-z0-9]{40,}(?![\w])/g, // Groq
  /(?<![\w-])xai-[A-Za-z0-9]{40,}(?![\w])/g, // xAI
  /(?<![\w])dop_v1_[a-f0-9]{64}(?![\w])/g, // DigitalOcean
  /(?<![\w])shp(?:at|ss|ca|pa)_[a-fA-F0-9]{32}(?![\w])/g, // Shopify
  /(?<![\w])pypi-AgEIcHlwaS5vcmc[\w-]{50,}/g, // PyPI
  /(?<![\w-])key-[0-9a-f]{32}(?![\w])/g, // Mailgun
  /(?<![\w:])\d{8,10}:AA[\w-]{33}(?![\w-])/g, // Telegram bot
  /(?<![\w])AccountKey=[A-Za-z0-9+/]{86}==/g, // Azure storage
];

// AWS secret access keys have no prefix: 40 base64 characters after an AWS-ish keyword.
const awsSecretPattern =
  /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key|SecretAccessKey)["']?\s*(?:[:=]|=>)\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi;

/** API keys and tokens of the major providers, by their published formats. */
export const apiKeyDetector: Detector = {
  types: ['api_key'],
  detect(text, found) {
    for (const pattern of providerKeyPatterns) {
      scan(text, pattern, (match) =>
        propose(found, match.index, match.index + match[0].length, 'api_key', priority.apiKey),
      );
    }
    scan(text, awsSecretPattern, (match) => {
      const key = match[1] ?? '';
      const end = match.index + match[0].length;
      propose(found, end - key.length, end, 'api_key', priority.apiKey);
    });
  },
};

const pemPattern =
  /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|(?=\n\s*\n)|$)/g;
const puttyPattern = /PuTTY-User-Key-File-\d: [\s\S]*?Private-MAC: [0-9a-f]+/g;

/** PEM and PuTTY private keys, whole blocks (a block cut off before its END line too). */
export const privateKeyDetector: Detector = {
  types: ['private_key'],
  detect(text, found) {
    for (const pattern of [pemPattern, puttyPattern]) {
      scan(text, pattern, (match) =>
        propose(found, match.index, match.index + match[0].length, 'private_key', priority.privateKey),
      );
    }
  },
};

// header.payload.signature, both JSON parts starting `{"` (base64url `eyJ`); the signature may be empty (alg none).
const jwtPattern = /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
// The same token in a text whose case was changed (`eyjhbgcioi...`, `EYJHBGCIOI...`): any case of
// `eyj`, then two more base64url parts, each long and with digits or mixed case somewhere.
const caseFoldedJwtPattern = /(?<![\w-])eyj[a-z0-9_-]{8,}\.[a-z0-9_-]{8,}\.[a-z0-9_-]*(?![\w-])/gi;

/** JSON Web Tokens. */
export const jwtDetector: Detector = {
  types: ['jwt'],
  detect(text, found) {
    scan(text, jwtPattern, (match) => propose(found, match.index, match.index + match[0].length, 'jwt', priority.jwt));
    scan(text, caseFoldedJwtPattern, (match) => {
      const [header = '', payload = ''] = match[0].split('.');
      if (payload.length < 16 || !/\d/.test(header + payload)) return;
      propose(found, match.index, match.index + match[0].length, 'jwt', priority.jwt);
    });
  },
};

// Token-shaped runs: base64 (with padding or not), base64url and hex. Paths and identifiers are
// told apart by their character mix (below), hashes that name a commit or a checksum by context.
const blobPattern = /(?<![\w+/.-])(?:[A-Za-z0-9+/]{20,}={1,2}|[A-Za-z0-9+/_-]{24,}|[0-9a-fA-F]{32,})(?![\w+/=-])/g;
const hashContext =
  /(?<![a-z])(?:commit|sha(?:1|256|512)?|hash|digest|checksum|md5|etag|uuid|revision|rev|object|blob|tree|integrity|trace|span|request|correlation)(?![a-z])[^\n]{0,32}$|base64,$/i;

/** Switches between upper case, lower case and digits per character: about 0.5 when random, low in words and identifiers. */
function classSwitchRate(value: string): number {
  let switches = 0;
  let previous = '';
  for (const character of value) {
    const kind = /[A-Z]/.test(character) ? 'U' : /[a-z]/.test(character) ? 'L' : /\d/.test(character) ? 'D' : 'O';
    if (previous !== '' && kind !== previous) switches++;
    previous = kind;
  }
  return switches / value.length;
}

// Words joined by separators (`Stella-Korzeniowski_2024`, `/Downloads/Wilfred_Thiel36`, a URL's
// path): a name, an identifier or a path, never a token.
const wordParts = /^[/_-]?(?:(?:[A-Za-z][a-z]{2,}|[A-Z]{2,}|\d{1,4})(?:[/_-]+|$))+$/;

/** Whether a base64 or base64url run is random: mixed classes, high entropy for its length, no words. */
function isRandomBlob(core: string): boolean {
  if (!/\d/.test(core) || !/[a-z]/i.test(core)) return false;
  if (wordParts.test(core) || /(?:\/[A-Za-z][a-z]{2,}){2,}/.test(core)) return false;
  // Random text of n characters has an entropy near log2(n) bits a character, at most 6 (base64).
  const threshold = Math.min(4, Math.log2(core.length) - 0.75);
  if (shannonEntropy(core) < threshold || classSwitchRate(core) < 0.25) return false;
  return true;
}

/** Whether four characters in a row follow each other in the alphabet or the digits (`abcd`, `6789`). */
function hasAlphabetRun(value: string): boolean {
  let run = 1;
  for (let index = 1; index < value.length; index++) {
    run = value.charCodeAt(index) === value.charCodeAt(index - 1) + 1 ? run + 1 : 1;
    if (run >= 4) return true;
  }
  return false;
}

/**
 * Whether a run in one case (a token in a lower- or upper-cased text, where the class mix says
 * little) is random: a digit or more, high entropy, and letters that do not read as words
 * (few vowels, or a long run of consonants).
 */
function isRandomSingleCase(core: string): boolean {
  if (core.length < 20 || !/\d/.test(core) || wordParts.test(core)) return false;
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(core)) return false; // an IBAN's shape: the IBAN detector's
  if (/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i.test(core)) return false; // a UUID names, it does not open
  if (hasAlphabetRun(core)) return false; // `abcdefghijklmnopqrstuvwxyz123`
  if ((core.match(/(?:^|[-_/])[a-z]{2,}(?=[-_/])/gi)?.length ?? 0) >= 3) return false; // a slug, `how-to-fix-it-c32c61`
  // 36 symbols instead of 64: a little less entropy than a mixed-case token of the same length.
  if (shannonEntropy(core) < Math.min(3.8, Math.log2(core.length) - 1)) return false;
  const letters = core.replace(/[^a-z]/gi, '');
  const vowels = letters.match(/[aeiouy]/gi)?.length ?? 0;
  return vowels / Math.max(1, letters.length) < 0.25 || /[b-df-hj-np-tv-xz]{5}/i.test(letters);
}

// 8 or more bytes of hex with no keyword: hidden when they spell text (`5365637265745061737321` is "SecretPass!").
const hexTextPattern = /(?<![\w+/.-])(?:[0-9a-fA-F]{2}){8,}(?![\w+/=-])/g;

/** Whether hex digits decode to printable ASCII that is mostly letters: a word or a password in hex. */
function isHexText(value: string): boolean {
  let letters = 0;
  for (let index = 0; index < value.length; index += 2) {
    const byte = Number.parseInt(value.slice(index, index + 2), 16);
    if (byte < 0x20 || byte > 0x7e) return false;
    if ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)) letters++;
  }
  return letters / (value.length / 2) >= 0.7;
}

/** Secrets by their shape alone: random-looking base64, base64url or hex tokens with no keyword. */
export const secretShapeDetector: Detector = {
  types: ['secret'],
  detect(text, found) {
    scan(text, blobPattern, (match) => {
      const value = match[0];
      const isHex = /^[0-9a-fA-F]+$/.test(value);
      if (isHex) {
        if (!/\d/.test(value) || !/[a-f]/i.test(value) || shannonEntropy(value) < 3.3) return;
        if (hashContext.test(before(text, match.index, 40))) return;
      } else {
        if (/base64,$/i.test(before(text, match.index, 8))) return; // a data: URL's image, not a secret
        const core = value.replace(/=+$/, '');
        const isOneCase = !/[A-Z]/.test(core) || !/[a-z]/.test(core);
        // After a `%`, a one-case run is the rest of a URL-encoded word (`%20style-standard-brightgreen`).
        if (isOneCase && (text[match.index - 1] === '%' || !isRandomSingleCase(core))) return;
        if (!isOneCase && !isRandomBlob(core)) return;
      }
      propose(found, match.index, match.index + value.length, 'secret', priority.secret);
    });
    scan(text, hexTextPattern, (match) => {
      if (!isHexText(match[0]) || hashContext.test(before(text, match.index, 40))) return;
      propose(found, match.index, match.index + match[0].length, 'secret', priority.secret);
    });
  },
};

/** Every secret detector: provider keys, private keys, JWTs, then keyword, entropy and shape rules. */
export const secretDetectors: readonly Detector[] = [
  apiKeyDetector,
  privateKeyDetector,
  jwtDetector,
  keywordSecretDetector,
  secretShapeDetector,
];
