import type { EntityType } from './entityTypes.ts';
import type { RedactionVault, VaultEntry } from './RedactionVault.ts';
import { isStreetWord } from './detectors/addressDetector.ts';
import { isCommonWord } from './names/detectNames.ts';
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
  /** The text as it was (the original, or the part of it) that the needle came from. */
  readonly form: string;
  /**
   * `word`: must stand alone (a surname is not part of a longer word); `sameCaseWord`: also keep
   * the form's case or be all capitals (a short `Li` is not every "li"); `anywhere` otherwise.
   */
  readonly boundary: 'anywhere' | 'word' | 'sameCaseWord';
  /** Base64 pieces cover the whole blob they sit in. */
  readonly isBase64: boolean;
};

const prefixLength = 3;
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

/**
 * The forms an original may travel in: itself (loose), or with `isEncoded` its URL- and
 * form-encoded, hex and base64 forms and the parts of a name or an address that identify it.
 */
function needlesOf(entry: VaultEntry, isEncoded: boolean): Needle[] {
  const original = entry.original;
  const needles: Needle[] = [];
  const add = (text: string, view: 'loose' | 'compact', isBase64 = false, form = original, isWord = false) => {
    const isShort = view === 'loose' && text.length < shortLength;
    addNeedle(text, view, isShort ? 'sameCaseWord' : isWord ? 'word' : 'anywhere', form, isBase64);
  };
  const addNeedle = (
    text: string,
    view: Needle['view'],
    boundary: Needle['boundary'],
    form: string,
    isBase64 = false,
  ) => {
    if (text.length < 2 || needles.some((needle) => needle.text === text && needle.view === view)) return;
    needles.push({ text, entry, view, form, boundary, isBase64 });
  };
  const loose = looseForm(original);
  if (!isEncoded) {
    add(loose, 'loose');
    return needles;
  }
  // Parts that still say who it is: a person's surname or given name alone (in any case, "tim" for
  // Tim, unless the part is a common word: "will" stays for Will), an address's distinctive name
  // ("zanzibar" of 12 Zanzibar Lane, not its street word), an e-mail's local part.
  for (const token of partsOf(entry)) {
    const boundary = token.length < shortLength && isCommonWord(token) ? 'sameCaseWord' : 'word';
    addNeedle(looseForm(token), 'loose', boundary, token);
  }
  if (entry.type === 'email') {
    const local = looseForm(original.slice(0, original.indexOf('@')));
    if (local.length >= shortLength) add(local, 'loose', false, original.slice(0, original.indexOf('@')));
  }
  const encoded = encodeURIComponent(original);
  for (const form of [looseForm(encoded), looseForm(encoded.replace(/%20/g, '+'))])
    if (form !== loose) add(form, 'loose');
  const bytes = Buffer.from(original, 'utf8');
  if (bytes.length >= 4) add(bytes.toString('hex'), 'loose');
  if (bytes.length >= 6) for (const piece of new Set(base64Pieces(bytes))) add(piece, 'compact', true);
  return needles;
}

/**
 * The capitalised words of a person's name (3 letters or more) and of a street address (6 letters
 * or more, neither a street word nor a common word) that identify the entry on their own.
 */
function partsOf(entry: VaultEntry): string[] {
  const words = entry.original.split(/[\s,]+/);
  if (entry.type === 'person') return words.filter((word) => /^\p{Lu}\p{L}{2,}$/u.test(word));
  if (entry.type !== 'street_address') return [];
  return words.filter((word) => /^\p{Lu}\p{L}{5,}$/u.test(word) && !isStreetWord(word) && !isCommonWord(word));
}

function distinctCharacters(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) if (text.indexOf(text[index] ?? '') === index) count++;
  return count;
}

