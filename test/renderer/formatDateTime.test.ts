// Moments the engine counts on the UTC clock (the daily budget cap resets at 00:00 UTC) are shown on that
// clock and say so, whatever the computer's time zone; other moments stay in local time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as FormatDateTime from '../../renderer/src/format/formatDateTime.ts';

// The renderer's tests have no Node types; the test runner is Node all the same.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
const zone = env.TZ;
let format: typeof FormatDateTime;

beforeAll(async () => {
  // Nine hours ahead of UTC, so local and UTC times differ; set before the formatters are built.
  env.TZ = 'Asia/Tokyo';
  format = await import('../../renderer/src/format/formatDateTime.ts');
});

afterAll(() => {
  if (zone === undefined) delete env.TZ;
  else env.TZ = zone;
});

describe('formatUtcDateTime', () => {
  it('shows midnight UTC as midnight and names the clock', () => {
    const shown = format.formatUtcDateTime('2026-12-09T00:00:00.000Z');
    expect(shown).toMatch(/UTC$/);
    expect(shown).toMatch(/\b(12:00\sAM|0?0:00)\b/);
    expect(shown).toMatch(/\b9\b/);
  });

  it('differs from the local-time form in another zone', () => {
    const midnight = Date.parse('2026-12-09T00:00:00.000Z');
    expect(format.formatDateTime(midnight)).not.toMatch(/12:00\sAM|\b0?0:00\b/);
    expect(format.formatUtcDateTime(midnight)).not.toBe(format.formatDateTime(midnight));
  });

  it('keeps the dash for no moment and the raw text for an unreadable one', () => {
    expect(format.formatUtcDateTime(null)).toBe('—');
    expect(format.formatUtcDateTime('soon')).toBe('soon');
  });
});
