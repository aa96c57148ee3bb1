import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const directory = mkdtempSync(path.join(tmpdir(), 'atropos-redact-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function cli(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'redact', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ATROPOS_DATA_DIR: directory },
  });
}

describe('npm run cli -- redact', () => {
  it('writes one {"spans","redacted"} line per {"text"} line', () => {
    const file = path.join(directory, 'in.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ text: 'Mail ana@example.org now' })}\n\n${JSON.stringify({ text: 'nothing here' })}\n`,
    );
    const result = cli('--jsonl', file);
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([
      { spans: [{ start: 5, end: 20, type: 'email' }], redacted: 'Mail [EMAIL_1] now' },
      { spans: [], redacted: 'nothing here' },
    ]);
  });

  it('names the line number of a bad line', () => {
    const file = path.join(directory, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ text: 'ok' })}\n{"text": 42}\n`);
    const result = cli('--jsonl', file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 2 has no "text" string');
  });

  it('scores gold spans with --eval', () => {
    const file = path.join(directory, 'gold.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ text: 'Mail ana@example.org', spans: [{ start: 5, end: 20, type: 'email' }] })}\n`,
    );
    const result = cli('--eval', '--jsonl', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('| email | 1 | 1 | 1.000 | 1.000 | 1.000 |');
  });

  it('scores several sets, CoNLL-style types included, with their over-redaction', () => {
    const own = path.join(directory, 'own.jsonl');
    writeFileSync(
      own,
      `${JSON.stringify({ text: 'Mail ana@example.org', spans: [{ start: 5, end: 20, type: 'email' }] })}\n`,
    );
    const conll = path.join(directory, 'conll.jsonl');
    const text = 'Contact Maria Lopez in Madrid .';
    writeFileSync(
      conll,
      `${JSON.stringify({
        text,
        spans: [
          { start: 8, end: 19, type: 'PERSON' },
          { start: 23, end: 29, type: 'LOCATION' },
        ],
      })}\n`,
    );
    const result = cli('--eval', '--jsonl', own, '--jsonl', conll);
    expect(result.status, result.stderr).toBe(0);
    const [first, second] = result.stdout.split(`${conll}:`);
    expect(first).toContain('| email | 1 | 1 | 1.000 | 1.000 | 1.000 |');
    expect(first).toContain('over-redaction: 0 of 5 unlabelled characters redacted (0.00%)');
    expect(second).toContain('| person | 1 | 1 | 1.000 | 1.000 | 1.000 |');
    // "Contact ", " in " and " ." stay: nothing outside the gold spans is redacted.
    expect(second).toContain(`over-redaction: 0 of ${text.length - 11 - 6} unlabelled characters redacted (0.00%)`);
  });
});
