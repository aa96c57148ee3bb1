// What a vault holds is found again when a file or a tool's output wraps it in a disguise that
// changes no character a reader sees: zero-width characters between its letters, full-width forms,
// `\xHH` escapes (C, Python, shell), HTML character references (`&amp;`, `&#38;`, `&#x26;`), and a
// name's accents decomposed (macOS file names are NFD) or dropped (`nguyen_thi_minh_khai.pdf`).
import { describe, expect, it } from 'vitest';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { VaultScrubber } from '#core/privacy/VaultScrubber.ts';

const password = 'Tr0ub4dor&3xQ';
const vault = new RedactionVault();
vault.placeholderFor('password', password);
vault.placeholderFor('person', 'Olga Petrova');
vault.placeholderFor('person', 'Nguyễn Thị Minh Khai');
vault.placeholderFor('person', 'José Müller');
vault.placeholderFor('person', 'Đặng Văn Lâm');
const scrub = (text: string) => new VaultScrubber(vault).scrub(text).text;

const fullWidth = (text: string) =>
  [...text].map((character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0)).join('');
const hexEscaped = (text: string) =>
  [...Buffer.from(text)].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');

describe('VaultScrubber on disguised originals', () => {
  it('finds an original with zero-width characters or a soft hyphen between its letters', () => {
    expect(scrub(`pw ${[...password].join('\u200b')} end`)).toBe('pw [PASSWORD_1] end');
    expect(scrub(`pw ${[...password].join('\u2060')} end`)).toBe('pw [PASSWORD_1] end');
    expect(scrub(`Ol\ufeffga Pet\u00adrova signs`)).toBe('[PERSON_1] signs');
  });

  it('finds an original written in full-width forms', () => {
    expect(scrub(`pw ${fullWidth(password)} end`)).toBe('pw [PASSWORD_1] end');
  });

  it('finds an original written as \\xHH escapes', () => {
    expect(scrub(`pw = "${hexEscaped(password)}"`)).toBe('pw = "[PASSWORD_1]"');
  });

  it('finds an original with HTML character references, and leaves other ampersands alone', () => {
    for (const reference of ['&amp;', '&#38;', '&#x26;', '&AMP;'])
      expect(scrub(`<td>${password.replace('&', reference)}</td>`)).toBe('<td>[PASSWORD_1]</td>');
    expect(scrub('Tom &amp; Jerry &c. &unknown; a&b')).toBe('Tom &amp; Jerry &c. &unknown; a&b');
  });

  it('finds a name with its accents decomposed or dropped, in any case', () => {
    expect(scrub(`file ${'Nguyễn Thị Minh Khai'.normalize('NFD')}.txt`)).toBe('file [PERSON_2].txt');
    expect(scrub(`file ${'José Müller'.normalize('NFD')}.txt`)).toBe('file [PERSON_3].txt');
    expect(scrub('nguyen_thi_minh_khai.pdf, jose.muller.docx, DANG VAN LAM')).toBe(
      '[PERSON_2].pdf, [PERSON_3].docx, [PERSON_4]',
    );
  });
});
