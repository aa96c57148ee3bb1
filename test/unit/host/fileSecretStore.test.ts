import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '#core/errors.ts';
import { createFileKeyCipher, createFileSecretStore } from '../../../electron/host/createFileSecretStore.ts';

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
