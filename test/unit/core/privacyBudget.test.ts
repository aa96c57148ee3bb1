// The engine side of the Privacy, Budget, Predictor and Profiles screens, through the real IPC
// router on a real (in-memory) database: redaction preview, redaction settings, spend report,
// predictor roll back and profile passphrases.
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter, type IpcRouter } from '#core/ipcRouter.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase, type Database } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { SpendQueries } from '#core/db/SpendQueries.ts';
import { resolveFlowGraphConfig } from '#core/graph/flowGraphConfig.ts';
import type { GcnCheckpoint } from '#core/predictor/gcn/GcnCheckpoint.ts';
import { PredictorVersions } from '#core/predictor/PredictorVersions.ts';
import { entityTypes } from '#core/privacy/entityTypes.ts';
import type { InvokeChannel } from '#shared/ipc/channels.ts';
import type { InvokeRequest, InvokeResponse } from '#shared/ipc/contract.ts';
import type { IpcError } from '#shared/ipc/IpcError.ts';
import { redactionEntityTypes } from '#shared/ipc/RedactionPreview.ts';
import type { Result } from '#shared/result.ts';
import { createMemoryLogger, createTestEngine } from '../../helpers/createTestEngine.ts';

let engine: Engine | undefined;
let db: Database | undefined;
afterEach(async () => {
  await engine?.dispose();
  engine = undefined;
  db?.close();
  db = undefined;
});

type TypedRouter = {
  handle<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<Result<InvokeResponse<C>, IpcError>>;
};

function setup(): { engine: Engine; router: TypedRouter; dataDir: string } {
  const created = createTestEngine();
  engine = created.engine;
  const router: IpcRouter = createIpcRouter(createIpcHandlers(created.engine), createMemoryLogger());
  return {
    engine: created.engine,
    // The router answers unknown; the contract says what each channel answers with.
    router: router as TypedRouter,
    dataDir: created.ports.paths.dataDir,
  };
}

const noChoices = { types: {}, customPatterns: [], allowList: [] };

describe('redaction preview and settings', () => {
  it('lists the same entity types as the engine', () => {
    expect([...redactionEntityTypes]).toEqual([...entityTypes]);
  });

  it('previews a custom pattern as its labelled placeholder, without storing anything', async () => {
    const { router } = setup();
    const settings = {
      ...noChoices,
      customPatterns: [{ pattern: 'emp-\\d{6}', label: 'EMPLOYEE_ID', caseInsensitive: true }],
    };
    const result = await router.handle('privacy:preview-redaction', {
      text: 'Ask EMP-123456 at ana@example.com',
      settings,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        redacted: 'Ask [EMPLOYEE_ID_1] at [EMAIL_1]',
        spans: [
          { start: 4, end: 14, type: 'custom', placeholder: '[EMPLOYEE_ID_1]' },
          { start: 18, end: 33, type: 'email', placeholder: '[EMAIL_1]' },
        ],
        problems: [],
      },
    });
    expect(await router.handle('privacy:get-redaction', {})).toEqual({ ok: true, value: noChoices });
  });

  it('honours types switched off and the allow-list in the preview', async () => {
    const { router } = setup();
    const result = await router.handle('privacy:preview-redaction', {
      text: 'Mail ana@example.com or call +1 415 555 0100 about Acme Corp',
      settings: { types: { email: false }, customPatterns: [], allowList: ['Acme Corp'] },
    });
    expect(result.ok && result.value.redacted).toBe('Mail ana@example.com or call [PHONE_1] about Acme Corp');
  });

  it('names the field of a malformed pattern or label, and saving it is refused', async () => {
    const { router } = setup();
    const settings = {
      ...noChoices,
      customPatterns: [
        { pattern: 'ok-\\d+', label: 'FINE' },
        { pattern: '(unclosed', label: 'BROKEN' },
        { pattern: 'x+', label: 'lower' },
      ],
    };
    const preview = await router.handle('privacy:preview-redaction', { text: 'ok-1', settings });
    expect(preview.ok && preview.value.redacted).toBe(null);
    expect(preview.ok && preview.value.problems.map((problem) => problem.field)).toEqual([
      'customPatterns.1.pattern',
      'customPatterns.2.label',
    ]);
    const saved = await router.handle('privacy:set-redaction', settings);
    expect(saved).toMatchObject({ ok: false, error: { code: 'invalid-request', message: /\(unclosed/ } });
  });

  it('stores valid choices for the active profile and reads them back', async () => {
    const { router } = setup();
    const settings = {
      types: { location: false },
      customPatterns: [{ pattern: 'PRJ-[A-Z]{3}', label: 'PROJECT' }],
      allowList: ['Atropos'],
    };
    expect(await router.handle('privacy:set-redaction', settings)).toMatchObject({ ok: true });
    expect(await router.handle('privacy:get-redaction', {})).toEqual({ ok: true, value: settings });
  });
});

