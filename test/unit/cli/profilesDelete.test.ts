// Deleting a profile from the command line, through the real CLI process on a real data folder:
// without --yes it refuses and says what would go (nothing is deleted); with --yes the profile and
// its history go; the active profile is refused with what to do.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliSync } from '../../helpers/runCliSync.ts';

const cli = runCliSync;

const names = (dataDir: string): string[] =>
  cli(dataDir, ['profiles'])
    .stdout.trim()
    .split('\n')
    .map((line) => line.slice(2).split('\t')[0] ?? '');

describe('profiles delete', () => {
  it('says what would go and deletes nothing without --yes; deletes with --yes; refuses the active profile', () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'atropos-delete-')), 'data');
    expect(cli(dataDir, ['profiles', 'create', 'Home']).status).toBe(0);
    expect(names(dataDir)).toEqual(['Default', 'Home']);

    const unconfirmed = cli(dataDir, ['profiles', 'delete', 'Home']);
    expect(unconfirmed.status).not.toBe(0);
    expect(unconfirmed.stderr).toContain('Deleting "Home": It has no tasks or chats. It has no spending record.');
    expect(unconfirmed.stderr).toContain('Nothing was deleted; run the command again with --yes to delete it.');
    expect(names(dataDir)).toEqual(['Default', 'Home']);

    const confirmed = cli(dataDir, ['profiles', 'delete', 'Home', '--yes']);
    expect(confirmed.status, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toMatch(/^deleted: Home\n {2}It has no tasks or chats\.\n {2}It has no spending record\./);
    expect(names(dataDir)).toEqual(['Default']);

    const active = cli(dataDir, ['profiles', 'delete', 'Default', '--yes']);
    expect(active.status).not.toBe(0);
    expect(active.stderr).toContain(
      '"Default" is the only profile; create another and switch to it, then delete this one.',
    );
    expect(cli(dataDir, ['profiles', 'delete', 'Nobody', '--yes']).stderr).toContain('No profile named "Nobody"');
  }, 300_000);
});
