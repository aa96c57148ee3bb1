// Whole tasks through the engine with the real fixture models: R paths of the source model on
// llama.cpp, a checkpoint, escalation to the target model served over real HTTP by the model
// server (the "cloud"), through the egress gate, recorded in a real SQLite file.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { TaskRequest } from '#shared/taskRequest.ts';
import { createPricing } from '#core/budget/priceTable.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { CancelledError, EngineError } from '#core/errors.ts';
import { handoffNote } from '#core/llm/chat/handoffNote.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import { createModelServer, type ModelServer } from '#lab/llm/server/createModelServer.ts';
import { repositoryRoot } from '../../electron/host/appPaths.ts';
import { createMemoryLogger, createTestPorts } from '../helpers/createTestEngine.ts';

const fixtures = path.join(repositoryRoot, 'models', 'fixtures');
const sourceModel = path.join(fixtures, 'source.gguf');
let target: LocalLlamaProvider;
let cloud: ModelServer;
let engine: Engine | undefined;
let databaseFile: string;

beforeAll(async () => {
  target = await LocalLlamaProvider.load({ modelPath: path.join(fixtures, 'target.gguf'), cores: 2 });
  cloud = await createModelServer({ responder: target, clock: { now: () => Date.now() } });
});

afterAll(async () => {
  await cloud.close();
  await target.dispose();
});

afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

let logger = createMemoryLogger();

/** Requests the open engine sent: its fetch port (the one the egress gate sends through) counts them. */
let requestsSent = 0;

function openEngine(privacyMode: 'local-only' | 'ask' | 'auto-redact'): Engine {
  logger = createMemoryLogger();
  requestsSent = 0;
  const fetch = ((input, init) => {
    requestsSent += 1;
    return globalThis.fetch(input, init);
  }) as typeof globalThis.fetch;
  const ports = createTestPorts({ clock: { now: () => Date.now() }, logger, fetch });
  databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  const opened = createEngine(ports, { databaseFile });
  opened.setPrivacyMode(privacyMode);
  engine = opened;
  return opened;
}

function rows<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

const world = (index: number, extra: Partial<TaskRequest> = {}): TaskRequest => ({
  worldTask: index,
  paths: 5,
  localModel: sourceModel,
  cloud: { api: 'openai', baseUrl: `${cloud.url}/v1`, model: 'atropos-world-target' },
  ...extra,
});

