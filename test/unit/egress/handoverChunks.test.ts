// A local path reads a file in 16 KiB chunks without redaction (the local model sees originals); a
// hotswap that hands its transcript over (`transcript`, `digest`, `transcript-full`) then sends
// those chunks. A key with no keyword that a chunk cut in two would leave as two halves no detector
// knows, so read_file never cuts through a word: a chunk ends after the last line break (or space)
// before the limit and starts at the beginning of the word its offset falls in. The real egress
// path runs against a real OpenAI-speaking server on 127.0.0.1 that records every request body.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import type { JsonValue, TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type { ToolRunner } from '#core/llm/providers/ChatProvider.ts';
import { closeAttack, startAttackerCloud, type AttackResources } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
const key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

/** A file whose keyless key starts 20 bytes before the 16 KiB cut, in prose, or on a line of its own. */
function bigFile(separator: string): string {
  const filler = 'lorem ipsum dolor sit amet '.repeat(700).slice(0, 16_384 - 20 - separator.length);
  return `${filler}${separator}${key}\nend\n`;
}

/** Escalates a local path's transcript (its tool calls and results) and returns the bodies sent. */
async function handOver(tools: ToolRunner, messages: TranscriptMessage[]): Promise<string[]> {
  const cloud = await startAttackerCloud(() => [], model);
  opened.cloud = cloud;
  const egress = openTestEscalation({ baseUrl: cloud.baseUrl, model, redaction: createTaskRedaction({}) });
  opened.db = egress.db;
  await egress.escalation.continueTranscript(
    { tools: tools.definitions, messages },
    { tools, stepBudget: 4, seed: 1, maxTokens: 50, path: 0 },
  );
  await egress.provider.dispose();
  return cloud.bodies;
}

describe('a local path that read a key in chunks, handed over to the cloud', () => {
  it.each([
    ['in prose', ' '],
    ['on its own line', '\n'],
  ])('sends no piece of a key %s', async (_name, separator) => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atropos-handover-'));
    opened.folder = folder;
    writeFileSync(path.join(folder, 'big.txt'), bigFile(separator));
    const tools = createToolRegistry(createFolderTools({ roots: [folder] }));
    // The local model reads on where the tool says, and once at the raw 16 KiB mark (mid-key).
    const first = await tools.call('read_file', { path: 'big.txt' });
    const next = Number(/offset (\d+)\]"$/.exec(JSON.stringify(first))?.[1]);
    expect(next).toBeLessThanOrEqual(16_384);
    const reads: [JsonValue, JsonValue][] = [
      [{ path: 'big.txt' }, first],
      [{ path: 'big.txt', offset: next }, await tools.call('read_file', { path: 'big.txt', offset: next })],
      [{ path: 'big.txt', offset: 16_384 }, await tools.call('read_file', { path: 'big.txt', offset: 16_384 })],
    ];
    // Each read holds the key whole or not at all.
    for (const [, result] of reads) {
      const text = JSON.stringify(result);
      if (text.includes(key.slice(0, 8)) || text.includes(key.slice(-8))) expect(text).toContain(key);
    }
    const messages: TranscriptMessage[] = [{ role: 'user', text: 'Summarise big.txt' }];
    for (const [index, [args, result]] of reads.entries()) {
      messages.push({
        role: 'assistant',
        text: '',
        toolCalls: [{ id: `c${index}`, name: 'read_file', arguments: args as never }],
      });
      messages.push({ role: 'tool', callId: `c${index}`, name: 'read_file', result });
    }
    const bodies = await handOver(tools, messages);
    expect(bodies).toHaveLength(1);
    for (let index = 0; index + 8 <= key.length; index++) expect(bodies[0]).not.toContain(key.slice(index, index + 8));
  });

  it('sends no piece of a key that a long line a local search found would be cut through', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'atropos-handover-'));
    opened.folder = folder;
    const prose = 'The deployment runbook says to rotate the credentials every quarter and keep them out of the wiki. ';
    writeFileSync(path.join(folder, 'runbook.txt'), `${prose.repeat(2).slice(0, 190)} ${key} and more\n`);
    const tools = createToolRegistry(createFolderTools({ roots: [folder] }));
    const result = await tools.call('search_files', { query: 'runbook' });
    expect(JSON.stringify(result)).toContain('runbook.txt:1: The deployment runbook');
    const messages: TranscriptMessage[] = [
      { role: 'user', text: 'Where is the runbook?' },
      { role: 'assistant', text: '', toolCalls: [{ id: 'c', name: 'search_files', arguments: { query: 'runbook' } }] },
      { role: 'tool', callId: 'c', name: 'search_files', result },
    ];
    const bodies = await handOver(tools, messages);
    for (let index = 0; index + 8 <= key.length; index++) expect(bodies[0]).not.toContain(key.slice(index, index + 8));
  });
});
