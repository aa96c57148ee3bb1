import type { Detector } from '../entityTypes.ts';
import { priority, propose, scan, scanNear } from './scan.ts';

// Local part and domain with Unicode letters; the TLD must be letters (so `icon@2x.png` needs the
// extension check below and `pkg@1.2.3` never matches).
const emailPattern =
  /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_%+'-][\p{L}\p{N}._%+'-]*@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,24}(?![\p{L}\p{N}-])/gu;
const fileExtensions = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'js', 'ts', 'css', 'json', 'md', 'py']);
// Extensions of files named after an address (`anna@example.com.eml`): cut off, the address stays.
const mailFileExtensions = new Set([
  'eml',
  'txt',
  'csv',
  'pdf',
  'vcf',
  'mbox',
  'msg',
  'doc',
  'docx',
  'xlsx',
  'zip',
  'log',
  'html',
  'htm',
  'xml',
  'ics',
  'json',
  'png',
  'jpg',
]);

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
    // Only around an `@`: a local part is at most 64 characters, a domain at most 255.
    scanNear(text, emailPattern, /@/g, 65, 256, (match) => {
      let value = match[0];
      // `git@github.com:org/repo` is an SSH remote; `git@example.org` alone is a mailbox.
      if (value.startsWith('git@') && text[match.index + value.length] === ':') return;
      const domain = value.slice(value.indexOf('@') + 1);
      const tld = value.slice(value.lastIndexOf('.') + 1).toLowerCase();
      if (mailFileExtensions.has(tld) && /\.\p{L}{2,24}\.[^.]+$/u.test(domain))
        value = value.slice(0, value.lastIndexOf('.'));
      else if (fileExtensions.has(tld)) return;
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

export { phoneDetector } from './phoneDetector.ts';