describe('engine.runTask on the fixture models', () => {
  it('runs 5 parallel paths to a vote and records task, paths, steps, decision and charges', async () => {
    const events: TaskEvent[] = [];
    const result = await openEngine('auto-redact').runTask(world(3, { escalation: 'never' }), {
      onEvent: (event) => events.push(event),
    });
    expect(result.paths).toHaveLength(5);
    expect(result.vote.tally.reduce((sum, entry) => sum + entry.paths.length, 0)).toBeLessThanOrEqual(5);
    // A checkpoint is reached when a path used half its budget without answering; it stays local.
    expect(result.decisions.every((decision) => decision.action === 'continue')).toBe(true);
    // The answers were streamed: every answering path sent its answer text as tokens first.
    for (const item of result.paths.filter((entry) => entry.status === 'answered')) {
      const streamed = events.flatMap((event) =>
        event.type === 'token' && event.path === item.index ? [event.text] : [],
      );
      expect(streamed.join('').trim()).toContain(item.answer ?? '');
    }
    expect(events[0]?.type).toBe('task-started');
    expect(events.at(-1)?.type).toBe('task-finished');
    const steps = events.filter((event) => event.type === 'step');
    // One failure estimate per step, for the chance-of-success chart, against the point's threshold.
    const predictions = events.filter((event) => event.type === 'prediction');
    expect(predictions).toHaveLength(steps.length);
    expect(predictions.every((event) => event.threshold === 0.6 && event.failureProbability <= 1)).toBe(true);
    expect(steps.length).toBe(result.paths.reduce((sum, item) => sum + item.steps, 0));
    const [task] = rows<{ status: string; answer: string | null }>('SELECT status, answer FROM tasks');
    expect(task?.status).toBe(result.isCorrect ? 'succeeded' : 'failed');
    expect(task?.answer).toBe(result.answer);
    expect(rows('SELECT * FROM paths')).toHaveLength(5);
    expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM steps')[0]?.n).toBe(steps.length);
    expect(rows<{ action: string }>('SELECT action FROM decisions')).toEqual(
      result.decisions.map(() => ({ action: 'continue' })),
    );
    expect(rows('SELECT * FROM cost_ledger WHERE cost_usd = 0').length).toBeGreaterThanOrEqual(5);
    expect(rows("SELECT * FROM paths WHERE status = 'running'")).toHaveLength(0);
    expect(requestsSent).toBe(0);
  });

  it('hands every path to the cloud at the checkpoint (parallel hotswap) through the egress gate', async () => {
    const events: TaskEvent[] = [];
    const result = await openEngine('auto-redact').runTask(world(7, { escalation: 'always' }), {
      onEvent: (event) => events.push(event),
    });
    const checkpoint = events.find((event) => event.type === 'checkpoint');
    expect(checkpoint).toMatchObject({ action: 'escalate-parallel', migratedPaths: [0, 1, 2, 3, 4] });
    expect(result.paths.every((item) => item.providerId.startsWith('openai:'))).toBe(true);
    const cloudSteps = events.filter((event) => event.type === 'step' && event.provider.startsWith('openai:'));
    expect(rows<{ n: number }>(`SELECT COUNT(*) AS n FROM steps WHERE provider LIKE 'openai:%'`)[0]?.n).toBe(
      cloudSteps.length,
    );
    const audit = rows<{ endpoint: string; bytes_sent: number; model: string }>('SELECT * FROM egress_audit');
    expect(audit.length).toBe(requestsSent);
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect(audit.every((row) => row.endpoint.endsWith('/v1/chat/completions') && row.bytes_sent > 0)).toBe(true);
    const cloudCharges = rows<{ cost_usd: number; tokens_in: number }>(
      `SELECT cost_usd, tokens_in FROM cost_ledger WHERE provider LIKE 'openai:%'`,
    );
    // One charge per request: each round of each path's tool loop was held and settled on its own.
    expect(cloudCharges).toHaveLength(audit.length);
    expect(cloudCharges.every((row) => row.cost_usd > 0 && row.tokens_in > 0)).toBe(true);
    expect(result.costUsd).toBeCloseTo(
      cloudCharges.reduce((sum, row) => sum + row.cost_usd, 0),
      12,
    );
    expect(rows('SELECT * FROM budget_reservations')).toHaveLength(0);
  });

  it('charges a dearer model than requested at the worst known price and ends the loop after that request', async () => {
    const result = await openEngine('auto-redact').runTask(
      world(7, {
        escalation: 'always',
        paths: 1,
        cloud: { api: 'openai', baseUrl: `${cloud.url}/v1`, model: 'gpt-4o-mini' },
      }),
    );
    const charges = rows<{ model: string; cost_usd: number; tokens_in: number; tokens_out: number }>(
      `SELECT model, cost_usd, tokens_in, tokens_out FROM cost_ledger WHERE provider LIKE 'openai:%'`,
    );
    expect(charges).toHaveLength(1);
    const [charge] = charges;
    // The server answers as the target fixture (1 / 4 USD per million tokens), dearer than the
    // gpt-4o-mini requested (0.15 / 0.6): charged at the table's worst prices, one request only.
    const worst = createPricing().worstCloudPrice();
    expect(charge?.model).toBe('atropos-world-target');
    expect(charge?.cost_usd).toBeCloseTo(
      ((charge?.tokens_in ?? 0) * worst.inputPerMillion + (charge?.tokens_out ?? 0) * worst.outputPerMillion) / 1e6,
      12,
    );
    expect(rows('SELECT * FROM egress_audit')).toHaveLength(1);
    expect(result.paths[0]?.providerId).toBe(`openai:${new URL(cloud.url).host}/gpt-4o-mini`);
    expect(result.costUsd).toBeCloseTo(charge?.cost_usd ?? -1, 12);
  });

  it('keeps a cloud API key out of SQLite, the logs and the secrets file, and still uses it', async () => {
    const apiKey = 'sk-proj-AtroposTestKey0123456789abcdefXYZ';
    const guarded = await createModelServer({ responder: target, clock: { now: () => Date.now() }, apiKey });
    try {
      const opened = openEngine('auto-redact');
      const saved = opened.saveCloudProvider({
        name: 'Local target',
        api: 'openai',
        baseUrl: `${guarded.url}/v1`,
        model: 'atropos-world-target',
        apiKey,
      });
      expect(saved.hasKey).toBe(true);
      expect(JSON.stringify(opened.listCloudProviders())).not.toContain(apiKey);
      const events: TaskEvent[] = [];
      const result = await opened.runTask(
        { worldTask: 7, paths: 2, localModel: sourceModel, cloudProviderId: saved.id, escalation: 'always' },
        { onEvent: (event) => events.push(event) },
      );
      // The key worked: the guarded server answered (a wrong key would have been a 401 and a fallback).
      expect(events.filter((event) => event.type === 'fallback')).toHaveLength(0);
      expect(result.paths.every((item) => item.providerId.startsWith('openai:'))).toBe(true);
      await opened.dispose();
      engine = undefined;
      const folder = path.dirname(databaseFile);
      for (const name of readdirSync(folder)) {
        const bytes = readFileSync(path.join(folder, name));
        expect(bytes.includes(Buffer.from(apiKey)), name).toBe(false);
      }
      expect(JSON.stringify(logger.records)).not.toContain(apiKey);
    } finally {
      await guarded.close();
    }
  });

  it("redacts what leaves with the profile's own pattern, and a malformed stored pattern sends nothing", async () => {
    const opened = openEngine('auto-redact');
    expect(() => opened.setRedactionSettings({ customPatterns: [{ pattern: '(unclosed' }] })).toThrow(
      /"\(unclosed" is not a valid regular expression/,
    );
    // A pattern that was stored broken (written by another version, or by hand) is caught at the gate.
    const profileId = opened.listProfiles().find((profile) => profile.isActive)?.id ?? '';
    const writer = new Database(databaseFile);
    writer
      .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?)')
      .run(`redaction:${profileId}`, JSON.stringify({ customPatterns: [{ pattern: '(unclosed' }] }));
    writer.close();
    const events: TaskEvent[] = [];
    await opened.runTask(world(7, { escalation: 'always', paths: 2 }), { onEvent: (event) => events.push(event) });
    const fallbacks = events.filter((event) => event.type === 'fallback');
    expect(fallbacks).toHaveLength(2);
    expect((fallbacks[0] as { message: string }).message).toMatch(/not a valid regular expression/);
    expect(rows('SELECT * FROM egress_audit')).toHaveLength(0);
    expect(requestsSent).toBe(0);
  });

  it('sends only placeholders to the cloud (audited by type) and shows the person the originals', async () => {
    const seen: string[] = [];
    // The real server and model; the responder records exactly what arrived over HTTP.
    const recording = await createModelServer({
      responder: {
        modelName: target.modelName,
        respond: (transcript, options) => {
          seen.push(JSON.stringify(transcript));
          return target.respond(transcript, options);
        },
      },
      clock: { now: () => Date.now() },
    });
    try {
      const email = 'ana.garcia@example.com';
      const events: TaskEvent[] = [];
      await openEngine('auto-redact').runTask(
        {
          prompt: `What is 12+30*2? Send it to ${email} please.`,
          // Sequential: the second path runs in the cloud from the (redacted) question.
          strategy: 'sequential',
          paths: 2,
          localModel: sourceModel,
          stepBudget: 4,
          checkpoint: 1,
          escalation: 'always',
          cloud: { api: 'openai', baseUrl: `${recording.url}/v1`, model: 'atropos-world-target' },
        },
        { onEvent: (event) => events.push(event) },
      );
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.join('\n')).not.toContain(email);
      expect(seen[0]).toContain('[EMAIL_1]');
      const [audit] = rows<{ redactions_json: string; redaction_count: number }>('SELECT * FROM egress_audit');
      expect(JSON.parse(audit?.redactions_json ?? '{}')).toMatchObject({ email: 1 });
      // What the person sees is restored: no placeholder reaches the UI events.
      const visible = JSON.stringify(events.filter((event) => event.type === 'step' || event.type === 'vote'));
      expect(visible).not.toContain('[EMAIL_');
    } finally {
      await recording.close();
    }
  });

  it('hands only the most promising path over in a selective hotswap and stops the others', async () => {
    const result = await openEngine('auto-redact').runTask(
      world(7, { escalation: 'always', hotswap: 'selective', selectCount: 1 }),
    );
    const migrated = result.paths.filter((item) => item.providerId.startsWith('openai:'));
    expect(migrated).toHaveLength(1);
    expect(rows('SELECT * FROM egress_audit').length).toBeGreaterThanOrEqual(1);
    expect(result.decisions[0]?.action).toBe('escalate-selective');
  });

  it('hands over the question alone by default (restart), and the in-flight transcript on request', async () => {
    const seen: Transcript[] = [];
    // The real server and model; the responder records exactly what arrived over HTTP.
    const recording = await createModelServer({
      responder: {
        modelName: target.modelName,
        respond: (transcript, options) => {
          seen.push(transcript);
          return target.respond(transcript, options);
        },
      },
      clock: { now: () => Date.now() },
    });
    try {
      const cloudAt = { api: 'openai', baseUrl: `${recording.url}/v1`, model: 'atropos-world-target' } as const;
      // Transcript: the local calls, their results and the handoff note go along.
      const migrating: TaskEvent[] = [];
      await openEngine('auto-redact').runTask(
        world(7, { escalation: 'always', hotswap: 'selective', cloud: cloudAt, handover: 'transcript' }),
        {
          onEvent: (event) => migrating.push(event),
        },
      );
      const migratedAt = migrating.find((event) => event.type === 'checkpoint');
      expect(migratedAt?.type === 'checkpoint' && migratedAt.explanation.facts.handover).toBe('transcript');
      expect(seen[0]?.messages.at(-1)).toEqual(handoffNote);
      expect(seen[0]?.messages.some((message) => message.role === 'tool')).toBe(true);

      // Restart, the default: the first request carries the system prompt and the question, nothing the local path did.
      seen.length = 0;
      const events: TaskEvent[] = [];
      const result = await openEngine('auto-redact').runTask(
        world(7, { escalation: 'always', hotswap: 'selective', cloud: cloudAt }),
        { onEvent: (event) => events.push(event) },
      );
      const checkpoint = events.find((event) => event.type === 'checkpoint');
      expect(checkpoint).toMatchObject({ migratedPaths: [expect.any(Number)] });
      expect(checkpoint?.type === 'checkpoint' && checkpoint.explanation.facts.handover).toBe('restart');
      const migrated = checkpoint?.type === 'checkpoint' ? (checkpoint.migratedPaths[0] ?? -1) : -1;
      const localSteps = events.filter(
        (event) => event.type === 'step' && event.path === migrated && event.provider.startsWith('local:'),
      ).length;
      expect(localSteps).toBeGreaterThan(0);
      expect(seen[0]?.messages.map((message) => message.role)).toEqual(['system', 'user']);
      expect(JSON.stringify(seen)).not.toContain(handoffNote.text);
      // The restarted path's step numbers go on after its local ones (recorded without a clash).
      const numbers = events.flatMap((event) => (event.type === 'step' && event.path === migrated ? [event.step] : []));
      expect(numbers).toEqual(numbers.map((_, index) => index + 1));
      expect(result.paths[migrated]?.providerId.startsWith('openai:')).toBe(true);
      expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM steps')[0]?.n).toBe(
        events.filter((event) => event.type === 'step').length,
      );
    } finally {
      await recording.close();
    }
  });

  it('runs the remaining paths in the cloud after 2 complete paths (sequential hotswap)', async () => {
    const result = await openEngine('auto-redact').runTask(
      world(7, { strategy: 'sequential', checkpoint: 2, escalation: 'always' }),
    );
    expect(result.paths.map((item) => item.providerId.split(':')[0])).toEqual([
      'local',
      'local',
      'openai',
      'openai',
      'openai',
    ]);
    expect(result.decisions[0]?.action).toBe('escalate-sequential');
  });

  it('falls back to the local paths and says so when the cloud refuses connections mid-hotswap', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const events: TaskEvent[] = [];
    const result = await openEngine('auto-redact').runTask(
      world(7, {
        escalation: 'always',
        paths: 2,
        cloud: { api: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'atropos-world-target' },
      }),
      { onEvent: (event) => events.push(event) },
    );
    const fallbacks = events.filter((event) => event.type === 'fallback');
    expect(fallbacks).toHaveLength(2);
    expect(fallbacks[0]).toMatchObject({ type: 'fallback' });
    expect((fallbacks[0] as { message: string }).message).toMatch(/127\.0\.0\.1|reach|connect/i);
    expect(result.paths.every((item) => item.providerId.startsWith('local:'))).toBe(true);
    expect(rows('SELECT * FROM budget_reservations')).toHaveLength(0);
    expect(rows(`SELECT * FROM cost_ledger WHERE provider LIKE 'openai:%'`)).toHaveLength(0);
  });

  it('in a local-only profile, runs a task with a predicted failure without opening a single socket', async () => {
    // The socket level: every TCP connection this process opens goes through Socket#connect, and the
    // "cloud" below counts every connection it accepts.
    const listening: Server = createServer((socket) => socket.destroy());
    let accepted = 0;
    listening.on('connection', () => (accepted += 1));
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    const port = (listening.address() as { port: number }).port;
    const prototype = Socket.prototype as unknown as { connect: (this: Socket, ...args: unknown[]) => Socket };
    const originalConnect = prototype.connect;
    let connects = 0;
    prototype.connect = function (this: Socket, ...args: unknown[]) {
      connects += 1;
      return originalConnect.apply(this, args);
    };
    const events: TaskEvent[] = [];
    try {
      // Forced escalation: the egress gate itself must refuse, not only the policy.
      await openEngine('local-only').runTask(
        world(7, {
          escalation: 'always',
          cloud: { api: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, model: 'atropos-world-target' },
        }),
        { onEvent: (event) => events.push(event) },
      );
    } finally {
      prototype.connect = originalConnect;
      await new Promise<void>((resolve) => listening.close(() => resolve()));
    }
    const checkpoint = events.find((event) => event.type === 'checkpoint');
    expect(checkpoint?.type === 'checkpoint' && checkpoint.action.startsWith('escalate')).toBe(true);
    expect(events.filter((event) => event.type === 'fallback').length).toBeGreaterThan(0);
    expect(connects).toBe(0);
    expect(accepted).toBe(0);
    expect(rows('SELECT * FROM egress_audit')).toHaveLength(0);
  });

  it('lets the policy decide in auto mode: local-only blocks escalation, and the decision says why', async () => {
    const result = await openEngine('local-only').runTask(
      world(7, { escalation: 'auto', operatingPoint: 'best-answers' }),
    );
    const [decision] = result.decisions;
    expect(decision?.explanation.decidedBy).toBe('cold-start: agreement across paths');
    expect(decision?.action).toBe('continue');
    expect(decision?.explanation.facts['privacyMode']).toBe('local-only');
    expect(decision?.explanation.facts['blockedBy']).toBe('privacy-local-only');
    expect(decision?.explanation.reason).toMatch(/local-only/);
    const [stored] = rows<{ explanation_json: string }>('SELECT explanation_json FROM decisions');
    expect(JSON.parse(stored?.explanation_json ?? '{}')).toMatchObject({
      decidedBy: 'cold-start: agreement across paths',
    });
  });

  it('asks in the ask mode: a denial keeps the task local, an approval for the task sends the redacted request', async () => {
    const asked: string[] = [];
    const denied = await openEngine('ask').runTask(world(7, { escalation: 'always', paths: 2 }), {
      ask: (request) => {
        asked.push(`${request.path}:${request.estimatedCostUsd > 0}`);
        return Promise.resolve('deny');
      },
    });
    // One question per task: the denial covers both paths.
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^[01]:true$/);
    expect(denied.paths.every((item) => item.providerId.startsWith('local:'))).toBe(true);
    expect(rows('SELECT * FROM egress_audit')).toHaveLength(0);
    await engine?.dispose();

    let approvals = 0;
    const approved = await openEngine('ask').runTask(world(7, { escalation: 'always', paths: 2 }), {
      ask: () => {
        approvals += 1;
        return Promise.resolve('task');
      },
    });
    expect(approvals).toBe(1);
    expect(approved.paths.every((item) => item.providerId.startsWith('openai:'))).toBe(true);
    expect(
      rows<{ allowed_by: string }>('SELECT allowed_by FROM egress_audit').every((row) => row.allowed_by === 'user'),
    ).toBe(true);
  });

  it('blocks an escalation at a reached cap, names the cap, and still finishes the task locally', async () => {
    const opened = openEngine('auto-redact');
    opened.setBudgetCaps({ perTaskUsd: null, dailyUsd: 0.000001, monthlyUsd: null });
    const events: TaskEvent[] = [];
    const result = await opened.runTask(world(7, { escalation: 'always', paths: 2 }), {
      onEvent: (event) => events.push(event),
    });
    const fallbacks = events.filter((event) => event.type === 'fallback');
    expect(fallbacks).toHaveLength(2);
    expect((fallbacks[0] as { message: string }).message).toMatch(/daily cap of \$0\.0000.*resets at/);
    expect(result.paths.every((item) => item.providerId.startsWith('local:'))).toBe(true);
    expect(result.paths.every((item) => item.status === 'answered' || item.status === 'exhausted')).toBe(true);
    expect(rows('SELECT * FROM egress_audit')).toHaveLength(0);
  });

  it('cancels mid-run: rejects with CancelledError, leaves no running rows', async () => {
    const opened = openEngine('auto-redact');
    const stop = new AbortController();
    const run = opened.runTask(world(7, { escalation: 'never' }), {
      onEvent: (event) => {
        if (event.type === 'step') stop.abort();
      },
      signal: stop.signal,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(rows<{ status: string }>('SELECT status FROM tasks')).toEqual([{ status: 'cancelled' }]);
    expect(rows("SELECT * FROM paths WHERE status = 'running'")).toHaveLength(0);
  });

  it('offers read-only folder tools for a granted folder, and refuses a folder that does not exist', async () => {
    const opened = openEngine('local-only');
    const folder = path.dirname(databaseFile);
    const granted = await opened.runTask({
      prompt: 'What is 12+30?',
      paths: 1,
      localModel: sourceModel,
      escalation: 'never',
      grantedFolders: [folder],
    });
    expect(granted.paths[0]?.transcript.tools.map((tool) => tool.name)).toEqual([
      'calc',
      'list_files',
      'read_file',
      'search_files',
    ]);
    await expect(
      opened.runTask({
        prompt: 'What is 1+1?',
        paths: 1,
        localModel: sourceModel,
        grantedFolders: [`${folder}/missing`],
      }),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof EngineError && error.code === 'invalid-request' && /missing/.test(error.message),
    );
  });

  it('refuses a corrupt model file with model-missing, and the engine keeps working', async () => {
    const opened = openEngine('auto-redact');
    const bad = path.join(path.dirname(databaseFile), 'bad.gguf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bad, 'GGUF but not really');
    await expect(opened.runTask({ worldTask: 1, paths: 1, localModel: bad })).rejects.toSatisfy(
      (error: unknown) => error instanceof EngineError && error.code === 'model-missing',
    );
    await expect(
      opened.runTask({ worldTask: 1, paths: 1, localModel: path.join(fixtures, 'missing.gguf') }),
    ).rejects.toSatisfy((error: unknown) => error instanceof EngineError && error.code === 'model-missing');
    const result = await opened.runTask({ worldTask: 1, paths: 1, localModel: sourceModel, escalation: 'never' });
    expect(result.paths).toHaveLength(1);
  });
});
