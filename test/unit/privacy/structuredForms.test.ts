// Issue 15, point 3: structured identifiers and secrets in the forms people write them.
import { describe, expect, it } from 'vitest';
import { Redactor } from '#core/privacy/Redactor.ts';

// The rule detectors alone: the name recogniser has its own tests (names/).
const redactor = new Redactor({ detectNames: () => [] });
const typesIn = (text: string) => redactor.detect(text).map((span) => [span.type, text.slice(span.start, span.end)]);

describe('structured identifiers in the forms people write', () => {
  it.each([
    ['+1 (415) 555-2671', 'phone'],
    ['(415)555-2671', 'phone'],
    ['540-098-1351x405', 'phone'],
    ['001-583-572-2760x20030', 'phone'],
    ['415.555.2671 ext. 12', 'phone'],
    ['+44 (0)20 7946 0958', 'phone'],
    ['07700 900123', 'phone'],
    ['+49 30 12345678', 'phone'],
    ['01 23 45 67 89', 'phone'],
    ['03-1234-5678', 'phone'],
    ['4111 1111 1111 1111', 'credit_card'],
    ['4111-1111-1111-1111', 'credit_card'],
    ['3782  822463  10005', 'credit_card'],
    ['4111 1111\n1111 1111', 'credit_card'],
    ['5206-5612-1230-5471', 'credit_card'],
    ['4111.1111.1111.1111', 'credit_card'],
    ['DE89 3704 0044\n0532 0130 00', 'iban'],
    ['1234 Elm St Apt 5, Springfield, IL 62704', 'street_address'],
    ['221B Baker Street, London NW1 6XE', 'street_address'],
    ['Hauptstraße 12, 10115 Berlin', 'street_address'],
    ['12 rue de la Paix, 75002 Paris', 'street_address'],
    ['84757 Jones Ville Suite 472\nNew Monica, ND 89282', 'street_address'],
    ['Am Markt 3, 1010 Wien', 'street_address'],
    ['Zahrapark 257, 5077 QL Hurkske', 'street_address'],
    ['wyb. Dębski 16b m. 748, 91-512 Kęty', 'street_address'],
    ['Majas Väg 4 Hus 408', 'street_address'],
    ['220 Emilie Fold Apt. 525', 'street_address'],
    ['170 Stacy Terrace Apt. 900\nWest Sonny, IA 09858-8869', 'street_address'],
    ['806 Jordane Garth', 'street_address'],
    ['123 main street', 'street_address'],
    ['912 639 798', 'phone'],
    ['(25) 10538-1402', 'phone'],
    ['IR900900202808624175004945', 'iban'],
    ['536 22 1234', 'ssn'],
  ])('finds %j as %s, whole, in a sentence and after a comma', (value, type) => {
    for (const text of [`Details: ${value} (thanks)`, `name,value\nJ. Doe,${value}`]) {
      const spans = redactor.detect(text).filter((span) => span.type === type);
      expect(spans.length, text).toBeGreaterThan(0);
      const covered = spans.reduce((sum, span) => sum + span.end - span.start, 0);
      expect(covered, text).toBeGreaterThanOrEqual(value.replace(/\n.*$/s, '').length);
    }
  });

  it('reads no-break spaces, Unicode dashes and full-width digits as plain ones, and hides the original', () => {
    const texts = [
      ['card 4111\u00a01111\u00a01111\u00a01111 ok', 'credit_card'],
      ['card 4111\u20111111\u20111111\u20111111 ok', 'credit_card'],
      ['IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000 ok', 'iban'],
      ['SSN 123\u201145\u20116789 ok', 'ssn'],
      ['card ４１１１\u3000１１１１\u3000１１１１\u3000１１１１ ok', 'credit_card'],
    ] as const;
    for (const [text, type] of texts) {
      expect(typesIn(text).map(([found]) => found)).toEqual([type]);
      const { redacted } = redactor.redact(text);
      expect(redacted).toMatch(/^\S+ \[[A-Z_]+_1\] ok$/);
    }
  });

  it('finds an e-mail spelled out against harvesters, not prose with "at" and "dot"', () => {
    expect(typesIn('write to anna dot schmidt at example dot com please')).toEqual([
      ['email', 'anna dot schmidt at example dot com'],
    ]);
    expect(typesIn('mail anna [at] example [dot] org')).toEqual([['email', 'anna [at] example [dot] org']]);
    expect(typesIn('look at this dot com bubble')).toEqual([]);
    expect(typesIn('meet me at example.com later')).toEqual([]);
  });

  it('finds an e-mail or IBAN inside a file name or path', () => {
    expect(typesIn('saved to invoices/anna.schmidt@example.com.pdf')).toEqual([['email', 'anna.schmidt@example.com']]);
    expect(typesIn('C:\\Scans\\statement_DE89370400440532013000.pdf')[0]?.[0]).toBe('iban');
  });
});

