/**
 * Whether an answer text states `expected`: the last integer in the text (thousands separators
 * allowed, so "1,124" reads 1124) must equal it. A bare "1124" (what the trained models write) and a
 * sentence such as "98+27*38 = 1124." both pass; no number, or null (no answer at all), fails.
 */
export function verifyAnswer(expected: number, answerText: string | null): boolean {
  if (answerText === null) return false;
  const numbers = answerText.replace(/(\d),(?=\d{3}\b)/g, '$1').match(/-?\d+(?:\.\d+)?/g);
  const last = numbers?.at(-1);
  return last !== undefined && Number(last) === expected;
}
