import type { PrivacyMode } from '#shared/domain.ts';
import type { Escalation } from '#core/agent/runTask.ts';
import { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { createPricing, type Pricing } from '#core/budget/priceTable.ts';
import { EgressAuditStore } from '#core/db/EgressAuditStore.ts';
import { LedgerStore } from '#core/db/LedgerStore.ts';
import { openDatabase } from '#core/db/openDatabase.ts';
import { ProfileStore } from '#core/db/ProfileStore.ts';
import { TaskStore } from '#core/db/TaskStore.ts';
import { createCloudEscalation } from '#core/egress/createCloudEscalation.ts';
import { createTaskRedaction } from '#core/egress/createTaskRedaction.ts';
import { EgressGate, type Fetch } from '#core/egress/EgressGate.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import { OpenAiCompatibleProvider } from '#core/llm/providers/OpenAiCompatibleProvider.ts';
import type { Clock } from '#core/ports.ts';
import type { RedactorOptions } from '#core/privacy/Redactor.ts';

/** Options of {@link createBenchCloud}. */
export type BenchCloudOptions = {
  /** The OpenAI-compatible API root of the "cloud", e.g. a model server's `${url}/v1`. */
  readonly baseUrl: string;
  /** The model id sent and priced. Defaults to `atropos-world-target` (the target fixture's list price). */
  readonly model?: string;
  /** The bench profile's privacy mode. Defaults to `auto-redact` (redacted, no questions asked). */
  readonly privacyMode?: PrivacyMode;
  /** The host's network function; only the egress gate calls it. */
  readonly fetch: Fetch;
  readonly clock: Clock;
  /** Defaults to `createPricing()` (the default price table). */
  readonly pricing?: Pricing;
  /**
   * A provider to stand in for the HTTP one (e.g. the target in this process); the caller keeps
   * and disposes it. Defaults to an `OpenAiCompatibleProvider` for `baseUrl` through the gate.
   */
  readonly provider?: ChatProvider;
  /** The profile's redaction choices (e.g. every type off, to measure what redaction costs). Defaults to all on. */
  readonly redaction?: RedactorOptions;
};

/** The cloud side of the policy bench: the engine's egress path on an in-memory database. */
export type BenchCloud = {
  /** The model id escalations use and are priced at. */
  readonly model: string;
  readonly privacyMode: PrivacyMode;
  readonly pricing: Pricing;
  /** Records a task (the ledger and audit refer to it) and returns its way to the cloud. */
  escalationFor(taskId: string, prompt: string): Escalation;
  /** What the profile's caps leave for a task; null without caps (the bench sets none). */
  remainingUsd(taskId: string): number | null;
  /** Requests that left through the egress gate. */
  readonly requestsSent: number;
  /** Sum of the settled cloud charges in the ledger, in USD. */
  ledgerUsd(): number;
  /** Closes the provider and the database. */
  dispose(): Promise<void>;
};

/**
 * The same egress path a live task takes (runEngineTask): an `OpenAiCompatibleProvider` whose only
 * fetch is an `EgressGate`, and per task a `createCloudEscalation` with the profile's privacy mode,
 * a fresh redaction vault (the world's text has nothing to redact, but the redactor runs), budget
 * reservations settled at the price table, and the egress audit, all in an in-memory SQLite
 * database with one profile and no caps.
 */
export function createBenchCloud(options: BenchCloudOptions): BenchCloud {
  const model = options.model ?? 'atropos-world-target';
  const privacyMode = options.privacyMode ?? 'auto-redact';
  const pricing = options.pricing ?? createPricing();
  const db = openDatabase(':memory:');
  const profileId = 'bench-policy';
  new ProfileStore(db).insert({
    id: profileId,
    name: 'Bench policy',
    createdAt: options.clock.now(),
    privacyMode,
    caps: { perTaskUsd: null, dailyUsd: null, monthlyUsd: null },
  });
  const tasks = new TaskStore(db);
  const ledger = new LedgerStore(db);
  const gate = new EgressGate({ fetch: options.fetch, audit: new EgressAuditStore(db), clock: options.clock });
  const budget = new BudgetGuard({
    db,
    ledger,
    clock: options.clock,
    capsOf: () => ({ perTaskUsd: null, dailyUsd: null, monthlyUsd: null }),
  });
  // maxRetries 0: a failed request is a fallback in the bench, never a silent second attempt.
  const provider =
    options.provider ??
    new OpenAiCompatibleProvider({
      baseUrl: options.baseUrl,
      apiKey: 'none',
      model,
      fetch: gate.fetch,
      maxRetries: 0,
    });
  const origin = new URL(options.baseUrl).origin;
  return {
    model,
    privacyMode,
    pricing,
    escalationFor(taskId, prompt) {
      tasks.insertTask({ id: taskId, profileId, prompt, createdAt: options.clock.now() });
      return createCloudEscalation({
        provider,
        origin,
        gate,
        budget,
        pricing,
        profile: { id: profileId, privacyMode },
        taskId,
        redaction: createTaskRedaction(options.redaction),
      });
    },
    remainingUsd: (taskId) => budget.remainingUsd(profileId, taskId),
    get requestsSent() {
      return gate.requestsSent;
    },
    ledgerUsd: () =>
      db.prepare<[], { total: number }>('SELECT COALESCE(SUM(cost_usd), 0) AS total FROM cost_ledger').get()?.total ??
      0,
    async dispose() {
      if (options.provider === undefined) await provider.dispose();
      db.close();
    },
  };
}
