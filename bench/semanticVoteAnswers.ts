// The answers the semantic-vote benches embed: texts of 150 words (about 200 tokens) cut in turn
// from the prose of test/fixtures/redaction/negatives.jsonl, written for another purpose.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Words per answer: about 200 tokens (1 token ~ 0.75 words). */
export const answerWords = 150;

/** The first `count` answers of {@link answerWords} words. */
export function proseAnswers(count: number): string[] {
  const file = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'redaction', 'negatives.jsonl');
  const words = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { category: string; text: string })
    .filter((line) => line.category === 'prose')
    .map((line) => line.text)
    .join(' ')
    .split(/\s+/);
  return Array.from({ length: count }, (_, index) =>
    words.slice(index * answerWords, (index + 1) * answerWords).join(' '),
  );
}