describe('SpendQueries', () => {
  const now = Date.UTC(2026, 10, 15, 12, 0, 0);
  const day = 86_400_000;

  function ledgerWith(entries: { provider: string; costUsd: number; at: number }[]): SpendQueries {
    db = openDatabase(':memory:');
    new ProfileStore(db).insert({
      id: 'p',
      name: 'P',
      createdAt: 0,
      privacyMode: 'ask',
      caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
    });
    const ledger = new LedgerStore(db);
    for (const entry of entries) {
      ledger.append({ profileId: 'p', taskId: null, model: 'm', tokensIn: 10, tokensOut: 5, ...entry });
    }
    return new SpendQueries(db);
  }

  it('sums paid spend per UTC day (zero days included) and per provider, and what remains under the caps', () => {
    const queries = ledgerWith([
      { provider: 'openai', costUsd: 0.5, at: now - 1000 },
      // Free local calls are in the ledger too, and stay out of the spend figures.
      { provider: 'local:source.gguf', costUsd: 0, at: now - 500 },
      { provider: 'anthropic', costUsd: 0.25, at: Date.UTC(2026, 10, 15, 0, 0, 0) },
      { provider: 'openai', costUsd: 1, at: now - 2 * day },
      { provider: 'openai', costUsd: 9, at: now - 40 * day },
    ]);
    const report = queries.report({
      profileId: 'p',
      caps: { perTaskUsd: null, dailyUsd: 1, monthlyUsd: null },
      now,
      days: 7,
    });
    expect(report.days.map((entry) => entry.day)).toEqual([
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
      '2026-11-14',
      '2026-11-15',
    ]);
    expect(report.days.map((entry) => entry.costUsd)).toEqual([0, 0, 0, 0, 1, 0, 0.75]);
    expect(report.providers).toEqual([
      { provider: 'openai', costUsd: 1.5, calls: 2, tokensIn: 20, tokensOut: 10 },
      { provider: 'anthropic', costUsd: 0.25, calls: 1, tokensIn: 10, tokensOut: 5 },
    ]);
    expect(report.daily).toEqual({
      capUsd: 1,
      usedUsd: 0.75,
      remainingUsd: 0.25,
      resetsAt: '2026-11-16T00:00:00.000Z',
    });
    expect(report.monthly).toMatchObject({ capUsd: null, usedUsd: 1.75, remainingUsd: null });
  });

  it('answers budget:get-spend for the active profile with 30 empty days by default', async () => {
    const { router } = setup();
    const result = await router.handle('budget:get-spend', {});
    expect(result.ok && result.value.days.length).toBe(30);
    expect(result.ok && result.value.providers).toEqual([]);
  });
});

describe('predictor roll back', () => {
  function checkpoint(threshold: number): GcnCheckpoint {
    return {
      format: 'atropos-predictor',
      version: 1,
      k: 5,
      mode: 'parallel',
      trainedAt: null,
      featureConfig: { graph: resolveFlowGraphConfig({ tools: ['calculator'] }), depthScale: 5 },
      thresholds: { failure: threshold },
      weights: {},
    };
  }
  const record = { trainedAt: null, trainTasks: 20, heldOutTasks: 5, accuracy: 0.8, previousRocAuc: null };

  it('activates an earlier accepted version and refuses a rejected or unknown one', async () => {
    const { engine, router, dataDir } = setup();
    const profileId = engine.getPrivacyPolicy().profileId;
    const versions = new PredictorVersions(dataDir, profileId, 'parallel', 5);
    await versions.add(checkpoint(0.5), { ...record, rocAuc: 0.7, isAccepted: true });
    await versions.add(checkpoint(0.6), { ...record, rocAuc: 0.8, isAccepted: true });
    await versions.add(checkpoint(0.7), { ...record, rocAuc: 0.6, isAccepted: false });
    expect((await versions.readActive())?.thresholds.failure).toBe(0.6);

    const rolledBack = await router.handle('predictor:activate-version', { version: 1 });
    expect(rolledBack.ok && rolledBack.value.map((entry) => [entry.version, entry.isActive])).toEqual([
      [3, false],
      [2, false],
      [1, true],
    ]);
    expect((await versions.readActive())?.thresholds.failure).toBe(0.5);
    expect(await router.handle('predictor:activate-version', { version: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: /rejected/ },
    });
    expect(await router.handle('predictor:activate-version', { version: 9 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('profile passphrases', () => {
  it('protects a profile, asks for its passphrase on switching, and refuses a wrong one', async () => {
    const { engine, router } = setup();
    const work = engine.createProfile({ name: 'Work' });
    const defaultId = engine.getPrivacyPolicy().profileId;
    expect(await router.handle('profile:protect', { profileId: work.id, passphrase: 'correct horse' })).toMatchObject({
      ok: true,
      value: { id: work.id, isProtected: true },
    });

    expect(await router.handle('profile:switch', { profileId: work.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: /enter its passphrase/ },
    });
    expect(await router.handle('profile:switch', { profileId: work.id, passphrase: 'Correct horse' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: /passphrase is wrong/ },
    });
    expect(engine.getPrivacyPolicy().profileId).toBe(defaultId);
    expect(await router.handle('profile:switch', { profileId: work.id, passphrase: 'correct horse' })).toMatchObject({
      ok: true,
      value: { id: work.id, isActive: true },
    });
    const listed = await router.handle('profile:list', {});
    expect(listed.ok && listed.value.map((profile) => [profile.name, profile.isProtected])).toEqual([
      ['Default', false],
      ['Work', true],
    ]);
  });

  it('needs the current passphrase to remove protection, and never stores the passphrase itself', async () => {
    const { engine, router } = setup();
    const work = engine.createProfile({ name: 'Work' });
    await router.handle('profile:protect', { profileId: work.id, passphrase: 'correct horse' });
    expect(await router.handle('profile:protect', { profileId: work.id, passphrase: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(
      await router.handle('profile:protect', {
        profileId: work.id,
        passphrase: null,
        currentPassphrase: 'correct horse',
      }),
    ).toMatchObject({ ok: true, value: { isProtected: false } });
    expect(await router.handle('profile:switch', { profileId: work.id })).toMatchObject({ ok: true });
    expect(await router.handle('profile:protect', { profileId: work.id, passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: /at least 8/ },
    });
    expect(JSON.stringify(engine.listProfileListings())).not.toContain('correct horse');
  });
});
