import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type {
  AppInfo,
  BudgetCaps,
  BudgetSummary,
  CloudProviderEntry,
  EgressRecord,
  ModelEntry,
  PredictorStatus,
  PrivacyMode,
  PrivacyPolicy,
  Profile,
  RetrainOutcome,
  Settings,
  TaskFilter,
  TaskSummary,
} from '#shared/domain.ts';
import type { EventChannel } from '#shared/ipc/channels.ts';
import type { EventMap } from '#shared/ipc/contract.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import type { TaskRequest } from '#shared/taskRequest.ts';
import { BudgetGuard } from './budget/BudgetGuard.ts';
import { createPricing } from './budget/priceTable.ts';
import { EgressAuditStore } from './db/EgressAuditStore.ts';
import { LedgerStore } from './db/LedgerStore.ts';
import { openDatabase, type Database } from './db/openDatabase.ts';
import { ProfileStore, type ProfileRecord } from './db/ProfileStore.ts';
import { SettingsStore } from './db/SettingsStore.ts';
import { TaskStore } from './db/TaskStore.ts';
// Tasks over IPC (start, cancel, approve, reopen): see the block marked "Tasks over IPC" below.
import type { EgressDecision, EgressPrompt } from '#shared/ipc/EgressPrompt.ts';
import type { TaskDetail } from '#shared/ipc/TaskDetail.ts';
import { TaskDetailStore } from './db/TaskDetailStore.ts';
import { TaskSessions } from './tasks/TaskSessions.ts';
import { recoverInterruptedWork } from './tasks/recoverInterruptedWork.ts';
import { HistoryPredictors, historyPredictorK } from './tasks/HistoryPredictors.ts';
import type { EgressApproval, EgressApprovalRequest } from './egress/createCloudEscalation.ts';
import { EgressGate } from './egress/EgressGate.ts';
import { InvalidRequestError, NotFoundError } from './errors.ts';
import { listModels } from './models/listModels.ts';
import type { EnginePorts } from './ports.ts';
import { PredictorVersions } from './predictor/PredictorVersions.ts';
import { readPredictorCheckpoints } from './predictor/readPredictorStatus.ts';
import { readRecordedTrajectories } from './predictor/readRecordedTrajectories.ts';
import { runRetrainInWorker } from './predictor/runRetrainInWorker.ts';
import {
  deleteCloudProvider,
  listCloudProviders,
  resolveCloudProvider,
  saveCloudProvider,
  type CloudProviderInput,
} from './settings/cloudProviders.ts';
import { cloudLimitsOf } from './llm/providers/ResponseWatchdog.ts';
import { readSettings, writeSettings } from './settings/readSettings.ts';
import { readRedactionSettings, writeRedactionSettings, type RedactionSettings } from './privacy/redactionSettings.ts';
import { runEngineTask, type EngineTaskResult } from './tasks/runEngineTask.ts';
// --- Models: imports ---
import type { CloudTestResult, ModelCatalog } from '#shared/ipc/ModelCatalog.ts';
import { EngineError } from './errors.ts';
import { importModel } from './models/importModel.ts';
import { ModelDownloads } from './models/ModelDownloads.ts';
import { readCatalog, readCatalogEntries } from './models/readCatalog.ts';
import { testCloudProvider as requestModelList } from './models/testCloudProvider.ts';
// --- end of models: imports ---
// --- Privacy and budget: imports ---
import type { PredictorVersion } from '#shared/domain.ts';
import type { ProfileListing } from '#shared/ipc/ProfileListing.ts';
import type { RedactionChoices, RedactionPreview } from '#shared/ipc/RedactionPreview.ts';
import type { SpendReport } from '#shared/ipc/SpendReport.ts';
import { SpendQueries } from './db/SpendQueries.ts';
import { previewRedaction } from './privacy/previewRedaction.ts';
import { checkProfilePassphrase, isProfileProtected, setProfilePassphrase } from './settings/profilePassphrase.ts';
import { redactionSettingsSchema } from './privacy/redactionSettings.ts';
// --- end of privacy and budget: imports ---

/** A host-facing event: one of the IPC contract's events with its payload. */
export type EngineEvent = { [E in EventChannel]: { channel: E; payload: EventMap[E] } }[EventChannel];

/** How the engine is set up. */
export type EngineOptions = {
  /** The SQLite file. Defaults to `atropos.sqlite` in the data folder; `:memory:` for tests. */
  databaseFile?: string;
  /** Rows returned by list calls that give no limit. Defaults to 100. */
  defaultPageSize?: number;
};

