import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Makes the data folder private to this user on POSIX: creates it when absent, and sets it and
 * every folder in it to 0700 and every file in it (database, -wal, -shm, keys, lock, models,
 * predictor versions) to 0600, so that prompts, answers and tool results are not readable by
 * other accounts. Symbolic links are not followed. Returns how many modes it changed. Windows
 * keeps its per-user ACLs on the profile folder and is left as it is.
 */
export function secureDataFolder(dataDir: string, platform: NodeJS.Platform = process.platform): number {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return 0;
  let changed = 0;
  const visit = (entry: string): void => {
    // Absent: removed while walking (Chromium's caches come and go).
    const status = lstatSync(entry, { throwIfNoEntry: false });
    if (status === undefined || status.isSymbolicLink()) return;
    const wanted = status.isDirectory() ? 0o700 : 0o600;
    if ((status.mode & 0o777) !== wanted) {
      chmodSync(entry, wanted);
      changed += 1;
    }
    if (status.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dataDir);
  return changed;
}
