import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';
import { describeCommand, lockDataFolder } from '../../../electron/host/lockDataFolder.ts';
import { secureDataFolder } from '../../../electron/host/secureDataFolder.ts';

// Real processes: a holder that takes the folder as the web host does, and the real CLI beside it.

type Outcome = { code: number; stdout: string; stderr: string };

function cli(dataDir: string, ...args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...args],
      { cwd: repositoryRoot, env: { ...process.env, ATROPOS_LOG_LEVEL: 'error' } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

async function startHolder(dataDir: string) {
  const script = path.join(repositoryRoot, 'test', 'fixtures', 'dataFolderContender.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, 'hold', dataDir], {
    cwd: repositoryRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  expect((await lines.next()).value).toBe('ready');
  child.stdin.write('go\n');
  expect((await lines.next()).value).toBe('held');
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { pid: child.pid ?? -1, kill: async () => (child.kill('SIGKILL'), await exited) };
}

const modeOf = (file: string): number => statSync(file).mode & 0o777;

describe('one data folder, one app at a time', () => {
  it('refuses CLI commands that write while another process holds the folder, naming it; reads go on', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-lock-'));
    const holder = await startHolder(dataDir);
    try {
      const [create, list, info] = await Promise.all([
        cli(dataDir, 'profiles', 'create', 'Cloud', '--privacy', 'auto-redact'),
        cli(dataDir, 'profiles'),
        cli(dataDir, 'info'),
      ]);
      expect(create.code).toBe(1);
      expect(create.stderr.trim()).toBe(
        `Error: The data folder ${dataDir} is in use by the web version (npm run start:web), pid ${holder.pid} ` +
          `("node test/fixtures/dataFolderContender.ts hold ${dataDir}"), started ` +
          `${create.stderr.match(/started (\S+)\./)?.[1] ?? '?'}. One app at a time writes a data folder: close that ` +
          'one first, or give this one another folder (--data-dir, or ATROPOS_DATA_DIR).',
      );
      expect(create.stderr).not.toMatch(/\n\s+at /);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^\* Default\tlocal-only\t/);
      expect(info.code).toBe(0);
      expect(await cli(dataDir, 'profiles', 'switch', 'Default')).toMatchObject({ code: 1 });
    } finally {
      // SIGKILL: the operating system frees the lock, nothing stale is left to clean up.
      await holder.kill();
    }
    const after = await cli(dataDir, 'profiles', 'create', 'Cloud', '--privacy', 'auto-redact');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^created Cloud \(auto-redact\)/);
  }, 120_000);

  it('refuses a second web host on a held folder before it serves anything', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-lock-'));
    const first = lockDataFolder(dataDir, 'cli', { argv: ['/usr/bin/node', 'electron/cli/main.ts', 'run'] });
    try {
      const outcome = await new Promise<Outcome>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'electron/web/main.ts', '--data-dir', dataDir],
          { cwd: repositoryRoot },
          (error, stdout, stderr) => resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
        );
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain(
        `in use by a command-line command (npm run cli), pid ${process.pid} ("node electron/cli/main.ts run")`,
      );
      expect(outcome.stdout).not.toContain('is running at');
    } finally {
      first.release();
    }
  }, 60_000);

  it('hides the values of secret options in the note', () => {
    expect(
      describeCommand([
        '/usr/bin/node',
        path.join(process.cwd(), 'electron/cli/main.ts'),
        'profiles',
        'switch',
        'Work',
        '--passphrase',
        'hunter22',
      ]),
    ).toBe('node electron/cli/main.ts profiles switch Work --passphrase ***');
  });

  it('keeps a task text, a granted folder and an inline secret out of the note (a protected profile writes its prompts only encrypted)', () => {
    const script = path.join(process.cwd(), 'electron/cli/main.ts');
    expect(
      describeCommand([
        '/usr/bin/node',
        script,
        'run',
        '--task',
        'Mail Ann at ann@x.org',
        '--grant',
        '/home/ann/private',
      ]),
    ).toBe('node electron/cli/main.ts run --task *** --grant ***');
    expect(describeCommand(['/usr/bin/node', script, 'run', '--task=Mail Ann', '--paths', '3'])).toBe(
      'node electron/cli/main.ts run --task=*** --paths 3',
    );
    expect(describeCommand(['/usr/bin/node', script, 'profiles', 'switch', 'Work', '--passphrase=hunter22'])).toBe(
      'node electron/cli/main.ts profiles switch Work --passphrase=***',
    );
  });
});

describe('the data folder at rest (POSIX)', () => {
  it.skipIf(process.platform === 'win32')(
    'makes an existing 0755 folder and its 0644 files private, and the CLI creates the database 0600',
    async () => {
      const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-modes-')), 'data');
      mkdirSync(path.join(dataDir, 'predictor'), { recursive: true, mode: 0o755 });
      chmodSync(dataDir, 0o755);
      writeFileSync(path.join(dataDir, 'secrets.json'), '{}', { mode: 0o644 });
      writeFileSync(path.join(dataDir, 'predictor', 'versions.json'), '[]', { mode: 0o644 });
      expect(await cli(dataDir, 'profiles', 'create', 'Work')).toMatchObject({ code: 0 });
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'predictor'))).toBe(0o700);
      for (const name of ['secrets.json', 'predictor/versions.json', 'atropos.sqlite', 'atropos.lock']) {
        expect([name, modeOf(path.join(dataDir, name))]).toEqual([name, 0o600]);
      }
      // SQLite gives -wal and -shm the database file's mode, whatever this process's umask.
      const db = openDatabase(path.join(dataDir, 'atropos.sqlite'));
      db.exec("INSERT INTO settings (key, value_json) VALUES ('probe', '1')");
      expect([
        modeOf(path.join(dataDir, 'atropos.sqlite-wal')),
        modeOf(path.join(dataDir, 'atropos.sqlite-shm')),
      ]).toEqual([0o600, 0o600]);
      db.close();
      expect(secureDataFolder(dataDir)).toBe(0);
    },
    60_000,
  );
});
