/**
 * The kinds of entity the redactor hides, in the order the Privacy screen lists them; the engine's
 * `entityTypes` is this list.
 */
export const redactionEntityTypes = [
  'email',
  'phone',
  'credit_card',
  'iban',
  'ssn',
  'national_id',
  'ip_address',
  'mac_address',
  'url_credentials',
  'street_address',
  'person',
  'location',
  'api_key',
  'private_key',
  'jwt',
  'password',
  'secret',
  'custom',
] as const;

/** One kind of entity, e.g. `email`. */
export type RedactionEntityType = (typeof redactionEntityTypes)[number];

/** A pattern of the profile's own, e.g. `{ pattern: 'EMP-\\d{6}', label: 'EMPLOYEE_ID' }`. */
export type RedactionPattern = {
  /** A JavaScript regular expression source, without slashes. */
  readonly pattern: string;
  /** Upper-case placeholder label; `EMPLOYEE_ID` gives `[EMPLOYEE_ID_1]`. Defaults to `CUSTOM`. */
  readonly label?: string | undefined;
  /** Defaults to false. */
  readonly caseInsensitive?: boolean | undefined;
};

/** A profile's redaction choices as the Privacy screen edits them. */
export type RedactionChoices = {
  /** Types switched off are `false`; a missing type is on. */
  readonly types: Readonly<Partial<Record<RedactionEntityType, boolean>>>;
  readonly customPatterns: readonly RedactionPattern[];
  /** Strings never redacted, compared without case. */
  readonly allowList: readonly string[];
};

/** Something wrong with one field of the choices, e.g. `customPatterns.0.pattern`. */
export type RedactionProblem = { readonly field: string; readonly message: string };

/** One redacted span of the sample: `[start, end)` of the original became `placeholder`. */
export type PreviewSpan = {
  readonly start: number;
  readonly end: number;
  readonly type: RedactionEntityType;
  readonly placeholder: string;
};

/**
 * The sample text as it would leave the machine under the (unsaved) choices. Computed by the
 * engine's redactor and never stored. With problems, nothing is redacted and `redacted` is null.
 */
export type RedactionPreview = {
  readonly redacted: string | null;
  readonly spans: readonly PreviewSpan[];
  readonly problems: readonly RedactionProblem[];
};
