import type { JsonValue } from './Transcript.ts';

/**
 * JSON on one line the way Python's `json.dumps` writes it (`{"expr": "2+3"}`, `[1, 2]`): the form
 * node-llama-cpp's `jsonDumps` gives tool arguments and results in a rendered chat, so the trainer
 * and the local provider see the same characters. Re-implemented here so rendering a transcript
 * does not load node-llama-cpp; a test checks the two agree.
 */
export function formatJson(value: JsonValue): string {
  return JSON.stringify(value, null, 1)
    .split('\n')
    .map((line) => {
      const trimmed = line.trim();
      return trimmed.endsWith(',') ? `${trimmed} ` : trimmed;
    })
    .join('');
}
