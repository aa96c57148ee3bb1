import { describe, expect, it } from 'vitest';
import type { EntityType } from '#core/privacy/entityTypes.ts';
import { Redactor } from '#core/privacy/Redactor.ts';

const redactor = new Redactor();

/** The [text, type] pairs found in `text`. */
function found(text: string): [string, EntityType][] {
  return redactor.detect(text).map((span) => [text.slice(span.start, span.end), span.type]);
}

/** Asserts `value` is found with `type` when embedded in `template` (`{}` marks the spot). */
function expectFound(template: string, value: string, type: EntityType): void {
  expect(found(template.replace('{}', value))).toContainEqual([value, type]);
}

describe('detectors: positives', () => {
  it.each([
    ['Write to {} today', 'anna.kowalska+news@uni-heidelberg.de', 'email'],
    ['contact: {}', 'jürgen.müller@web.de', 'email'],
    ['call {} now', '+44 20 7946 0958', 'phone'],
    ['call {} now', '+4915112345678', 'phone'],
    ['Tel. {}', '+49 (0)89 1234567', 'phone'],
    ['office {} (ask for me)', '(415) 555-2671', 'phone'],
    ['mobile {}', '06 12 34 56 78', 'phone'],
    ['Büro {}', '030 12345678', 'phone'],
    ['phone: {}', '5552671', 'phone'],
    ['card {} exp 12/28', '4111 1111 1111 1111', 'credit_card'],
    ['amex {}', '3782 822463 10005', 'credit_card'],
    ['card={}', '5500-0000-0000-0004', 'credit_card'],
    ['IBAN {} please', 'DE89 3704 0044 0532 0130 00', 'iban'],
    ['iban={}', 'GB82WEST12345698765432', 'iban'],
    ['SSN {}', '123-45-6789', 'ssn'],
    ['SSN: {}', '123456789', 'ssn'],
    ['NINO {}', 'AB 12 34 56 C', 'national_id'],
    ['DNI {}', '12345678Z', 'national_id'],
    ['SIN {}', '130 692 544', 'national_id'],
    ['host {}:8080', '192.168.10.25', 'ip_address'],
    ['peer {} up', '2001:db8::8a2e:370:7334', 'ip_address'],
    ['link {} ready', 'fe80::1ff:fe23:4567:890a', 'ip_address'],
    ['mac {}', '00:1A:2B:3C:4D:5E', 'mac_address'],
    ['mac {}', '001a.2b3c.4d5e', 'mac_address'],
    ['postgres://{}@db:5432/x', 'app:S3cret!', 'url_credentials'],
    ['ship to {}.', '221B Baker Street', 'street_address'],
    ['Adresse: {}', 'Hauptstraße 12', 'street_address'],
    ['au {}', '12 rue de la Paix', 'street_address'],
    ['Dear {},', 'Oluwaseun Adeyemi', 'person'],
    ['Report by Dr. {}.', 'Achterberg', 'person'],
    ['Meeting with {} tomorrow', 'Maria Garcia', 'person'],
    ['She flew to {} last week', 'Nairobi', 'location'],
    ['OPENAI_API_KEY={}', 'sk-proj-AbC123dEf456GhI789jKl012MnO345pQr678', 'api_key'],
    ['key {}', `sk-ant-api03-${'a1B2'.repeat(20)}`, 'api_key'],
    ['id {}', 'AKIAIOSFODNN7EXAMPLE', 'api_key'],
    ['token {}', `ghp_${'aB3d'.repeat(9)}`, 'api_key'],
    ['maps {}', `AIza${'Sy3x_Yb7'.repeat(4)}abc`, 'api_key'],
    ['slack {}', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'api_key'],
    ['stripe {}', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'api_key'],
    ['aws_secret_access_key = {}', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'api_key'],
    [
      'Authorization: Bearer {}',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'jwt',
    ],
    ['DB_PASSWORD={}', 'hunter2!', 'password'],
    ['password: "{}"', 'correct horse battery staple', 'password'],
    ['The password is {}.', 'Tr0ub4dor&3', 'password'],
    ['client_secret = "{}"', '9f86d081884c7d659a2feaa0c55ad015', 'secret'],
  ] as const)('%s finds %s as %s', (template, value, type) => expectFound(template, value, type));

  it('finds a whole PEM private key block', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd==\n-----END RSA PRIVATE KEY-----';
    expect(found(`key:\n${key}\nend`)).toEqual([[key, 'private_key']]);
  });

  it('extends an address over its postal code and city', () => {
    expect(found('Send it to 1600 Pennsylvania Avenue NW, Washington, DC 20500 please')).toEqual([
      ['1600 Pennsylvania Avenue NW, Washington, DC 20500', 'street_address'],
    ]);
  });
});

describe('detectors: hard negatives', () => {
  it.each([
    ['a UUID', 'id = 123e4567-e89b-12d3-a456-426614174000'],
    ['a git SHA', 'commit 3f2a9c1b7d4e5f60718293a4b5c6d7e8f9012345'],
    ['a version with four parts', 'let version = "10.0.19041.1";'],
    ['a v-prefixed version', 'upgrade to v1.2.3.4 today'],
    ['an ISO date and time', 'at 2024-01-15T10:30:45Z'],
    ['a European date', 'due 15.01.2024'],
    ['a hex colour', 'color: #ff00aa;'],
    ['loopback and any-address', "listen('127.0.0.1'); bind('0.0.0.0'); mask 255.255.255.0"],
    ['a sha256 checksum', `sha256 ${'9f86d081884c7d659a2feaa0c55ad015'.repeat(2)}`],
    ['a Luhn-invalid 16-digit number', 'order 4111111111111112'],
    ['an IBAN with a wrong check', 'ref DE00370400440532013000'],
    ['an SSN in the 900 range', 'case 912-45-6789'],
    ['a millisecond timestamp', 'ts=1700000000000'],
    ['a decimal', 'ratio 0.123456789'],
    ['a password variable', 'const password = form.get("password"); if (password.length < 8) return;'],
    ['a typed field', 'type Credentials = { password: string; token?: string };'],
    ['an environment lookup', 'password: process.env.DB_PASSWORD, apiKey: config.apiKey'],
    ['a template value', 'password: ${DB_PASSWORD}'],
    ['an npm integrity hash', '"version": "4.17.21", "resolved": "lodash-4.17.21.tgz"'],
    ['a retina image name', 'src="icon@2x.png"'],
    ['an scp remote', 'git clone git@github.com:acme/app.git'],
    ['month and modal words', 'Will the May release mark the end of June planning?'],
    ['a company name', 'between Acme Widgets Ltd and the supplier'],
    ['a C++ scope', 'std::vector<int> values; Foo::bar();'],
    ['a time of day', 'meet at 12:30:45'],
  ])('leaves %s alone', (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  it('leaves ordinary capitalised words alone (the rules; the learned recogniser hides Title Case product names such as "Dark Mode", counted in docs/BENCHMARKS.md)', () => {
    const rules = new Redactor({ detectNames: () => [] });
    expect(rules.detect('The Pull Request Review panel in Visual Studio Code shows Dark Mode.')).toEqual([]);
  });
});
