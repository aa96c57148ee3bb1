// Issue 15, point 3: phone numbers in the international and national forms people write, and the
// numbers that only look like them (the rule detectors alone, through the Redactor).
import { describe, expect, it } from 'vitest';
import { Redactor } from '#core/privacy/Redactor.ts';

const redactor = new Redactor({ detectNames: () => [] });
const phonesIn = (text: string) =>
  redactor
    .detect(text)
    .filter((span) => span.type === 'phone')
    .map((span) => text.slice(span.start, span.end));

describe('phone numbers in the forms people write', () => {
  it.each([
    // E.164 and international with any grouping, + or 00.
    ['Call me at {} tonight.', '+1-555-123-4567'],
    ['{}', '+1.415.555.2671'],
    ['phone: {}', '+44 (0) 20 7946 0958'],
    ['{} (Paris)', '+33 (0)1 42 68 53 00'],
    ['{}', '0049 89 1234567'],
    ['Office {}.', '+7 (495) 123-45-67'],
    ['{}', '+91 98765 43210'],
    ['{}', '+86 138 0013 8000'],
    ['{}', '+81-3-1234-5678'],
    ['{}', '+61 4 1234 5678'],
    ['{}', '+420 777 123 456'],
    ['tel:{}', '+14155552671'],
    ['{}', '+690 7279'],
    ['WhatsApp: {}', '+55 11 91234-5678'],
    // National with a trunk 0, slashes, dots, mixed separators.
    ['{}', '030/12 34 56-78'],
    ['Tel.: {}', '089 / 123 456 78'],
    ['{}', '0696-02 65'],
    ['{}', '020-314 85'],
    ['Updated record -> {} (verified)', '06732159'],
    ['téléphone : {}', '01.23.45.67.89'],
    ['{}', '09-876 5432'],
    ['fax {}', '(02) 9876 5432'],
    ['Contacto: {}', '8 (912) 081-03-20'],
    ['{}', '(2) 2136 6610'],
    // North American and grouped national numbers without a trunk 0.
    ['{}', '(123)456-7890'],
    ['{}', '123 456 7890'],
    ['Please use {} for this.', '986 502 204'],
    ['{}', '17 889 25 60'],
    ['As discussed: {}', '3607 9416'],
    ['{}', '984-3912307'],
    ['They wrote back with {} yesterday.', '555-0199'],
    // Extensions.
    ['My number is {}.', '(555) 123-4567 ext 89'],
    ['{}', '555.123.4567 x 12'],
    ['{}', '+1 415 555 2671 #204'],
    ['{}', '+49 30 1234567 Durchwahl 12'],
    ['{}', '415-555-2671 Ext: 12'],
    // Unseparated runs, by shape or after a phone word in several languages.
    ['Please use {} for this.', '362556400'],
    ['{}', '4655193130'],
    ['móvil {}', '612345678'],
    ['phone number {}', '5555555555'],
    ['Tel. {}', '2 512 724'],
    ['You can call me on {} after six.', '591 3692'],
    ['Ruf mich unter {} an.', '380 6406'],
    ['Mobile {} / office hours only', '078 179 07 07'],
    ['тел. {}', '+7 912 345-67-89'],
    ['电话：{}', '138 0013 8000'],
    ['電話 {}', '03-1234-5678'],
    ['Tel {}', '86 42 97 95'],
    ['call {} now', '+4915112345678'],
    // Dialled from the US or Canada (IDD 011), short numbers after a phone word, an extension on a
    // short number, a phone word after the number, and numbers shaped like ids or IPs after one.
    ['{}', '011 31 6 12271055'],
    ['Tel. {}', '51293'],
    ['WhatsApp {} if urgent', '51236'],
    ['As discussed: {}', '991 39 04 ext. 633'],
    ['As discussed: {}', '3313 1587 ext. 791'],
    ['The customer left {} as a callback number.', '85794602'],
    ['Phone: {}', '76.63.23.82'],
    ['You can reach me at {} after 6 pm.', '512 911 488'],
    ['Reach Alice on {} or later.', '(973) 617-5806'],
    ['Please ask Tom to call me back on {}.', '0412 632 069'],
    // Second pass (issue 15.3): IDD with separators, brackets holding a trunk, CoNLL-style spaces in
    // brackets, extensions on any digits (an IP shape or a one-digit head), dotted and spaced pairs
    // that are neither an IP nor scores, phone words in more languages and after the number.
    ['{}', '00-1-641-816-3773'],
    ['{}', '00.352.29.91.71.294'],
    ['Ph: {}', '(8-242) 4-85-86'],
    ['Reuters Ottawa Bureau {} .', '( 613 ) 235-6745'],
    ['The customer left {} as a callback number.', '7 1167359 ext. 330'],
    ['or {}.', '34.41.62.49 #2186'],
    ['Nachricht an {} bitte.', '40219, ext. 7891'],
    ['Updated record -> {} (verified)', '69.72.02.64'],
    ['Please use {} for this.', '41 21 28 69'],
    ['Contacto: {}', '660 467 556'],
    ['Kontakt: {}', '72 130 179'],
    ['Puh. {}', '31058'],
    ['M: {}', '75.32.31'],
    ['ring me on {}', '34.06.9878'],
    ['电话：{}', '3 17218'],
    ['Her phone was {}.', '9-531-0682'],
    ['{} is my mobile', '22 74 89'],
    ['The customer (ID 48213) left {} as a callback number.', '+996 700 142 510'],
    ['Hotline {} (24/7)', '+977 984 6293344'],
    ['Hotline {} (24/7)', '(345) 326-1695'],
    ['{}', '98765 43210'],
    ['{}', '13800138000'],
    ['{}', '991 10 34'],
    ['Reach Bob on {}.', '0.842.75.25.15'],
    ['{} is my mobile', '8 66 533394'],
    // Faker's formats for all its locales: a space then a dash, a one-digit middle group after a
    // trunk 0, a trunk 0 on its own, an unseparated number after brackets, 2-7 and 4-6 pairs,
    // eight digits in prose, eleven digits with North America's 1.
    ['Chicago newsdesk {}', '312 408-8787'],
    ['{}', '1 231 493-4992'],
    ['{}', '04934-9-9270'],
    ['Please use {} for this.', '0 2741 0207'],
    ['{}', '(371)67407410'],
    ['Islamabad newsroom {}', '9251-274757'],
    ['Please use {} for this.', '2325 478522'],
    ['Please use {} for this.', '93674561'],
    ['Updated record -> {} (verified)', '34411782'],
    ['Please use {} for this.', '12425232419'],
    // Typeset text: no-break and narrow spaces, Unicode hyphens and dashes, full-width digits; phone
    // words in more scripts; spaced dashes in an international number.
    ['Tél\u00a0: {}', '01\u00a023\u00a045\u00a067\u00a089'],
    ['{}', '+33\u202f6\u202f12\u202f34\u202f56\u202f78'],
    ['Tel {}', '415\u2011555\u20112671'],
    ['phone {}', '415\u2013555\u20132671'],
    ['電話：{}', '０３－１２３４－５６７８'],
    ['전화 {}', '010-1234-5678'],
    ['SĐT: {}', '0912 345 678'],
    ['Telefoon: {}', '06 12345678'],
    ['Helsinki Newsroom {}', '+358 - 0 - 680 50 245'],
    ['Bob {} (w)', '612 3456 78'],
    ['Tom {} (mob)', '8 66 533394'],
    ['{}', '(+44) 20 7946 0958'],
    ['Contacto {}', '(+351) 912 345 678'],
    ['{}', '8-916-123-45-67'],
    ['звоните {}', '8 916 123 45 67'],
    ['{}', '8 (916) 123-45-67'],
    ['{}', '+1 555-123-4567;ext=99'],
  ])('finds %j with %j, whole', (carrier, value) => {
    const text = carrier.replace('{}', value);
    expect(phonesIn(text)).toEqual([value]);
  });

  it.each([
    'Order 362556400 shipped',
    'invoice no. 20240318',
    'order number 123456789',
    'account 12345678',
    'Total: 1 234 567 EUR',
    'It cost 12 345 678 dollars',
    'between 1914-1918 and 1939 1945',
    'King from 1249-1286, he ruled',
    'on 2024-03-18 at 14:30:15',
    '18.03.2024',
    'version 10.4.1234',
    'ZIP 90210-1234',
    '01310-100 São Paulo',
    'card ending 4111 1111',
    'IBAN fragment 3704 0044 0532',
    'compute 12*34 = 408',
    '1234 * 5678',
    '123456 + 789012',
    'What is 28-46-88-65?',
    'scores 69 71 71 73',
    '10 20 30 40 50',
    'timestamp 1700000000',
    'ISBN 978-3-16-148410-0',
    'lines 1200-1500',
    'From 0900 to 1700',
    'SKU 4006381333931',
    'run 20240318123000',
    'coords 52.520008 13.404954',
    'Wigan 22 19 1 2 902 326 39',
    'Operating Income 906 962 599 515',
    'The 2020 2021 2022 2023 results',
    'a budget of 125 000 000 kronor',
    'they raised 125 000 000',
    'some 3607 9416 km away',
    '123 456 789 shares',
    'call 911',
    'phone PIN 1234',
    'Telephone sales rose 12345 units',
    'resize to 1920 x 1080',
    'She won 6-4 6-3 6-2 in the final.',
    'Results: 2-1, 3-0, 1-1',
    'He shot 68 70 71 69 to win',
    'Costantino Rocca ( Italy ) 71 73 72 69',
    'Buy 100 200 300 400',
    'seats 12 14 16 18 20',
    'ISBN 978-0-306-40615-7',
    'ISBN 0-306-40615-2',
    'version 1.2.3.4',
    'released 10.4.12.33',
    'on 12.03.2024 at 10.30',
    '## [2.5.0] - 2015-00-03',
    'a total of 15000000000',
    '<Buffer 88 13 70 17>',
    'octets: 00 00 00 01 23 45 67 89',
    'The year 1998 1999 2000',
    'assert.equal(formatBytes(50882210), "260.9 MB");',
    'source-map-js               10968904 bytes',
    'the heap grew by 35428008 bytes',
    'for (let i = 0; i < 20000000; i++) {}',
    'new FormData({ maxDataSize: 20971520 })',
    'answers/34599594#34599594',
    'a base 10000000 exponent',
    'Deficit / surplus Jul +282.1 - 380.6 +230.4',
    'a 5 \u2013 3 win over 2 \u2013 1',
    'won 6 - 4 , 6 - 3 , 6 - 2',
    'see table 12 345 678 (c)',
  ])('leaves %j alone', (text) => {
    expect(phonesIn(text)).toEqual([]);
  });

  it('reads a number joined to a phone by or, a slash or a comma as a phone too', () => {
    expect(phonesIn('Reach me on +81 90 1045 2073 x7287 or 34469408.')).toEqual(['+81 90 1045 2073 x7287', '34469408']);
    expect(phonesIn('Ring (892) 714-3479 or 60.70.93.78.')).toEqual(['(892) 714-3479', '60.70.93.78']);
    expect(phonesIn('Tel +31 20 504 5000 / 020 504 5040')).toEqual(['+31 20 504 5000', '020 504 5040']);
    expect(phonesIn('call 555-123-4567, 12 June')).toEqual(['555-123-4567']);
    expect(phonesIn('Tel 555 1234 or 2 pm')).toEqual(['555 1234']);
  });

  it('reads a label on the line above a number alone on its line', () => {
    expect(phonesIn('Mobile\n22 74 89')).toEqual(['22 74 89']);
    expect(phonesIn('Tel.:\n 2 512 724')).toEqual(['2 512 724']);
    expect(phonesIn('Order:\n41 21 28 69')).toEqual([]);
    expect(phonesIn('We called the shop yesterday to ask about it\n12 345 678')).toEqual([]);
  });

  it('leaves IP addresses to the IP detector', () => {
    const text = 'ssh to 192.168.10.25 or 10.45.12.33';
    expect(redactor.detect(text).map((span) => span.type)).toEqual(['ip_address', 'ip_address']);
  });

  it('reads a phone word before the number, not one in an earlier sentence', () => {
    expect(phonesIn('Call us later. Ticket 86 42 97 95 is closed.')).toEqual([]);
    expect(phonesIn('Call us later. Then dial 86 42 97 95.')).toEqual(['86 42 97 95']);
  });
});
