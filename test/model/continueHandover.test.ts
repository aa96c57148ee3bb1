// The `continue` handover end to end through the engine: the source fixture model runs a world
// task on llama.cpp, the checkpoint hands one path over, and a real HTTP server on 127.0.0.1 (the
// lab's model server, speaking the OpenAI and the Anthropic API) receives it through the egress
// gate. Its responder records the transcript each API request carried, as the server parsed it from
// the wire, and answers; so the test sees what any cloud model would be sent: the question, the
// path's executed calls with their results, and the continue note, the same for both APIs.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { continueNote } from '#core/llm/chat/continueNote.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { runCommand } from '../../electron/cli/runCommand.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createTestPorts } from '../helpers/createTestEngine.ts';

const sourceModel = path.join(repositoryRoot, 'models', 'fixtures', 'source.gguf');
let engine: Engine | undefined;
let server: ModelServer | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  await server?.close();
  server = undefined;
});

/** Runs world task 7 with one path handed over by `continue` to a cloud speaking `api`; returns what arrived. */
async function handOverContinuing(api: 'openai' | 'anthropic') {
  const seen = await startRecordingCloud();
  engine = createEngine(createTestPorts({ clock: { now: () => Date.now() } }), { databaseFile: ':memory:' });
  engine.setPrivacyMode('auto-redact');
  const events: TaskEvent[] = [];
  const result = await engine.runTask(
    {
      worldTask: 7,
      paths: 2,
      localModel: sourceModel,
      escalation: 'always',
      hotswap: 'selective',
      handover: 'continue',
      cloud: {
        api,
        baseUrl: api === 'openai' ? `${server?.url}/v1` : (server?.url ?? ''),
        model: 'atropos-world-target',
      },
    },
    { onEvent: (event) => events.push(event) },
  );
  return { seen, events, result };
}

/** Starts the lab's model server with a responder that records each transcript it is sent and answers "42". */
async function startRecordingCloud(): Promise<Transcript[]> {
  const seen: Transcript[] = [];
  server = await createModelServer({
    responder: {
      modelName: 'atropos-world-target',
      respond: (transcript) => {
        seen.push(transcript);
        return Promise.resolve({ text: '42', toolCalls: [], tokensIn: 100, tokensOut: 2, finishReason: 'stop' });
      },
    },
    clock: { now: () => Date.now() },
  });
  return seen;
}

describe('the continue handover through the engine', () => {
  it.each(['openai', 'anthropic'] as const)(
    'sends %s the question, the local steps and the continue note',
    async (api) => {
      const { seen, events, result } = await handOverContinuing(api);
      const checkpoint = events.find((event) => event.type === 'checkpoint');
      expect(checkpoint?.type === 'checkpoint' && checkpoint.explanation.facts.handover).toBe('continue');
      const migrated = checkpoint?.type === 'checkpoint' ? (checkpoint.migratedPaths[0] ?? -1) : -1;
      const localSteps = events.flatMap((event) =>
        event.type === 'step' && event.path === migrated && event.provider.startsWith('local:') ? [event] : [],
      );
      expect(localSteps.length).toBeGreaterThan(0);
      // The steps the path executed, as the digest lists them: what the cloud is asked to check.
      const calls = localSteps.map(
        (step) => `${step.tool} ${JSON.stringify(step.arguments)} -> ${JSON.stringify(step.result)}`,
      );
      const digest = `Calls so far: ${calls.join('; ')}`;
      const first = seen[0];
      expect(first?.messages.some((message) => message.role === 'assistant' || message.role === 'tool')).toBe(false);
      // OpenAI gets the question, the digest and the note as three user messages; Anthropic as three
      // text blocks of one user turn (the roles must alternate), which the lab's server reads back joined.
      const userText = first?.messages.flatMap((message) => (message.role === 'user' ? [message.text] : [])) ?? [];
      expect(userText.join('').endsWith(`${digest}${continueNote.text}`)).toBe(true);
      if (api === 'openai') expect(first?.messages.slice(-2)).toEqual([{ role: 'user', text: digest }, continueNote]);
      expect(JSON.stringify(seen)).not.toContain(handoffNote.text);
      expect(result.paths[migrated]?.providerId.startsWith(`${api}:`)).toBe(true);
    },
    240_000,
  );

  it('is what `run --handover continue` sends', async () => {
    const seen = await startRecordingCloud();
    engine = createEngine(createTestPorts({ clock: { now: () => Date.now() } }), { databaseFile: ':memory:' });
    engine.setPrivacyMode('auto-redact');
    const printed: string[] = [];
    const opened = engine;
    await runCommand.run({
      args: [
        ...['--world-task', '7', '--paths', '2', '--escalation', 'always', '--hotswap', 'selective'],
        ...['--handover', 'continue', '--model', sourceModel, '--json'],
        ...['--cloud-url', `${server?.url}/v1`, '--cloud-model', 'atropos-world-target'],
      ],
      openEngine: () => opened,
      print: (line) => printed.push(line),
    });
    engine = undefined; // the command disposed it
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.messages.at(-1)).toEqual(continueNote);
    const digest = seen[0]?.messages.at(-2);
    expect(digest?.role === 'user' && digest.text.startsWith('Calls so far: calc ')).toBe(true);
    const summary = JSON.parse(printed[0] ?? '{}') as { decisions?: { action: string }[] };
    expect(summary.decisions?.[0]?.action).toMatch(/^escalate/);
  }, 240_000);
});
