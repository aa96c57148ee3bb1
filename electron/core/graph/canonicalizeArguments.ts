import { tokenizeText } from './tokenizeText.ts';

/**
 * The canonical word sequence of a tool call's arguments: keys sorted at every level, each key
 * followed by the words of its value, identifiers split by {@link tokenizeText}. Two calls that
 * differ only in key order or letter case give the same words.
 * @param args The tool call's arguments as parsed JSON.
 */
export function canonicalizeArguments(args: Readonly<Record<string, unknown>>): string[] {
  const words: string[] = [];
  appendValue(args, words);
  return words;
}

function appendValue(value: unknown, words: string[]): void {
  if (value === null || value === undefined) {
    words.push('null');
  } else if (typeof value === 'string') {
    words.push(...tokenizeText(value));
  } else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    words.push(String(value).toLowerCase());
  } else if (Array.isArray(value)) {
    for (const item of value) appendValue(item, words);
  } else if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record).sort()) {
      words.push(...tokenizeText(key));
      appendValue(record[key], words);
    }
  }
}
