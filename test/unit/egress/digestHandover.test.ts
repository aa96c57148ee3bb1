// A `digest` hotswap hands the cloud one message listing the path's calls and their results. A file
// the local path read goes in it with its lines as lines, not as one JSON string whose `\n` escapes
// let a password's value run over the next line's keyword ("wifi password: [PASSWORD_1]: 4821"
// left the PIN in the clear). The real egress path runs against a real server on 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest';
import { handOver } from '#core/agent/handover.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { closeAttack, startAttackerCloud, type AttackResources } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
const secrets = ['sunshine42', '4821', 'Olga Petrova', 'olga.p@mail.example', 'DE89 3704 0044 0532 0130 00'];
const notes = [
  'Team notes',
  `wifi password: ${secrets[0]}`,
  `alarm pin: ${secrets[1]}`,
  `Contact: ${secrets[2]}, ${secrets[3]}`,
  `IBAN ${secrets[4]}`,
].join('\n');
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

describe('a digest handover of a path that read a file', () => {
  it('sends none of the file’s secrets, and says what was read', async () => {
    const question = { role: 'user' as const, text: 'What is in notes.txt?' };
    const initial: Transcript = { tools: [], messages: [question] };
    const path: Transcript = {
      tools: [],
      messages: [
        question,
        { role: 'assistant', text: '', toolCalls: [{ id: 'a', name: 'read_file', arguments: { path: 'notes.txt' } }] },
        { role: 'tool', callId: 'a', name: 'read_file', result: notes },
      ],
    };
    const { transcript } = handOver('digest', { initial, transcript: path, steps: 1 });
    const cloud = await startAttackerCloud(() => [], model);
    opened.cloud = cloud;
    const egress = openTestEscalation({ baseUrl: cloud.baseUrl, model, redaction: createTaskRedaction({}) });
    opened.db = egress.db;
    const tools = createToolRegistry([]);
    await egress.escalation.continueTranscript(transcript, { tools, stepBudget: 4, seed: 1, maxTokens: 50, path: 0 });
    await egress.provider.dispose();
    expect(cloud.bodies).toHaveLength(1);
    for (const secret of secrets) expect(cloud.bodies[0]).not.toContain(secret);
    expect(cloud.bodies[0]).toMatch(
      /read_file \{\\"path\\":\\"notes.txt\\"\} -> \\"Team notes\\nwifi password: \[PASSWORD_1\]\\nalarm pin: \[PASSWORD_2\]/,
    );
  });
});
