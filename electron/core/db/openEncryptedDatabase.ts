import { closeSync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { EngineError } from '../errors.ts';
import { setUpConnection, type Database } from './openDatabase.ts';

/** The length of a raw database key, in bytes (a 256-bit key). */
export const databaseKeyLength = 32;

/**
 * Opens (creating when absent) a database file encrypted in SQLCipher 4's format with a raw
 * 256-bit `key`, applies the app's migrations and returns the handle; the same pragmas as
 * `openDatabase` (WAL, synchronous=FULL, foreign keys, created 0600). `better-sqlite3` is
 * better-sqlite3-multiple-ciphers (package.json), whose SQLite3 Multiple Ciphers encrypts every page
 * of the file and of its WAL (AES-256-CBC with an HMAC-SHA512 per page); a raw key skips SQLCipher's
 * own key derivation (the caller derives it). A wrong key is refused with a sentence, never a stack.
 */
export function openEncryptedDatabase(
  file: string,
  key: Buffer,
  options: { readonly nativeBinding?: string | undefined } = {},
): Database {
  if (key.length !== databaseKeyLength) throw new Error(`a database key has ${databaseKeyLength} bytes`);
  let db: Database | undefined;
  try {
    closeSync(openSync(file, 'a', 0o600));
    db = new BetterSqlite3(file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
    // A SQLite without the cipher ignores these pragmas and would write the file in the clear.
    if (db.pragma(`cipher = 'sqlcipher'`, { simple: true }) !== 'sqlcipher') {
      throw new EngineError(
        'storage-failed',
        'This build of SQLite cannot encrypt (better-sqlite3-multiple-ciphers is not the one loaded); reinstall the app, or run npm ci, then switch to the profile again.',
      );
    }
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    // The first read of the file: SQLITE_NOTADB here means the key does not open it.
    db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
    setUpConnection(db, true);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof EngineError) throw error;
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new EngineError(
        'storage-failed',
        `The encrypted history at ${file} does not open with this profile's key (damaged, or from another data folder); ` +
          'move the file aside (keep a copy) and switch to the profile again to start an empty history.',
        { cause: error },
      );
    }
    throw new EngineError(
      'storage-failed',
      `Could not open the encrypted history at ${file}: ${error instanceof Error ? error.message : String(error)}. ` +
        'Check that the data folder is writable and has free space, then switch to the profile again.',
      { cause: error },
    );
  }
}
