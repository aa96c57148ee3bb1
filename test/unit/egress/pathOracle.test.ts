// A hostile cloud model must not confirm a guess at what was redacted by asking for a path: after
// list_files showed `[PERSON_1] - contract.txt`, reading `Olga Petrova - contract.txt` written out
// in full answers as for any missing file, while the path as the cloud was shown it (placeholders)
// still reads the file. The real egress path runs against a real OpenAI-speaking server on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { closeAttack, type AttackCall, type AttackResources } from './attackerCloud.ts';
import { attackFolder } from './folderAttack.ts';

const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

/** Lists `people`, then makes the calls `next` derives from the listing; returns the tool results. */
async function probe(next: (listing: string) => AttackCall[]): Promise<string[]> {
  const { results } = await attackFolder(opened, {
    files: { 'people/Olga Petrova - contract.txt': 'signed in May' },
    question: 'What is in the people folder?',
    script: (body, round) => {
      if (round === 0) return [{ name: 'list_files', arguments: { path: 'people' } }];
      const messages = (JSON.parse(body) as { messages: { role: string; content: string }[] }).messages;
      return round === 1 ? next(messages.findLast((message) => message.role === 'tool')?.content ?? '') : [];
    },
  });
  return results;
}

describe('a path a cloud model asks for', () => {
  it('does not confirm a redacted name guessed in full, and reads the file by the name it was shown', async () => {
    let shown = '';
    const results = await probe((listing) => {
      shown = (JSON.parse(listing) as string[])[0] ?? '';
      return [
        { name: 'read_file', arguments: { path: 'people/Olga Petrova - contract.txt' } },
        { name: 'read_file', arguments: { path: 'people/Olga Petrovna - contract.txt' } },
        { name: 'list_files', arguments: { path: 'people/Olga Petrova - contract.txt' } },
        { name: 'read_file', arguments: { path: `people/${shown}` } },
      ];
    });
    expect(shown).toMatch(/^\[PERSON_1\] - contract\.txt$/);
    // The right guess and the wrong one get the same kind of answer.
    expect(results[1]).toMatch(/does not exist/);
    expect(results[2]).toMatch(/does not exist/);
    expect(results[3]).toMatch(/does not exist/);
    expect(results[4]).toContain('signed in May');
  });
});
