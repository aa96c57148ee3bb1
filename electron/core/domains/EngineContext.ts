import type { EventChannel } from '#shared/ipc/channels.ts';
import type { EventMap } from '#shared/ipc/contract.ts';
import type { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import type { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import type { LedgerStore } from '#core/db/LedgerStore.ts';
import type { Database } from '#core/db/openDatabase.ts';
import type { ProfileHistory } from '#core/db/ProfileHistory.ts';
import type { ProfileRecord, ProfileStore } from '#core/db/ProfileStore.ts';
import type { SettingsStore } from '#core/db/SettingsStore.ts';
import type { TaskStore } from '#core/db/TaskStore.ts';
import type { EgressGate } from '#core/egress/EgressGate.ts';
import type { EnginePorts } from '#core/ports.ts';

/** A host-facing event: one of the IPC contract's events with its payload. */
export type EngineEvent = { [E in EventChannel]: { channel: E; payload: EventMap[E] } }[EventChannel];

/** Paging of list calls. */
export type Page = { limit?: number | undefined; offset?: number | undefined };

/** What every domain of the engine shares: one database, its stores, the egress gate and the budget. */
export type EngineContext = {
  readonly ports: EnginePorts;
  readonly db: Database;
  /** The SQLite file (`:memory:` in tests). */
  readonly databaseFile: string;
  /** Where the active profile's history lives (a protected profile's: its encrypted file); its `source` feeds the history stores. */
  readonly history: ProfileHistory;
  /** Rows returned by list calls that give no limit. */
  readonly pageSize: number;
  readonly profiles: ProfileStore;
  readonly settings: SettingsStore;
  readonly tasks: TaskStore;
  readonly ledger: LedgerStore;
  readonly egress: EgressAuditStore;
  readonly gate: EgressGate;
  readonly budget: BudgetGuard;
  /** Aborted when the engine is disposed: long work joins it, so nothing outlives the engine. */
  readonly lifetime: AbortSignal;
  /** Sends an event to the host's listeners. */
  emit(event: EngineEvent): void;
  /** Keeps `work` in the engine's count of running work, which `dispose()` waits for. */
  track<T>(work: Promise<T>): Promise<T>;
};

/** The context with the active profile, which every domain but profiles reads through it. */
export type DomainContext = EngineContext & {
  /** The active profile, read from the database at each call: a task starts under the profile stored now. */
  readonly activeRecord: () => ProfileRecord;
};
