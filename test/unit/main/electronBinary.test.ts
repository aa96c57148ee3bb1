import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { electronExecutable, missingElectronMessage } from '../../../scripts/electronBinary.mjs';

const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-electron-dist-'));
  folders.push(folder);
  return folder;
}

afterEach(() => {
  for (const folder of folders.splice(0)) {
    rmSync(folder, { recursive: true, force: true });
  }
});

describe('electronExecutable', () => {
  it('finds the executable in ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dist = tempFolder();
    writeFileSync(path.join(dist, 'electron'), '');
    // Where a downloaded binary left path.txt, it names the file; the fallback is "electron".
    const found = electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(found === null ? null : path.dirname(found)).toBe(dist);
  });

  it('answers null, without downloading anything, when there is no binary', () => {
    expect(electronExecutable({ ELECTRON_OVERRIDE_DIST_PATH: tempFolder() })).toBeNull();
  });
});

describe('npm start without an Electron binary', () => {
  it('explains how to get one and how to run in the browser instead, and exits 1', () => {
    const started = spawnSync(process.execPath, ['scripts/start.mjs'], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempFolder() },
      timeout: 10_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr.trim()).toBe(missingElectronMessage);
    expect(missingElectronMessage).toMatch(/npx install-electron/);
    expect(missingElectronMessage).toMatch(/npm run electron:fetch/);
    expect(missingElectronMessage).toMatch(/npm run start:web/);
    expect(missingElectronMessage.split('\n').length).toBeLessThanOrEqual(4);
  });
});
