// Hostile checks of the `continue` handover through the real egress path (runTask, the real folder
// tools on a temporary folder, createCloudEscalation, the EgressGate, SQLite in memory, a real
// OpenAI-speaking HTTP server on 127.0.0.1). The local model is scripted: it searches the folder
// with a piece of a secret it knows (the person's question names it), so the steps it hands over
// carry that piece in a call's arguments, and a tab-separated line in a result.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrivacyMode } from '#shared/domain.ts';
import type { EgressApproval, EgressApprovalRequest } from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import type { JsonObject } from '#core/llm/chat/Transcript.ts';
import type { CustomPattern } from '#core/privacy/customPatterns.ts';
import { createScriptedProvider } from '../../helpers/createScriptedProvider.ts';
import { closeAttack, startAttackerCloud, type AttackResources, type AttackScript } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';
import { runContinueHandover } from './runContinueHandover.ts';

const model = 'atropos-world-target';
const password = 'Tr0ub4dor&3';
const email = 'anna.schmidt@example.com';
const piece = 'Tr0ub4dor';
const prompt = `Which file has the ${piece} password, and whose mail is in contacts.tsv?`;
const opened: AttackResources = {};
afterEach(() => closeAttack(opened));

type Step = { readonly name: string; readonly arguments: JsonObject };
const searches: readonly Step[] = [
  { name: 'search_files', arguments: { query: piece } },
  { name: 'search_files', arguments: { query: 'example.com' } },
];

/**
 * One local path that runs `plan` (by default: searches for the piece and the mail) on the folder
 * `files` make, handed over with `continue` after two steps; the cloud follows `script` (by default
 * it answers at once).
 */
