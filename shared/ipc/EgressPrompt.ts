/** One message of what would be sent, flattened to text for display. */
export type EgressPromptMessage = {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  /** Redacted text: every redaction appears as its placeholder, such as `[EMAIL_1]`. */
  readonly text: string;
};

/**
 * The payload of `egress:approval-request`: what the person is asked before a request leaves the
 * machine (the `ask` privacy mode). It carries only the redacted transcript and counts, never the
 * originals; answer it with `egress:answer` and the same `requestId`.
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
};

/** The answer to an EgressPrompt: send this once, send for the rest of the task, or keep the task local. */
export type EgressDecision = 'once' | 'task' | 'deny';
