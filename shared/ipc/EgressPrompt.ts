/** One message of what would be sent, flattened to text for display. */
export type EgressPromptMessage = {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  /** Redacted text: every redaction appears as its placeholder, such as `[EMAIL_1]`. */
  readonly text: string;
};

/**
 * The payload of `egress:approval-request`: what the person is asked before a request leaves the
 * machine (the `ask` privacy mode): the redacted transcript exactly as it would be sent, the counts,
 * and, for the person's own screen only, what each placeholder stands for (shown on hover; the
 * request that leaves carries placeholders only). Answer it with `egress:answer` and the same
 * `requestId`.
 */
export type EgressPrompt = {
  readonly requestId: string;
  readonly taskId: string;
  /** The cloud provider's id and model. */
  readonly provider: string;
  readonly model: string;
  /** The path that would continue in the cloud. */
  readonly path: number;
  readonly messages: readonly EgressPromptMessage[];
  /** How many of each entity type were replaced by placeholders. */
  readonly redactions: Readonly<Record<string, number>>;
  /** The most the continuation may cost, in US dollars (what the budget reserves). */
  readonly estimatedCostUsd: number;
  /** Placeholder -> original, for hover on this machine; never part of what is sent. */
  readonly originals: Readonly<Record<string, string>>;
};

/** The answer to an EgressPrompt: send this once, send for the rest of the task, or keep the task local. */
export type EgressDecision = 'once' | 'task' | 'deny';
