// Review C4: a question far longer than the cloud model's context window was sent whole (360 kB) and
// the cloud answered nothing. Now the one egress path refuses it before sending: a real
// OpenAI-speaking server on 127.0.0.1 records every request it receives, and receives none; the
// refusal says how long the question is, the limit, and that it stayed on this computer. A question
// within the limit (or within a stated larger window) is sent, so the server does see requests here.
import { afterEach, describe, expect, it } from 'vitest';
import { contextTokensOf, statedContextTokens } from '#core/egress/contextLimit.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { EngineError } from '#core/errors.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { startAttackerCloud, type AttackerCloud } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
let cloud: AttackerCloud | undefined;
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
});

/** A question of about `bytes` bytes, as the review's: filler sentences. */
function question(bytes: number): Transcript {
  const sentence = 'The committee met again on Tuesday to review the quarterly figures. ';
  return {
    tools: [],
    messages: [{ role: 'user', text: `${sentence.repeat(Math.ceil(bytes / sentence.length))}Sum?` }],
  };
}

/** A tool whose result is `bytes` long; the cloud calls it in its first round when asked to. */
const bigTool = { name: 'fetch_notes', description: 'Returns the notes.', parameters: null };

async function escalate(transcript: Transcript, contextTokens?: number, toolBytes = 0) {
  cloud ??= await startAttackerCloud(
    (_body, round) => (toolBytes > 0 && round === 0 ? [{ name: bigTool.name, arguments: {} }] : []),
    model,
  );
  const opened = openTestEscalation({
    baseUrl: cloud.baseUrl,
    model,
    redaction: createTaskRedaction({}, new RedactionVault()),
    ...(contextTokens === undefined ? {} : { contextTokens }),
  });
  try {
    const tools = { definitions: toolBytes > 0 ? [bigTool] : [], call: () => 'n'.repeat(toolBytes) };
    const result = await opened.escalation
      .continueTranscript(transcript, { tools, stepBudget: 2, seed: 1, maxTokens: 16, path: 0 })
      .then(
        (value) => ({ value, error: null }),
        (error: unknown) => ({ value: null, error }),
      );
    const auditRows = opened.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM egress_audit').get()?.n;
    return { ...result, auditRows, bodies: [...cloud.bodies] };
  } finally {
    await opened.provider.dispose();
    opened.db.close();
  }
}

describe('the egress path refuses a question longer than the model context', () => {
  it('sends nothing for a 360 kB question and says why', async () => {
    const { error, bodies, auditRows } = await escalate(question(360_000));
    expect(bodies).toEqual([]);
    expect(auditRows).toBe(0);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toMatch(
      new RegExp(
        `^This question is too long for ${model} \\(about 1[12]\\d,\\d{3} tokens, limit 32,768\\); it stayed on this computer\\.$`,
      ),
    );
  }, 60_000);

  it('sends a question within the limit, and a long one when the endpoint states a larger window', async () => {
    const short = await escalate(question(2_000));
    expect(short.error).toBeNull();
    expect(short.bodies.length).toBe(1);
    const long = await escalate(question(360_000), 200_000);
    expect(long.error).toBeNull();
    expect(long.bodies.length).toBe(2);
    expect(long.bodies[1]?.length).toBeGreaterThan(360_000);
  }, 60_000);

  it('refuses a later round of the tool loop once a tool result makes its request pass a stated window', async () => {
    const { error, bodies, auditRows } = await escalate(question(2_000), 40_000, 200_000);
    // The first round was sent; the second, carrying the 200 kB result, was not.
    expect(bodies.length).toBe(1);
    expect(auditRows).toBe(1);
    expect((error as EngineError).message).toMatch(/^This question is too long for .* limit 40,000\); it stayed/);
    // A model of unknown window is checked on its opening question only: the same loop goes on
    // (a fresh server, whose first round calls the tool again).
    await cloud?.close();
    cloud = undefined;
    const unknown = await escalate(question(2_000), undefined, 200_000);
    expect(unknown.error).toBeNull();
    expect(unknown.bodies.length).toBe(2);
    expect(unknown.bodies[1]?.length).toBeGreaterThan(200_000);
  }, 60_000);

  it('knows published windows by name and assumes the stated limit otherwise', () => {
    expect(contextTokensOf('gpt-4o-mini')).toBe(128_000);
    expect(contextTokensOf('gpt-4.1-nano')).toBe(1_047_576);
    expect(contextTokensOf('claude-3-5-haiku-latest')).toBe(200_000);
    expect(contextTokensOf('some-local-model')).toBe(statedContextTokens);
    expect(contextTokensOf('gpt-4o', 8_192)).toBe(8_192);
  });
});
