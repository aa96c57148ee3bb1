import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The profile {@link seedHistory} fills and leaves active. */
export const seededProfile = 'Work';

/** Runs one CLI command against the data folder, as `npm run cli -- --data-dir DIR ...` would. */
async function cli(dataDir: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', 'electron/cli/main.ts', '--data-dir', dataDir, ...args],
    { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

/**
 * A data folder with real history: tasks run by the CLI with the fixture models through the real
 * engine (not inserted rows), in an auto-redact profile: world tasks on several paths, a question,
 * one escalated to `cloudUrl` (an OpenAI-compatible server of the target fixture) with an email
 * address to redact, and one whose cloud refuses the connection.
 */
export async function seedHistory(cloudUrl: string): Promise<string> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atropos-seeded-'));
  await cli(dataDir, ['profiles', 'create', seededProfile, '--privacy', 'auto-redact']);
  await cli(dataDir, ['profiles', 'switch', seededProfile]);
  await cli(dataDir, ['run', '--world-task', '3', '--paths', '3', '--json']);
  await cli(dataDir, ['run', '--world-task', '7', '--paths', '5', '--strategy', 'sequential', '--checkpoint', '2']);
  await cli(dataDir, ['run', '--task', 'What is 12+30*2?', '--paths', '2', '--json']);
  const escalated = ['--paths', '2', '--strategy', 'sequential', '--checkpoint', '1', '--escalation', 'always'];
  await cli(dataDir, [
    'run',
    '--task',
    'What is 12+30*2? Send it to ana.garcia@example.com please.',
    ...escalated,
    '--cloud-url',
    cloudUrl,
    '--cloud-model',
    'atropos-world-target',
    '--json',
  ]);
  // Port 9 (discard) has no listener on 127.0.0.1: the escalation's connection is refused.
  await cli(dataDir, [
    'run',
    '--world-task',
    '11',
    ...escalated,
    '--cloud-url',
    'http://127.0.0.1:9/v1',
    '--cloud-model',
    'nobody',
    '--json',
  ]);
  return dataDir;
}
