import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** Temporary folders, removed after each test: `make()` a new one, or `keep()` one made elsewhere. */
export function useTempFolders(prefix: string): { make(): string; keep(folder: string): void } {
  const folders: string[] = [];
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    make() {
      const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
      folders.push(folder);
      return folder;
    },
    keep(folder) {
      folders.push(folder);
    },
  };
}

/** A stand-in for an Electron dist folder: what it answers, and what it saw when launched. */
export type StandInElectron = {
  /** The folder to give as ELECTRON_OVERRIDE_DIST_PATH. */
  readonly dist: string;
  /** Changes what the binary says about itself (as installing another Electron would). */
  setVersions(versions: { electron: string; modules: string }): void;
  /** What the last launch (not run as Node) received, or null when it was never launched. */
  launched(): { argv: string[]; binding: string | null; runAsNode: string | null } | null;
};

/**
 * Writes an executable `electron` that behaves as the real one does towards `npm start`: run with
 * ELECTRON_RUN_AS_NODE=1 and `-e`, it prints the versions JSON (the real one evaluates the script
 * against its process.versions); launched as the app, it records its argv and environment and exits 7.
 */
export function createStandInElectron(versions: { electron: string; modules: string }): StandInElectron {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'atropos-standin-electron-'));
  const versionsFile = path.join(dist, 'versions.json');
  const launchFile = path.join(dist, 'launched.json');
  const record =
    "require('node:fs').writeFileSync(process.argv[1], JSON.stringify({ argv: process.argv.slice(2), " +
    'binding: process.env.ATROPOS_SQLITE_BINDING ?? null, runAsNode: process.env.ELECTRON_RUN_AS_NODE ?? null })); process.exitCode = 7';
  const script = [
    '#!/bin/sh',
    'here=$(dirname "$0")',
    'if [ "$ELECTRON_RUN_AS_NODE" = "1" ] && [ "$1" = "-e" ]; then cat "$here/versions.json"; exit 0; fi',
    `exec ${JSON.stringify(process.execPath)} -e ${JSON.stringify(record)} "$here/launched.json" "$@"`,
    '',
  ].join('\n');
  writeFileSync(path.join(dist, 'electron'), script);
  chmodSync(path.join(dist, 'electron'), 0o755);
  const setVersions = (next: { electron: string; modules: string }): void => {
    writeFileSync(versionsFile, JSON.stringify(next));
  };
  setVersions(versions);
  return {
    dist,
    setVersions,
    launched() {
      try {
        return JSON.parse(readFileSync(launchFile, 'utf8')) as ReturnType<StandInElectron['launched']>;
      } catch {
        return null;
      }
    },
  };
}
