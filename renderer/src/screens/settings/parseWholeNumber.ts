import { err, ok, type Result } from '#shared/result.ts';

/** Reads a whole number within [minimum, maximum], with a message that names the range. */
export function parseWholeNumber(text: string, minimum: number, maximum: number): Result<number, string> {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !/^\d+$/.test(trimmed) || value < minimum || value > maximum) {
    return err(`Enter a whole number from ${minimum} to ${maximum}.`);
  }
  return ok(value);
}