async function runContinuing(
  privacyMode: PrivacyMode,
  attack: {
    readonly plan?: readonly Step[];
    readonly script?: AttackScript;
    readonly files?: Record<string, string>;
    /** The person's answers in the ask mode, in turn (then 'once'). */
    readonly answers?: readonly EgressApproval[];
    /** The profile's own redaction patterns. */
    readonly customPatterns?: readonly CustomPattern[];
  } = {},
) {
  opened.folder = mkdtempSync(path.join(tmpdir(), 'atropos-continue-hostile-'));
  const files = attack.files ?? {
    'notes.txt': `Deploy notes\nDatabase password: ${password}\n`,
    'contacts.tsv': `name\tmail\nAnna\t${email}\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(opened.folder, name)), { recursive: true });
    writeFileSync(path.join(opened.folder, name), text);
  }
  const cloud = await startAttackerCloud(attack.script ?? (() => 'It is [EMAIL_1].'), model);
  opened.cloud = cloud;
  const shown: EgressApprovalRequest[] = [];
  const egress = openTestEscalation({
    baseUrl: cloud.baseUrl,
    model,
    redaction: createTaskRedaction({ customPatterns: attack.customPatterns ?? [] }),
    prompt,
    privacyMode,
    ask: (request) => {
      shown.push(request);
      return Promise.resolve(attack.answers?.[shown.length - 1] ?? 'once');
    },
  });
  opened.db = egress.db;
  const plan = attack.plan ?? searches;
  const local = createScriptedProvider({
    id: 'local:source',
    script: ({ transcript }) => {
      const done = transcript.messages.filter((message) => message.role === 'tool').length;
      return { calls: plan.slice(done), answer: 'local answer' };
    },
  });
  try {
    const { outcome, events } = await runContinueHandover({
      prompt,
      folder: opened.folder,
      local,
      escalation: egress.escalation,
      stepBudget: 60,
    });
    return { outcome, shown, bodies: cloud.bodies, events };
  } finally {
    await egress.provider.dispose();
  }
}

/** The texts of a request body's messages. */
const contentsOf = (body: string): unknown[] =>
  (JSON.parse(body) as { messages: { content: unknown }[] }).messages.map((message) => message.content);

describe('the continue handover, attacked', () => {
  it('asks with exactly the messages that are then sent (a piece of a secret in a step is hidden in both)', async () => {
    const { shown, bodies } = await runContinuing('ask');
    expect(shown).toHaveLength(1);
    expect(bodies).toHaveLength(1);
    const asked = shown[0]!.redactedTranscript.messages.map((message) => ('text' in message ? message.text : null));
    expect(contentsOf(bodies[0]!)).toEqual(asked);
    expect(JSON.stringify(asked)).not.toContain(piece);
    expect(bodies[0]).not.toContain(piece);
  });

  it('hides a tab-separated mail whole, so the answer gives the person the mail itself back', async () => {
    const { outcome, bodies } = await runContinuing('auto-redact');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).not.toContain(email);
    expect(bodies[0]).not.toContain(password);
    expect(outcome.paths[0]?.answer).toBe(`It is ${email}.`);
  });

  it("gives a cloud nothing back when it feeds the handed steps' placeholders and guesses into the tools", async () => {
    const iban = 'DE89370400440532013000';
    const secrets = [password, 'Olga', 'Petrova', iban, 'sunshine42'];
    const files = {
      'notes.txt': `Deploy notes\nDatabase password: ${password}\nwifi password: sunshine42\n`,
      'people/Olga Petrova - contract.txt': `Contract of Olga Petrova\nIBAN ${iban}\n`,
    };
    const plan: Step[] = [
      { name: 'list_files', arguments: { path: 'people' } },
      { name: 'read_file', arguments: { path: 'notes.txt' } },
    ];
    // Round 0: every placeholder of the handed steps into search_files and read_file, the listed file by
    // its placeholder name and by a guess at the name, the secrets into calc; then an answer naming them.
    const script: AttackScript = (body, round) => {
      if (round > 0) return 'Done: [PASSWORD_1] [PERSON_1]';
      const placeholders = [...new Set(body.match(/\[[A-Z_]+_\d+\]/g) ?? [])];
      return [
        ...placeholders.map((placeholder) => ({ name: 'search_files', arguments: { query: placeholder } })),
        ...placeholders.map((placeholder) => ({ name: 'read_file', arguments: { path: placeholder } })),
        ...placeholders.map((placeholder) => ({ name: 'calc', arguments: { expr: `${placeholder}+1` } })),
        { name: 'read_file', arguments: { path: 'people/[PERSON_1] [PERSON_2] - contract.txt' } },
        { name: 'read_file', arguments: { path: 'people/Olga Petrova - contract.txt' } },
        { name: 'search_files', arguments: { query: 'password: s' } },
        { name: 'search_files', arguments: { query: 'IBAN DE' } },
      ];
    };
    const { bodies, outcome } = await runContinuing('auto-redact', { plan, script, files });
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies[0]).toContain('Calls so far: list_files');
    for (const body of bodies) {
      const leaked = secrets.filter((secret) => body.includes(secret));
      expect(leaked).toEqual([]);
    }
    // The person gets the originals back.
    expect(outcome.paths[0]?.answer).toBe(`Done: ${password} Olga Petrova`);
  });

  it('asks again before a file the cloud reads after an approved continue leaves, and a denial sends nothing more', async () => {
    const script: AttackScript = (_body, round) =>
      round === 0 ? [{ name: 'read_file', arguments: { path: 'contacts.tsv' } }] : 'done';
    const { shown, bodies, events } = await runContinuing('ask', { script, answers: ['once', 'deny'] });
    expect(shown).toHaveLength(2);
    // The second question shows the cloud's call and the redacted file, which never leaves.
    const second = JSON.stringify(shown[1]!.redactedTranscript.messages);
    expect(second).toContain('read_file');
    expect(second).toContain('[EMAIL_1]');
    expect(second).not.toContain(email);
    expect(bodies).toHaveLength(1);
    expect(events.filter((event) => event.type === 'fallback')).toEqual([
      expect.objectContaining({ reason: 'denied' }),
    ]);
  });

  it("hides what the profile's own anchored patterns match in the handed steps, a line's and a quoted value's edges being edges", async () => {
    const customPatterns: CustomPattern[] = [
      { pattern: '^PRJ-[0-9]{4}$', label: 'PROJECT' },
      { pattern: '^codename [a-z]+$', label: 'CODENAME' },
    ];
    const files = {
      'plan.txt': 'PRJ-1234\nBudget approved\ncodename bluebird',
      'config.json': '{"project": "PRJ-5678"}\n',
    };
    const plan: Step[] = [
      { name: 'read_file', arguments: { path: 'plan.txt' } },
      { name: 'read_file', arguments: { path: 'config.json' } },
    ];
    const { bodies, outcome } = await runContinuing('auto-redact', {
      plan,
      files,
      customPatterns,
      script: () => 'Project [PROJECT_1] is [CODENAME_1].',
    });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('[PROJECT_1]');
    for (const secret of ['PRJ-1234', 'PRJ-5678', 'bluebird']) expect(bodies[0]).not.toContain(secret);
    expect(outcome.paths[0]?.answer).toBe('Project PRJ-1234 is codename bluebird.');
  });
});
