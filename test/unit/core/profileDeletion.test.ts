// Deleting a profile, on real SQLite files through the engine and its IPC router: refused with a
// sentence for the active, the last, and a profile with a running task; otherwise its history (tasks
// with every child row, chats with their turns and vaults, egress audit), spending record, caps,
// settings and retrained predictors go, no deleted text stays in the database file's bytes, and other
// profiles keep theirs. A protected profile's encrypted file and the keys sealed with its passphrase
// go without the passphrase; keys saved by unprotected profiles stay readable.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeProfileDeletion } from '#shared/ipc/ProfileDeletion.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createEngine, type Engine } from '#core/engine.ts';
import { createIpcHandlers, createIpcRouter } from '#core/ipcRouter.ts';
import { createMemoryLogger, createTestPorts } from '../../helpers/createTestEngine.ts';
import { bytesOf, seedHistoryRows } from '../../helpers/seedHistoryRows.ts';

const passphrase = 'correct horse battery';
let engines: Engine[] = [];

afterEach(async () => {
  await Promise.all(engines.map((engine) => engine.dispose()));
  engines = [];
});

/** The texts of a profile's seeded history, marked so that a search of a file's bytes finds them. */
const textsOf = (marker: string) => ({
  prompt: `PROMPT-${marker}`,
  answer: `ANSWER-${marker}`,
  result: `RESULT-${marker}`,
  turn: `TURN-${marker}`,
  thread: `THREAD-${marker}`,
  vault: `VAULT-${marker}`,
});

/** Rows that belong to the profile in every table that can hold one, by table. */
function rowsOf(databaseFile: string, profileId: string): Record<string, number> {
  const db = openDatabase(databaseFile);
  const ofTasks = 'SELECT id FROM tasks WHERE profile_id = ?';
  const ofThreads = 'SELECT id FROM threads WHERE profile_id = ?';
  const queries: Record<string, string> = {
    profiles: 'SELECT COUNT(*) AS n FROM profiles WHERE id = ?',
    tasks: 'SELECT COUNT(*) AS n FROM tasks WHERE profile_id = ?',
    paths: `SELECT COUNT(*) AS n FROM paths WHERE task_id IN (${ofTasks})`,
    decisions: `SELECT COUNT(*) AS n FROM decisions WHERE task_id IN (${ofTasks})`,
    predictions: `SELECT COUNT(*) AS n FROM predictions WHERE task_id IN (${ofTasks})`,
    egress_audit: 'SELECT COUNT(*) AS n FROM egress_audit WHERE profile_id = ?',
    cost_ledger: 'SELECT COUNT(*) AS n FROM cost_ledger WHERE profile_id = ?',
    budget_reservations: 'SELECT COUNT(*) AS n FROM budget_reservations WHERE profile_id = ?',
    threads: 'SELECT COUNT(*) AS n FROM threads WHERE profile_id = ?',
    turns: `SELECT COUNT(*) AS n FROM turns WHERE thread_id IN (${ofThreads})`,
    thread_vault: `SELECT COUNT(*) AS n FROM thread_vault WHERE thread_id IN (${ofThreads})`,
    settings: "SELECT COUNT(*) AS n FROM settings WHERE key LIKE '%:' || ?",
  };
  try {
    return Object.fromEntries(
      Object.entries(queries).map(([table, sql]) => [
        table,
        db.prepare<[string], { n: number }>(sql).get(profileId)?.n ?? -1,
      ]),
    );
  } finally {
    db.close();
  }
}

const orphanSteps = (databaseFile: string): number => {
  const db = openDatabase(databaseFile);
  try {
    return (
      db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM steps WHERE path_id NOT IN (SELECT id FROM paths)').get()
        ?.n ?? -1
    );
  } finally {
    db.close();
  }
};

/** Work (active) and Home on a file database, each with its recorded history, Home with its settings and predictor folder. */
function setup() {
  const ports = createTestPorts();
  const databaseFile = path.join(ports.paths.dataDir, 'atropos.sqlite');
  const engine = createEngine(ports, { databaseFile });
  engines.push(engine);
  const work = engine.createProfile({ name: 'Work' });
  const home = engine.createProfile({ name: 'Home', privacyMode: 'ask' });
  const db = openDatabase(databaseFile);
  try {
    seedHistoryRows(db, work.id, 'task-work', textsOf('work'));
    seedHistoryRows(db, home.id, 'task-home', textsOf('home'));
  } finally {
    db.close();
  }
  // Home's own settings: redaction choices, budget caps, a default provider, and a retrained predictor.
  engine.switchProfile(home.id);
  engine.setRedactionSettings({ types: { email: false }, customPatterns: [], allowList: ['HOME-ALLOWED'] });
  engine.setBudgetCaps({ perTaskUsd: 1, dailyUsd: 2, monthlyUsd: 3 });
  const provider = engine.saveCloudProvider({
    name: 'Shared',
    api: 'openai',
    baseUrl: 'http://127.0.0.1:9/v1',
    model: 'm',
    apiKey: 'sk-shared',
  });
  engine.setDefaultCloudProvider(provider.id);
  const predictorFolder = path.join(ports.paths.dataDir, 'predictor', home.id, 'parallel-k5');
  mkdirSync(predictorFolder, { recursive: true });
  writeFileSync(path.join(predictorFolder, 'history.json'), '{"active":null,"versions":[]}');
  engine.switchProfile(work.id);
  const router = createIpcRouter(createIpcHandlers(engine), createMemoryLogger());
  return { ports, databaseFile, engine, router, work, home, provider, predictorFolder };
}

