import { redactionEntityTypes } from '#shared/ipc/RedactionPreview.ts';
/**
 * Every kind of thing the redactor hides, structured identifiers and secrets first: the list the
 * Privacy screen shows, defined once in shared/.
 */
export const entityTypes = redactionEntityTypes;

/** One kind of entity, e.g. `email`; its placeholder label is the upper-case name (`[EMAIL_1]`). */
export type EntityType = (typeof entityTypes)[number];

/** Whether a string names an entity type. */
export function isEntityType(value: string): value is EntityType {
  return (entityTypes as readonly string[]).includes(value);
}

/** The label used inside placeholders for a type: `credit_card` -> `CREDIT_CARD`. */
export function placeholderLabel(type: EntityType): string {
  return type.toUpperCase();
}

/** A detected entity: the half-open character range [start, end) of the original text. */
export type EntitySpan = {
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
};

/**
 * A span a detector proposes. Higher priority wins an overlap (a secret inside a URL beats the
 * URL's host as a place); among equal priorities the longer span wins.
 */
export type CandidateSpan = EntitySpan & {
  readonly priority: number;
  /** The placeholder label when it is not the type's own (custom patterns name theirs). */
  readonly label?: string;
};

/** One detector: finds candidate spans of its types in a text. */
export type Detector = {
  readonly types: readonly EntityType[];
  detect(text: string, found: CandidateSpan[]): void;
};
