import { rmSync } from 'node:fs';
import path from 'node:path';
import { EngineError } from '../errors.ts';
import type { HistorySource } from './HistorySource.ts';
import { hasRunningTask, holdsHistory, moveProfileHistory, type MovedHistory } from './moveProfileHistory.ts';
import { openEncryptedDatabase } from './openEncryptedDatabase.ts';
import type { Database } from './openDatabase.ts';
import type { ProcessOwner } from './ProcessOwner.ts';

/** How {@link ProfileHistory} is set up. */
export type ProfileHistoryOptions = {
  /** The app database: profiles, settings, the ledger, and the history of unprotected profiles. */
  readonly main: Database;
  /** The folder of the encrypted history files (the data folder). */
  readonly folder: string;
  /** This process: a switch that would strand its running task is refused. */
  readonly owner: ProcessOwner;
  /** The compiled addon to load (see openDatabase). Defaults to node_modules' own. */
  readonly nativeBinding?: string | undefined;
};

type Active = { readonly profileId: string; readonly encrypted: Database | null; readonly isLocked: boolean };

const lockedMessage =
  "This profile's history is encrypted and its passphrase has not been entered; switch to the profile again and enter its passphrase (the command line takes --passphrase-file).";

/**
 * Where the active profile's history lives. An unprotected profile's is in the app database; a
 * protected profile's is in its own file, `history-<profile id>.sqlite` in the data folder,
 * encrypted (openEncryptedDatabase) with the key its passphrase opens (settings/historyKey.ts).
 * Until that passphrase is entered in this process the profile is locked: its history can be
 * neither read nor written. Protecting moves the history into the file, removing protection moves
 * it back (moveProfileHistory: committed in the destination before it is deleted from the source);
 * the app database is vacuumed after, so its free pages keep no copy.
 */
export class ProfileHistory {
  readonly #options: ProfileHistoryOptions;
  #active: Active = { profileId: '', encrypted: null, isLocked: false };
  #follow: (() => void) | null = null;
  readonly #onLeaveProtected: (() => void)[] = [];

  /** The history stores' source: the active profile's history beside the app database's ledger. */
  readonly source: HistorySource;

  constructor(options: ProfileHistoryOptions) {
    this.#options = options;
    this.source = { history: (profileId) => this.current(profileId), ledger: options.main };
  }