describe('describeProfileDeletion', () => {
  const base = {
    profileId: 'p',
    name: 'P',
    isProtected: true,
    tasks: 0,
    chats: 0,
    hasEncryptedHistory: true,
    spendEntries: 2,
    spentUsd: 1.5,
    sealedKeys: ['Work Claude', 'OpenAI'],
  };

  it('says what goes before, and what went after, in whole sentences', () => {
    expect(describeProfileDeletion({ ...base, tasks: 2, chats: 1 })).toEqual([
      'Its encrypted history file (every task and chat, with their redaction vaults and the record of what left this computer) is deleted; its passphrase is not needed. The 2 tasks and 1 chat it still held unencrypted are deleted too.',
      "Its spending record (2 entries, $1.50) and its budget caps are deleted; other profiles' budgets are their own and do not change.",
      'The saved keys of Work Claude, OpenAI were sealed with its passphrase, which no other profile can open: they are deleted, and the providers stay (enter a key again in Models). Other keys stay.',
      'Its privacy choices and retrained predictors are deleted too. This cannot be undone.',
    ]);
    const after = describeProfileDeletion({ ...base, isProtected: false, hasEncryptedHistory: false }, true);
    expect(after[0]).toBe('It has no tasks or chats.');
    expect(after[3]).toBe('Its privacy choices and retrained predictors were deleted too. This cannot be undone.');
  });
});

