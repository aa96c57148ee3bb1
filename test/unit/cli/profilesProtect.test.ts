// Protecting a profile from the command line (review P2, P3, P4), through the real CLI process on a
// real data folder: a passphrase is taken only from --passphrase-file or $ATROPOS_PASSPHRASE (an
// argument is refused, it would show in the process list); protect moves the history into the
// encrypted file and unprotect moves it back; a locked profile's `run` is refused before any model
// is loaded; a protection cut short after its passphrase was stored is listed as unfinished, with
// the count of tasks still unencrypted, until an unlock finishes the move.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { SettingsStore } from '#core/db/SettingsStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createHistoryKey } from '#core/settings/historyKey.ts';
import { setProfilePassphrase } from '#core/settings/profilePassphrase.ts';
import { runCliSync } from '../../helpers/runCliSync.ts';

const passphrase = 'correct horse battery';

const cli = runCliSync;

/** Tasks of the profile in the app database (plaintext), read with real SQLite. */
function plainTasks(dataDir: string, profileId: string): number {
  const db = openDatabase(path.join(dataDir, 'atropos.sqlite'));
  try {
    return db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM tasks WHERE profile_id = ?').get(profileId)
      ?.n as number;
  } finally {
    db.close();
  }
}

function seedTasks(dataDir: string, profileId: string, count: number): void {
  const db = openDatabase(path.join(dataDir, 'atropos.sqlite'));
  try {
    const tasks = new TaskStore(db);
    for (let index = 0; index < count; index += 1)
      tasks.insertTask({ id: `${profileId}-t${index}`, profileId, prompt: `secret prompt ${index}`, createdAt: 1_000 });
  } finally {
    db.close();
  }
}

function setUp() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'atropos-protect-'));
  const dataDir = path.join(root, 'data');
  const file = path.join(root, 'passphrase.txt');
  writeFileSync(file, `${passphrase}\n`, { mode: 0o600 });
  const created = cli(dataDir, ['profiles', 'create', 'Work']);
  expect(created.stderr).toBe('');
  const id = /created Work \(local-only\) (\S+)/.exec(created.stdout)?.[1] ?? 'missing';
  return { root, dataDir, file, id };
}

describe('cli profiles protect / unprotect', () => {
  it('refuses a passphrase given as an argument, with how to give it instead', () => {
    const { dataDir } = setUp();
    for (const args of [
      ['profiles', 'protect', 'Work', '--passphrase', passphrase],
      ['profiles', 'switch', 'Work', `--passphrase=${passphrase}`],
      ['run', '--task', 'x', '--passphrase', passphrase],
    ]) {
      const result = cli(dataDir, args);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('process list');
      expect(result.stderr).toContain('--passphrase-file FILE');
      expect(result.stderr).toContain('$ATROPOS_PASSPHRASE');
    }
    expect(cli(dataDir, ['profiles']).stdout).toMatch(/Work\tlocal-only\tunprotected/);
  }, 300_000);

  it('protects from a file, locks the profile, refuses a locked run before loading a model, and unprotects', () => {
    const { root, dataDir, file, id } = setUp();
    seedTasks(dataDir, id, 3);
    expect(cli(dataDir, ['profiles', 'protect', 'Work']).stderr).toContain('needs a passphrase');

    const protectedRun = cli(dataDir, ['--passphrase-file', file, 'profiles', 'protect', 'Work']);
    expect(protectedRun.stderr).toBe('');
    expect(protectedRun.stdout).toContain('protected: Work');
    expect(plainTasks(dataDir, id)).toBe(0);
    expect(existsSync(path.join(dataDir, `history-${id}.sqlite`))).toBe(true);

    // Switching asks for the passphrase: none, a wrong one (environment), then the file's.
    expect(cli(dataDir, ['profiles', 'switch', 'Work']).stderr).toContain('enter its passphrase');
    expect(cli(dataDir, ['profiles', 'switch', 'Work'], { ATROPOS_PASSPHRASE: 'wrong one!' }).stderr).toContain(
      'The passphrase is wrong',
    );
    expect(cli(dataDir, ['--passphrase-file', file, 'profiles', 'switch', 'Work']).stdout).toContain('active: Work');
    expect(cli(dataDir, ['profiles']).stdout).toMatch(/\* Work\tlocal-only\tprotected, locked/);

    // A model file that is no GGUF: loading it would fail with another message; the lock is checked first.
    const notAModel = path.join(root, 'not-a-model.gguf');
    writeFileSync(notAModel, 'not a model');
    const locked = cli(dataDir, ['run', '--task', 'What is 2+2?', '--model', notAModel]);
    expect(locked.status).toBe(1);
    expect(locked.stderr.trim()).toBe(
      'Error: The active profile "Work" is protected and its passphrase has not been entered; pass --passphrase-file FILE (its first line) or set $ATROPOS_PASSPHRASE.',
    );

    expect(cli(dataDir, ['profiles', 'unprotect', 'Work']).stderr).toContain('needs a passphrase');
    const unprotected = cli(dataDir, ['profiles', 'unprotect', 'Work'], { ATROPOS_PASSPHRASE: passphrase });
    expect(unprotected.stderr).toBe('');
    expect(unprotected.stdout).toContain('unprotected: Work');
    expect(plainTasks(dataDir, id)).toBe(3);
    expect(existsSync(path.join(dataDir, `history-${id}.sqlite`))).toBe(false);
    expect(cli(dataDir, ['profiles']).stdout).toMatch(/\* Work\tlocal-only\tunprotected/);
  }, 600_000);

  it('lists a protection cut short with its unencrypted tasks until an unlock finishes the move', () => {
    const { dataDir, file, id } = setUp();
    seedTasks(dataDir, id, 2);
    // What a kill after protect's first transaction leaves: the passphrase and key stored, the rows not moved.
    const db = openDatabase(path.join(dataDir, 'atropos.sqlite'));
    const settings = new SettingsStore(db);
    settings.transaction(() => {
      setProfilePassphrase(settings, id, passphrase, undefined);
      createHistoryKey(settings, id, passphrase);
    });
    db.close();

    const listed = cli(dataDir, ['profiles']).stdout;
    expect(listed).toContain(
      'Unlock to finish protecting this profile; until then 2 tasks are still stored unencrypted.',
    );
    expect(cli(dataDir, ['--passphrase-file', file, 'profiles', 'switch', 'Work']).stdout).toContain('active: Work');
    expect(plainTasks(dataDir, id)).toBe(0);
    expect(cli(dataDir, ['profiles']).stdout).not.toContain('unencrypted');
  }, 300_000);
});
