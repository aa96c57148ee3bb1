// Review C1/C2: a chat follow-up that names someone from an earlier turn that is not carried (it
// failed, or was left out to fit the context), in lower case or by part of the name, must not leave
// in the clear. The real egress path runs (createCloudEscalation, the EgressGate, the task's
// redaction, SQLite in memory) against a real OpenAI-speaking server on 127.0.0.1 that records every
// request body; the task's redaction knows the thread's earlier texts as the threads domain passes them.
import { afterEach, describe, expect, it } from 'vitest';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import type { Database } from '#core/db/openDatabase.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { startAttackerCloud, type AttackerCloud } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
/** Turn 1 (answered, then left out for context) and turn 2 (failed: no answer, never carried). */
const earlierTexts = ['My colleague Tim Berg lives at 12 Zanzibar Lane. What is 12+30?', '42', 'Who else knows?'];
const followUp = 'Is zanzibar nice? Does berg know? Or tim? Is it nice?';

let cloud: AttackerCloud | undefined;
let db: Database | undefined;
afterEach(async () => {
  await cloud?.close();
  db?.close();
  cloud = undefined;
  db = undefined;
});

/** Escalates the follow-up alone (no earlier turn carried) and returns the bodies the cloud received. */
async function escalateFollowUp(knownTexts: readonly string[]): Promise<string[]> {
  cloud = await startAttackerCloud(() => [], model);
  const redaction = createTaskRedaction({ knownTexts });
  const opened = openTestEscalation({ baseUrl: cloud.baseUrl, model, redaction, prompt: followUp });
  db = opened.db;
  const { escalation, provider } = opened;
  const tools = createToolRegistry([]);
  await escalation.continueTranscript(
    { tools: tools.definitions, messages: [{ role: 'user', text: followUp }] },
    { tools, stepBudget: 4, seed: 1, maxTokens: 100, path: 0 },
  );
  await provider.dispose();
  return cloud.bodies;
}

const leaked = (bodies: readonly string[]): string[] =>
  bodies.flatMap((body) => body.match(/tim|berg|zanzibar/gi) ?? []);

describe('an escalated follow-up after turns that were not carried', () => {
  it("sends none of the earlier turns' names or address words, in any case, and keeps the question", async () => {
    const bodies = await escalateFollowUp(earlierTexts);
    expect(bodies.length).toBeGreaterThan(0);
    expect(leaked(bodies)).toEqual([]);
    const sent = (JSON.parse(bodies[0] ?? '{}') as { messages: { content: string }[] }).messages.at(-1)?.content;
    expect(sent).toMatch(
      /^Is \[STREET_ADDRESS_\d+\] nice\? Does \[PERSON_\d+\] know\? Or \[PERSON_\d+\]\? Is it nice\?$/,
    );
  });

  it('leaks them when the redaction does not know the earlier turns (the case before the fix)', async () => {
    const bodies = await escalateFollowUp([]);
    expect(
      leaked(bodies)
        .map((word) => word.toLowerCase())
        .sort(),
    ).toEqual(['berg', 'tim', 'zanzibar']);
  });
});