/** The one facade a host talks to. */
export type Engine = {
  getAppInfo(): AppInfo;
  listProfiles(): Profile[];
  createProfile(input: { name: string; privacyMode?: PrivacyMode | undefined }): Profile;
  switchProfile(profileId: string): Profile;
  getSettings(): Settings;
  updateSettings(patch: Partial<Settings>): Settings;
  listTasks(page: Page & TaskFilter): TaskSummary[];
  listModels(): Promise<ModelEntry[]>;
  getPrivacyPolicy(): PrivacyPolicy;
  setPrivacyMode(mode: PrivacyMode): PrivacyPolicy;
  listEgress(page: Page): EgressRecord[];
  getBudgetSummary(): BudgetSummary;
  setBudgetCaps(caps: BudgetCaps): BudgetCaps;
  getPredictorStatus(): Promise<PredictorStatus>;
  /**
   * Retrains the active profile's predictor from its own finished tasks in a worker thread, and
   * activates the new version only if it beats the current one on held-out history.
   */
  retrainPredictor(
    input: { k?: number | undefined; mode?: 'parallel' | 'sequential' | undefined },
    signal?: AbortSignal,
  ): Promise<RetrainOutcome>;
  /**
   * Runs a task end to end for the active profile (local paths, checkpoint, escalation through the
   * egress gate) and records it; `onEvent` streams its progress.
   */
  runTask(
    request: TaskRequest,
    options?: {
      /** The task's id when the caller chose it. Defaults to a new id. */
      taskId?: string;
      onEvent?: (event: TaskEvent) => void;
      ask?: (request: EgressApprovalRequest) => Promise<EgressApproval>;
      signal?: AbortSignal;
    },
  ): Promise<EngineTaskResult>;
  /** The cloud providers the person added (keys stay in the secret store). */
  listCloudProviders(): CloudProviderEntry[];
  /** Adds (no id) or updates a cloud provider; `apiKey` undefined keeps the key, null deletes it. */
  saveCloudProvider(input: CloudProviderInput): CloudProviderEntry;
  deleteCloudProvider(id: string): void;
  // --- Tasks over IPC ---
  /**
   * Starts `runTask` in the background and returns its id at once; its events go out on
   * `task:event` and its questions on `egress:approval-request`.
   */
  startTask(request: TaskRequest): { taskId: string };
  /** Aborts a task started by `startTask`, quietly; false when it was not running. */
  cancelTask(taskId: string): boolean;
  /** Answers an `egress:approval-request`; false when the question was no longer open. */
  answerEgress(requestId: string, decision: EgressDecision): boolean;
  /** The questions still waiting for an answer: a reloaded window asks for them. */
  listPendingApprovals(): EgressPrompt[];
  /** A recorded task of the active profile, whole. */
  getTask(taskId: string): TaskDetail;
  // --- end of tasks over IPC ---
  /** The active profile's redaction choices. */
  getRedactionSettings(): unknown;
  /** Validates (a malformed pattern is named) and stores the active profile's redaction choices. */
  setRedactionSettings(input: unknown): RedactionSettings;
  // --- Privacy and budget ---
  /** The active profile's redaction choices with their defaults filled in. */
  getRedactionChoices(): RedactionChoices;
  /** Redacts sample text with unsaved choices (problems named by field); nothing is stored. */
  previewRedaction(text: string, choices: unknown): RedactionPreview;
  /** Spend per UTC day (the last `days`, default 30) and per provider, and what remains under the caps. */
  getSpendReport(days?: number): SpendReport;
  /** Makes an earlier accepted predictor version (parallel, k = 5) active again. */
  activatePredictorVersion(version: number): Promise<PredictorVersion[]>;
  /** The profiles with whether each asks for a passphrase. */
  listProfileListings(): ProfileListing[];
  /** Switches like `switchProfile`, first checking the passphrase of a protected profile. */
  switchProfileWithPassphrase(profileId: string, passphrase?: string): Profile;
  /** Sets (string) or removes (null) a profile's passphrase; a protected profile needs its current one. */
  protectProfile(profileId: string, passphrase: string | null, currentPassphrase?: string): ProfileListing;
  // --- end of privacy and budget ---
  // --- Models ---
  /** The model catalog with what is installed, the downloads running or resumable, and the local source. */
  getModelCatalog(): Promise<ModelCatalog>;
  /**
   * Starts, or resumes from its `.part`, the download of a catalog model or a pasted link; answers
   * with its id at once, and progress goes out on `model:download-progress`.
   */
  downloadModel(input: { catalogId?: string | undefined; url?: string | undefined }): Promise<{ downloadId: string }>;
  /** Stops a download, keeping its `.part` for Resume unless `discard`; false when it was not running. */
  cancelModelDownload(downloadId: string, discard?: boolean): Promise<boolean>;
  /** Copies a GGUF file (checked first) into the models folder. */
  importModel(file: string): Promise<ModelEntry>;
  /** Chooses the GGUF that tasks run on when they name none; null: the bundled source fixture. */
  setLocalSource(file: string | null): Promise<string | null>;
  /** One small request (the model list) to a configured cloud provider through the egress gate. */
  testCloudProvider(id: string): Promise<CloudTestResult>;
  /** The download manager, for tests that wait for a download to settle. */
  readonly modelDownloads: ModelDownloads;
  // --- end of models ---
  /** Requests that left the machine through the egress gate since the engine started. */
  readonly egressRequestsSent: number;
  /** Subscribes to engine events; returns the unsubscribe function. */
  onEvent(listener: (event: EngineEvent) => void): () => void;
  /** Closes the database. The engine is unusable afterwards. */
  dispose(): void;
};

