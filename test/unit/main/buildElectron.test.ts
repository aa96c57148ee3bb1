import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Builds the two bundles into a temp folder and checks what they require at run time.
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(path.join(os.tmpdir(), 'atropos-build-electron-'));
  const built = spawnSync(process.execPath, ['scripts/buildElectron.mjs', '--outdir', outdir], { encoding: 'utf8' });
  expect(built.stderr).toBe('');
  expect(built.status).toBe(0);
}, 60_000);

afterAll(() => {
  rmSync(outdir, { recursive: true, force: true });
});

function requiredModules(file: string): string[] {
  const code = readFileSync(path.join(outdir, file), 'utf8');
  const found = [...code.matchAll(/\brequire\("([^"]+)"\)|\bimport\("([^"]+)"\)/g)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
  return [...new Set(found)].sort();
}

describe('scripts/buildElectron.mjs', () => {
  it("bundles the sandboxed preload into one file whose only require is 'electron'", () => {
    expect(requiredModules('preload.cjs')).toEqual(['electron']);
  });

  it('bundles our own main code and keeps only Node built-ins, electron and runtime dependencies external', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set(['electron', ...Object.keys(manifest.dependencies)]);
    const external = requiredModules('main.cjs').filter((name) => !name.startsWith('node:'));
    expect(external).toContain('electron');
    expect(external).toContain('better-sqlite3');
    for (const name of external) {
      const packageName = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name);
      expect(allowed.has(packageName), name).toBe(true);
    }
  });

  it('writes source maps beside the bundles', () => {
    expect(readFileSync(path.join(outdir, 'main.cjs'), 'utf8')).toMatch(/\/\/# sourceMappingURL=main\.cjs\.map\s*$/);
    expect(JSON.parse(readFileSync(path.join(outdir, 'preload.cjs.map'), 'utf8'))).toHaveProperty('mappings');
  });
});
