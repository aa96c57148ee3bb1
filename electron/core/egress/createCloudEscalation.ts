import type { PrivacyMode } from '#shared/domain.ts';
import type { Escalation } from '#core/agent/runTask.ts';
import type { BudgetGuard } from '#core/budget/BudgetGuard.ts';
import { createRequestMeter } from '#core/budget/createRequestMeter.ts';
import type { Pricing } from '#core/budget/priceTable.ts';
import type { JsonObject, JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { PlacedRedaction } from '#core/llm/providers/ToolCallContext.ts';
import { EngineError, DeniedByPersonError } from '#core/errors.ts';
import { requestDefaults } from '#core/llm/requestDefaults.ts';
import { refuseOverContext, withContextLimit } from './contextLimit.ts';
import type { EgressGate } from './EgressGate.ts';

/** A task's redaction: placeholders out, originals back in (the vault stays on the machine). */
export type CloudRedaction = {
  /** The transcript as it may leave, and how many of each entity type were replaced. */
  redactTranscript(transcript: Transcript): { transcript: Transcript; counts: Readonly<Record<string, number>> };
  /** Redacts a tool result: the detectors, then every original the vault holds. */
  redactJson(value: JsonValue): JsonValue;
  /** The entities of a whole document and their placeholders (a tool cuts its chunk from this). */
  readonly redactDocument: (document: string) => readonly PlacedRedaction[];
  /** Scrubs an outgoing request body against the vault and counts its placeholders by type. */
  readonly prepareBody: (body: string) => { body: string; redactions: Readonly<Record<string, number>> };
  /** Restores a tool call's arguments for the local tool; secrets stay placeholders. */
  restoreArguments(value: JsonValue): JsonValue;
  /** Throws when a placeholder is not in the vault: nothing half-restored reaches the user or a tool. */
  restoreJson(value: JsonValue): JsonValue;
  restoreTranscript(transcript: Transcript): Transcript;
  restoreText(text: string): string;
  /** The originals of the placeholders in `text`, for the person's own screen; never sent. */
  originalsIn(text: string): Readonly<Record<string, string>>;
};

/** What the person is asked before a request leaves, in the `ask` privacy mode. */
export type EgressApprovalRequest = {
  readonly taskId: string;
  readonly provider: string;
  readonly model: string;
  readonly path: number;
  /** Exactly what would be sent, with placeholders. */
  readonly redactedTranscript: Transcript;
  readonly redactions: Readonly<Record<string, number>>;
  readonly estimatedCostUsd: number;
  /**
   * What each placeholder in the request stands for, so the person can check it on their own
   * screen (on hover). It stays on the machine: the request that leaves has placeholders only.
   */
  readonly originals: Readonly<Record<string, string>>;
};

/** The answer: send this once, send for the rest of the task, or keep the task local. */
export type EgressApproval = 'once' | 'task' | 'deny';

/** Options of {@link createCloudEscalation}. */
export type CloudEscalationOptions = {
  /** A cloud provider built with `gate.fetch`. */
  readonly provider: ChatProvider;
  /** The origin its requests go to, e.g. `https://api.openai.com`. */
  readonly origin: string;
  readonly gate: EgressGate;
  readonly budget: BudgetGuard;
  readonly pricing: Pricing;
  readonly profile: { readonly id: string; readonly privacyMode: PrivacyMode };
  /**
   * The profile's privacy mode now: it may change while the task runs (turned local-only while an
   * approval waits), and the mode in force when a request would leave decides. Defaults to
   * `profile.privacyMode`.
   */
  readonly privacyModeNow?: () => PrivacyMode;
  readonly taskId: string;
  /** The task's redaction (one vault per task, so placeholders stay stable across paths). */
  readonly redaction: CloudRedaction;
  /** Asks the person in the `ask` mode; without it, `ask` denies. */
  readonly ask?: (request: EgressApprovalRequest) => Promise<EgressApproval>;
  /** The model's context window in tokens, when the endpoint states it (else contextLimit's table or its stated limit). */
  readonly contextTokens?: number;
};

/**
 * The runner's way to a cloud provider, and the only one: checks the profile's privacy policy
 * (local-only never sends; ask asks with the redacted request and the cost estimate), redacts the
 * transcript (user text, tool results, earlier assistant steps), opens an egress permit for the
 * provider's origin (refusing, before anything is sent, a transcript longer than the model's context
 * window), and runs the continuation with tools that see the originals while the cloud
 * sees placeholders. Every request of the continuation (each round of its tool loop) holds its worst
 * case against the caps before it is sent and is settled with its real usage by the budget's request
 * meter; the gate refuses a request sent without a hold. The answer and transcript are restored for
 * the person.
 */
export function createCloudEscalation(options: CloudEscalationOptions): Escalation {
  const { provider, gate, budget, pricing, profile, taskId, redaction } = options;
  const approval = createApproval(options.ask);
  const modeNow = options.privacyModeNow ?? (() => profile.privacyMode);
  return {
    provider,
    async continueTranscript(transcript, continuation) {
      refuseLocalOnly(modeNow());
      const redacted = redaction.redactTranscript(transcript);
      // Too long for the model: nothing is sent (nor asked about), the path stays local.
      refuseOverContext(redacted.transcript, provider.modelName, options.contextTokens);
      const maxTokens = continuation.maxTokens ?? requestDefaults.maxTokens;
      const estimate = estimateCost(
        pricing,
        provider.modelName,
        redacted.transcript,
        continuation.stepBudget,
        maxTokens,
      );
      const askFor = (shown: Transcript, counts: Readonly<Record<string, number>>, estimatedCostUsd: number) =>
        approval.ask({
          taskId,
          provider: provider.id,
          model: provider.modelName,
          path: continuation.path,
          redactedTranscript: shown,
          redactions: counts,
          estimatedCostUsd,
          originals: redaction.originalsIn(JSON.stringify(shown)),
        });
      const isAsking = modeNow() === 'ask';
      if (isAsking) await askFor(redacted.transcript, redacted.counts, estimate);
      // The mode may have changed while the question waited.
      refuseLocalOnly(modeNow());
      const allowedBy = isAsking ? 'user' : 'policy';
      const meter = withContextLimit(
        createRequestMeter({
          budget,
          pricing,
          profileId: profile.id,
          taskId,
          provider: provider.id,
          model: provider.modelName,
          pathIndex: continuation.path,
          // Each request's charge goes on its own audit row.
          onCharged: (charge) => gate.recordLastRequestUsage(charge),
        }),
        provider.modelName,
        options.contextTokens,
      );
      const tools = {
        definitions: continuation.tools.definitions,
        // Only tools that need real values get them (never secrets); results are redacted as whole
        // documents, then against the vault, so nothing the tool reflects back leaves.
        call: async (name: string, args: JsonValue): Promise<JsonValue> => {
          const restored =
            continuation.tools.acceptsOriginals?.(name) === true ? redaction.restoreArguments(args) : args;
          const context = { redactDocument: redaction.redactDocument, sentArguments: args };
          const result = redaction.redactJson(await continuation.tools.call(name, restored, context));
          // "Approve once" approved what was shown: a tool result goes out only once it is shown too.
          const mode = modeNow();
          refuseLocalOnly(mode);
          if (mode === 'ask' && continuation.tools.readsLocalData?.(name) === true && !approval.isApprovedForTask()) {
            const shown = toolResultShown(name, args, result);
            const { redactions } = redaction.prepareBody(JSON.stringify(shown.messages));
            await askFor(shown, redactions, estimateCost(pricing, provider.modelName, shown, 0, maxTokens));
          }
          return result;
        },
      };
      const sent = await gate.run(
        {
          profileId: profile.id,
          taskId,
          pathIndex: continuation.path,
          provider: provider.id,
          model: provider.modelName,
          origin: options.origin,
          allowedBy,
          redactions: redacted.counts,
          prepareBody: redaction.prepareBody,
          meter,
        },
        () =>
          provider.continueTranscript(redacted.transcript, {
            ...continuation,
            maxTokens,
            tools,
            meter,
            onToken:
              continuation.onToken === undefined
                ? undefined
                : (text: string) => continuation.onToken?.(redaction.restoreText(text)),
          }),
      );
      const result = sent.value;
      const costUsd = result.costUsd ?? 0;
      return {
        ...result,
        transcript: redaction.restoreTranscript(result.transcript),
        answer: result.answer === null ? null : redaction.restoreText(result.answer),
        costUsd,
      };
    },
  };
}

/** Nothing leaves a local-only profile: the path goes on locally. */
function refuseLocalOnly(mode: PrivacyMode): void {
  if (mode === 'local-only')
    throw new EngineError(
      'policy-denied',
      'This profile is local-only, so nothing leaves the machine; the task continues locally.',
    );
}

/** The person's answers for one task: one question at a time, "for the task" and a denial kept. */
function createApproval(ask: CloudEscalationOptions['ask']) {
  let isApprovedForTask = false;
  let isDeniedForTask = false;
  let pendingApproval: Promise<void> = Promise.resolve();
  return {
    isApprovedForTask: () => isApprovedForTask,
    /** Resolves when the person approves `request` (or approved the task); throws when they deny. */
    async ask(request: EgressApprovalRequest): Promise<void> {
      // One question at a time: paths that reach the cloud together wait for the answer to the
      // first, so "approve for this task" covers them without asking again.
      const previous = pendingApproval;
      let settle: () => void = () => undefined;
      pendingApproval = new Promise<void>((resolve) => (settle = resolve));
      try {
        await previous;
        if (isDeniedForTask) throw new DeniedByPersonError();
        if (isApprovedForTask) return;
        const answer = ask === undefined ? 'deny' : await ask(request);
        isDeniedForTask = answer === 'deny';
        if (answer === 'deny') throw new DeniedByPersonError();
        isApprovedForTask = answer === 'task';
      } finally {
        settle();
      }
    },
  };
}

const isJsonObject = (value: JsonValue): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A tool call and its redacted result as the person is shown them before the result leaves. */
function toolResultShown(name: string, args: JsonValue, result: JsonValue): Transcript {
  const callId = 'shown';
  return {
    tools: [],
    messages: [
      { role: 'assistant', text: '', toolCalls: [{ id: callId, name, arguments: isJsonObject(args) ? args : {} }] },
      { role: 'tool', callId, name, result },
    ],
  };
}

/**
 * What the person is told a continuation may cost before approving it: every round re-sends the
 * transcript (about 4 characters a token, plus what the rounds add, bounded by `maxTokens` and a
 * tool result per step), and the model writes at most `maxTokens`. Only shown: the caps are held
 * per request by the meter.
 */
function estimateCost(
  pricing: Pricing,
  model: string,
  transcript: Transcript,
  stepBudget: number,
  maxTokens: number,
): number {
  const promptTokens = Math.ceil(JSON.stringify(transcript).length / 4);
  const rounds = stepBudget + 1;
  const growth = maxTokens + stepBudget * 64;
  return pricing.cost(model, 'cloud', rounds * (promptTokens + growth), maxTokens);
}