describe('street addresses in sentences (issue 15: the sentence around them stays)', () => {
  it.each([
    ['My address is Bierkellerweg 66, 9615 Meilen', 'Bierkellerweg 66, 9615 Meilen'],
    [
      'I live at 8213 Passage du Bac Apt. 472\n42009 La Rochelle since May.',
      '8213 Passage du Bac Apt. 472\n42009 La Rochelle',
    ],
    [
      'Ship it to 62807 Alameda Santos, Batista do Norte, 12788-652 today',
      '62807 Alameda Santos, Batista do Norte, 12788-652',
    ],
    ['Wohnadresse: Thomas Koschat-Gasse 56a', 'Thomas Koschat-Gasse 56a'],
    ['adresse : neustiftgasse 41', 'neustiftgasse 41'],
    ['I live at Ellas Gata 593 since 2018.', 'Ellas Gata 593'],
    [
      'Return it to Lugar Arturo Collado s/n., 99823 Cáceres within 30 days.',
      'Lugar Arturo Collado s/n., 99823 Cáceres',
    ],
    ['delivery address: 781 becubi pkwy, vurlolu, nh 61120', '781 becubi pkwy, vurlolu, nh 61120'],
    ['Address: Lippe 789\nPhone: 555-0199', 'Lippe 789'],
    ['Agnes Curtis lives at Alte Ufergasse 90b, 1029 Krumbach.', 'Alte Ufergasse 90b, 1029 Krumbach'],
    ['Ship it to 236 Marginal Maria Luiza.', '236 Marginal Maria Luiza'],
    ['i live at 5338 marginal martins since 2018.', '5338 marginal martins'],
  ])('finds the address in %j', (text, address) => {
    const spans = redactor.detect(text).filter((span) => span.type === 'street_address');
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual([address]);
  });

  it.each([
    'Chapter 12\n2024 Results',
    'sent via email 5 times',
    'we walked 3 more hills.',
    'In 2019 I lived at home.',
  ])('leaves %j alone', (text) => {
    expect(redactor.detect(text).filter((span) => span.type === 'street_address')).toEqual([]);
  });
});

