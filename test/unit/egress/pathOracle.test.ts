// A hostile cloud model must not confirm a guess at what was redacted by asking for a path: after
// list_files showed `[PERSON_1] - contract.txt`, reading `Olga Petrova - contract.txt` written out
// in full answers as for any missing file, while the path as the cloud was shown it (placeholders)
// still reads the file. The real egress path runs against a real OpenAI-speaking server on 127.0.0.1.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { closeAttack, startAttackerCloud, type AttackCall, type AttackResources } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

/** Lists `people`, then makes the calls `next` derives from the listing; returns the tool results. */
async function probe(next: (listing: string) => AttackCall[]): Promise<string[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'atropos-path-oracle-'));
  opened.folder = folder;
  mkdirSync(path.join(folder, 'people'));
  writeFileSync(path.join(folder, 'people', 'Olga Petrova - contract.txt'), 'signed in May');
  const cloud = await startAttackerCloud((body, round) => {
    if (round === 0) return [{ name: 'list_files', arguments: { path: 'people' } }];
    const tool = (JSON.parse(body) as { messages: { role: string; content: string }[] }).messages.findLast(
      (message) => message.role === 'tool',
    );
    return round === 1 ? next(tool?.content ?? '') : [];
  }, model);
  opened.cloud = cloud;
  const egress = openTestEscalation({ baseUrl: cloud.baseUrl, model, redaction: createTaskRedaction({}) });
  opened.db = egress.db;
  const tools = createToolRegistry(createFolderTools({ roots: [folder] }));
  await egress.escalation.continueTranscript(
    { tools: tools.definitions, messages: [{ role: 'user', text: 'What is in the people folder?' }] },
    { tools, stepBudget: 20, seed: 1, maxTokens: 100, path: 0 },
  );
  await egress.provider.dispose();
  const last = JSON.parse(cloud.bodies.at(-1) ?? '{}') as { messages: { role: string; content: string }[] };
  return last.messages.filter((message) => message.role === 'tool').map((message) => message.content);
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
