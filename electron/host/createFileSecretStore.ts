import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '#core/errors.ts';
import type { SecretStore } from '#core/ports.ts';

type Sealed = { readonly iv: string; readonly tag: string; readonly data: string };

/**
 * Seals and opens secrets with a key the store keeps. Electron hands in safeStorage (the operating
 * system's keychain); the Node hosts use AES-256-GCM with a random key in a file only the user
 * can read.
 */
export type SecretCipher = { seal(plain: string): string; open(sealed: string): string };

/** AES-256-GCM with a 32-byte key kept in `keyFile` (created with mode 0600 on first use). */
export function createFileKeyCipher(keyFile: string): SecretCipher {
  let key: Buffer | null = null;
  const loadKey = (): Buffer => {
    if (key !== null) return key;
    if (!existsSync(keyFile)) {
      mkdirSync(path.dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    }
    key = readFileSync(keyFile);
    if (key.length !== 32)
      throw new EngineError(
        'storage-failed',
        `The key file ${keyFile} is damaged; delete it and enter your API keys again.`,
      );
    return key;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', loadKey(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const sealed: Sealed = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
      return JSON.stringify(sealed);
    },
    open(text) {
      const sealed = JSON.parse(text) as Sealed;
      const decipher = createDecipheriv('aes-256-gcm', loadKey(), Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * Secrets in one JSON file of sealed values (`secrets.json` in the data folder), written atomically
 * (temporary file, then rename) with mode 0600. A value that cannot be opened (another machine's
 * key, a damaged file) is reported, not guessed at.
 */
export function createFileSecretStore(file: string, cipher: SecretCipher): SecretStore {
  const read = (): Record<string, string> =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const write = (entries: Record<string, string>): void => {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify(entries), { mode: 0o600 });
    renameSync(temporary, file);
    chmodSync(file, 0o600);
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
          `The stored key "${name}" cannot be decrypted (moved from another computer or damaged); enter it again.`,
          { cause: error },
        );
      }
    },
    set(name, value) {
      write({ ...read(), [name]: cipher.seal(value) });
    },
    delete(name) {
      const entries = read();
      delete entries[name];
      write(entries);
    },
  };
}
