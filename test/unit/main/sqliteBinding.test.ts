import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { FileLock } from '../../../electron/host/FileLock.ts';
import { sqliteBindingOptions, sqliteBindingVariable } from '../../../electron/host/sqliteBinding.ts';
import {
  sqliteAddonFile,
  sqliteBindingVariable as startVariable,
  sqliteModule,
} from '../../../scripts/electronNative.mjs';

// node_modules' own (Node) build of the addon, named explicitly as the Electron host names its own.
const moduleDir = path.dirname(createRequire(import.meta.url).resolve(`${sqliteModule}/package.json`));
const nodeBuild = path.join(moduleDir, 'build', 'Release', sqliteAddonFile);
const missingBuild = path.join(os.tmpdir(), 'atropos-no-such-addon', sqliteAddonFile);

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the SQLite addon a host names', () => {
  it('is read from the variable npm start sets, under the same name', () => {
    expect(startVariable).toBe(sqliteBindingVariable);
    expect(sqliteBindingOptions({ [sqliteBindingVariable]: nodeBuild })).toEqual({ nativeBinding: nodeBuild });
    expect(sqliteBindingOptions({ [sqliteBindingVariable]: '' })).toEqual({});
    expect(sqliteBindingOptions({})).toEqual({});
  });

  it('is what openDatabase loads: the Node build given explicitly works, a missing one fails', () => {
    const db = openDatabase(':memory:', { nativeBinding: nodeBuild });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    // Proof that the option reaches better-sqlite3: node_modules' default would have opened.
    expect(() => openDatabase(':memory:', { nativeBinding: missingBuild })).toThrow(/atropos-no-such-addon/);
  });

  it('is what the data folder lock loads', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'atropos-binding-'));
    folders.push(folder);
    const previous = process.env[sqliteBindingVariable];
    try {
      process.env[sqliteBindingVariable] = nodeBuild;
      const lock = FileLock.acquire(path.join(folder, 'a.lock'));
      expect(lock?.isHeld).toBe(true);
      lock?.release();
      process.env[sqliteBindingVariable] = missingBuild;
      expect(() => FileLock.acquire(path.join(folder, 'b.lock'))).toThrow(/atropos-no-such-addon/);
    } finally {
      if (previous === undefined) delete process.env[sqliteBindingVariable];
      else process.env[sqliteBindingVariable] = previous;
    }
  });
});
