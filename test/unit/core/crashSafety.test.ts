import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '#core/db/openDatabase.ts';

describe('a writer killed with SIGKILL mid-stream', () => {
  it('leaves a database that opens intact with every committed row present', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-crash-')), 'app.sqlite');
    const writer = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/crashWriter.ts', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const committed: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      writer.on('exit', (_code, signal) => resolve(signal)),
    );
    for await (const line of createInterface({ input: writer.stdout })) {
      committed.push(line.replace('committed ', ''));
      if (committed.length === 300) {
        writer.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');

    const db = openDatabase(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const stored = new Set(
      db
        .prepare<[], { id: string }>('SELECT id FROM tasks')
        .all()
        .map((row) => row.id),
    );
    const missing = committed.filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    // Transactions are all or nothing: every stored task, including any committed after the last
    // printed line, has all 3 paths, 12 steps, its decision and its ledger row.
    const partial = db
      .prepare(
        `SELECT t.id FROM tasks t WHERE
           (SELECT COUNT(*) FROM paths p WHERE p.task_id = t.id) != 3
           OR (SELECT COUNT(*) FROM steps s JOIN paths p ON s.path_id = p.id WHERE p.task_id = t.id) != 12
           OR (SELECT COUNT(*) FROM decisions d WHERE d.task_id = t.id) != 1
           OR (SELECT COUNT(*) FROM cost_ledger c WHERE c.task_id = t.id) != 1
           OR t.status != 'succeeded'`,
      )
      .all();
    expect(partial).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(committed.length);
    db.close();
  });
});
