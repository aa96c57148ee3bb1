import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const data = path.resolve(root, '../shared/data');
const hasData =
  existsSync(path.join(data, 'autofl-d4j-gpt35.jsonl')) && existsSync(path.join(data, 'autofl-d4j-gpt4.jsonl'));

describe.skipIf(!hasData)('policy simulate on the recorded AutoFL runs (needs ../shared/data)', () => {
  it('prints exactly one JSON object with the rows and the frontier area', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/cli/main.ts',
        'policy',
        'simulate',
        '--source',
        path.join(data, 'autofl-d4j-gpt35.jsonl'),
        '--target',
        path.join(data, 'autofl-d4j-gpt4.jsonl'),
        '--json',
      ],
      { cwd: root, timeout: 60_000 },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '') as { rows: { name: string; perfPct: number; costPct: number }[] };
    expect(Object.keys(result).sort()).toEqual(['frontierArea', 'rows']);
    expect(typeof (result as { frontierArea?: unknown }).frontierArea).toBe('number');
    for (const row of result.rows) {
      expect(Object.keys(row).sort()).toEqual(['costPct', 'name', 'perfPct']);
      expect(Number.isFinite(row.perfPct) && Number.isFinite(row.costPct)).toBe(true);
    }
    const names = result.rows.map((row) => row.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'always-source',
        'always-target',
        'oracle',
        'policy@balanced',
        'random@balanced',
        'router@balanced',
      ]),
    );
    const byName = new Map(result.rows.map((row) => [row.name, row]));
    expect(byName.get('always-target')).toEqual({ name: 'always-target', perfPct: 100, costPct: 100 });
    // TRAJECTORIES.md: GPT-3.5 solves 146 bugs, GPT-4 187 (78.07%).
    expect(byName.get('always-source')?.perfPct).toBeCloseTo(78.07, 1);
    expect(byName.get('oracle')?.perfPct).toBeCloseTo(114.97, 1);
  });
});
