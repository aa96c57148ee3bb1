/** How much of a labelled set's unlabelled text was redacted. */
export type OverRedaction = {
  /** Characters outside every gold span. */
  readonly unlabelled: number;
  /** Of those, the characters inside a predicted span. */
  readonly redacted: number;
  readonly rate: number;
};

type Range = { readonly start: number; readonly end: number };

/**
 * Over-redaction: the share of characters outside every gold span (of any type) that a predicted
 * span (of any type) covers. On a set without gold spans it is the share of all characters redacted.
 */
export function overRedaction(
  items: readonly { readonly text: string; readonly gold: readonly Range[]; readonly predicted: readonly Range[] }[],
): OverRedaction {
  let unlabelled = 0;
  let redacted = 0;
  for (const { text, gold, predicted } of items) {
    const isLabelled = new Uint8Array(text.length);
    for (const span of gold) isLabelled.fill(1, span.start, span.end);
    const isRedacted = new Uint8Array(text.length);
    for (const span of predicted) isRedacted.fill(1, span.start, span.end);
    for (let index = 0; index < text.length; index++) {
      if (isLabelled[index] === 1) continue;
      unlabelled++;
      if (isRedacted[index] === 1) redacted++;
    }
  }
  return { unlabelled, redacted, rate: unlabelled === 0 ? 0 : redacted / unlabelled };
}

// Gold type names other labelled sets use (CoNLL, Presidio-style generators) -> the redactor's.
const typeAliases: Readonly<Record<string, string>> = {
  per: 'person',
  person: 'person',
  loc: 'location',
  location: 'location',
  gpe: 'location',
  org: 'organization',
  organization: 'organization',
  email_address: 'email',
  phone_number: 'phone',
  iban_code: 'iban',
  us_ssn: 'ssn',
  address: 'street_address',
};

/** The redactor's name for a gold type: `PERSON` -> `person`, `PHONE_NUMBER` -> `phone`; others lower-cased. */
export function normaliseGoldType(type: string): string {
  const lower = type.toLowerCase();
  return typeAliases[lower] ?? lower;
}
