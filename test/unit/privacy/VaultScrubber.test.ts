import { describe, expect, it } from 'vitest';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { VaultScrubber } from '#core/privacy/VaultScrubber.ts';

function scrubberWith(entries: [Parameters<RedactionVault['placeholderFor']>[0], string][]): VaultScrubber {
  const vault = new RedactionVault();
  for (const [type, original] of entries) vault.placeholderFor(type, original);
  return new VaultScrubber(vault);
}

describe('VaultScrubber', () => {
  const scrubber = scrubberWith([
    ['password', 'Tr0ub4dor&3'],
    ['api_key', 'AKIAIOSFODNN7EXAMPLEwJalrXUtnFEMI/K7MDENG'],
    ['person', 'Anna Schmidt'],
    ['password', '4821'],
  ]);
  const scrub = (text: string) => scrubber.scrub(text).text;

  it('finds an original in any case, over line breaks and inside nested JSON escapes', () => {
    expect(scrub('error: Tr0ub4dor&3 does not exist')).toBe('error: [PASSWORD_1] does not exist');
    expect(scrub('TR0UB4DOR&3 / tr0ub4dor&3')).toBe('[PASSWORD_1] / [PASSWORD_1]');
    expect(scrub('{"a":"{\\"path\\":\\"Tr0ub4dor\\\\u00263\\"}"}')).toBe('{"a":"{\\"path\\":\\"[PASSWORD_1]\\"}"}');
    expect(scrub('Anna\nSchmidt, anna_schmidt_cv.pdf')).toBe('[PERSON_1], [PERSON_1]_cv.pdf');
  });

  it('finds it URL-encoded, hex-encoded and base64-encoded at any alignment', () => {
    expect(scrub('q=Tr0ub4dor%263&x')).toBe('q=[PASSWORD_1]&x');
    expect(scrub(`hex ${Buffer.from('Tr0ub4dor&3').toString('hex')}`)).toBe('hex [PASSWORD_1]');
    for (const prefix of ['', 'u:', 'us:', 'use:']) {
      const blob = Buffer.from(`${prefix}Tr0ub4dor&3!`).toString('base64');
      expect(scrub(`Basic ${blob}`)).toBe('Basic [PASSWORD_1]');
    }
  });

  it('hides long pieces of a secret (a key cut in halves) but not short words that look alike', () => {
    expect(scrub('AKIAIOSFODNN7EXAM and PLEwJalrXUtnFEMI/K7MDENG')).toBe('[API_KEY_1] and [API_KEY_1]');
    expect(scrub('pin 4821, not 48.21 or 14821')).toBe('pin [PASSWORD_2], not 48.21 or 14821');
  });

  it('hides the parts of a name or an address that still say who it is, as whole words (timber stays)', () => {
    const parts = scrubberWith([
      ['person', 'Anna Schmidt'],
      ['email', 'jonathan.miller@example.org'],
      ['person', 'Tim Berg'],
      ['person', 'Will Li'],
      ['street_address', '12 Zanzibar Lane'],
    ]);
    expect(parts.scrub('error: Schmidt/notes.txt does not exist; ask ANNA or see schmidtke').text).toBe(
      'error: [PERSON_1]/notes.txt does not exist; ask [PERSON_1] or see schmidtke',
    );
    expect(parts.scrub('files: jonathan_miller_cv.pdf, anna-banana, annabel, timber').text).toBe(
      'files: [EMAIL_1]_cv.pdf, [PERSON_1]-banana, annabel, timber',
    );
    // A name's parts of 3 letters or more in any case, unless common words ("will": only Will, WILL).
    expect(parts.scrub('Is zanzibar nice? Does berg know? Or tim? it will rain in the lane; Will? li').text).toBe(
      'Is [STREET_ADDRESS_1] nice? Does [PERSON_2] know? Or [PERSON_2]? it will rain in the lane; [PERSON_3]? li',
    );
    // A text checked only against its own finds (not thorough) matches whole originals only.
    expect(scrubberWith([['person', 'Anna Schmidt']]).find('Schmidt wrote', false)).toEqual([]);
  });

  it('leaves placeholders and unrelated text alone', () => {
    expect(scrub('[PASSWORD_1] and [PERSON_1] met Anne Schmitt')).toBe('[PASSWORD_1] and [PERSON_1] met Anne Schmitt');
    expect(new VaultScrubber(new RedactionVault()).find('Tr0ub4dor&3')).toEqual([]);
  });
});