  /** The encrypted history file of a profile. */
  fileOf(profileId: string): string {
    return path.join(this.#options.folder, `history-${profileId.replace(/[^A-Za-z0-9_-]/g, '_')}.sqlite`);
  }

  /**
   * The database holding the active profile's history; refused while a protected profile is
   * locked. `profileId`: the profile a new row belongs to, refused when it is not the one whose
   * history this is (another process switched the active profile while a task of this one ran),
   * so no row of a protected profile is ever written outside its file.
   */
  current(profileId?: string): Database {
    this.#follow?.();
    if (this.#active.isLocked) throw new EngineError('invalid-request', lockedMessage);
    if (profileId !== undefined && profileId !== this.#active.profileId) {
      throw new EngineError(
        'invalid-request',
        'The active profile was changed in another Atropos window while this task ran; start the task again.',
      );
    }
    return this.#active.encrypted ?? this.#options.main;
  }

  /** Whether the active history is a protected profile's (its file, or locked). */
  get isProtected(): boolean {
    return this.#where() !== 'main';
  }

  /** The profile whose history is active. */
  get profileId(): string {
    return this.#active.profileId;
  }

  /**
   * Runs `check` before each use: the profiles domain re-activates the stored active profile when
   * another process switched it (locked, if protected: its passphrase was not entered here).
   */
  follow(check: () => void): void {
    this.#follow = check;
  }

  /**
   * Runs `listener` each time a protected profile's history stops being the active one here: the
   * profile is locked, or another profile is made active. What was read from its file into memory
   * (a chat's redaction vault) is dropped then, so it does not outlive the passphrase.
   */
  onLeaveProtected(listener: () => void): void {
    this.#onLeaveProtected.push(listener);
  }

  /** Whether a task of this process is recorded as running in the active history. */
  get isRunningTask(): boolean {
    if (this.#active.isLocked) return false;
    const { pid, token } = this.#options.owner;
    const db = this.#active.encrypted ?? this.#options.main;
    return (
      db
        .prepare(`SELECT 1 FROM tasks WHERE status = 'running' AND owner_pid = ? AND owner_token = ? LIMIT 1`)
        .get(pid, token) !== undefined
    );
  }

  /** Whether the active profile is protected and its passphrase not entered in this process. */
  get isLocked(): boolean {
    return this.#active.isLocked;
  }

  /**
   * Makes `profileId` the active profile. `key`: its history key when it is protected and its
   * passphrase was entered (its file is opened, and what the app database still holds of it, after
   * a crash mid-move, is moved in); null when it is protected and locked; undefined when it is not
   * protected. Refused while a task of this process runs in the history it would leave.
   */
  use(profileId: string, key: Buffer | null | undefined): void {
    const next = key === undefined ? 'main' : key === null ? 'locked' : 'file';
    if (profileId === this.#active.profileId && next === this.#where()) return;
    // Between two unprotected profiles the history stays in the app database: running tasks go on.
    if (next !== 'main' || this.#where() !== 'main') this.#refuseWhileRunning();
    const encrypted = key === undefined || key === null ? null : this.#openFile(profileId, key);
    const leftProtected = this.#where() !== 'main';
    this.#closeFile();
    this.#active = { profileId, encrypted, isLocked: key === null };
    if (leftProtected) for (const listener of this.#onLeaveProtected) listener();
  }

  /**
   * Moves the profile's history from the app database into its encrypted file (created with `key`)
   * and vacuums the app database. Run again after a crash, it completes the move. `onMoved` runs in
   * the app database's transaction that deletes the moved rows (see moveProfileHistory).
   */
  encrypt(profileId: string, key: Buffer, onMoved?: () => void): MovedHistory {
    const { main } = this.#options;
    if (hasRunningTask(main, profileId)) throw runningError('protect the profile');
    const isActive = this.#active.profileId === profileId && this.#active.encrypted !== null;
    const file = isActive ? (this.#active.encrypted as Database) : this.#openRaw(profileId, key);
    try {
      const moved = moveProfileHistory(main, file, profileId, onMoved);
      vacuum(main);
      return moved;
    } finally {
      if (!isActive) file.close();
    }
  }

  /**
   * Moves the profile's history from its encrypted file (opened with `key`) back into the app
   * database and deletes the file. The active profile's history is then the app database's.
   */
  decrypt(profileId: string, key: Buffer): MovedHistory {
    const isActive = this.#active.profileId === profileId;
    if (isActive) this.#refuseWhileRunning();
    const file = isActive && this.#active.encrypted !== null ? this.#active.encrypted : this.#openRaw(profileId, key);
    if (hasRunningTask(file, profileId)) {
      if (file !== this.#active.encrypted) file.close();
      throw runningError('remove its passphrase');
    }
    const moved = moveProfileHistory(file, this.#options.main, profileId);
    file.close();
    if (isActive) this.#active = { profileId, encrypted: null, isLocked: false };
    removeFile(this.fileOf(profileId));
    return moved;
  }

  /**
   * Deletes a profile's encrypted file before it is protected anew: one a crash left behind after
   * its history had moved back and its key was forgotten, which nothing can open any more.
   */
  removeStaleFile(profileId: string): void {
    if (this.#active.profileId === profileId && this.#active.encrypted !== null) return;
    removeFile(this.fileOf(profileId));
  }

  /** The active profile's open encrypted file, or null (an unprotected or a locked profile). */
  opened(): Database | null {
    return this.#active.encrypted;
  }

  /** Closes the active profile's encrypted file, if open. */
  dispose(): void {
    this.#closeFile();
    this.#active = { profileId: '', encrypted: null, isLocked: false };
  }

  #openRaw(profileId: string, key: Buffer): Database {
    return openEncryptedDatabase(this.fileOf(profileId), key, { nativeBinding: this.#options.nativeBinding });
  }

  /** Opens the profile's file, completing a move a crash cut short. */
  #openFile(profileId: string, key: Buffer): Database {
    const file = this.#openRaw(profileId, key);
    try {
      const { main } = this.#options;
      if (holdsHistory(main, profileId) && !hasRunningTask(main, profileId)) {
        moveProfileHistory(main, file, profileId);
        vacuum(main);
      }
      return file;
    } catch (error) {
      file.close();
      throw error;
    }
  }

  #where(): 'main' | 'locked' | 'file' {
    if (this.#active.isLocked) return 'locked';
    return this.#active.encrypted === null ? 'main' : 'file';
  }

  #closeFile(): void {
    this.#active.encrypted?.close();
  }

  #refuseWhileRunning(): void {
    if (this.isRunningTask) throw runningError('switch profiles');
  }
}

function runningError(action: string): EngineError {
  return new EngineError(
    'invalid-request',
    `A task is still running; wait for it to finish or cancel it, then ${action}.`,
  );
}

/** Rebuilds the database so no freed page keeps a deleted row, and empties its WAL into it. */
function vacuum(db: Database): void {
  db.exec('VACUUM');
  if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)');
}

function removeFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
