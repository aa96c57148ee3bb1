// A chat's redaction vault on the real schema: kept in the profile's history as each placeholder is
// made (a protected profile's in its encrypted file, none of it in the app database), rebuilt from
// there, and dropped from memory when a protected profile is locked or another profile made active.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseKeyLength } from '#core/db/openEncryptedDatabase.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileHistory } from '#core/db/ProfileHistory.ts';
import { ThreadStore } from '#core/db/ThreadStore.ts';
import { createThreadVaults } from '#core/threads/threadVaults.ts';

let cleanUp: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanUp.reverse()) step();
  cleanUp = [];
});

/** An app database with a protected Work profile (its history open with `key`) and an unprotected Home one. */
function setup() {
  const folder = mkdtempSync(path.join(tmpdir(), 'atropos-vaults-'));
  const main: Database = openDatabase(path.join(folder, 'atropos.sqlite'));
  const history = new ProfileHistory({ main, folder, owner: { pid: process.pid, token: 'test' } });
  cleanUp.push(() => {
    history.dispose();
    main.close();
    rmSync(folder, { recursive: true, force: true });
  });
  const addProfile = (id: string, name: string, db = main): void => {
    db.prepare(`INSERT INTO profiles (id, name, created_at, privacy_mode) VALUES (?, ?, 0, 'ask')`).run(id, name);
  };
  addProfile('work', 'Work');
  addProfile('home', 'Home');
  addProfile('guest', 'Guest');
  const key = randomBytes(databaseKeyLength);
  history.use('work', key);
  // Protecting copies the profile's row into its file (moveProfileHistory); its threads refer to it.
  addProfile('work', 'Work', history.opened() as Database);
  const store = new ThreadStore(history.source);
  store.create('work', { id: 'chat', title: 'Codes', at: 1 });
  const vaults = createThreadVaults(store, history);
  return { main, history, key, store, vaults };
}

const count = (db: Database): number => (db.prepare('SELECT COUNT(*) AS n FROM thread_vault').get() as { n: number }).n;

describe("a chat's redaction vault", () => {
  it('is kept in the protected profile’s file as each placeholder is made, and rebuilt from it', () => {
    const { main, history, store, vaults } = setup();
    const vault = vaults.vaultOf('work', 'chat');
    expect(vault.placeholderFor('password', 'sunshine42')).toBe('[PASSWORD_1]');
    expect(vault.placeholderFor('password', 'sunshine42')).toBe('[PASSWORD_1]');
    expect(vault.placeholderFor('password', '4821')).toBe('[PASSWORD_2]');
    expect(vaults.vaultOf('work', 'chat')).toBe(vault);
    expect(store.vaultEntries('chat')).toEqual([
      { placeholder: '[PASSWORD_1]', type: 'password', original: 'sunshine42' },
      { placeholder: '[PASSWORD_2]', type: 'password', original: '4821' },
    ]);
    expect(count(history.opened() as Database)).toBe(2);
    expect(count(main)).toBe(0);
    // A new engine's vaults (a restart) start from what the file kept, numbering on after it.
    const rebuilt = createThreadVaults(store, history).vaultOf('work', 'chat');
    expect(rebuilt.originalOf('[PASSWORD_2]')).toBe('4821');
    expect(rebuilt.placeholderFor('password', 'c3VwZXJzZWNyZXQ')).toBe('[PASSWORD_3]');
    // Deleting the chat deletes its vault; a turn still running then keeps nothing more.
    store.delete('work', 'chat');
    expect(count(history.opened() as Database)).toBe(0);
    rebuilt.placeholderFor('password', 'late');
    expect(store.vaultEntries('chat')).toEqual([]);
  });

  it('is dropped from memory when the protected profile is locked, and read again once it is unlocked', () => {
    const { history, key, vaults } = setup();
    const vault = vaults.vaultOf('work', 'chat');
    vault.placeholderFor('password', 'sunshine42');
    expect(vaults.size).toBe(1);

    history.use('work', null);

    expect(history.isLocked).toBe(true);
    expect(vaults.size).toBe(0);
    history.use('work', key);
    const reread = vaults.vaultOf('work', 'chat');
    expect(reread).not.toBe(vault);
    expect(reread.originalOf('[PASSWORD_1]')).toBe('sunshine42');
  });

  it('is dropped from memory when another profile is made active; between unprotected profiles it stays', () => {
    const { main, history, vaults } = setup();
    vaults.vaultOf('work', 'chat').placeholderFor('password', 'sunshine42');

    history.use('home', undefined);

    expect(vaults.size).toBe(0);
    const store = new ThreadStore(history.source);
    store.create('home', { id: 'home-chat', title: 'Home', at: 1 });
    vaults.vaultOf('home', 'home-chat').placeholderFor('email', 'olga@example.com');
    expect(count(main)).toBe(1);
    history.use('guest', undefined);
    expect(vaults.size).toBe(1);
  });
});
