// The independent redaction sets' generator (issue 15): gold spans cover exactly the values placed,
// in nested pieces and in lower-cased texts too, and the value generators are seeded.
import { describe, expect, it } from 'vitest';
import { compose, fillTemplate, typed } from '#lab/redaction/independent/composeText.ts';
import {
  cardNumber,
  fakeSource,
  iban,
  pathWithPersonalData,
  streetAddress,
} from '#lab/redaction/independent/fakeValues.ts';
import { phoneNumber } from '#lab/redaction/independent/phoneValues.ts';

describe('independent redaction sets', () => {
  it('places gold spans over the values, nested ones included, whatever the case', () => {
    const pieces = fillTemplate('Ask {person} at {path}.', (slot) =>
      slot === 'person'
        ? typed('person', 'Ana García')
        : typed(null, '/home/', typed('email', 'Ana@Example.org'), '.eml'),
    );
    for (const transform of [undefined, (text: string) => text.toLowerCase()]) {
      const { text, spans } = compose(pieces, 'test', transform);
      const values = spans.map((span) => [span.type, text.slice(span.start, span.end)]);
      const lower = transform === undefined ? (value: string) => value : (value: string) => value.toLowerCase();
      expect(values).toEqual([
        ['person', lower('Ana García')],
        ['email', lower('Ana@Example.org')],
      ]);
    }
  });

  it('draws the same values for the same seed and well-formed numbers', () => {
    const draw = (seed: number) => {
      const source = fakeSource(seed);
      return Array.from({ length: 30 }, () => [
        phoneNumber(source),
        cardNumber(source),
        iban(source),
        streetAddress(source),
      ]);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const [phone = '', card = '', account = ''] of draw(7)) {
      const phoneDigits = phone.replace(/(?:x|ext\.?|extension|#)\s*\d+$/i, '').replace(/\D/g, '');
      expect(phoneDigits.length, phone).toBeGreaterThanOrEqual(5);
      expect(phoneDigits.length, phone).toBeLessThanOrEqual(17);
      expect(card.replace(/\D/g, '').length, card).toBeGreaterThanOrEqual(13);
      expect(account.replace(/\s/g, ''), account).toMatch(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/);
    }
  });

  it('labels the name or e-mail inside a path, not the path', () => {
    const source = fakeSource(3);
    for (let index = 0; index < 20; index++) {
      const { text, spans } = compose([pathWithPersonalData(source)], 'path');
      expect(spans).toHaveLength(1);
      expect(text.length).toBeGreaterThan((spans[0]?.end ?? 0) - (spans[0]?.start ?? 0));
    }
  });
});
