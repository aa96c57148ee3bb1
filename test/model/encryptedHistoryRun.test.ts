// A protected profile runs real tasks (issue 14.7): the CLI with the fixture models, as a person
// would. Without its passphrase the command is refused with a sentence; with --passphrase-file the
// task runs, its history is written only to the profile's encrypted file, and its charge to the
// app database's ledger under the task's id (caps keep counting it).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '#core/engine.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const run = promisify(execFile);
const passphrase = 'correct horse battery';
const marker = 'PROMPTMARK-3e9d';

async function cli(dataDir: string, args: readonly string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...args],
      { timeout: 300_000, env: { ...process.env, ATROPOS_PASSPHRASE: '' } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

describe('a protected profile on the command line', () => {
  it('refuses without the passphrase, runs a real task with it, and keeps the task only in the encrypted file', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-encrypted-'));
    const ports = createTestPorts({ paths: { dataDir, bundledModelsDir: path.join(dataDir, 'none') } });
    const databaseFile = path.join(dataDir, 'atropos.sqlite');
    engine = createEngine(ports, { databaseFile });
    const work = engine.createProfile({ name: 'Work' });
    engine.switchProfile(work.id);
    engine.protectProfile(work.id, passphrase);
    await engine.dispose();
    engine = undefined;
    const passphraseFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-pass-')), 'passphrase');
    writeFileSync(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
    const task = ['run', '--task', `What is 12+30*2? ${marker}`, '--paths', '2'];

    const refused = await cli(dataDir, task);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/passphrase has not been entered.*--passphrase-file/);
    expect(refused.out).not.toMatch(/\n\s+at /);

    const ran = await cli(dataDir, ['--passphrase-file', passphraseFile, ...task]);
    expect(ran.code, ran.out).toBe(0);
    expect(ran.out).toMatch(/cost: \$/);

    const historyFile = path.join(dataDir, `history-${work.id}.sqlite`);
    for (const file of [databaseFile, historyFile]) expect(readFileSync(file).includes(marker)).toBe(false);
    engine = createEngine(ports, { databaseFile });
    engine.switchProfileWithPassphrase(work.id, passphrase);
    const [recorded] = engine.listTasks({});
    expect(recorded?.prompt).toContain(marker);
    expect(recorded?.status).not.toBe('running');
    expect(engine.getTask(recorded?.id ?? '').paths).toHaveLength(2);
    // The app database holds no task of the profile, and its ledger charges the encrypted task's id.
    const main = new BetterSqlite3(databaseFile, { readonly: true });
    try {
      expect(main.prepare('SELECT COUNT(*) AS n FROM tasks WHERE profile_id = ?').get(work.id)).toEqual({ n: 0 });
      const charged = main.prepare('SELECT DISTINCT task_id FROM cost_ledger WHERE profile_id = ?').all(work.id);
      expect(charged).toEqual([{ task_id: recorded?.id }]);
    } finally {
      main.close();
    }
  }, 600_000);
});
