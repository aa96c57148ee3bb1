import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import { InvalidRequestError } from '#core/errors.ts';
import { derivePassphraseKey, readStoredValue } from './storedSecrets.ts';

/** scrypt cost parameters; N = 2^14 takes about 30 ms and 16 MiB, enough for a local switch guard. */
const parameters = { N: 16_384, r: 8, p: 1, keyLength: 32 } as const;

const storedSchema = z.object({
  salt: z.string().min(1),
  hash: z.string().min(1),
  N: z.number().int().positive(),
  r: z.number().int().positive(),
  p: z.number().int().positive(),
});

type Stored = z.infer<typeof storedSchema>;

const keyOf = (profileId: string): string => `profilePassphrase:${profileId}`;

const hashOf = (passphrase: string, salt: Buffer, stored: Omit<Stored, 'salt' | 'hash'>): Buffer =>
  derivePassphraseKey(passphrase, salt, stored);

const readStored = (store: SettingsStore, profileId: string): Stored | null =>
  readStoredValue(
    store,
    keyOf(profileId),
    storedSchema,
    'The stored passphrase of this profile is damaged; restore the database from a backup.',
  );

/** Whether switching to the profile asks for a passphrase. */
export function isProfileProtected(store: SettingsStore, profileId: string): boolean {
  const raw = store.read(keyOf(profileId));
  return raw !== undefined && raw !== null;
}

/**
 * Checks `passphrase` against the profile's stored scrypt hash. An unprotected profile accepts
 * anything; a protected one refuses a missing or wrong passphrase with an invalid-request error.
 */
export function checkProfilePassphrase(store: SettingsStore, profileId: string, passphrase: string | undefined): void {
  const stored = readStored(store, profileId);
  if (stored === null) return;
  if (passphrase === undefined || passphrase === '') {
    throw new InvalidRequestError('This profile is protected; enter its passphrase to switch to it.');
  }
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = hashOf(passphrase, Buffer.from(stored.salt, 'base64'), stored);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new InvalidRequestError('The passphrase is wrong; check it (capitals count) and try again.');
  }
}

/** Refuses a passphrase too short to set. */
export function checkNewPassphrase(passphrase: string): void {
  if (passphrase.length < 8) throw new InvalidRequestError('Choose a passphrase of at least 8 characters.');
}

/**
 * Sets (a string) or removes (null) the profile's passphrase. Changing or removing an existing one
 * needs the current passphrase. Only the salted scrypt hash is stored.
 */
export function setProfilePassphrase(
  store: SettingsStore,
  profileId: string,
  passphrase: string | null,
  currentPassphrase: string | undefined,
): void {
  if (passphrase !== null) checkNewPassphrase(passphrase);
  // Hashed before the write lock is taken (scrypt takes ~30 ms); checked and written in one
  // IMMEDIATE transaction, so two changes at once cannot both pass with the old passphrase.
  let hashed: Stored | null = null;
  if (passphrase !== null) {
    const salt = randomBytes(16);
    const cost = { N: parameters.N, r: parameters.r, p: parameters.p };
    hashed = { salt: salt.toString('base64'), hash: hashOf(passphrase, salt, cost).toString('base64'), ...cost };
  }
  store.transaction(() => {
    checkProfilePassphrase(store, profileId, currentPassphrase);
    store.write(keyOf(profileId), hashed);
  });
}
