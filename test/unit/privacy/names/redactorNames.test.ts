import { describe, expect, it } from 'vitest';
import { Redactor } from '#core/privacy/Redactor.ts';

// The Redactor with its default name recogniser (models/ner): the cases issue 15 found leaking.
const redactor = new Redactor();

describe('Redactor: names from the learned recogniser', () => {
  it('hides the name and keeps the verb before it', () => {
    expect(redactor.redact('Contact Maria Lopez about the invoice.').redacted).toBe(
      'Contact [PERSON_1] about the invoice.',
    );
    expect(redactor.redact('Ask Ana García at ana.garcia@example.org for the key.').redacted).toBe(
      'Ask [PERSON_1] at [EMAIL_1] for the key.',
    );
  });

  it('hides a lower-case name and a name in another script', () => {
    expect(redactor.redact('can you email john smith the report').redacted).toBe('can you email [PERSON_1] the report');
    expect(redactor.redact('Flight booked for Дмитрий Орлов, seat 14C.').redacted).toBe(
      'Flight booked for [PERSON_1], seat 14C.',
    );
  });

  it('lets structured identifiers win an overlap and can be turned off', () => {
    expect(redactor.redact('Write to maria.lopez@example.org today.').redacted).toBe('Write to [EMAIL_1] today.');
    const rulesOnly = new Redactor({ detectNames: () => [] });
    expect(rulesOnly.detect('please forward this to john smith tomorrow')).toEqual([]);
    const noPeople = new Redactor({ types: { person: false } });
    expect(noPeople.redact('Contact Maria Lopez today.').redacted).toBe('Contact Maria Lopez today.');
  });
});
