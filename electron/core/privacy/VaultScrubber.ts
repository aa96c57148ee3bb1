import type { EntityType } from './entityTypes.ts';
import type { RedactionVault, VaultEntry } from './RedactionVault.ts';
import { buildTextView, looseForm, type TextView } from './textView.ts';

/** Where a known original (or a variant or a long piece of it) occurs in a text. */
export type VaultHit = {
  readonly start: number;
  readonly end: number;
  readonly placeholder: string;
  readonly type: EntityType;
};

type Needle = {
  readonly text: string;
  readonly entry: VaultEntry;
  readonly view: 'loose' | 'compact';
  /** Short needles must stand alone and keep the original's case (`Li` is not every "li"). */
  readonly isShort: boolean;
  /** Base64 pieces cover the whole blob they sit in. */
  readonly isBase64: boolean;
};

const prefixLength = 4;
const shortLength = 6;
const gramLength = 8;
/** Types whose long pieces are as sensitive as the whole: a key's half, a card's middle digits. */
const pieceTypes = new Set<EntityType>([
  'api_key',
  'secret',
  'password',
  'jwt',
  'private_key',
  'url_credentials',
  'credit_card',
  'iban',
  'ssn',
  'national_id',
  'phone',
]);
const base64Alphabet = /[A-Za-z0-9+/=_-]/;
const wordCharacter = /[\p{L}\p{N}]/u;

/** The base64 characters that depend only on `bytes`, at each of the three alignments. */
function base64Pieces(bytes: Buffer): string[] {
  const pieces: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64').replace(/=+$/, '');
    const skip = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const stable = encoded.slice(skip, padded.length % 3 === 0 ? encoded.length : encoded.length - 1);
    if (stable.length >= 8) pieces.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return pieces;
}

/** The forms an original may travel in: itself, URL- and form-encoded, hex, base64. */
function needlesOf(entry: VaultEntry): Needle[] {
  const original = entry.original;
  const needles: Needle[] = [];
  const add = (text: string, view: 'loose' | 'compact', isBase64 = false) => {
    if (text.length < 2 || needles.some((needle) => needle.text === text && needle.view === view)) return;
    needles.push({ text, entry, view, isShort: view === 'loose' && text.length < shortLength, isBase64 });
  };
  const loose = looseForm(original);
  add(loose, 'loose');
  const encoded = encodeURIComponent(original);
  add(looseForm(encoded), 'loose');
  add(looseForm(encoded.replace(/%20/g, '+')), 'loose');
  const bytes = Buffer.from(original, 'utf8');
  if (bytes.length >= 4) add(bytes.toString('hex'), 'loose');
  if (bytes.length >= 6) for (const piece of new Set(base64Pieces(bytes))) add(piece, 'compact', true);
  return needles;
}

/** Pieces of a secret long enough to identify it: its loose form's 8-character windows. */
function piecesOf(entry: VaultEntry): string[] {
  if (!pieceTypes.has(entry.type)) return [];
  const body = entry.type === 'private_key' ? entry.original.replace(/^.*-----.*$/gm, '') : entry.original;
  const loose = looseForm(body);
  const pieces: string[] = [];
  for (let index = 0; index + gramLength <= loose.length; index++) {
    const piece = loose.slice(index, index + gramLength);
    if (new Set(piece).size >= 5) pieces.push(piece);
  }
  return pieces;
}

/**
 * Finds what a task's vault holds in any text, independent of the detectors: every original in its
 * trivial variants (case, whitespace and line breaks, separators, JSON and nested JSON escaping,
 * URL and form encoding, hex, base64 at any alignment) and, for secrets and structured ids, any
 * 8-character piece of one (a key cut in halves). This is the net under the detectors: what was
 * hidden once is hidden wherever it shows up again, e.g. in a tool's error text.
 */
export class VaultScrubber {
  readonly #vault: RedactionVault;
  #builtFor = -1;
  #byPrefix = new Map<string, Needle[]>();
  #shortNeedles: Needle[] = [];
  #pieces = new Map<string, VaultEntry>();

  constructor(vault: RedactionVault) {
    this.#vault = vault;
  }

