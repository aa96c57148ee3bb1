// Writes the structured-identifier evaluation set (seeded, reproducible), generated from published
// formats and not from the detectors (issue 15, point 3). Written here, so it is "independent-ish":
// it shares the authors' idea of what people write, but none of the detectors' patterns.
//   node --import tsx electron/lab/redaction/structured/generateStructuredSet.ts [--seed 15] [--count 1200]
// Output: test/fixtures/redaction/structured/structured.jsonl, {"text","spans","category"} lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { email, passwordSentence, secretBlob, streetAddress } from './structuredTexts.ts';
import { createRandom, creditCard, iban, phone, pick, type Random } from './structuredValues.ts';

type Span = { start: number; end: number; type: string };
type Row = { text: string; spans: Span[]; category: string };

/** Builds a text from plain parts and labelled values. */
class Text {
  text = '';
  readonly spans: Span[] = [];
  plain(value: string): this {
    this.text += value;
    return this;
  }
  value(value: string, type: string): this {
    this.spans.push({ start: this.text.length, end: this.text.length + value.length, type });
    this.text += value;
    return this;
  }
}

const fillers = [
  'Thanks again for the quick turnaround on the quarterly report.',
  'The meeting moved to Thursday at 3 pm; bring the revised budget.',
  'Version 2.4.1 fixed the crash on start-up, see ticket 4821 for details.',
  'Order 100234 shipped on 2024-03-14 and should arrive within 5 business days.',
  'We measured 12.5% growth over 3 quarters, with 1,250 new users.',
  'Please review the attached draft before Friday.',
  'The build took 14 minutes and 3 of 212 tests failed.',
  '',
];

type Slot = { make: (random: Random) => { value: string; type: string }; carriers: readonly string[] };

const slots: Readonly<Record<string, Slot>> = {
  credit_card: {
    make: (random) => ({ value: creditCard(random), type: 'credit_card' }),
    carriers: [
      'Card number: {}',
      'please charge {} for the deposit',
      '{} exp 09/27',
      'name,card\nJ. Doe,{}',
      '{"payment": {"pan": "{}"}}',
      'I paid with {}, can you refund it?',
      'cc {} cvv 123',
    ],
  },
  phone: {
    make: (random) => ({ value: phone(random), type: 'phone' }),
    carriers: [
      'Call me at {} tomorrow.',
      'Tel.: {}',
      'reach the front desk on {} if needed',
      'mobile {}',
      'contact,phone\nfront desk,{}',
      '{"phone": "{}"}',
      'You can text {} after six.',
      'Phone: {} (office)',
      'my number changed to {}',
    ],
  },
  iban: {
    make: (random) => ({ value: iban(random), type: 'iban' }),
    carriers: [
      'IBAN: {}',
      'Please transfer the rent to {} by the 3rd.',
      'Bankverbindung:\n{}\nBIC COBADEFFXXX',
      'account {} (joint)',
      '{"iban": "{}"}',
      'refund to {}',
    ],
  },
  street_address: {
    make: (random) => ({ value: streetAddress(random), type: 'street_address' }),
    carriers: [
      'Ship it to {}.',
      'Address:\n{}',
      'We moved! New address: {}',
      'The parcel went to {} instead of my office.',
      'Lieferadresse: {}',
      'billing address {}',
      'Meet me at {} at noon.',
      'name;address\nJ. Doe;{}',
    ],
  },
  email: {
    make: (random) => ({ value: email(random), type: 'email' }),
    carriers: [
      'Write to {} for access.',
      'From: {}',
      'cc {} on the reply',
      'Saved as invoices/{}.pdf',
      'exports/{}_2024-03.csv',
      'C:\\Users\\Public\\Scans\\{} - contract.pdf',
      '/home/shared/inbox/{}/draft.eml',
    ],
  },
  secret: {
    make: (random) => secretBlob(random),
    carriers: [
      '{}',
      'use {} for the staging deploy',
      'export STAGING={}',
      'the webhook is signed with {}',
      'Authorization header was {} yesterday',
      'token {}',
      'here you go: {}',
    ],
  },
  password: {
    make: () => ({ value: '', type: 'password' }), // written by passwordSentence
    carriers: [],
  },
};

function row(random: Random, kind: string): Row {
  const text = new Text();
  if (random() < 0.5) text.plain(`${pick(random, fillers)} `);
  if (kind === 'password') {
    const { before, value, after } = passwordSentence(random);
    text.plain(before).value(value, 'password').plain(after);
  } else {
    const slot = slots[kind];
    if (slot === undefined) throw new Error(`no slot ${kind}`);
    const { value, type } = slot.make(random);
    const [head = '', tail = ''] = pick(random, slot.carriers).split('{}');
    text.plain(head).value(value, type).plain(tail);
  }
  if (random() < 0.5) text.plain(` ${pick(random, fillers)}`);
  return { text: text.text, spans: text.spans, category: kind };
}

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '15' }, count: { type: 'string', default: '1400' } },
});
const random = createRandom(Number(values.seed));
const kinds = Object.keys(slots);
const rows = Array.from({ length: Number(values.count) }, (_, index) =>
  row(random, kinds[index % kinds.length] ?? 'email'),
);
const folder = path.join(import.meta.dirname, '../../../../test/fixtures/redaction/structured');
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'structured.jsonl'), rows.map((item) => JSON.stringify(item)).join('\n') + '\n');
const byType = new Map<string, number>();
for (const item of rows) for (const span of item.spans) byType.set(span.type, (byType.get(span.type) ?? 0) + 1);
console.log(
  `structured.jsonl: ${rows.length} texts, seed ${values.seed}; spans by type: ${JSON.stringify(Object.fromEntries(byType))}`,
);
