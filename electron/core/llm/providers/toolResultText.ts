import type { JsonValue } from '#core/llm/chat/Transcript.ts';

/**
 * A tool result as the text of an API's tool message: its JSON, exactly as the compact format shows
 * it to a local model (a string result reads `"error: ..."`, a number `1026`), so a result sent to a
 * cloud model and read back by the local server is the same value.
 */
export function toolResultText(result: JsonValue): string {
  return JSON.stringify(result);
}

/** The value of a tool message's text: its JSON when it is JSON, else the text itself. */
export function parseToolResultText(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
