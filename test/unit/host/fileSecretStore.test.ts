import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '#core/engine.ts';
import { EngineError } from '#core/errors.ts';
import type { Logger } from '#core/ports.ts';
import { sourceWorkers } from '../../../electron/host/appPaths.ts';
import { createNodePorts } from '../../../electron/host/createNodePorts.ts';
import { createFileKeyCipher, createFileSecretStore } from '../../../electron/host/createFileSecretStore.ts';

const silent: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function storeIn(folder: string) {
  return createFileSecretStore(
    path.join(folder, 'secrets.json'),
    createFileKeyCipher(path.join(folder, 'secrets.key')),
  );
}

describe('the file secret store of the web and CLI hosts', () => {
  it('keeps values sealed on disk, readable only by the user, and round-trips them', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    const store = storeIn(folder);
    store.set('cloud-provider:a', 'sk-ant-secret-value-123');
    store.set('cloud-provider:b', 'second');
    expect(storeIn(folder).get('cloud-provider:a')).toBe('sk-ant-secret-value-123');
    expect(readFileSync(path.join(folder, 'secrets.json'), 'utf8')).not.toContain('sk-ant-secret-value-123');
    expect(statSync(path.join(folder, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(folder, 'secrets.key')).mode & 0o777).toBe(0o600);
    store.delete('cloud-provider:a');
    expect(store.get('cloud-provider:a')).toBeNull();
    expect(store.get('cloud-provider:b')).toBe('second');
  });

  it('reports a value sealed with another key instead of guessing', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    storeIn(folder).set('k', 'value');
    writeFileSync(path.join(folder, 'secrets.key'), Buffer.alloc(32, 7));
    expect(() => storeIn(folder).get('k')).toThrow(EngineError);
    expect(() => storeIn(folder).get('k')).toThrow(/cannot be decrypted.*enter it again/);
  });
});

describe('keys of a profile with a passphrase', () => {
  const work = { id: 'work', isProtected: true } as const;

  it('are sealed with a key derived from the passphrase: no key file, nothing in clear', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    const store = storeIn(folder);
    store.useProfile?.({ ...work, passphrase: 'correct horse battery' });
    store.set('cloud-provider:a', 'sk-ant-secret-value-123');
    expect(store.get('cloud-provider:a')).toBe('sk-ant-secret-value-123');
    expect(existsSync(path.join(folder, 'secrets.key'))).toBe(false);
    const onDisk = readFileSync(path.join(folder, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain('sk-ant-secret-value-123');
    expect(JSON.parse((JSON.parse(onDisk) as Record<string, string>)['cloud-provider:a'] ?? '')).toMatchObject({
      profile: 'work',
    });
  });

  it('open only with that passphrase entered in this process', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    const first = storeIn(folder);
    first.useProfile?.({ ...work, passphrase: 'correct horse battery' });
    first.set('cloud-provider:a', 'sk-value');
    // A restart: the profile is active but its passphrase was not entered yet.
    const restarted = storeIn(folder);
    restarted.useProfile?.({ ...work, passphrase: null });
    expect(() => restarted.get('cloud-provider:a')).toThrow(/sealed with the passphrase of a protected profile/);
    expect(() => restarted.set('cloud-provider:b', 'x')).toThrow(/switch to the profile again and enter it/);
    restarted.useProfile?.({ ...work, passphrase: 'wrong horse battery' });
    expect(() => restarted.get('cloud-provider:a')).toThrow(/cannot be decrypted/);
    restarted.useProfile?.({ id: 'home', isProtected: false, passphrase: null });
    expect(() => restarted.get('cloud-provider:a')).toThrow(/switch to that profile and enter its passphrase/);
    restarted.useProfile?.({ ...work, passphrase: 'correct horse battery' });
    expect(restarted.get('cloud-provider:a')).toBe('sk-value');
  });

  it('are sealed again when the passphrase changes or is removed, none lost', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    const store = storeIn(folder);
    store.useProfile?.({ ...work, passphrase: 'first passphrase' });
    store.set('cloud-provider:a', 'sk-a');
    store.set('cloud-provider:b', 'sk-b');
    store.rekeyProfile?.('work', 'first passphrase', 'second passphrase');
    const reader = storeIn(folder);
    reader.useProfile?.({ ...work, passphrase: 'first passphrase' });
    expect(() => reader.get('cloud-provider:a')).toThrow(/cannot be decrypted/);
    reader.useProfile?.({ ...work, passphrase: 'second passphrase' });
    expect([reader.get('cloud-provider:a'), reader.get('cloud-provider:b')]).toEqual(['sk-a', 'sk-b']);
    store.rekeyProfile?.('work', 'second passphrase', null);
    const anyone = storeIn(folder);
    anyone.useProfile?.({ id: 'home', isProtected: false, passphrase: null });
    expect([anyone.get('cloud-provider:a'), anyone.get('cloud-provider:b')]).toEqual(['sk-a', 'sk-b']);
  });

  it('leave keys saved under a profile without one on the key file, readable by every profile', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    const store = storeIn(folder);
    store.useProfile?.({ id: 'home', isProtected: false, passphrase: null });
    store.set('cloud-provider:shared', 'sk-shared');
    expect(existsSync(path.join(folder, 'secrets.key'))).toBe(true);
    store.useProfile?.({ ...work, passphrase: null });
    expect(store.get('cloud-provider:shared')).toBe('sk-shared');
  });

  it('follow the engine: protecting the active profile seals its next keys, a restart needs the passphrase', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-secrets-'));
    const open = () =>
      createEngine(
        createNodePorts({
          kind: 'cli',
          appVersion: '0.0.0',
          dataDir,
          bundledModelsDir: dataDir,
          workers: sourceWorkers(),
          logger: silent,
        }),
      );
    const engine = open();
    const active = engine.listProfiles()[0]!;
    engine.protectProfile(active.id, 'correct horse battery');
    const saved = engine.saveCloudProvider({
      name: 'Cloud',
      api: 'openai',
      baseUrl: 'https://api.example.com/v1',
      model: 'm',
      apiKey: 'sk-protected-123',
    });
    expect(existsSync(path.join(dataDir, 'secrets.key'))).toBe(false);
    await engine.dispose();
    const restarted = open();
    expect(restarted.listCloudProviders()).toEqual([expect.objectContaining({ id: saved.id, hasKey: true })]);
    const secrets = storeIn(dataDir);
    secrets.useProfile?.({ id: active.id, isProtected: true, passphrase: null });
    expect(() => secrets.get(`cloud-provider:${saved.id}`)).toThrow(/protected profile/);
    secrets.useProfile?.({ id: active.id, isProtected: true, passphrase: 'correct horse battery' });
    expect(secrets.get(`cloud-provider:${saved.id}`)).toBe('sk-protected-123');
    restarted.switchProfileWithPassphrase(active.id, 'correct horse battery');
    restarted.protectProfile(active.id, 'new horse battery', 'correct horse battery');
    secrets.useProfile?.({ id: active.id, isProtected: true, passphrase: 'new horse battery' });
    expect(secrets.get(`cloud-provider:${saved.id}`)).toBe('sk-protected-123');
    await restarted.dispose();
  });
});
