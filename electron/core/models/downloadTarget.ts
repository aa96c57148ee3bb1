import { InvalidRequestError } from '#core/errors.ts';

const safeName = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}\.gguf$/i;

/**
 * Whether plain http is acceptable for `hostname`: this machine, or a private network address
 * (a NAS or a model server on the LAN). Anything on the internet must be https; the sha256 check
 * still guards the bytes either way.
 */
function isLocalNetwork(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || host.endsWith('.local')) return true;
  const octets = host.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) return false;
  const [a = 0, b = 0] = octets;
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31);
}

/** Whether a download request may go to `url`: https, or http to this machine or the local network. */
export function isAcceptableHop(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalNetwork(url.hostname));
}

/**
 * Checks a download link and returns it parsed: https anywhere, http only on this machine or the
 * local network, no credentials in the link. Throws `invalid-request` saying what to fix.
 */
export function parseDownloadUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new InvalidRequestError(`"${text}" is not a web address; paste the full https:// link to a .gguf file.`);
  }
  if (!isAcceptableHop(url))
    throw new InvalidRequestError(
      'Model downloads must use https:// (plain http:// is accepted only from this machine or your local network).',
    );
  if (url.username !== '' || url.password !== '')
    throw new InvalidRequestError('Remove the user name and password from the link; they would be sent in clear.');
  downloadFileName(url.href);
  return url;
}

/** The file name a download is saved under: the link's last path segment, which must be a `.gguf` name. */
export function downloadFileName(url: string): string {
  const segment = new URL(url).pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(segment);
  } catch {
    name = segment;
  }
  if (!safeName.test(name))
    throw new InvalidRequestError(
      `The link must end in a .gguf file name of letters, digits, dots, dashes and underscores (it ends in "${segment}"). Use the file's direct download link.`,
    );
  return name;
}
