import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BudgetGuard } from './budget/BudgetGuard.ts';
import { EgressAuditStore } from './db/EgressAuditStore.ts';
import { LedgerStore } from './db/LedgerStore.ts';
import { openDatabase, type Database } from './db/openDatabase.ts';
import type { ProcessOwner } from './db/ProcessOwner.ts';
import { ProfileHistory } from './db/ProfileHistory.ts';
import { ProfileStore } from './db/ProfileStore.ts';
import { SettingsStore } from './db/SettingsStore.ts';
import { TaskStore } from './db/TaskStore.ts';
import { createBudgetDomain, type BudgetApi } from './domains/budgetDomain.ts';
import type { EngineContext, EngineEvent } from './domains/EngineContext.ts';
import type { IpcHandlers } from './domains/IpcHandlers.ts';
import { createModelsDomain, type ModelsApi } from './domains/modelsDomain.ts';
import { createPredictorDomain, type PredictorApi } from './domains/predictorDomain.ts';
import { createPrivacyDomain, type PrivacyApi } from './domains/privacyDomain.ts';
import { createProfilesDomain, type ProfilesApi } from './domains/profilesDomain.ts';
import { createSettingsDomain, type SettingsApi } from './domains/settingsDomain.ts';
import { createTasksDomain, type TasksApi } from './domains/tasksDomain.ts';
import { createThreadsDomain, type ThreadsApi } from './domains/threads.ts';
import { EgressGate } from './egress/EgressGate.ts';
import type { EnginePorts } from './ports.ts';
import { recoverInterruptedWork } from './tasks/recoverInterruptedWork.ts';

export type { EngineEvent, Page } from './domains/EngineContext.ts';

/** How the engine is set up. */
export type EngineOptions = {
  /** The SQLite file. Defaults to `atropos.sqlite` in the data folder; `:memory:` for tests. */
  databaseFile?: string;
  /** Rows returned by list calls that give no limit. Defaults to 100. */
  defaultPageSize?: number;
  /**
   * The compiled better-sqlite3 addon to load, for a host whose ABI differs from node_modules' build
   * (Electron under `npm start`). Defaults to node_modules' own.
   */
  nativeBinding?: string;
};

/** The one facade a host talks to: each domain's part (see electron/core/domains), and the engine's own. */
export type Engine = ProfilesApi &
  SettingsApi &
  TasksApi &
  ThreadsApi &
  ModelsApi &
  PrivacyApi &
  BudgetApi &
  PredictorApi & {
    /** One handler per IPC channel, assembled from the domains' slices. */
    readonly ipcHandlers: IpcHandlers;
    /** Subscribes to engine events; returns the unsubscribe function. */
    onEvent(listener: (event: EngineEvent) => void): () => void;
    /**
     * Aborts running tasks, downloads and retraining, waits for each to clean up (record its end,
     * release its reservation), then closes the database. The engine is unusable afterwards.
     */
    dispose(): Promise<void>;
  };

/**
 * Puts right what a process that is gone left in the app database (its tasks interrupted, its
 * reservations released); a protected profile's tasks are put right when its passphrase opens them.
 */
function recoverAtStart(ports: EnginePorts, db: Database, budget: BudgetGuard, owner: ProcessOwner): void {
  const recovered = recoverInterruptedWork({
    db,
    tasks: new TaskStore(db, owner),
    budget,
    owner,
    isAlive: (pid) => ports.process.isAlive(pid),
    now: ports.clock.now(),
  });
  if (recovered.tasks + recovered.reservations > 0)
    ports.logger.warn('a process that is gone left work behind: tasks interrupted, reservations released', recovered);
}

/**
 * Builds the engine from the host's ports: opens (and migrates) the database at once, makes the
 * stores, the egress gate and the budget every domain shares, and assembles the domains.
 */
