/**
 * What a host supplies to the engine. Core never reaches for globals (Date.now, console,
 * process.env, fetch): they arrive here, so tests can hand in deterministic ones.
 */

/** A source of the current time. */
export type Clock = {
  /** Milliseconds since the epoch. */
  now(): number;
};

/** Structured logging; the host decides where lines go. */
export type Logger = {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
};

/** Where the engine keeps and finds files. */
export type EnginePaths = {
  /** The per-user data folder: database, user models, predictor history. */
  readonly dataDir: string;
  /** The models shipped with the app (the repository's models/, or the packaged resources). */
  readonly bundledModelsDir: string;
};

/** Facts about the host, reported in app:get-info. */
export type HostInfo = {
  readonly kind: 'electron' | 'web' | 'cli';
  readonly appVersion: string;
  readonly versions: { readonly node: string; readonly electron: string | null; readonly chrome: string | null };
  readonly cores: number;
};

/**
 * A script to run in a worker thread. Hosts differ in how their code runs (TypeScript through tsx
 * from source, or a bundle in the packaged app), so they say where each worker's entry is.
 */
export type WorkerScript = {
  readonly url: URL;
  /** The worker's process.argv after the script, e.g. the TypeScript module a bootstrap loads. */
  readonly argv: readonly string[];
};

/**
 * Where API keys live: the operating system's protection in the desktop app (Electron safeStorage),
 * an encrypted file in the web and CLI hosts. Never SQLite, never logs, never the renderer.
 */
export type SecretStore = {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
  /**
   * The active profile, told at start, on every switch and when its passphrase changes. A store
   * that can seals a protected profile's keys with a key derived from its passphrase (null: not
   * entered in this process, so its keys stay sealed). Stores that cannot ignore it.
   */
  useProfile?(profile: ProfileKey): void;
  /**
   * A profile's passphrase changed from `from` to `to` (null: none): its sealed keys are sealed
   * again under the new one, or under the store's own key when it was removed.
   */
  rekeyProfile?(profileId: string, from: string | null, to: string | null): void;
  /**
   * The names of the keys sealed with a profile's passphrase (readable by no other profile), read
   * without opening them: deleting the profile deletes them. Stores that cannot seal so ignore it.
   */
  sealedFor?(profileId: string): string[];
};

/** What a secret store learns of the active profile. */
export type ProfileKey = {
  readonly id: string;
  readonly isProtected: boolean;
  readonly passphrase: string | null;
};

/**
 * This process, and whether another one still runs: at start-up the engine marks tasks that a
 * process which is gone left `running` as interrupted and releases its budget reservations.
 */
export type ProcessInfo = {
  /** This process's id. */
  readonly pid: number;
  /** Made once per process start: tells this process from an earlier one that had the same pid. */
  readonly token: string;
  /** Whether a process with this id runs now on this machine. */
  isAlive(pid: number): boolean;
};

/** Everything the host hands to `createEngine`. */
export type EnginePorts = {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly paths: EnginePaths;
  readonly host: HostInfo;
  /** Makes unique ids; injected so tests can make them predictable. */
  readonly newId: () => string;
  /**
   * The network, for cloud providers only: the engine hands it to its egress gate and nowhere else,
   * so every request that leaves passes the gate's policy, redaction and audit.
   */
  readonly fetch: typeof globalThis.fetch;
  /** API keys of cloud providers. */
  readonly secrets: SecretStore;
  readonly process: ProcessInfo;
  /** Worker entry points: `electron/core/predictor/retrainWorker.ts` or its bundle. */
  readonly workers: { readonly predictorRetraining: WorkerScript };
};
