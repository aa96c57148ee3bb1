import { NotFoundError } from '../errors.ts';
import type { JsonValue, Transcript } from '../llm/chat/Transcript.ts';
import { entityTypes, placeholderLabel, type EntityType } from './entityTypes.ts';
import type { RedactionVault } from './RedactionVault.ts';
import { redactJsonValue, redactTranscriptWith } from './redactStructures.ts';

const placeholderPattern = /\[([A-Z][A-Z0-9_]*)_([1-9]\d*)\]/g;
const builtInLabels = new Set(entityTypes.map(placeholderLabel));

/** Options of {@link restore}. */
export type RestoreOptions = {
  /** Placeholders of the types this says yes to stay as they are. Defaults to restoring every one. */
  readonly keep?: (type: EntityType) => boolean;
};

/**
 * Puts the originals back into text a cloud model wrote. A placeholder of a redaction label that the
 * vault does not hold (the model invented `[EMAIL_7]`, or the vault lost a row) is a not-found error:
 * passing it on silently would show the person a wrong or empty value.
 */
export function restore(text: string, vault: RedactionVault, options: RestoreOptions = {}): string {
  return text.replace(placeholderPattern, (placeholder: string, label: string) => {
    const original = vault.originalOf(placeholder);
    if (original !== undefined)
      return options.keep?.(vault.typeOf(placeholder) ?? 'custom') === true ? placeholder : original;
    if (!builtInLabels.has(label) && !vault.hasLabel(label)) return placeholder;
    throw new NotFoundError(
      `The answer refers to ${placeholder}, but this task's redaction vault has no value for it, so the answer cannot be restored. Run the step again; if it repeats, the cloud model is inventing placeholders.`,
    );
  });
}

/** `restore` over every string (and object key) of a JSON value. */
export function restoreJson(value: JsonValue, vault: RedactionVault, options: RestoreOptions = {}): JsonValue {
  return redactJsonValue(value, (text) => restore(text, vault, options));
}

/** Restores every message of a transcript (the inverse of `Redactor.redactTranscript`). */
export function restoreTranscript(transcript: Transcript, vault: RedactionVault): Transcript {
  return redactTranscriptWith(transcript, (text) => restore(text, vault));
}
