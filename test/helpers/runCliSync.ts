import { spawnSync } from 'node:child_process';
import { repositoryRoot } from '../../electron/host/appPaths.ts';

/**
 * Runs `npm run cli -- --data-dir DIR ...args` as its own process (node + tsx, as npm would), with no
 * passphrase from the environment unless `env` gives one; its exit status and output.
 */
export function runCliSync(dataDir: string, args: readonly string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...args],
    {
      cwd: repositoryRoot,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ATROPOS_PASSPHRASE: '', ATROPOS_DEBUG: '', ...env },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
