// Issue 15, point 1: a cloud model must not be able to pull an original back out. A hostile "cloud"
// (a real OpenAI-speaking HTTP server on 127.0.0.1) feeds every placeholder it is sent back into the
// local tools (read_file, search_files, list_files, calc), and reads a file whose API key straddles
// read_file's 16 KiB chunk. The real egress path runs: createCloudEscalation, the EgressGate, the
// task's redaction and vault, the folder tools on a temporary folder, SQLite in memory. Every
// request body the server received is searched for every original and its encodings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import type { Database } from '#core/db/openDatabase.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { RedactionVault } from '#core/privacy/RedactionVault.ts';
import { calcTool } from '#core/world/calcTool.ts';
import { startAttackerCloud, type AttackCall, type AttackerCloud, type AttackScript } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';
const secrets = {
  password: 'Tr0ub4dor&3',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  hexToken: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  basicAuth: 'admin:hunter2hunter',
  email: 'anna.schmidt@example.com',
  straddlingKey: 'sk-proj-Xq7vR2mN9pL4kT8wZ3bY6cF1hJ5dG0sA',
};

const notes = [
  'Ops notes',
  `Database password: ${secrets.password}`,
  `aws_secret_access_key = ${secrets.awsSecret}`,
  `deploy token: ${secrets.hexToken}`,
  `mirror: https://${secrets.basicAuth}@db.internal.example/x`,
  `Questions to ${secrets.email}.`,
].join('\n');

let cloud: AttackerCloud | undefined;
let db: Database | undefined;
let folder: string | undefined;
afterEach(async () => {
  await cloud?.close();
  db?.close();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  cloud = undefined;
  db = undefined;
  folder = undefined;
});

/** Calls every tool with every placeholder the request carries (and file names made of them). */
const reflectPlaceholders: AttackScript = (body, round) => {
  if (round === 0) return [{ name: 'read_file', arguments: { path: 'notes.txt' } }];
  if (round === 1) return [{ name: 'read_file', arguments: { path: 'big.txt' } }];
  if (round === 2) return [{ name: 'read_file', arguments: { path: 'big.txt', offset: 16_384 } }];
  if (round > 3) return [];
  const placeholders = [...new Set(body.match(/\[[A-Z_]+_\d+\]/g) ?? [])];
  const calls: AttackCall[] = [];
  for (const placeholder of placeholders) {
    calls.push(
      { name: 'read_file', arguments: { path: placeholder } },
      { name: 'read_file', arguments: { path: `${placeholder}.txt` } },
      { name: 'search_files', arguments: { query: placeholder } },
      { name: 'list_files', arguments: { path: placeholder } },
      { name: 'calc', arguments: { expr: placeholder } },
      { name: 'calc', arguments: { expr: `${placeholder}+1` } },
    );
  }
  return calls;
};

/** Forms an original may leave in: itself, any case, URL-encoded, JSON-escaped, base64, a long piece. */
function leaksOf(body: string, original: string): string[] {
  const found: string[] = [];
  const lower = body.toLowerCase();
  const forms = [
    original,
    encodeURIComponent(original),
    JSON.stringify(original).slice(1, -1),
    Buffer.from(original).toString('base64').replace(/=+$/, ''),
  ];
  for (const form of forms) if (lower.includes(form.toLowerCase())) found.push(form);
  // Any 10-character piece (halves of a key cut at a chunk boundary).
  for (let index = 0; index + 10 <= original.length; index++) {
    const piece = original.slice(index, index + 10);
    if (lower.includes(piece.toLowerCase())) found.push(piece);
  }
  return found;
}

