import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { EngineError } from '#core/errors.ts';
import type { ProfileKey, SecretStore } from '#core/ports.ts';
import { withFileLock } from './FileLock.ts';

type Sealed = { readonly iv: string; readonly tag: string; readonly data: string };

/**
 * Seals and opens secrets with a key the store keeps. Electron hands in safeStorage (the operating
 * system's keychain); the Node hosts use AES-256-GCM with a random key in a file only the user
 * can read, or with a key derived from a passphrase (createPassphraseCipher).
 */
export type SecretCipher = { seal(plain: string): string; open(sealed: string): string };

/** Writes `bytes` to a fresh temporary file beside `file` (mode 0600, flushed) and returns its name. */
function writeTemporary(file: string, bytes: string | Buffer): string {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const descriptor = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(descriptor, typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  return temporary;
}

/** Seals with AES-256-GCM under `key`. */
export function sealWith(key: Buffer, plain: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Opens what {@link sealWith} sealed; throws when the key is wrong or the value was altered. */
export function openWith(key: Buffer, sealed: Sealed): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}

/**
 * AES-256-GCM with a 32-byte key kept in `keyFile` (mode 0600). What protects it is the operating
 * system account: the key file sits beside the secrets, in a folder only this user can open, so it
 * keeps keys out of backups of the JSON file alone and out of other users' reach, not out of reach
 * of a program running as this user. A passphrase (createPassphraseCipher) removes the key file.
 */
export function createFileKeyCipher(keyFile: string): SecretCipher {
  let key: Buffer | null = null;
  const loadKey = (): Buffer => {
    if (key !== null) return key;
    if (!existsSync(keyFile)) {
      mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
      // Linked into place only if absent: processes starting together agree on one key.
      const temporary = writeTemporary(keyFile, randomBytes(32));
      try {
        linkSync(temporary, keyFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        unlinkSync(temporary);
      }
    }
    const loaded = readFileSync(keyFile);
    if (loaded.length !== 32)
      throw new EngineError(
        'storage-failed',
        `The key file ${keyFile} is damaged; delete it and enter your API keys again.`,
      );
    key = loaded;
    return key;
  };
  return {
    seal: (plain) => JSON.stringify(sealWith(loadKey(), plain)),
    open: (text) => openWith(loadKey(), JSON.parse(text) as Sealed),
  };
}

/** scrypt cost for keys derived from a profile passphrase: N = 2^15 takes about 60 ms and 32 MiB. */
const scryptCost = { N: 32_768, r: 8, p: 1 } as const;

/** A value sealed with a key derived from a profile's passphrase: the profile and the salt travel with it. */
type PassphraseSealed = Sealed & { readonly profile: string; readonly salt: string };

function isPassphraseSealed(value: unknown): value is PassphraseSealed {
  return typeof value === 'object' && value !== null && 'profile' in value && 'salt' in value;
}

/** The sealed value as JSON, or null for a cipher's own format (safeStorage's is base64). */
function parseSealed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The AES key a passphrase gives with `salt` (base64). */
function derive(passphrase: string, salt: string): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(salt, 'base64'), 32, {
    ...scryptCost,
    maxmem: 64 * 1024 * 1024,
  });
}

/**
 * The keys derived from the active profile's passphrase, one per salt met (scrypt is slow on
 * purpose, so each is derived once). Sealing uses one fresh salt per unlock.
 */
class ProfileKeys {
  #profile: ProfileKey = { id: '', passphrase: null, isProtected: false };
  #derived = new Map<string, Buffer>();
  #sealSalt = randomBytes(16).toString('base64');

  use(profile: ProfileKey): void {
    if (profile.id !== this.#profile.id || profile.passphrase !== this.#profile.passphrase) {
      this.#derived.clear();
      this.#sealSalt = randomBytes(16).toString('base64');
    }
    this.#profile = profile;
  }

  get isProtected(): boolean {
    return this.#profile.isProtected;
  }

  keyFor(profileId: string, salt: string, name: string): Buffer {
    const { id, passphrase } = this.#profile;
    if (profileId !== id || passphrase === null)
      throw new EngineError(
        'storage-failed',
        `The key "${name}" is sealed with the passphrase of a protected profile; switch to that profile and enter its passphrase.`,
      );
    let key = this.#derived.get(salt);
    if (key === undefined) {
      key = derive(passphrase, salt);
      this.#derived.set(salt, key);
    }
    return key;
  }

