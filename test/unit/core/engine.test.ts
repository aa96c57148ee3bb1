import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine, EngineEvent } from '#core/engine.ts';
import { EngineError } from '#core/errors.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { createEngine } from '#core/engine.ts';
import { createTestEngine, createTestPorts } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
});

describe('createEngine', () => {
  it('starts with one local-only default profile that is active', () => {
    ({ engine } = createTestEngine());
    const profiles = engine.listProfiles();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toMatchObject({ name: 'Default', privacyMode: 'local-only', isActive: true });
  });

  it('creates and switches profiles, keeping each profile its own policy and caps', () => {
    ({ engine } = createTestEngine());
    const events: EngineEvent[] = [];
    engine.onEvent((event) => events.push(event));
    const work = engine.createProfile({ name: 'Work', privacyMode: 'ask' });
    expect(work.isActive).toBe(false);
    expect(() => engine?.createProfile({ name: 'Work' })).toThrow(/already exists/);

    engine.setBudgetCaps({ perTaskUsd: 0.5, dailyUsd: null, monthlyUsd: 10 });
    const switched = engine.switchProfile(work.id);
    expect(switched).toMatchObject({ name: 'Work', isActive: true });
    expect(events).toEqual([{ channel: 'profile:changed', payload: switched }]);
    expect(engine.getPrivacyPolicy()).toMatchObject({ profileId: work.id, mode: 'ask', egressCount: 0 });
    expect(engine.getBudgetSummary().caps).toEqual({ perTaskUsd: null, dailyUsd: null, monthlyUsd: null });

    engine.setPrivacyMode('auto-redact');
    const [defaultProfile] = engine.listProfiles();
    engine.switchProfile(defaultProfile?.id ?? '');
    expect(engine.getPrivacyPolicy().mode).toBe('local-only');
    expect(engine.getBudgetSummary().caps).toEqual({ perTaskUsd: 0.5, dailyUsd: null, monthlyUsd: 10 });
  });

  it('reports an unknown profile as not-found', () => {
    ({ engine } = createTestEngine());
    expect(() => engine?.switchProfile('nobody')).toThrow(EngineError);
  });

  it('stores settings over the defaults and emits the change', () => {
    ({ engine } = createTestEngine());
    expect(engine.getSettings()).toEqual({
      theme: 'system',
      pathsPerTask: 5,
      stepBudget: 10,
      localThreads: 0,
      localGpu: 'auto',
      cloudIdleTimeoutSeconds: 30,
      cloudTotalTimeoutSeconds: 180,
      cloudMaxResponseMegabytes: 8,
      localModelIdleMinutes: 10,
      localModelMemoryLimitMegabytes: 8192,
      endUnlikelyPathsEarly: true,
    });
    const events: EngineEvent[] = [];
    engine.onEvent((event) => events.push(event));
    const next = engine.updateSettings({ pathsPerTask: 7, theme: 'dark' });
    expect(next).toEqual({
      theme: 'dark',
      pathsPerTask: 7,
      stepBudget: 10,
      localThreads: 0,
      localGpu: 'auto',
      cloudIdleTimeoutSeconds: 30,
      cloudTotalTimeoutSeconds: 180,
      cloudMaxResponseMegabytes: 8,
      localModelIdleMinutes: 10,
      localModelMemoryLimitMegabytes: 8192,
      endUnlikelyPathsEarly: true,
    });
    expect(engine.getSettings()).toEqual(next);
    expect(events).toEqual([{ channel: 'settings:changed', payload: next }]);
  });

  it('persists profiles and settings across restarts of a file database', async () => {
    const ports = createTestPorts();
    const first = createEngine(ports);
    first.createProfile({ name: 'Research' });
    first.updateSettings({ stepBudget: 20 });
    await first.dispose();
    engine = createEngine(ports);
    expect(engine.listProfiles().map((profile) => profile.name)).toEqual(['Default', 'Research']);
    expect(engine.getSettings().stepBudget).toBe(20);
    expect(engine.getAppInfo().databasePath).toBe(path.join(ports.paths.dataDir, 'atropos.sqlite'));
  });

  it('sums the ledger by calendar month for the budget summary', () => {
    const ports = createTestPorts();
    const file = path.join(ports.paths.dataDir, 'atropos.sqlite');
    engine = createEngine(ports);
    const profileId = engine.listProfiles()[0]?.id ?? '';
    engine.setBudgetCaps({ perTaskUsd: null, dailyUsd: null, monthlyUsd: 2 });
    const db = openDatabase(file);
    const ledger = new LedgerStore(db);
    const entry = { profileId, taskId: null, provider: 'openai', model: 'gpt-4', tokensIn: 100, tokensOut: 10 };
    ledger.append({ ...entry, costUsd: 0.75, at: new Date(2026, 9, 31, 12).getTime() });
    ledger.append({ ...entry, costUsd: 0.5, at: new Date(2026, 10, 2, 12).getTime() });
    db.close();
    const summary = engine.getBudgetSummary();
    expect(summary.spentThisMonthUsd).toBeCloseTo(0.5);
    expect(summary.spentTotalUsd).toBeCloseTo(1.25);
    expect(summary.remainingThisMonthUsd).toBeCloseTo(1.5);
    expect(summary.recent.map((row) => row.costUsd)).toEqual([0.5, 0.75]);
  });

  it('lists GGUF files and names the problem with an unreadable one', async () => {
    const ports = createTestPorts();
    const userModels = path.join(ports.paths.dataDir, 'models');
    mkdirSync(userModels, { recursive: true });
    writeFileSync(path.join(userModels, 'truncated.gguf'), Buffer.from('GGUF\x03\x00'));
    writeFileSync(path.join(userModels, 'renamed.gguf'), 'hello, I am a text file');
    writeFileSync(path.join(userModels, 'notes.txt'), 'not a model');
    engine = createEngine(ports, { databaseFile: ':memory:' });
    const models = await engine.listModels();
    expect(models.map((model) => model.fileName)).toEqual(['renamed.gguf', 'truncated.gguf']);
    expect(models[0]?.problem).toMatch(/Not a readable GGUF model/);
    expect(models[1]).toMatchObject({ fileName: 'truncated.gguf', source: 'user', architecture: null, sizeBytes: 6 });
    expect(models[1]?.problem).toMatch(/truncated or not a GGUF model/);
  });

  it('reads predictor checkpoints and reports malformed ones', async () => {
    const ports = createTestPorts();
    const dir = path.join(ports.paths.dataDir, 'predictor');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, 'k5.json'),
      JSON.stringify({ format: 'atropos-predictor', version: 1, k: 5, trainedAt: '2026-11-01' }),
    );
    writeFileSync(path.join(dir, 'broken.json'), '{"format": "something else"');
    engine = createEngine(ports, { databaseFile: ':memory:' });
    const status = await engine.getPredictorStatus();
    expect(status.checkpoints).toEqual([
      { file: path.join(dir, 'k5.json'), version: 1, k: 5, trainedAt: '2026-11-01', evaluation: null },
    ]);
    expect(status.problems).toHaveLength(1);
    expect(status.problems[0]).toMatch(/broken\.json is not a predictor checkpoint/);
    expect(status.labelledTasks).toBe(0);
  });
});
