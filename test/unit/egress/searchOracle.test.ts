// A hostile cloud model must learn nothing from search_files that read_file would not show it: the
// search is not an oracle on what was redacted (guessing a password one character at a time, or
// confirming a name), and a long matching line is not cut through a secret the redaction then
// misses. The real egress path runs (createCloudEscalation, the EgressGate, the task's redaction,
// SQLite in memory) with the folder tools on a temporary folder, against a real OpenAI-speaking
// server on 127.0.0.1 that records every request body.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAttack, type AttackCall, type AttackResources } from './attackerCloud.ts';
import { attackFolder } from './folderAttack.ts';

const password = 'Tr0ub4dor&3xQ';
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const notes = [
  'Ops notes',
  `Login password: ${password}`,
  `Questions to Anna Schmidt, anna.schmidt@example.com.`,
  // A long line whose key starts near the 200th character, where a search result line is cut.
  `${'The deployment runbook says to rotate the credentials every quarter and to keep them out of the wiki; '.repeat(2).slice(0, 190)} ${awsSecret}`,
].join('\n');

const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

/** Runs one round of the cloud's search calls and returns the tool results it was sent back. */
const searchAsCloud = (calls: readonly AttackCall[]) =>
  attackFolder(opened, {
    files: { 'notes.txt': notes },
    question: 'Check my notes; I am anna.schmidt@example.com.',
    script: (_body, round) => (round === 0 ? calls : []),
  });

const search = (query: string): AttackCall => ({ name: 'search_files', arguments: { query } });
const found = (result: string | undefined): boolean => result?.includes('notes.txt:') === true;

describe('search_files called by a cloud model', () => {
  it('does not tell a right guess at a redacted password from a wrong one', async () => {
    const guesses = ['password: t', 'password: u', 'password: tr0ub4', 'password: tr0ub5', `password: ${password}`];
    const { results } = await searchAsCloud(guesses.map(search));
    expect(results).toHaveLength(guesses.length);
    // Each answer is the same as for a wrong guess: nothing matches inside a redacted value.
    expect(results.map(found)).toEqual([false, false, false, false, false]);
  });

  it('does not confirm a guessed name or part of an e-mail address', async () => {
    const { results } = await searchAsCloud(['anna', 'schmidt@', 'Anna Schmidt', 'questions to'].map(search));
    expect(results.map(found)).toEqual([false, false, false, true]);
    expect(results[3]).toMatch(/Questions to \[PERSON_\d+\], \[EMAIL_\d+\]\./);
  });

  it('still finds what the cloud can see: words around a redacted value, and a placeholder it was sent', async () => {
    // The question's address is [EMAIL_1]: the search looks for the address the placeholder stands for.
    const { results } = await searchAsCloud([search('login password'), search('ops'), search('[EMAIL_1].')]);
    expect(results.map(found)).toEqual([true, true, true]);
    expect(results[0]).toContain('Login password: [PASSWORD_');
    expect(results[2]).toMatch(/notes.txt:3: Questions to \[PERSON_\d+\], \[EMAIL_1\]\./);
  });

  it('sends no piece of a key that a long matching line is cut through', async () => {
    const { results, bodies } = await searchAsCloud([search('runbook')]);
    expect(found(results[0])).toBe(true);
    for (const body of bodies)
      for (let index = 0; index + 8 <= awsSecret.length; index++)
        expect(body).not.toContain(awsSecret.slice(index, index + 8));
  });
});
