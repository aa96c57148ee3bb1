import { InvalidRequestError } from '../errors.ts';
import { isEntityType, placeholderLabel, type EntityType } from './entityTypes.ts';

/** One row of a vault: what a placeholder stands for. Plain data, ready for a SQLite table. */
export type VaultEntry = {
  /** E.g. `[EMAIL_1]`. */
  readonly placeholder: string;
  readonly type: EntityType;
  readonly original: string;
};

const placeholderPattern = /^\[([A-Z][A-Z0-9_]*)_([1-9]\d*)\]$/;

/**
 * The originals behind the placeholders of one task. The same original (of the same label) always
 * gets the same placeholder, numbered per label from 1, so a cloud model sees `[PERSON_1]` wherever
 * that person appears. In memory; a store can persist `entries()` and rebuild with the constructor.
 */
export class RedactionVault {
  readonly #byPlaceholder = new Map<string, VaultEntry>();
  readonly #byOriginal = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  /** Rebuilds a vault from stored entries; a malformed or duplicate entry is an invalid-request error. */
  constructor(entries: Iterable<VaultEntry> = []) {
    for (const entry of entries) {
      const parsed = placeholderPattern.exec(entry.placeholder);
      if (parsed === null || !isEntityType(entry.type) || typeof entry.original !== 'string') {
        throw new InvalidRequestError(
          `The redaction vault holds a malformed entry (${JSON.stringify(entry.placeholder)}); start a new task so a fresh vault is made.`,
        );
      }
      const [, label = '', number = ''] = parsed;
      const key = `${label}\u0000${entry.original}`;
      if (this.#byPlaceholder.has(entry.placeholder) || this.#byOriginal.has(key)) {
        throw new InvalidRequestError(
          `The redaction vault holds ${entry.placeholder} twice; start a new task so a fresh vault is made.`,
        );
      }
      this.#byPlaceholder.set(entry.placeholder, { ...entry });
      this.#byOriginal.set(key, entry.placeholder);
      this.#counters.set(label, Math.max(this.#counters.get(label) ?? 0, Number(number)));
    }
  }

  /** The placeholder for `original`, creating the next number of its label the first time. */
  placeholderFor(type: EntityType, original: string, label = placeholderLabel(type)): string {
    const key = `${label}\u0000${original}`;
    const known = this.#byOriginal.get(key);
    if (known !== undefined) return known;
    const number = (this.#counters.get(label) ?? 0) + 1;
    this.#counters.set(label, number);
    const placeholder = `[${label}_${number}]`;
    this.#byPlaceholder.set(placeholder, { placeholder, type, original });
    this.#byOriginal.set(key, placeholder);
    return placeholder;
  }

  /** The original a placeholder stands for, or undefined when this vault never made it. */
  originalOf(placeholder: string): string | undefined {
    return this.#byPlaceholder.get(placeholder)?.original;
  }

  /** The entity type of a placeholder, or undefined when this vault never made it. */
  typeOf(placeholder: string): EntityType | undefined {
    return this.#byPlaceholder.get(placeholder)?.type;
  }

  /** Whether placeholders with this label (e.g. `EMAIL`, or a custom pattern's label) exist in this vault. */
  hasLabel(label: string): boolean {
    return this.#counters.has(label);
  }

  /** Every entry in creation order, for persisting. */
  entries(): VaultEntry[] {
    return [...this.#byPlaceholder.values()];
  }

  /** How many placeholders the vault holds. */
  get size(): number {
    return this.#byPlaceholder.size;
  }
}
