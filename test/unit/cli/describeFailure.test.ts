// What the command line prints when a command fails: real SQLite and file-system errors (made
// with better-sqlite3 and node:fs on temp files) and a real CLI process, never a stack.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EngineError } from '#core/errors.ts';
import { describeFailure } from '../../../electron/host/describeFailure.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';

const folder = (): string => mkdtempSync(path.join(os.tmpdir(), 'atropos-failure-'));

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

describe('describeFailure', () => {
  it('keeps an EngineError message as it is', () => {
    expect(
      describeFailure(new EngineError('not-found', 'No profile "x". List them with profiles list.'), '/d'),
    ).toEqual({
      message: 'Error: No profile "x". List them with profiles list.',
      isBug: false,
    });
  });

  it('turns real SQLite failures into a sentence and an action', () => {
    const dir = folder();
    const file = path.join(dir, 'atropos.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x TEXT)');
    db.pragma('max_page_count = 2');
    const full = thrownBy(() => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)));
    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    expect(describeFailure(full, dir).message).toBe(
      `Error: The disk holding ${dir} is full, so the database could not be written. Free some space and run the command again.`,
    );
    db.close();

    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    const other = new Database(file, { timeout: 0 });
    const busy = thrownBy(() => other.exec('BEGIN IMMEDIATE'));
    expect((busy as { code: string }).code).toBe('SQLITE_BUSY');
    expect(describeFailure(busy, dir).message).toMatch(/^Error: The database is busy: .* run the command again\.$/);
    writer.exec('ROLLBACK');
    writer.close();
    other.close();

    const reader = new Database(file, { readonly: true });
    const readOnly = thrownBy(() => reader.exec('DELETE FROM t'));
    expect((readOnly as { code: string }).code).toBe('SQLITE_READONLY');
    expect(describeFailure(readOnly, dir).message).toContain('cannot open or write its database');
    reader.close();

    const garbage = path.join(dir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.alloc(8192, 7));
    const notADatabase = thrownBy(() => new Database(garbage).pragma('user_version'));
    expect((notADatabase as { code: string }).code).toBe('SQLITE_NOTADB');
    expect(describeFailure(notADatabase, dir).message).toContain('Move atropos.sqlite aside (keep the copy)');
  });

  it('names anything else a bug, without its stack', () => {
    const report = describeFailure(new TypeError("Cannot read properties of undefined (reading 'x')"), '/d');
    expect(report.isBug).toBe(true);
    expect(report.message).toContain('ATROPOS_DEBUG=1');
    expect(report.message).not.toContain('    at ');
  });

  it("says what is wrong with a command's options (node:util parseArgs' own errors), not that it is a bug", () => {
    const parse = (args: string[]) =>
      thrownBy(() => parseArgs({ args, options: { tasks: { type: 'string' }, json: { type: 'boolean' } } }));
    expect(describeFailure(parse(['--bogus']), '/d')).toEqual({
      message: 'Error: --bogus is not an option of this command. Run it with --help to see its options.',
      isBug: false,
    });
    expect(describeFailure(parse(['--tasks']), '/d').message).toBe(
      'Error: --tasks needs a value. Run the command with --help to see its options.',
    );
    expect(describeFailure(parse(['--tasks', '-5']), '/d').message).toBe(
      'Error: --tasks needs a value (one that starts with a dash is written --tasks=VALUE). Run the command with --help to see its options.',
    );
    expect(describeFailure(parse(['--json=1']), '/d').message).toBe(
      'Error: --json takes no value. Run the command with --help to see its options.',
    );
    expect(describeFailure(parse(['extra']), '/d').message).toBe(
      'Error: This command takes no argument "extra". Run it with --help to see its options.',
    );
  });

  it('a real CLI run given a file as its data folder prints one sentence and an action, no stack', () => {
    const file = path.join(folder(), 'not-a-folder');
    writeFileSync(file, 'x');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', file, 'profiles', 'list'],
      { cwd: repositoryRoot, encoding: 'utf8', env: { ...process.env, ATROPOS_DEBUG: '' } },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `Error: ${file} is a file where Atropos needs a folder. Pass a folder with --data-dir.`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
