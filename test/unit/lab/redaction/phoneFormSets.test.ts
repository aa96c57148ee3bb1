// The phone tuning sets (issue 15.3): gold spans cover exactly the number placed, a seed gives the
// same set, and the libphonenumber numbers keep the digits of a valid number whatever the rewrite.
import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fakerLocaleRows, phoneFormRows, placePhone } from '#lab/redaction/structured/phoneFormSets.ts';

describe('phone tuning sets', () => {
  it('places the gold span over the number in its carrier', () => {
    expect(placePhone('Tel: {} (24/7)', '+44 20 7946 0958', 'GB')).toEqual({
      text: 'Tel: +44 20 7946 0958 (24/7)',
      spans: [{ start: 5, end: 21, type: 'phone' }],
      category: 'GB',
    });
  });

  it('draws the same rows for the same seed and valid numbers in every written form', () => {
    const rows = phoneFormRows(3, 60);
    expect(phoneFormRows(3, 60)).toEqual(rows);
    expect(phoneFormRows(4, 60)).not.toEqual(rows);
    expect(rows).toHaveLength(60);
    for (const row of rows) {
      const span = row.spans[0];
      expect(span).toBeDefined();
      const value = row.text.slice(span?.start, span?.end);
      expect(value.trim()).toBe(value);
      const [, country = ''] = /^(\w+):/.exec(row.category) ?? [];
      // A national number, re-separated and perhaps with an extension, is still a valid number of its country.
      if (row.category.endsWith(':national')) {
        const digits = value.replace(/\s*(?:x|ext\.?|#|Durchwahl|poste|,)\s*\d+$/, '').replace(/[^\d+]/g, '');
        expect(parsePhoneNumberFromString(digits, country as never)?.isValid()).toBe(true);
      }
    }
  });

  it('writes faker numbers for many locales', () => {
    const rows = fakerLocaleRows(1, 2);
    expect(new Set(rows.map((row) => row.category)).size).toBeGreaterThan(50);
    for (const row of rows) expect(row.text.slice(row.spans[0]?.start, row.spans[0]?.end)).toMatch(/\d{2}/);
  });
});