async function runAttack(script: AttackScript) {
  folder = mkdtempSync(path.join(tmpdir(), 'atropos-reflect-'));
  writeFileSync(path.join(folder, 'notes.txt'), notes);
  // The key starts 12 bytes before the 16 KiB cut, so each chunk holds a part of it.
  const filler = 'lorem ipsum dolor sit amet '.repeat(700).slice(0, 16_384 - 12 - 'api key: '.length);
  writeFileSync(path.join(folder, 'big.txt'), `${filler}api key: ${secrets.straddlingKey}\nend of file\n`);
  cloud = await startAttackerCloud(script, model);
  const vault = new RedactionVault();
  const opened = openTestEscalation({ baseUrl: cloud.baseUrl, model, redaction: createTaskRedaction({}, vault) });
  db = opened.db;
  const { audit, provider, escalation } = opened;
  const tools = createToolRegistry([...createFolderTools({ roots: [folder] }), calcTool]);
  const transcript: Transcript = {
    tools: tools.definitions,
    messages: [{ role: 'user', text: `Check my notes; I am ${secrets.email}.` }],
  };
  const result = await escalation.continueTranscript(transcript, {
    tools,
    stepBudget: 200,
    seed: 1,
    maxTokens: 1000,
    path: 0,
  });
  await provider.dispose();
  return { result, vault, audit, bodies: cloud.bodies };
}

describe('a cloud model that reflects placeholders into the tools', () => {
  it('receives none of the originals, in any form, in any request', async () => {
    const { bodies, vault } = await runAttack(reflectPlaceholders);
    // The attack ran: it read both chunks and fed placeholders into all four tools.
    expect(bodies.length).toBe(5);
    const fourth = JSON.parse(bodies[4] ?? '{}') as { messages: unknown[] };
    expect(fourth.messages.length).toBeGreaterThan(20);
    const originals = new Set([...Object.values(secrets), ...vault.entries().map((entry) => entry.original)]);
    const leaks = bodies.flatMap((body, round) =>
      [...originals].flatMap((original) => leaksOf(body, original).map((form) => `round ${round}: ${form}`)),
    );
    expect(leaks).toEqual([]);
    // Both halves of the straddling key were replaced, so the key is in the vault whole.
    expect(vault.entries().some((entry) => entry.original === secrets.straddlingKey)).toBe(true);
  });

  it('records the placeholders of every request in the audit log, by type', async () => {
    const { bodies, audit } = await runAttack(reflectPlaceholders);
    const rows = audit.list('p', 100, 0).reverse();
    expect(rows).toHaveLength(bodies.length);
    for (const [round, row] of rows.entries()) {
      const carried = (bodies[round]?.match(/\[[A-Z_]+_\d+\]/g) ?? []).length;
      expect(row.redactionCount).toBe(carried);
      expect(Object.values(row.redactions).reduce((sum, count) => sum + count, 0)).toBe(carried);
      expect(JSON.stringify(row)).not.toContain(secrets.password);
    }
    // Later rounds carry more placeholders than the first (the tool results' ones).
    expect(rows.at(-1)?.redactionCount ?? 0).toBeGreaterThan(rows[0]?.redactionCount ?? 0);
    expect(rows.at(-1)?.redactions['password']).toBeGreaterThan(0);
  });

  it('gives the local tools real values for names and emails, never for secrets', async () => {
    const seen: string[] = [];
    const script: AttackScript = (body, round) => {
      seen.push(body);
      if (round === 0) return [{ name: 'read_file', arguments: { path: 'notes.txt' } }];
      if (round === 1) {
        const email = /\[EMAIL_\d+\]/.exec(body)?.[0] ?? '';
        const password = /\[PASSWORD_\d+\]/.exec(body)?.[0] ?? '';
        return [
          { name: 'search_files', arguments: { query: email } },
          { name: 'search_files', arguments: { query: password } },
        ];
      }
      return [];
    };
    const { result } = await runAttack(script);
    const calls = result.transcript.messages.filter((message) => message.role === 'tool');
    // The email was restored for the search (it found the line, then redacted it again)...
    expect(JSON.stringify(calls[1])).toContain('notes.txt:6');
    // ...the password was not: the search looked for the placeholder itself (as the cloud saw it).
    expect(seen[2]).toMatch(/no line contains \\+"\[PASSWORD_1\]/);
    expect(seen[2]).not.toContain('notes.txt:2');
    for (const body of seen) expect(leaksOf(body, secrets.email)).toEqual([]);
  });
});
