/**
 * An answer as the vote compares it: trimmed, whitespace collapsed, lower-cased, a trailing full
 * stop dropped; a number (with thousands separators or a trailing `.0`) written canonically, so
 * `1,124`, `1124.` and ` 1124.0` vote together.
 */
export function normalizeAnswer(answer: string): string {
  const text = answer.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
  const numeric = /^([-+]?)(\d+)(?:\.(\d+))?$/.exec(text.replace(/(\d),(?=\d{3}\b)/g, '$1'));
  if (numeric === null) return text;
  // Canonical by its digits, not through a double: 20-digit numbers that differ stay different.
  const [, sign = '', whole = '0', fraction = ''] = numeric;
  const digits = whole.replace(/^0+(?=\d)/, '') + (/[1-9]/.test(fraction) ? `.${fraction.replace(/0+$/, '')}` : '');
  return sign === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

/**
 * Whether an answer is one at all: a text cut off inside JSON (`{"expr": "7`) or with an unclosed
 * quote is a half-written tool call, not an answer, and does not vote.
 */
export function isWellFormedAnswer(answer: string): boolean {
  const text = answer.trim();
  if (text === '') return false;
  if (/^[[{]/.test(text)) {
    try {
      JSON.parse(text);
    } catch {
      return false;
    }
    return true;
  }
  return (text.match(/"/g)?.length ?? 0) % 2 === 0;
}
