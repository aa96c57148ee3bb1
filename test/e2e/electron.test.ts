import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronExecutable } from '../../scripts/electronBinary.mjs';
import { ensureElectronSqliteBinding, sqliteBindingVariable } from '../../scripts/electronNative.mjs';

// Drives the real Electron app where an Electron binary is installed. On machines without one
// (no internet to download it), the whole file is skipped and says why.
const executable = electronExecutable();
const skipReason = 'Electron binary not installed on this machine (run npx install-electron); skipping';
if (executable === null) {
  console.log(skipReason);
}

const repository = process.cwd();
let application: ElectronApplication;
let page: Page;
let dataDir: string;
const problems: string[] = [];

describe.skipIf(executable === null)('the Electron app', () => {
  beforeAll(async () => {
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repository, stdio: 'inherit' });
    expect(built.status).toBe(0);
    // As `npm start` does: better-sqlite3 built for this Electron's ABI (once), node_modules' build untouched.
    const binding = await ensureElectronSqliteBinding({ root: repository, executable: executable ?? '' });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-electron-'));
    const env: Record<string, string> = { ATROPOS_DATA_DIR: dataDir, [sqliteBindingVariable]: binding.bindingFile };
    for (const [name, value] of Object.entries(process.env)) {
      // ELECTRON_RUN_AS_NODE (set by some tools) would start Electron as plain Node.
      if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE' && !(name in env)) {
        env[name] = value;
      }
    }
    application = await _electron.launch({
      executablePath: executable ?? undefined,
      args: [repository],
      cwd: repository,
      env,
    });
    page = await application.firstWindow();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await application?.close();
    if (dataDir !== undefined) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('shows the app shell with its navigation', async () => {
    await page.getByRole('heading', { level: 1, name: 'Chat' }).waitFor();
    await expect(page.getByRole('navigation').isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toBe('Atropos Desktop');
  });

  it('gives the page the bridge and nothing of Node', async () => {
    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      const bridge = scope['atropos'] as Record<string, unknown> | undefined;
      return {
        bridge: bridge === undefined ? null : Object.keys(bridge).sort(),
        require: typeof scope['require'],
        process: typeof scope['process'],
      };
    });
    expect(globals).toEqual({ bridge: ['invoke', 'on', 'pickFolder'], require: 'undefined', process: 'undefined' });
  });

  it('answers through the engine with Electron host facts', async () => {
    const info = await page.evaluate(async () => {
      const bridge = (globalThis as Record<string, unknown>)['atropos'] as {
        invoke(channel: string, request: unknown): Promise<unknown>;
      };
      return bridge.invoke('app:get-info', {});
    });
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', dataDir } });
  });

  it('refuses unlisted channels in the preload', async () => {
    const refused = await page.evaluate(async () => {
      const bridge = (globalThis as Record<string, unknown>)['atropos'] as {
        invoke(channel: string, request: unknown): Promise<unknown>;
      };
      return bridge.invoke('fs:read-file', { path: '/etc/passwd' });
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('opens no second window and logs no errors', () => {
    expect(application.windows()).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});
