import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
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
import type { SecretStore } from '#core/ports.ts';
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

/**
 * Secrets in one JSON file of sealed values (`secrets.json` in the data folder). Every change is a
 * read-modify-write under an exclusive lock on `secrets.json.lock`, written to a temporary file
 * (mode 0600, flushed) and renamed over the old one: processes saving keys at once lose none, and a
 * crash leaves the old file or the new one. A value that cannot be opened (another machine's key,
 * a damaged file, a wrong passphrase) is reported, not guessed at.
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
  return {
    get(name) {
      const sealed = read()[name];
      if (sealed === undefined) return null;
      try {
        return cipher.open(sealed);
      } catch (error) {
        throw new EngineError(
          'storage-failed',
          `The stored key "${name}" cannot be decrypted (moved from another computer, damaged, or sealed with another passphrase); enter it again.`,
          { cause: error },
        );
      }
    },
    set(name, value) {
      const sealed = cipher.seal(value);
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