  seal(plain: string, name: string): string {
    if (this.#profile.passphrase === null)
      throw new EngineError(
        'storage-failed',
        "This profile's keys are sealed with its passphrase; switch to the profile again and enter it, then save the key.",
      );
    const salt = this.#sealSalt;
    const sealed: PassphraseSealed = {
      profile: this.#profile.id,
      salt,
      ...sealWith(this.keyFor(this.#profile.id, salt, name), plain),
    };
    return JSON.stringify(sealed);
  }
}

/**
 * Secrets in one JSON file of sealed values (`secrets.json` in the data folder). Every change is a
 * read-modify-write under an exclusive lock on `secrets.json.lock`, written to a temporary file
 * (mode 0600, flushed) and renamed over the old one: processes saving keys at once lose none, and a
 * crash leaves the old file or the new one. A value that cannot be opened (another machine's key,
 * a damaged file, a wrong passphrase) is reported, not guessed at.
 *
 * While the active profile has a passphrase, its keys are sealed with a key derived from that
 * passphrase (scrypt, salt beside each value) instead of `cipher`: no key file or keychain entry
 * opens them, only the passphrase entered in this process (`useProfile`). A profile without one
 * uses `cipher`, so what protects its keys is the keychain, or the key file's permissions.
 */
export function createFileSecretStore(file: string, cipher: SecretCipher): SecretStore {
  const read = (): Record<string, string> =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const change = (edit: (entries: Record<string, string>) => void): void => {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    withFileLock(
      `${file}.lock`,
      () => {
        const entries = read();
        edit(entries);
        const temporary = writeTemporary(file, JSON.stringify(entries));
        renameSync(temporary, file);
        chmodSync(file, 0o600);
      },
      () =>
        new EngineError(
          'storage-failed',
          `Another process kept ${file} locked for 10 s; close other Atropos windows and try again.`,
        ),
    );
  };
  const profileKeys = new ProfileKeys();
  return {
    useProfile(profile) {
      profileKeys.use(profile);
    },
    get(name) {
      const sealed = read()[name];
      if (sealed === undefined) return null;
      const parsed = parseSealed(sealed);
      try {
        if (isPassphraseSealed(parsed)) return openWith(profileKeys.keyFor(parsed.profile, parsed.salt, name), parsed);
        return cipher.open(sealed);
      } catch (error) {
        if (error instanceof EngineError) throw error;
        throw new EngineError(
          'storage-failed',
          `The stored key "${name}" cannot be decrypted (moved from another computer, damaged, or sealed with another passphrase); enter it again.`,
          { cause: error },
        );
      }
    },
    rekeyProfile(profileId, from, to) {
      if (from === null) return;
      change((entries) => {
        const salt = randomBytes(16).toString('base64');
        const next = to === null ? null : derive(to, salt);
        const previous = new Map<string, Buffer>();
        for (const [name, text] of Object.entries(entries)) {
          const parsed = parseSealed(text);
          if (!isPassphraseSealed(parsed) || parsed.profile !== profileId) continue;
          const key = previous.get(parsed.salt) ?? derive(from, parsed.salt);
          previous.set(parsed.salt, key);
          let plain: string;
          try {
            plain = openWith(key, parsed);
          } catch {
            continue; // Sealed with yet another passphrase: left as it is, reported when read.
          }
          const sealed: PassphraseSealed | null =
            next === null ? null : { profile: profileId, salt, ...sealWith(next, plain) };
          entries[name] = sealed === null ? cipher.seal(plain) : JSON.stringify(sealed);
        }
      });
    },
    sealedFor(profileId) {
      return Object.entries(read())
        .filter(([, text]) => {
          const parsed = parseSealed(text);
          return isPassphraseSealed(parsed) && parsed.profile === profileId;
        })
        .map(([name]) => name);
    },
    set(name, value) {
      const sealed = profileKeys.isProtected ? profileKeys.seal(value, name) : cipher.seal(value);
      change((entries) => {
        entries[name] = sealed;
      });
    },
    delete(name) {
      change((entries) => {
        delete entries[name];
      });
    },
  };
}
