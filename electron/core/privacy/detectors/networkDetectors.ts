import { isIPv6 } from 'node:net';
import type { Detector } from '../entityTypes.ts';
import { before, priority, propose, scan } from './scan.ts';

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Pattern = new RegExp(`(?<![\\w.])${octet}(?:\\.${octet}){3}(?![\\w]|\\.\\d)`, 'g');
// Loopback, "any" and netmasks identify nobody; private ranges are kept (they map a network).
const harmlessIpv4 = /^(?:127\.|0\.0\.0\.0$|255\.255\.)/;
const versionContext = /\b(?:v|version|ver|release|build|oid)\.?\w{0,12}["']?\s*[:=]?\s*["']?$/i;
const ipv6Pattern =
  /(?<![\w:.])(?:[0-9A-Fa-f]{1,4}|:)?(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?:%[\w.]+)?(?![\w:])/g;

/** IPv4 (not loopback, 0.0.0.0 or netmasks, not a 4-part version number) and IPv6 addresses. */
export const ipAddressDetector: Detector = {
  types: ['ip_address'],
  detect(text, found) {
    scan(text, ipv4Pattern, (match) => {
      if (harmlessIpv4.test(match[0]) || versionContext.test(before(text, match.index, 24))) return;
      propose(found, match.index, match.index + match[0].length, 'ip_address', priority.network);
    });
    scan(text, ipv6Pattern, (match) => {
      const value = match[0];
      const address = value.replace(/%.*$/, '');
      const groups = address.split(':').filter((part) => part !== '').length;
      if (!isIPv6(address) || address === '::' || address === '::1' || groups < 3) return;
      propose(found, match.index, match.index + value.length, 'ip_address', priority.network);
    });
  },
};

const macPattern =
  /(?<![\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-])|(?<![\w.])[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}(?![\w.])/g;

/** MAC addresses, colon/dash separated or Cisco dotted (`0011.2233.4455`). */
export const macAddressDetector: Detector = {
  types: ['mac_address'],
  detect(text, found) {
    scan(text, macPattern, (match) => {
      if (/^(?:00[:-]){5}00$|^(?:ff[:-]){5}ff$/i.test(match[0])) return;
      propose(found, match.index, match.index + match[0].length, 'mac_address', priority.network);
    });
  },
};

// scheme://user:password@host: the span is `user:password`, so the host stays readable.
const credentialUrlPattern = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/([^\s:@/?#"'<>]+):([^\s@/?#"'<>]+)@(?=[\w.[-])/g;
const templated = /^(?:\$|<|\{|\*+$|%s$|\[)/;

/** Credentials inside URLs and connection strings (`postgres://app:s3cret@db:5432/x`). */
export const urlCredentialsDetector: Detector = {
  types: ['url_credentials'],
  detect(text, found) {
    scan(text, credentialUrlPattern, (match) => {
      const [whole, user = '', password = ''] = match;
      if (templated.test(password)) return;
      const start = match.index + whole.length - 1 - password.length - 1 - user.length;
      propose(found, start, start + user.length + 1 + password.length, 'url_credentials', priority.urlCredentials);
    });
  },
};
