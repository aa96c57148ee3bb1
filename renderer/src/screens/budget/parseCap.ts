import type { Result } from '#shared/result.ts';
import { err, ok } from '#shared/result.ts';

// The host's schema accepts caps from 0 to 1,000,000 US dollars.
const largestCap = 1_000_000;

/** Reads a cap field: empty means no cap; otherwise dollars from 0 to 1,000,000 (a `$` is fine). */
export function parseCap(text: string): Result<number | null, string> {
  const trimmed = text
    .trim()
    .replace(/^\$\s*/, '')
    .replaceAll(',', '');
  if (trimmed === '') {
    return ok(null);
  }
  const amount = Number(trimmed);
  if (!/^\d*\.?\d*$/.test(trimmed) || !Number.isFinite(amount) || amount < 0 || amount > largestCap) {
    return err('Enter an amount in US dollars from 0 to 1,000,000, or leave it empty for no cap.');
  }
  return ok(amount);
}
