// Every command answers --help (and -h) with its summary and usage before it parses anything: the
// loop covers every command through the function main.ts asks, and the real CLI process is run for
// `run --help` (it used to print a TypeError stack) and a late -h: exit code 0, nothing on stderr,
// and no data folder locked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandHelp, isHelpRequest } from '../../../electron/cli/commandHelp.ts';
import { commands } from '../../../electron/cli/commands.ts';
import { repositoryRoot } from '../../../electron/host/appPaths.ts';

function cli(args: readonly string[], dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('cli --help', () => {
  it.each(commands.map((command) => [command.name, command] as const))(
    '%s --help and -h print its summary and usage',
    (_name, command) => {
      for (const args of [['--help'], ['-h'], ['--json', '--help'], ['help']]) expect(isHelpRequest(args)).toBe(true);
      const help = commandHelp(command);
      expect(help.startsWith(command.summary)).toBe(true);
      expect(help).toContain(`npm run cli -- ${command.usage.split('\n')[0]?.trim()}`);
    },
  );

  it('is not asked for by ordinary arguments', () => {
    expect(isHelpRequest([])).toBe(false);
    expect(isHelpRequest(['--task', 'help me'])).toBe(false);
  });

  it.each([[['run', '--help']], [['redact', '--jsonl', 'x.jsonl', '-h']]])(
    'the real process answers %j with the help, exit code 0 and no stack',
    (args) => {
      const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-help-')), 'data');
      const result = cli(args, dataDir);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const command = commands.find((candidate) => candidate.name === args[0]);
      expect(result.stdout.trim()).toBe(command === undefined ? 'missing' : commandHelp(command));
      expect(existsSync(path.join(dataDir, 'atropos.lock'))).toBe(false);
    },
    60_000,
  );
});