describe('deleting a profile', () => {
  it('refuses the active profile, the only one, a running task and an unknown id, each with a sentence', async () => {
    const { databaseFile, engine, router, work, home } = setup();
    const refusal = async (profileId: string) => {
      const result = await router.handle('profile:delete', { profileId });
      expect(result.ok).toBe(false);
      return result.ok ? null : result.error;
    };
    await expect(refusal(work.id)).resolves.toMatchObject({
      code: 'invalid-request',
      message: '"Work" is the active profile; switch to another profile first, then delete this one.',
    });
    await expect(refusal('nope')).resolves.toMatchObject({ code: 'not-found' });
    // Home's task still running (a task goes on after a switch between unprotected profiles).
    const db = openDatabase(databaseFile);
    new TaskStore(db).insertTask({ id: 'home-running', profileId: home.id, prompt: 'still going', createdAt: 2_000 });
    db.close();
    expect((await refusal(home.id))?.message).toMatch(/^A task of "Home" is still running; wait .* cancel it/);
    expect(rowsOf(databaseFile, home.id)).toMatchObject({ profiles: 1, tasks: 2 });

    // Alone: the only profile cannot go.
    const alone = createEngine(createTestPorts(), { databaseFile: ':memory:' });
    engines.push(alone);
    const only = alone.listProfiles()[0];
    expect(() => alone.deleteProfile(only?.id ?? '')).toThrow(
      '"Default" is the only profile; create another and switch to it, then delete this one.',
    );
    expect(engine.listProfiles().map((profile) => profile.name)).toEqual(['Default', 'Home', 'Work']);
  });

  it("takes an unprotected profile's history, ledger, caps, settings and predictors, and nothing of another's", async () => {
    const { ports, databaseFile, engine, router, work, home, provider, predictorFolder } = setup();
    const before = rowsOf(databaseFile, home.id);
    expect(before).toMatchObject({
      tasks: 1,
      paths: 1,
      decisions: 1,
      predictions: 1,
      egress_audit: 1,
      cost_ledger: 1,
      threads: 1,
      turns: 1,
      thread_vault: 1,
    });
    expect(before.settings).toBeGreaterThanOrEqual(2);
    expect(bytesOf(databaseFile).includes('VAULT-home')).toBe(true);

    const preview = await router.handle('profile:preview-deletion', { profileId: home.id });
    const expected = {
      profileId: home.id,
      name: 'Home',
      isProtected: false,
      tasks: 1,
      chats: 1,
      hasEncryptedHistory: false,
      spendEntries: 1,
      spentUsd: 0.0123,
      sealedKeys: [],
    };
    expect(preview).toEqual({ ok: true, value: expected });
    // Previewing deletes nothing.
    expect(rowsOf(databaseFile, home.id)).toEqual(before);
    expect(describeProfileDeletion(expected)).toEqual([
      'Its history: 1 task and 1 chat, with their redaction vaults and the record of what left this computer, are deleted.',
      "Its spending record (1 entry, $0.01) and its budget caps are deleted; other profiles' budgets are their own and do not change.",
      'Cloud providers and their saved keys are shared by all profiles and stay.',
      'Its privacy choices and retrained predictors are deleted too. This cannot be undone.',
    ]);

    await expect(router.handle('profile:delete', { profileId: home.id })).resolves.toEqual({
      ok: true,
      value: expected,
    });
    expect(rowsOf(databaseFile, home.id)).toEqual(Object.fromEntries(Object.keys(before).map((table) => [table, 0])));
    expect(orphanSteps(databaseFile)).toBe(0);
    expect(existsSync(path.dirname(predictorFolder))).toBe(false);
    // Vacuumed: no deleted text is left in the file's free pages.
    const bytes = bytesOf(databaseFile);
    for (const text of [
      'PROMPT-home',
      'ANSWER-home',
      'RESULT-home',
      'TURN-home',
      'THREAD-home',
      'VAULT-home',
      'HOME-ALLOWED',
    ])
      expect(bytes.includes(text), text).toBe(false);
    // Work keeps its history and spend; the shared provider and its key stay.
    expect(rowsOf(databaseFile, work.id)).toMatchObject({
      profiles: 1,
      tasks: 1,
      paths: 1,
      cost_ledger: 1,
      threads: 1,
      thread_vault: 1,
    });
    expect(engine.listProfiles().map((profile) => profile.name)).toEqual(['Default', 'Work']);
    expect(engine.listCloudProviders()).toMatchObject([{ id: provider.id, hasKey: true }]);
    expect(ports.secrets.get(`cloud-provider:${provider.id}`)).toBe('sk-shared');
    // A new profile may take the name again, and starts empty.
    const again = engine.createProfile({ name: 'Home' });
    expect(rowsOf(databaseFile, again.id)).toMatchObject({ tasks: 0, cost_ledger: 0 });
  });

  it("takes a protected profile's encrypted file and the keys sealed with its passphrase, without the passphrase", async () => {
    const { ports, databaseFile, engine, router, work, home, provider } = setup();
    engine.protectProfile(home.id, passphrase);
    const historyFile = path.join(ports.paths.dataDir, `history-${home.id}.sqlite`);
    expect(existsSync(historyFile)).toBe(true);
    // A key saved while Home is active and unlocked is sealed with its passphrase; Work's stays under the store's key.
    engine.switchProfileWithPassphrase(home.id, passphrase);
    const sealed = engine.saveCloudProvider({
      name: 'Home Claude',
      api: 'anthropic',
      baseUrl: 'http://127.0.0.1:9',
      model: 'c',
      apiKey: 'sk-home',
    });
    engine.switchProfile(work.id);
    const workKey = engine.saveCloudProvider({
      name: 'Work GPT',
      api: 'openai',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'g',
      apiKey: 'sk-work',
    });
    expect(() => ports.secrets.get(`cloud-provider:${sealed.id}`)).toThrow(
      /sealed with the passphrase of a protected profile/,
    );
    const shared = ports.secrets.get(`cloud-provider:${provider.id}`);

    const preview = await router.handle('profile:preview-deletion', { profileId: home.id });
    expect(preview).toMatchObject({
      ok: true,
      value: {
        isProtected: true,
        hasEncryptedHistory: true,
        tasks: 0,
        chats: 0,
        spendEntries: 1,
        sealedKeys: ['Home Claude'],
      },
    });
    expect(describeProfileDeletion(preview.ok ? (preview.value as never) : (null as never))[0]).toBe(
      'Its encrypted history file (every task and chat, with their redaction vaults and the record of what left this computer) is deleted; its passphrase is not needed.',
    );

    await expect(router.handle('profile:delete', { profileId: home.id })).resolves.toMatchObject({ ok: true });
    for (const suffix of ['', '-wal', '-shm']) expect(existsSync(historyFile + suffix)).toBe(false);
    expect(rowsOf(databaseFile, home.id)).toMatchObject({ profiles: 0, cost_ledger: 0, settings: 0 });
    // The sealed key is gone (no profile could open it); its provider, and every other key, stay.
    expect(ports.secrets.get(`cloud-provider:${sealed.id}`)).toBeNull();
    expect(ports.secrets.get(`cloud-provider:${workKey.id}`)).toBe('sk-work');
    expect(ports.secrets.get(`cloud-provider:${provider.id}`)).toBe(shared);
    expect(engine.listCloudProviders().map((entry) => [entry.name, entry.hasKey])).toEqual([
      ['Shared', shared !== null],
      ['Home Claude', false],
      ['Work GPT', true],
    ]);
    expect(engine.listTasks({}).map((task) => task.id)).toEqual(['task-work']);
  });
});