export function createEngine(ports: EnginePorts, options: EngineOptions = {}): Engine {
  const databaseFile = options.databaseFile ?? path.join(ports.paths.dataDir, 'atropos.sqlite');
  if (databaseFile !== ':memory:') {
    mkdirSync(path.dirname(databaseFile), { recursive: true });
  }
  const db = openDatabase(databaseFile, { nativeBinding: options.nativeBinding });
  const profiles = new ProfileStore(db);
  // Running tasks and reservations name this process, so the next start-up can tell what a crash left.
  const owner = { pid: ports.process.pid, token: ports.process.token };
  // The active profile's history: the app database's, or a protected profile's encrypted file.
  const history = new ProfileHistory({
    main: db,
    folder: databaseFile === ':memory:' ? ports.paths.dataDir : path.dirname(databaseFile),
    owner,
    nativeBinding: options.nativeBinding,
  });
  const tasks = new TaskStore(history.source, owner);
  const ledger = new LedgerStore(db);
  const egress = new EgressAuditStore(history.source);
  const gate = new EgressGate({ fetch: ports.fetch, audit: egress, clock: ports.clock });
  const budget = new BudgetGuard({
    db,
    ledger,
    clock: ports.clock,
    capsOf: (profileId) => profiles.get(profileId)?.caps ?? { perTaskUsd: 0, dailyUsd: 0, monthlyUsd: 0 },
    owner,
  });
  recoverAtStart(ports, db, budget, owner);
  const listeners = new Set<(event: EngineEvent) => void>();
  // Aborted by dispose(), so no task, download or worker outlives the engine; dispose() then waits
  // for the work it counted before it closes the database.
  const lifetime = new AbortController();
  const running = new Set<Promise<unknown>>();
  const context: EngineContext = {
    ports,
    db,
    databaseFile,
    history,
    pageSize: options.defaultPageSize ?? 100,
    profiles,
    settings: new SettingsStore(db),
    tasks,
    ledger,
    egress,
    gate,
    budget,
    lifetime: lifetime.signal,
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    track(work) {
      running.add(work);
      const forget = (): void => {
        running.delete(work);
      };
      work.then(forget, forget);
      return work;
    },
  };

  const profilesDomain = createProfilesDomain(context);
  const domainContext = { ...context, activeRecord: profilesDomain.activeRecord };
  const settingsDomain = createSettingsDomain(domainContext);
  const modelsDomain = createModelsDomain(domainContext);
  const tasksDomain = createTasksDomain(domainContext, {
    localSource: modelsDomain.readLocalSource,
    checkListedModel: (file) => modelsDomain.api.checkListedModel(file),
  });
  const threadsDomain = createThreadsDomain(domainContext, {
    startTask: (request, options) => tasksDomain.api.startTask(request, options),
    checkListedModel: (file) => modelsDomain.api.checkListedModel(file),
  });
  const privacyDomain = createPrivacyDomain(domainContext);
  const budgetDomain = createBudgetDomain(domainContext);
  const predictorDomain = createPredictorDomain(domainContext);
  const ipcHandlers: IpcHandlers = {
    ...profilesDomain.handlers,
    ...settingsDomain.handlers,
    ...modelsDomain.handlers,
    ...tasksDomain.handlers,
    ...threadsDomain.handlers,
    ...privacyDomain.handlers,
    ...budgetDomain.handlers,
    ...predictorDomain.handlers,
  };
  profilesDomain.activeRecord();

  let disposed: Promise<void> | undefined;
  async function dispose(): Promise<void> {
    lifetime.abort();
    await tasksDomain.sessions.dispose();
    await Promise.allSettled([...running, modelsDomain.downloads.settleAll()]);
    // After every task: their models are loaded on it.
    await tasksDomain.models.dispose();
    await tasksDomain.llama.dispose();
    listeners.clear();
    history.dispose();
    db.close();
  }

  return {
    ...profilesDomain.api,
    ...settingsDomain.api,
    ...modelsDomain.api,
    ...tasksDomain.api,
    ...threadsDomain.api,
    ...privacyDomain.api,
    ...budgetDomain.api,
    ...predictorDomain.api,
    ipcHandlers,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      disposed ??= dispose();
      return disposed;
    },
  };
}
