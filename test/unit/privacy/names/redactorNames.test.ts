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

  it('finds names in file names, after a request verb in lower case, and not in field labels', () => {
    const people = (text: string) =>
      redactor
        .detect(text)
        .filter((span) => span.type === 'person')
        .map((span) => text.slice(span.start, span.end));
    expect(people('Saved to D:\\HR\\Naval Dubashi-passport.jpg')).toEqual(['Naval Dubashi']);
    expect(people('open ~/Downloads/Felix.Björklund-passport.jpg and check page 2')).toEqual(['Felix.Björklund']);
    expect(people('File giulia-romanelli.vcf is 2.4 MB.')).toEqual(['giulia-romanelli']);
    expect(people('call tim when you land')).toEqual(['tim']);
    expect(people('hey its jano here, can you send me the slides')).toEqual(['jano']);
    expect(people('Tell Della that the report is late.')).toEqual(['Della']);
    expect(people('Dirección: 318 Eflog Court')).toEqual([]);
    expect(people('Teléfono +34 612 24 11 02, Mon-Fri 9-17')).toEqual([]);
    expect(people('Authorization: Bearer f038d96d9f22c39a72c38962')).toEqual([]);
    expect(people('please call back when you can, and tell me')).toEqual([]);
    expect(people('Kind regards,\nCarolyn Jordan\nAccount Manager')).toEqual(['Carolyn Jordan']);
    expect(people("hey it's michael here, can you send me the slides")).toEqual(['michael']);
  });
});