/** Paging of list calls. */
export type Page = { limit?: number | undefined; offset?: number | undefined };

const activeProfileKey = 'activeProfileId';

/** Builds the engine from the host's ports. Opens (and migrates) the database at once. */
export function createEngine(ports: EnginePorts, options: EngineOptions = {}): Engine {
  const databaseFile = options.databaseFile ?? path.join(ports.paths.dataDir, 'atropos.sqlite');
  const pageSize = options.defaultPageSize ?? 100;
  if (databaseFile !== ':memory:') {
    mkdirSync(path.dirname(databaseFile), { recursive: true });
  }
  const db: Database = openDatabase(databaseFile);
  const profiles = new ProfileStore(db);
  const settings = new SettingsStore(db);
  // Running tasks and reservations name this process, so the next start-up can tell what a crash left.
  const owner = { pid: ports.process.pid, token: ports.process.token };
  const tasks = new TaskStore(db, owner);
  const ledger = new LedgerStore(db);
  const egress = new EgressAuditStore(db);
  const listeners = new Set<(event: EngineEvent) => void>();
  const gate = new EgressGate({ fetch: ports.fetch, audit: egress, clock: ports.clock });
  const budget = new BudgetGuard({
    db,
    ledger,
    clock: ports.clock,
    capsOf: (profileId) => profiles.get(profileId)?.caps ?? { perTaskUsd: 0, dailyUsd: 0, monthlyUsd: 0 },
    owner,
  });
  const recovered = recoverInterruptedWork({
    db,
    tasks,
    budget,
    owner,
    isAlive: (pid) => ports.process.isAlive(pid),
    now: ports.clock.now(),
  });
  if (recovered.tasks + recovered.reservations > 0)
    ports.logger.warn('a process that is gone left work behind: tasks interrupted, reservations released', recovered);
  // Aborted by dispose(), so no worker outlives the engine.
  const lifetime = new AbortController();
  let isRetraining = false;
  // Tasks over IPC: background runs and their open questions, streamed as engine events.
  const taskDetails = new TaskDetailStore(db);
  // Loaded on a profile's first task after a retraining, freed with the engine.
  const predictors = new HistoryPredictors(ports.paths.dataDir, ports.logger);
  const sessions = new TaskSessions({
    newId: ports.newId,
    clock: ports.clock,
    logger: ports.logger,
    onUpdate: (payload) => emit({ channel: 'task:event', payload }),
    onApprovalRequest: (payload) => emit({ channel: 'egress:approval-request', payload }),
  });

  // --- Models: downloads and the local source ---
  const userModelsDir = path.join(ports.paths.dataDir, 'models');
  const localSourceKey = 'localSourceModel';
  const downloads = new ModelDownloads({
    modelsDir: userModelsDir,
    gate,
    clock: ports.clock,
    logger: ports.logger,
    newId: ports.newId,
    profileId: () => activeRecord().id,
    onProgress: (payload) => emit({ channel: 'model:download-progress', payload }),
    signal: lifetime.signal,
  });

  function readLocalSource(): string | null {
    const value = settings.read(localSourceKey);
    return typeof value === 'string' ? value : null;
  }

  /** The chosen local source model is the default `localModel` of every task. */
  function withLocalSource(request: TaskRequest): TaskRequest {
    const source = readLocalSource();
    return request.localModel !== undefined || source === null ? request : { ...request, localModel: source };
  }
  // --- end of models ---

  function emit(event: EngineEvent): void {
    for (const listener of listeners) {
      listener(event);
    }
  }

  /** Read from the database at each call: a task starts under the profile stored now. */
  function activeRecord(): ProfileRecord {
    const storedActive = (): ProfileRecord | undefined => {
      const id = settings.read(activeProfileKey);
      return typeof id === 'string' ? profiles.get(id) : undefined;
    };
    const found = storedActive();
    if (found !== undefined) {
      return found;
    }
    // First start, or the active profile vanished: fall back to the oldest, creating one if none.
    // A new profile is local-only: nothing leaves the machine until the person says so. In one
    // IMMEDIATE transaction, so processes starting together on a fresh folder make one Default.
    return settings.transaction(() => {
      const fallback = storedActive() ?? profiles.list()[0] ?? createRecord('Default', 'local-only');
      settings.write(activeProfileKey, fallback.id);
      return fallback;
    });
  }

  function createRecord(name: string, privacyMode: PrivacyMode): ProfileRecord {
    const record: ProfileRecord = {
      id: ports.newId(),
      name,
      createdAt: ports.clock.now(),
      privacyMode,
      caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
    };
    profiles.insert(record);
    return record;
  }

  function toProfile(record: ProfileRecord, activeId: string): Profile {
    return {
      id: record.id,
      name: record.name,
      createdAt: record.createdAt,
      privacyMode: record.privacyMode,
      isActive: record.id === activeId,
    };
  }

  function policyOf(record: ProfileRecord): PrivacyPolicy {
    return { profileId: record.id, mode: record.privacyMode, egressCount: egress.count(record.id) };
  }

  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  activeRecord();

  return {
    getAppInfo: () => ({
      version: ports.host.appVersion,
      host: ports.host.kind,
      versions: ports.host.versions,
      dataDir: ports.paths.dataDir,
      databasePath: databaseFile,
      schemaVersion,
      cores: ports.host.cores,
    }),
    listProfiles() {
      const activeId = activeRecord().id;
      return profiles.list().map((record) => toProfile(record, activeId));
    },
    createProfile({ name, privacyMode }) {
      if (profiles.findByName(name) !== undefined) {
        throw new InvalidRequestError(`A profile named "${name}" already exists; choose another name.`);
      }
      return toProfile(createRecord(name, privacyMode ?? 'local-only'), activeRecord().id);
    },
    switchProfile(profileId) {
      const record = profiles.get(profileId);
      if (record === undefined) {
        throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
      }
      settings.write(activeProfileKey, record.id);
      const profile = toProfile(record, record.id);
      emit({ channel: 'profile:changed', payload: profile });
      return profile;
    },
    getSettings: () => readSettings(settings),
    updateSettings(patch) {
      const next = writeSettings(settings, patch);
      emit({ channel: 'settings:changed', payload: next });
      return next;
    },
    listTasks: ({ limit, offset, ...filter }) =>
      tasks.listSummaries(activeRecord().id, limit ?? pageSize, offset ?? 0, filter),
    listModels: () =>
      listModels([
        { dir: ports.paths.bundledModelsDir, source: 'bundled' },
        { dir: path.join(ports.paths.dataDir, 'models'), source: 'user' },
      ]),
    getPrivacyPolicy: () => policyOf(activeRecord()),
    setPrivacyMode(mode) {
      const record = activeRecord();
      profiles.setPrivacyMode(record.id, mode);
      return policyOf({ ...record, privacyMode: mode });
    },
    listEgress: (page) => egress.list(activeRecord().id, page.limit ?? pageSize, page.offset ?? 0),
    getBudgetSummary() {
      const record = activeRecord();
      const now = new Date(ports.clock.now());
      // The budget month is the person's calendar month, in the machine's time zone.
      const monthStart = new Date(now.getFullYear(), now.getMonth(), 1).getTime();
      const spentThisMonthUsd = ledger.totalSince(record.id, monthStart);
      return {
        caps: record.caps,
        spentThisMonthUsd,
        spentTotalUsd: ledger.totalSince(record.id, 0),
        remainingThisMonthUsd:
          record.caps.monthlyUsd === null ? null : Math.max(0, record.caps.monthlyUsd - spentThisMonthUsd),
        recent: ledger.recent(record.id, 20),
      };
    },
    setBudgetCaps(caps) {
      profiles.setCaps(activeRecord().id, caps);
      return caps;
    },
    async getPredictorStatus() {
      const { checkpoints, problems } = await readPredictorCheckpoints([
        path.join(ports.paths.bundledModelsDir, 'predictor'),
        path.join(ports.paths.dataDir, 'predictor'),
      ]);
      const profileId = activeRecord().id;
      const versions = await new PredictorVersions(
        ports.paths.dataDir,
        profileId,
        'parallel',
        historyPredictorK,
      ).list();
      return { checkpoints, problems, versions, labelledTasks: tasks.countFinished(profileId) };
    },
    async retrainPredictor({ k = historyPredictorK, mode = 'parallel' }, signal) {
      if (isRetraining) {
        throw new InvalidRequestError('The predictor is already retraining; wait for it to finish.');
      }
      isRetraining = true;
      try {
        const profileId = activeRecord().id;
        const store = new PredictorVersions(ports.paths.dataDir, profileId, mode, k);
        const trainedAt = new Date(ports.clock.now()).toISOString();
        const result = await runRetrainInWorker(
          ports.workers.predictorRetraining,
          {
            history: readRecordedTrajectories(db, profileId, { onlyLabelled: true, strategy: mode }),
            current: await store.readActive(),
            k,
            mode,
            trainedAt,
          },
          signal === undefined ? lifetime.signal : AbortSignal.any([signal, lifetime.signal]),
        );
        const record = {
          trainedAt,
          trainTasks: result.trainTasks,
          heldOutTasks: result.heldOutTasks,
          rocAuc: result.candidateScore.rocAuc,
          accuracy: result.candidateScore.accuracy,
          previousRocAuc: result.currentScore?.rocAuc ?? null,
          isAccepted: result.isBetter,
        };
        const version = await store.add(result.candidate, record);
        ports.logger.info('predictor retrained', { profileId, k, mode, version, isAccepted: result.isBetter });
        return { k, mode, version: { version, ...record, isActive: result.isBetter } };
      } finally {
        isRetraining = false;
      }
    },
    getRedactionSettings: () => readRedactionSettings(settings, activeRecord().id),
    setRedactionSettings: (input) => writeRedactionSettings(settings, activeRecord().id, input),
    listCloudProviders: () => listCloudProviders(settings, ports.secrets),
    saveCloudProvider: (input) => saveCloudProvider(settings, ports.secrets, input, ports.newId),
    deleteCloudProvider: (id) => deleteCloudProvider(settings, ports.secrets, id),
    async runTask(taskRequest, taskOptions = {}) {
      const current = readSettings(settings);
      let request = withLocalSource(taskRequest);
      let pricing = createPricing();
      if (taskRequest.cloudProviderId !== undefined) {
        const provider = resolveCloudProvider(settings, ports.secrets, taskRequest.cloudProviderId);
        request = {
          ...request,
          cloud: {
            api: provider.api,
            baseUrl: provider.baseUrl,
            model: provider.model,
            apiKey: provider.apiKey ?? undefined,
          },
        };
        if (provider.inputPerMillion !== null && provider.outputPerMillion !== null)
          pricing = createPricing({
            table: {
              [provider.model]: {
                inputPerMillion: provider.inputPerMillion,
                outputPerMillion: provider.outputPerMillion,
              },
            },
          });
      }
      return await runEngineTask(
        {
          ports,
          db,
          tasks,
          ledger,
          gate,
          budget,
          pricing,
          profile: activeRecord(),
          redaction: readRedactionSettings(settings, activeRecord().id),
          defaults: { paths: current.pathsPerTask, stepBudget: current.stepBudget },
          cloudLimits: cloudLimitsOf(current),
          predictors,
        },
        request,
        {
          ...taskOptions,
          signal:
            taskOptions.signal === undefined ? lifetime.signal : AbortSignal.any([taskOptions.signal, lifetime.signal]),
        },
      );
    },
    // --- Tasks over IPC ---
    startTask(request) {
      return sessions.start((hooks) => this.runTask(request, hooks));
    },
    cancelTask: (taskId) => sessions.cancel(taskId),
    answerEgress: (requestId, decision) => sessions.answer(requestId, decision),
    listPendingApprovals: () => sessions.pendingApprovals(),
    getTask(taskId) {
      const detail = taskDetails.read(activeRecord().id, taskId);
      if (detail === undefined) {
        throw new NotFoundError(`No task with id ${taskId} in this profile; reload the history.`);
      }
      return detail;
    },
    // --- end of tasks over IPC ---
    // --- Privacy and budget ---
    getRedactionChoices() {
      const parsed = redactionSettingsSchema.safeParse(this.getRedactionSettings());
      // A stored value that no longer parses shows as the defaults; saving replaces it.
      return parsed.success ? parsed.data : { types: {}, customPatterns: [], allowList: [] };
    },
    previewRedaction: (text, choices) => previewRedaction(text, choices),
    getSpendReport(days = 30) {
      const record = activeRecord();
      return new SpendQueries(db).report({ profileId: record.id, caps: record.caps, now: ports.clock.now(), days });
    },
    async activatePredictorVersion(version) {
      return await new PredictorVersions(
        ports.paths.dataDir,
        activeRecord().id,
        'parallel',
        historyPredictorK,
      ).activate(version);
    },
    listProfileListings() {
      return this.listProfiles().map((profile) => ({
        ...profile,
        isProtected: isProfileProtected(settings, profile.id),
      }));
    },
    switchProfileWithPassphrase(profileId, passphrase) {
      if (profiles.get(profileId) === undefined) return this.switchProfile(profileId);
      checkProfilePassphrase(settings, profileId, passphrase);
      return this.switchProfile(profileId);
    },
    protectProfile(profileId, passphrase, currentPassphrase) {
      if (profiles.get(profileId) === undefined) {
        throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
      }
      setProfilePassphrase(settings, profileId, passphrase, currentPassphrase);
      const listing = this.listProfileListings().find((profile) => profile.id === profileId);
      if (listing === undefined) throw new NotFoundError(`No profile with id ${profileId}; reload the profile list.`);
      return listing;
    },
    // --- end of privacy and budget ---
    // --- Models ---
    async getModelCatalog() {
      return {
        models: await readCatalog(ports.paths.bundledModelsDir, userModelsDir),
        downloads: await downloads.list(),
        localSource: readLocalSource(),
        modelsDir: userModelsDir,
      };
    },
    async downloadModel({ catalogId, url }) {
      if (catalogId !== undefined) {
        const entry = (await readCatalogEntries(ports.paths.bundledModelsDir)).find((model) => model.id === catalogId);
        if (entry === undefined) throw new NotFoundError(`No catalog model with id ${catalogId}; reload the catalog.`);
        if (entry.url === null)
          throw new InvalidRequestError(`${entry.name} ships with the app; there is nothing to download.`);
        return await downloads.start({ url: entry.url, catalogId, sha256: entry.sha256 });
      }
      if (url === undefined) throw new InvalidRequestError('Choose a catalog model or paste a link to a .gguf file.');
      return await downloads.start({ url, catalogId: null, sha256: null });
    },
    cancelModelDownload: (downloadId, discard) => downloads.cancel(downloadId, { discard: discard === true }),
    async importModel(file) {
      const imported = await importModel(file, userModelsDir);
      const entry = (await this.listModels()).find((model) => model.path === imported);
      if (entry === undefined) throw new NotFoundError(`${imported} vanished right after the import; import it again.`);
      return entry;
    },
    async setLocalSource(file) {
      if (file !== null) {
        const model = (await this.listModels()).find((entry) => entry.path === file);
        if (model === undefined)
          throw new NotFoundError(`${file} is not among the models Atropos can see; refresh the list.`);
        if (model.problem !== null)
          throw new EngineError('model-missing', `${model.fileName} cannot be the local source: ${model.problem}`);
      }
      settings.write(localSourceKey, file);
      return file;
    },
    async testCloudProvider(id) {
      const provider = resolveCloudProvider(settings, ports.secrets, id);
      const record = activeRecord();
      if (record.privacyMode === 'local-only')
        throw new EngineError(
          'policy-denied',
          `The profile "${record.name}" is local-only: nothing leaves this machine, a connection test included. Choose Ask or Auto-redact in Privacy to test ${provider.name}.`,
        );
      // The person pressed Test: a request with their key and no data of theirs, audited like any other.
      const { value } = await gate.run(
        {
          profileId: record.id,
          taskId: null,
          provider: `${provider.api}:${provider.model}`,
          model: provider.model,
          origin: new URL(provider.baseUrl).origin,
          allowedBy: 'user',
          redactions: {},
        },
        () => requestModelList(provider, gate, ports.clock, lifetime.signal),
      );
      return value;
    },
    modelDownloads: downloads,
    // --- end of models ---
    get egressRequestsSent() {
      return gate.requestsSent;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      sessions.dispose();
      lifetime.abort();
      listeners.clear();
      db.close();
    },
  };
}
