// One hostile cloud's attack on the folder tools through the real egress path: a temporary granted
// folder with the given files, the attacker server on 127.0.0.1, createCloudEscalation with the
// task's redaction (SQLite in memory), the folder tools. What it opens is kept in `opened` for
// closeAttack.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFolderTools } from '#core/agent/tools/createFolderTools.ts';
import { createToolRegistry } from '#core/agent/tools/createToolRegistry.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { startAttackerCloud, type AttackResources, type AttackScript } from './attackerCloud.ts';
import { openTestEscalation } from './openTestEscalation.ts';

const model = 'atropos-world-target';

/** Runs `script` on a folder holding `files` (relative path -> text); returns every body and the last one's tool results. */
export async function attackFolder(
  opened: AttackResources,
  options: { files: Readonly<Record<string, string>>; question: string; script: AttackScript },
): Promise<{ bodies: string[]; results: string[] }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'atropos-attack-'));
  opened.folder = folder;
  for (const [name, text] of Object.entries(options.files)) {
    mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    writeFileSync(path.join(folder, name), text);
  }
  const cloud = await startAttackerCloud(options.script, model);
  opened.cloud = cloud;
  const egress = openTestEscalation({ baseUrl: cloud.baseUrl, model, redaction: createTaskRedaction({}) });
  opened.db = egress.db;
  const tools = createToolRegistry(createFolderTools({ roots: [folder] }));
  await egress.escalation.continueTranscript(
    { tools: tools.definitions, messages: [{ role: 'user', text: options.question }] },
    { tools, stepBudget: 50, seed: 1, maxTokens: 100, path: 0 },
  );
  await egress.provider.dispose();
  const last = JSON.parse(cloud.bodies.at(-1) ?? '{}') as { messages: { role: string; content: string }[] };
  return {
    bodies: cloud.bodies,
    results: last.messages.filter((message) => message.role === 'tool').map((message) => message.content),
  };
}
