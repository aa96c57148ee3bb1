import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import { databaseKeyLength } from '#core/db/openEncryptedDatabase.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { derivePassphraseKey, readStoredValue } from './storedSecrets.ts';

/**
 * A protected profile's history is encrypted with a random 256-bit key of its own, kept in the
 * settings table only wrapped (AES-256-GCM) under a key derived from the profile's passphrase with
 * scrypt (N = 2^15, r = 8, p = 1: about 60 ms and 32 MiB; 16-byte salt stored beside it). Only the
 * passphrase opens it; changing the passphrase wraps the same key again, so the history file is
 * never rewritten, and the new wrapping is written in the same transaction as the new passphrase.
 */
const cost = { N: 32_768, r: 8, p: 1 } as const;

const storedSchema = z.object({
  salt: z.string().min(1),
  iv: z.string().min(1),
  tag: z.string().min(1),
  data: z.string().min(1),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
});

type Stored = z.infer<typeof storedSchema>;

const keyOf = (profileId: string): string => `profileHistoryKey:${profileId}`;

const wrappingKey = derivePassphraseKey;

function wrap(key: Buffer, passphrase: string): Stored {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(passphrase, salt, cost), iv);
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
    ...cost,
  };
}

const readStored = (store: SettingsStore, profileId: string): Stored | null =>
  readStoredValue(
    store,
    keyOf(profileId),
    storedSchema,
    "The stored key of this profile's encrypted history is damaged; restore the database from a backup.",
  );

/** Whether the profile has a history key (its history lives in its encrypted file). */
export function hasHistoryKey(store: SettingsStore, profileId: string): boolean {
  return readStored(store, profileId) !== null;
}

/** The profile's history key opened with `passphrase`, or null when it has none; a wrong passphrase is refused. */
export function openHistoryKey(store: SettingsStore, profileId: string, passphrase: string): Buffer | null {
  const stored = readStored(store, profileId);
  if (stored === null) return null;
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      wrappingKey(passphrase, Buffer.from(stored.salt, 'base64'), stored),
      Buffer.from(stored.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(stored.data, 'base64')), decipher.final()]);
    if (key.length === databaseKeyLength) return key;
  } catch {
    // Falls through: the passphrase does not open the key.
  }
  throw new InvalidRequestError('The passphrase is wrong; check it (capitals count) and try again.');
}

/** Makes the profile a new random history key wrapped under `passphrase`, stores it and returns it. */
export function createHistoryKey(store: SettingsStore, profileId: string, passphrase: string): Buffer {
  const key = randomBytes(databaseKeyLength);
  store.write(keyOf(profileId), wrap(key, passphrase));
  return key;
}

/** Wraps the profile's history key (if any) again under `to`; `from` must open it. */
export function rewrapHistoryKey(store: SettingsStore, profileId: string, from: string, to: string): void {
  const key = openHistoryKey(store, profileId, from);
  if (key !== null) store.write(keyOf(profileId), wrap(key, to));
}

/** Forgets the profile's history key (its history has moved back into the app database). */
export function deleteHistoryKey(store: SettingsStore, profileId: string): void {
  store.write(keyOf(profileId), null);
}
