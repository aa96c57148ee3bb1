import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { createEngine } from '#core/engine.ts';
import { migrations } from '#core/db/migrations.ts';
import { SettingsStore } from '#core/db/SettingsStore.ts';
import { sourceWorkers } from '../../../electron/host/appPaths.ts';
import { createFileKeyCipher, createFileSecretStore } from '../../../electron/host/createFileSecretStore.ts';
import { createNodePorts } from '../../../electron/host/createNodePorts.ts';
import { runContenders } from './contenders.ts';

// Real child processes on one data folder, released at the same moment.
const freshFolder = (): string => mkdtempSync(path.join(os.tmpdir(), 'atropos-contend-'));

describe('several processes on one data folder', () => {
  it('all start on a fresh folder at once: one migrates, none fails, one Default profile', async () => {
    const dataDir = freshFolder();
    const results = await runContenders(Array.from({ length: 6 }, () => ['open', dataDir]));
    for (const result of results) {
      expect(result.stderr).not.toMatch(/already exists|SQLITE_BUSY|Error/);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.last)).toEqual({ schemaVersion: migrations.length, profiles: ['Default'] });
    }
  }, 120_000);

  it('saving 60 providers with keys from 4 processes at once loses none', async () => {
    const dataDir = freshFolder();
    const results = await runContenders(['a', 'b', 'c', 'd'].map((tag) => ['providers', dataDir, '15', tag]));
    expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0]);
    const db = openDatabase(path.join(dataDir, 'atropos.sqlite'));
    const stored = new SettingsStore(db).read('cloudProviders') as { id: string; name: string }[];
    db.close();
    expect(stored).toHaveLength(60);
    expect(new Set(stored.map((entry) => entry.name)).size).toBe(60);
    const secrets = createFileSecretStore(
      path.join(dataDir, 'secrets.json'),
      createFileKeyCipher(path.join(dataDir, 'secrets.key')),
    );
    const keys = stored.map((entry) => secrets.get(`cloud-provider:${entry.id}`));
    expect(keys.filter((key) => key === null)).toEqual([]);
    expect(new Set(keys).size).toBe(60);
  }, 120_000);

  it('setting 32 keys from 4 processes at once loses none, and all open with one key', async () => {
    const dataDir = freshFolder();
    const results = await runContenders(['a', 'b', 'c', 'd'].map((tag) => ['keys', dataDir, '8', tag]));
    expect(results.map((result) => result.code)).toEqual([0, 0, 0, 0]);
    const names = Object.keys(JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as object);
    expect(names).toHaveLength(32);
    const secrets = createFileSecretStore(
      path.join(dataDir, 'secrets.json'),
      createFileKeyCipher(path.join(dataDir, 'secrets.key')),
    );
    for (const tag of ['a', 'b', 'c', 'd'])
      for (let index = 0; index < 8; index += 1)
        expect(secrets.get(`key:${tag}:${index}`)).toBe(`value-${tag}-${index}`);
  }, 120_000);
});

describe('the active profile and its policy', () => {
  it('are read from the database when asked, not from what this engine saw at start', async () => {
    const dataDir = freshFolder();
    const ports = createNodePorts({
      kind: 'cli',
      appVersion: '0.0.0',
      dataDir,
      bundledModelsDir: dataDir,
      workers: sourceWorkers(),
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    });
    const running = createEngine(ports);
    expect(running.getPrivacyPolicy().mode).toBe('local-only');
    // Another writer of the same database (the data-folder lock keeps other processes out; this
    // is the engine's own guarantee beneath it).
    const other = createEngine(ports);
    const cloud = other.createProfile({ name: 'Cloud', privacyMode: 'auto-redact' });
    other.switchProfile(cloud.id);
    await other.dispose();
    expect(running.getPrivacyPolicy()).toMatchObject({ profileId: cloud.id, mode: 'auto-redact' });
    await running.dispose();
  });
});