describe('secrets by shape and by keyword in any case', () => {
  it.each([
    ['use b2V5OHUyU01VWVZrM2JkbDdEdlhzQkoxY2luamxl for staging', 'secret'],
    ['export STAGING=bcDHBOXS0-Enp4SoRp_CBNHxbKMSwL0ay53jIj2OjLz', 'secret'],
    ['token a7458cff076858c12ead370bb95150f3 here', 'secret'],
    ['PASSWORD was tigerbattery, thanks', 'password'],
    ['the password is hunter', 'password'],
    ['my passphrase is correct horse battery staple and nothing else', 'password'],
    ['pin: 4821', 'password'],
    ['The PIN is 004821.', 'password'],
    ['Passwort - window-rocket-velvet', 'password'],
    ['wifi pass: beyond vast generally', 'password'],
    ['pwd=if thyme poorly absent', 'password'],
    ['password: up.nifty.limply', 'password'],
    ['i pasted 5goopljl7u8eqntzy0vqh0ilpsksh-mp into the config', 'secret'],
    ['export key=omw3jpixkeisnwtp_uwtf4kd', 'secret'],
    ['"data": "vEvY8WX813wdY3wJGSB83G+V"', 'secret'],
    // A text lower- or upper-cased whole: tokens in one case, JWTs with `eyj`/`EYJ`, keywords in any case.
    ['"data": "vevy8wx813wdy3wjgsb83g+v"', 'secret'],
    ['"DATA": "VEVY8WX813WDY3WJGSB83G+V"', 'secret'],
    ['IOBKDXRFFMUAH-YGYY7DMGUO', 'secret'],
    ['PASSWORD: UP.NIFTY.LIMPLY', 'password'],
    ['AUTHORIZATION: BEARER KKBKQIXCHRICQZUUYGFQT9QI+ZY4JZGFMLBGF6PUR/44', 'secret'],
    [
      'token: eyjhbgcioijiuzi1niisinr5cci6ikpxvcj9.eyjzdwiioiixmjm0nty3odkwiiwibmftzsi6ikpvag4grg9lin0.sflkxwrjsmekkf2qt4fwpmejf36pok6yjv_adqssw5c',
      'jwt',
    ],
    [
      'TOKEN: EYJHBGCIOIJIUZI1NIISINR5CCI6IKPXVCJ9.EYJZDWIIOIIXMJM0NTY3ODKWIIWIBMFTZSI6IKPVAG4GRG9LIN0.SFLKXWRJSMEKKF2QT4FWPMEJF36POK6YJV_ADQSSW5C',
      'jwt',
    ],
  ])('finds the secret in %j', (text, type) => {
    expect(typesIn(text).map(([found]) => found)).toContain(type);
  });

  it('takes a multi-word passphrase up to the first ordinary word', () => {
    expect(typesIn('my passphrase is correct horse battery staple and nothing else')).toEqual([
      ['password', 'correct horse battery staple'],
    ]);
  });

  it.each([
    'The password is required for every login.',
    'commit 4f5c3bf13c15e20e530cc26286f41b1663a22186 fixed it',
    'GIT_SHA=0ca1cc23e0cd165de756749ef1f9d587445631f3',
    'The checksum of the archive is b961e66a8e5a0fee5545f7698a11201e7e60b93f42be251f73dac26f29bbcf44',
    'const handler = getUserTwoFactorAuthenticationToken2(request);',
    'return credentials.password === credentials.confirm;',
    'see electron/core/privacy/detectors/contactDetectors.ts for details',
    'What is 28-46-88-65?',
    'I walked 5 miles down the main road',
    'We have 3 main street lamps broken',
    'The 2020 2021 2022 2023 results',
    'Scores 12 345 678 points',
    'What is 912-45+67-89?',
    'offer for Stella-Korzeniowski_2024.xlsx',
    'password: config.db.password',
    'const password = form.get("password");',
    'the boarding pass: keep it with you',
    "const id = '2ddb1079-1dc1-422f-a2f6-65d2e750bee8';",
    "const id = '2DDB1079-1DC1-422F-A2F6-65D2E750BEE8';",
    ".matcher('abcdefghijklmnopqrstuvwxyz123')",
    'https://img.shields.io/badge/code%20style-standard-brightgreen.svg',
    'medium.com/@someone/how-github-blocked-me-and-all-my-libraries-c32c61f061d3 today',
    '<IMG SRC="DATA:IMAGE/PNG;BASE64,IVBORW0KGGOBWL+CLAYD7DL5S9BZ4XKYH3P8TUZ6BXJNCG4QRR0ZRQFW5DTP0EFSUBIH/82B5JBLEJKNPLA=">',
    'eyjust.a.thought',
    'PASSWORD: CONFIG.DB.PASSWORD',
    'PASSWORD=SETTINGS.DB_PASS',
  ])('leaves %j alone', (text) => {
    expect(typesIn(text)).toEqual([]);
  });
});
