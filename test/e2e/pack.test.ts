import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';

// `npm run pack:check`: electron-builder packs the real app offline, with a placeholder Electron
// (test/fixtures/placeholder-electron-dist) and without the native rebuild. What it proves: the
// configuration is valid and app.asar holds the built app and production dependencies only.
const output = path.join('out', 'pack-check', 'linux-unpacked', 'resources');
const archive = path.join(output, 'app.asar');
let entries: string[];

beforeAll(() => {
  const started = Date.now();
  const packed = spawnSync('npm', ['run', '--silent', 'pack:check'], { encoding: 'utf8', timeout: 300_000 });
  console.log(`pack:check took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (packed.status !== 0) {
    throw new Error(
      `pack:check failed (${String(packed.status ?? packed.signal)}):\n${packed.stdout}\n${packed.stderr}`,
    );
  }
  // Paths inside the archive, with forward slashes on every OS.
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 300_000);

describe('npm run pack:check', () => {
  it.each(['/package.json', '/dist-electron/main.cjs', '/dist-electron/preload.cjs', '/dist/renderer/index.html'])(
    'packs %s',
    (entry) => {
      expect(entries).toContain(entry);
    },
  );

  it('packs the production dependencies', () => {
    for (const dependency of ['zod', 'better-sqlite3', 'node-llama-cpp', 'openai', '@tensorflow/tfjs']) {
      expect(entries, dependency).toContain(`/node_modules/${dependency}/package.json`);
    }
  });

  it('unpacks the native modules beside the archive', () => {
    const unpacked = path.join(`${archive}.unpacked`, 'node_modules');
    expect(existsSync(path.join(unpacked, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'node-llama-cpp', 'package.json'))).toBe(true);
  });

  it('keeps only this platform and architecture of the llama.cpp binaries', () => {
    const prefix = `${process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : 'linux'}-${process.arch}`;
    const binaries = entries.filter((entry) => /^\/node_modules\/@node-llama-cpp\/[^/]+\/bins\/[^/]+$/.test(entry));
    expect(binaries.length).toBeGreaterThan(0);
    for (const entry of binaries) {
      expect(entry.split('/')[3], entry).toMatch(new RegExp(`^${prefix}(-|$)`));
    }
  });

  it.each([
    '/node_modules/vitest/',
    '/node_modules/typescript/',
    '/node_modules/electron/',
    '/node_modules/electron-builder/',
    '/node_modules/playwright-core/',
    '/node_modules/vite/',
    '/node_modules/eslint/',
    '/test/',
    '/electron/',
    '/renderer/',
    '/scripts/',
    '/shared/',
    '/models/',
  ])('leaves out %s', (prefix) => {
    expect(entries.filter((entry) => entry.startsWith(prefix))).toEqual([]);
  });

  it('leaves out TypeScript sources (and declarations) and source maps', () => {
    expect(entries.filter((entry) => /\.(ts|tsx|mts|cts)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
  });

  it('ships the models beside app.asar as extra resources', () => {
    expect(statSync(path.join(output, 'models')).isDirectory()).toBe(true);
  });
});
