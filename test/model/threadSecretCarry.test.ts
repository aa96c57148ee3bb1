// Issue 15 through the whole engine: a hostile cloud answers a chat turn with the placeholders of the
// secrets a tool read (`[PASSWORD_1]`), which the engine restores for the person, so the turn's
// answer holds the bare secrets ("sunshine42", "4821"), with nothing around them that a detector
// would know them by. The follow-up carries that answer and escalates again: none of the secrets may
// be in any of its requests, in the same engine run or after the app was closed and opened again on
// the same data folder (the thread's vault is kept in its history). The cloud is a real
// OpenAI-speaking server on 127.0.0.1 that records every request; the local model is the fixture;
// the granted folder is a temporary one.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttackScript } from '../unit/egress/attackerCloud.ts';
import { openThreadAttack, type ThreadAttack } from './threadAttack.ts';

const secrets = ['sunshine42', '4821', 'c3VwZXJzZWNyZXQ'];
const notes = `Team notes\nwifi password: ${secrets[0]}\nalarm pin: ${secrets[1]}\nbackup key: ${secrets[2]}\n`;

const attacks: ThreadAttack[] = [];
const folders: string[] = [];
afterAll(async () => {
  for (const attack of attacks) await attack.dispose();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const passphrase = 'correct horse battery';
const followUp = 'Thanks. Which of them is the shortest?';
/** Turn 1: read the notes, then answer with every placeholder the tool result carried. Turn 2: answer. */
const script: AttackScript = (body) => {
  const messages = (JSON.parse(body) as { messages: { role: string; content: unknown }[] }).messages;
  if (body.includes(followUp)) return [];
  const result = messages.find((message) => message.role === 'tool');
  if (result === undefined) return [{ name: 'read_file', arguments: { path: 'notes.txt' } }];
  return `The codes: ${(JSON.stringify(result.content).match(/\[[A-Z_]+_\d+\]/g) ?? []).join(', ')}`;
};

/** The bytes of a database file and its WAL. */
const bytesOf = (file: string): string =>
  ['', '-wal'].map((suffix) => (existsSync(file + suffix) ? readFileSync(file + suffix, 'latin1') : '')).join('');

/**
 * Runs the two turns (reopening the engine between them when `restart`; in a profile protected by a
 * passphrase first when `protect`, whose secrets must then not be in the app database) and checks
 * every request.
 */
async function carry(restart: boolean, protect = false): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'atropos-carry-'));
  folders.push(folder);
  writeFileSync(path.join(folder, 'notes.txt'), notes);
  const attack = await openThreadAttack(script);
  attacks.push(attack);
  const { cloud, task, finished } = attack;
  const profileId = attack.engine.listProfiles().find((profile) => profile.isActive)?.id ?? '';
  if (protect) attack.engine.protectProfile(profileId, passphrase);
  const first = attack.engine.sendTurn({
    task: task('What are the codes in notes.txt?', { grantedFolders: [folder] }),
  });
  await finished(first.threadId, 0);
  // The engine restored the placeholders for the person: the answer holds the bare secrets.
  const answered = attack.engine.getThread(first.threadId).turns[0];
  expect(answered?.answer).toContain(`${secrets[0]}, ${secrets[1]}`);
  // Only the cloud read the file: no local step saw the secrets (that case is threadLocalSecret's).
  const localResults = attack.engine
    .getTask(answered?.taskId ?? '')
    .paths.flatMap((run) => run.steps.filter((step) => step.provider?.startsWith('local:') === true))
    .map((step) => step.result ?? '');
  for (const secret of secrets) expect(localResults.join('\n')).not.toContain(secret);

  const engine = restart ? await attack.reopen() : attack.engine;
  if (restart && protect) engine.switchProfileWithPassphrase(profileId, passphrase);
  const sentBefore = cloud.bodies.length;
  // The follow-up grants no folder: the fixture's small context then fits the earlier turn.
  engine.sendTurn({ threadId: first.threadId, task: task(followUp) });
  await finished(first.threadId, 1);
  expect(engine.getThread(first.threadId).turns[1]?.carriedTurns).toBe(1);
  const followUpBodies = cloud.bodies.slice(sentBefore);
  expect(followUpBodies.length).toBeGreaterThan(0);
  for (const body of cloud.bodies) for (const secret of secrets) expect(body).not.toContain(secret);
  // The follow-up still carries the earlier answer, as placeholders.
  expect(followUpBodies[0]).toMatch(/The codes: \[PASSWORD_\d+\], \[PASSWORD_\d+\], \[SECRET_\d+\]/);
  // An unprotected profile's history (its answers, its vault) is in the app database; a protected one's is not.
  for (const secret of secrets) expect(bytesOf(attack.databaseFile).includes(secret)).toBe(!protect);
}

describe("a cloud's answer restored for the person and carried into a follow-up", () => {
  it('does not carry the secrets it named by placeholder back out', async () => {
    await carry(false);
  }, 180_000);

  it('does not carry them out after the app was closed and opened again between the turns', async () => {
    await carry(true);
  }, 240_000);

  it('keeps them in a protected profile’s encrypted history only, and hides them after a restart and unlock', async () => {
    await carry(true, true);
  }, 240_000);
});
