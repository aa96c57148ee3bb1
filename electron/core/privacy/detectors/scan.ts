import type { CandidateSpan, EntityType } from '../entityTypes.ts';

/** Calls `onMatch` for every match of a global regex in `text`, from the start. */
export function scan(text: string, regex: RegExp, onMatch: (match: RegExpExecArray) => void): void {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
    if (match[0].length === 0) regex.lastIndex++;
    onMatch(match);
  }
}

/** Adds a candidate span unless it is empty. */
export function propose(found: CandidateSpan[], start: number, end: number, type: EntityType, priority: number): void {
  if (end > start) found.push({ start, end, type, priority });
}

/** The characters of `value` that are ASCII digits. */
export function digitsOf(value: string): string {
  return value.replace(/\D/g, '');
}

/** The text of the `size` characters before `index` (for context keywords). */
export function before(text: string, index: number, size: number): string {
  return text.slice(Math.max(0, index - size), index);
}

/** Priorities: the more specific and the more harmful to leak, the higher. */
export const priority = {
  privateKey: 100,
  custom: 95,
  // Above API keys: `https://ci:ghp_x@host` hides the whole user:token pair.
  urlCredentials: 92,
  apiKey: 90,
  jwt: 90,
  password: 80,
  secret: 70,
  email: 60,
  iban: 60,
  creditCard: 60,
  // A number right after a word that names a phone: above ids and network addresses of its shape.
  phoneAfterWord: 58,
  nationalId: 55,
  network: 50,
  phone: 40,
  streetAddress: 30,
  person: 20,
  location: 10,
} as const;