  /** Every occurrence, as merged source ranges with the placeholder that replaces each. */
  find(text: string): VaultHit[] {
    this.#refresh();
    if (this.#vault.size === 0 || text.length < 2) return [];
    const view = buildTextView(text);
    const hits: (VaultHit & { length: number })[] = [];
    this.#findNeedles(text, view, 'loose', hits);
    this.#findNeedles(text, view, 'compact', hits);
    this.#findPieces(view, hits);
    return merge(hits);
  }

  /** `text` with every hit replaced by its placeholder, and how many were replaced. */
  scrub(text: string): { text: string; hits: readonly VaultHit[] } {
    const hits = this.find(text);
    if (hits.length === 0) return { text, hits };
    let result = '';
    let cursor = 0;
    for (const hit of hits) {
      result += text.slice(cursor, hit.start) + hit.placeholder;
      cursor = hit.end;
    }
    return { text: result + text.slice(cursor), hits };
  }

  #refresh(): void {
    if (this.#builtFor === this.#vault.size) return;
    this.#builtFor = this.#vault.size;
    this.#byPrefix = new Map();
    this.#shortNeedles = [];
    this.#pieces = new Map();
    for (const entry of this.#vault.entries()) {
      for (const needle of needlesOf(entry)) {
        if (needle.text.length < prefixLength) {
          this.#shortNeedles.push(needle);
          continue;
        }
        const key = `${needle.view}:${needle.text.slice(0, prefixLength)}`;
        const list = this.#byPrefix.get(key) ?? [];
        list.push(needle);
        this.#byPrefix.set(key, list);
      }
      for (const piece of piecesOf(entry)) if (!this.#pieces.has(piece)) this.#pieces.set(piece, entry);
    }
  }

  #findNeedles(text: string, view: TextView, kind: 'loose' | 'compact', hits: (VaultHit & { length: number })[]): void {
    const haystack = kind === 'loose' ? view.loose : view.compact;
    const starts = kind === 'loose' ? view.looseStart : view.compactStart;
    const ends = kind === 'loose' ? view.looseEnd : view.compactEnd;
    const accept = (needle: Needle, at: number) => {
      let start = starts[at] ?? 0;
      let end = ends[at + needle.text.length - 1] ?? start;
      if (needle.isShort && !isStandalone(text, start, end, needle.entry.original)) return;
      if (needle.isBase64) {
        while (start > 0 && base64Alphabet.test(text[start - 1] ?? '')) start--;
        while (end < text.length && base64Alphabet.test(text[end] ?? '')) end++;
      }
      hits.push({ start, end, placeholder: needle.entry.placeholder, type: needle.entry.type, length: end - start });
    };
    for (let at = 0; at + prefixLength <= haystack.length; at++) {
      const candidates = this.#byPrefix.get(`${kind}:${haystack.slice(at, at + prefixLength)}`);
      if (candidates === undefined) continue;
      for (const needle of candidates) if (haystack.startsWith(needle.text, at)) accept(needle, at);
    }
    for (const needle of this.#shortNeedles) {
      if (needle.view !== kind) continue;
      for (let at = haystack.indexOf(needle.text); at !== -1; at = haystack.indexOf(needle.text, at + 1)) {
        accept(needle, at);
      }
    }
  }

  #findPieces(view: TextView, hits: (VaultHit & { length: number })[]): void {
    if (this.#pieces.size === 0) return;
    const { loose, looseStart, looseEnd } = view;
    for (let at = 0; at + gramLength <= loose.length; at++) {
      const entry = this.#pieces.get(loose.slice(at, at + gramLength));
      if (entry === undefined) continue;
      const start = looseStart[at] ?? 0;
      const end = looseEnd[at + gramLength - 1] ?? start;
      hits.push({ start, end, placeholder: entry.placeholder, type: entry.type, length: end - start });
    }
  }
}

/** A short original counts only as a whole word, in its own case or all capitals. */
function isStandalone(text: string, start: number, end: number, original: string): boolean {
  if (wordCharacter.test(text[start - 1] ?? '') || wordCharacter.test(text[end] ?? '')) return false;
  const found = text.slice(start, end);
  return found === original || found === original.toUpperCase();
}

/** Sorted, overlapping hits merged; a merged range takes the placeholder of its longest hit. */
function merge(hits: (VaultHit & { length: number })[]): VaultHit[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: (VaultHit & { length: number })[] = [];
  for (const hit of hits) {
    const last = merged.at(-1);
    if (last !== undefined && hit.start < last.end) {
      const isLonger = hit.length > last.length;
      merged[merged.length - 1] = {
        start: last.start,
        end: Math.max(last.end, hit.end),
        placeholder: isLonger ? hit.placeholder : last.placeholder,
        type: isLonger ? hit.type : last.type,
        length: Math.max(last.length, hit.length),
      };
    } else merged.push({ ...hit });
  }
  return merged.map(({ start, end, placeholder, type }) => ({ start, end, placeholder, type }));
}