/** Pieces of a secret long enough to identify it: its loose form's 8-character windows. */
function piecesOf(entry: VaultEntry): string[] {
  if (!pieceTypes.has(entry.type)) return [];
  const body = entry.type === 'private_key' ? entry.original.replace(/^.*-----.*$/gm, '') : entry.original;
  const loose = looseForm(body);
  const pieces: string[] = [];
  for (let index = 0; index + gramLength <= loose.length; index++) {
    const piece = loose.slice(index, index + gramLength);
    if (distinctCharacters(piece) >= 5) pieces.push(piece);
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
  #indexed = 0;
  #encodedIndexed = 0;
  #piecesIndexed = 0;
  readonly #byPrefix = new Map<number, Needle[]>();
  readonly #shortNeedles: Needle[] = [];
  readonly #pieces = new Map<string, VaultEntry>();
  readonly #piecePrefixes = new Set<number>();

  constructor(vault: RedactionVault) {
    this.#vault = vault;
  }

  /**
   * Every occurrence, as merged source ranges with the placeholder that replaces each. Encoded
   * forms and pieces of secrets are looked for unless `isThorough` is false (a text checked only
   * against what the detectors just found in it).
   */
  find(text: string, isThorough = true): VaultHit[] {
    if (this.#vault.size === 0 || text.length < 2) return [];
    this.#index(false);
    if (isThorough) this.#index(true);
    // Only base64 needles use the compact view, and they are indexed for thorough finds only.
    const view = buildTextView(text, isThorough || this.#encodedIndexed > 0);
    const hits: (VaultHit & { length: number })[] = [];
    this.#findNeedles(text, view, 'loose', hits);
    if (view.compact.length > 0) this.#findNeedles(text, view, 'compact', hits);
    if (isThorough) {
      this.#refreshPieces();
      this.#findPieces(view, hits);
    }
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

  /** Indexes the entries added to the vault since the last call (a vault only grows). */
  #index(isEncoded: boolean): void {
    const indexed = isEncoded ? this.#encodedIndexed : this.#indexed;
    if (indexed === this.#vault.size) return;
    const entries = this.#vault.entries();
    for (const entry of entries.slice(indexed)) {
      for (const needle of needlesOf(entry, isEncoded)) {
        if (needle.text.length < prefixLength) {
          this.#shortNeedles.push(needle);
          continue;
        }
        const key = prefixKey(needle.text, 0, needle.view === 'loose' ? 0 : 1);
        const list = this.#byPrefix.get(key) ?? [];
        list.push(needle);
        this.#byPrefix.set(key, list);
      }
    }
    if (isEncoded) this.#encodedIndexed = entries.length;
    else this.#indexed = entries.length;
  }

  #refreshPieces(): void {
    if (this.#piecesIndexed === this.#vault.size) return;
    const entries = this.#vault.entries();
    for (const entry of entries.slice(this.#piecesIndexed)) {
      for (const piece of piecesOf(entry)) {
        if (this.#pieces.has(piece)) continue;
        this.#pieces.set(piece, entry);
        this.#piecePrefixes.add(prefixKey(piece, 0, 0));
      }
    }
    this.#piecesIndexed = entries.length;
  }

  #findNeedles(text: string, view: TextView, kind: 'loose' | 'compact', hits: (VaultHit & { length: number })[]): void {
    const haystack = kind === 'loose' ? view.loose : view.compact;
    const starts = kind === 'loose' ? view.looseStart : view.compactStart;
    const ends = kind === 'loose' ? view.looseEnd : view.compactEnd;
    const accept = (needle: Needle, at: number) => {
      let start = starts[at] ?? 0;
      let end = ends[at + needle.text.length - 1] ?? start;
      if (needle.boundary !== 'anywhere' && !isStandalone(text, start, end, needle)) return;
      if (needle.isBase64) {
        while (start > 0 && base64Alphabet.test(text[start - 1] ?? '')) start--;
        while (end < text.length && base64Alphabet.test(text[end] ?? '')) end++;
      }
      hits.push({ start, end, placeholder: needle.entry.placeholder, type: needle.entry.type, length: end - start });
    };
    const viewIndex = kind === 'loose' ? 0 : 1;
    for (let at = 0; at + prefixLength <= haystack.length; at++) {
      const candidates = this.#byPrefix.get(prefixKey(haystack, at, viewIndex));
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
      if (!this.#piecePrefixes.has(prefixKey(loose, at, 0))) continue;
      const entry = this.#pieces.get(loose.slice(at, at + gramLength));
      if (entry === undefined) continue;
      const start = looseStart[at] ?? 0;
      const end = looseEnd[at + gramLength - 1] ?? start;
      hits.push({ start, end, placeholder: entry.placeholder, type: entry.type, length: end - start });
    }
  }
}

/** The first three UTF-16 units at `at` (and which view) as one number: a map key without a string. */
function prefixKey(text: string, at: number, view: number): number {
  return ((view * 65_536 + text.charCodeAt(at)) * 65_536 + text.charCodeAt(at + 1)) * 65_536 + text.charCodeAt(at + 2);
}

/** Whether a hit stands alone as a word (and, for short forms, keeps the form's case or is all capitals). */
function isStandalone(text: string, start: number, end: number, needle: Needle): boolean {
  if (wordCharacter.test(text[start - 1] ?? '') || wordCharacter.test(text[end] ?? '')) return false;
  if (needle.boundary === 'word') return true;
  const found = text.slice(start, end);
  return found === needle.form || found === needle.form.toUpperCase();
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
