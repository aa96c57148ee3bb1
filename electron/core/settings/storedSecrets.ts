import { scryptSync } from 'node:crypto';
import type { z } from 'zod';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import { EngineError } from '#core/errors.ts';

/** scrypt's cost parameters, stored beside each value derived with them. */
export type ScryptCost = { readonly N: number; readonly r: number; readonly p: number };

/** A 32-byte key from a passphrase (NFC-normalised) and a salt, with scrypt at `cost`. */
export function derivePassphraseKey(passphrase: string, salt: Buffer, cost: ScryptCost): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, {
    N: cost.N,
    r: cost.r,
    p: cost.p,
    maxmem: 64 * 1024 * 1024,
  });
}

/** The setting `key` parsed by `schema`, or null when absent; a value that does not parse is reported as `damaged`. */
export function readStoredValue<T>(store: SettingsStore, key: string, schema: z.ZodType<T>, damaged: string): T | null {
  const raw = store.read(key);
  if (raw === undefined || raw === null) return null;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new EngineError('storage-failed', damaged);
  return parsed.data;
}
