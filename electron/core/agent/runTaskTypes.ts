import type { CheckpointAction, DecisionExplanation, TaskEvent } from '#shared/taskEvents.ts';
import type { JsonValue, Transcript } from '#core/llm/chat/Transcript.ts';
import type {
  ChatProvider,
  ContinueTranscriptOptions,
  ContinueTranscriptResult,
} from '#core/llm/providers/ChatProvider.ts';
import type { Clock } from '#core/ports.ts';
import type { AgentTask } from './AgentTask.ts';
import type { EarlyTermination } from './earlyTermination.ts';
import type { AnswerVectors } from './AnswerVectors.ts';
import type { HandoverKind } from './handover.ts';
import type { VoteResult } from './vote.ts';

/**
 * Where a path stands. `paused`: it used its leg's steps and waits for the checkpoint. `pruned`:
 * early termination ended it, or never started it (see earlyTermination.ts); it does not vote.
 */
export type PathStatus = 'running' | 'paused' | 'answered' | 'exhausted' | 'stopped' | 'pruned';

/**
 * One executed tool call of a path, with its result as the recorder stores it (JSON text for
 * structured results); snapshots rebuilt from elsewhere may lack it.
 */
export type PathCall = { readonly name: string; readonly arguments: JsonValue; readonly result?: string };

/** A path as the checkpoint sees it. */
export type PathSnapshot = {
  readonly index: number;
  readonly transcript: Transcript;
  readonly steps: number;
  readonly status: PathStatus;
  readonly answer: string | null;
  readonly providerId: string;
  /** The calls the path made so far, in order, as they happened (the transcript catches up after a leg). */
  readonly calls: readonly PathCall[];
};

/**
 * What a checkpoint decides from: in the parallel strategy every path after `checkpoint` steps (or
 * its end, if sooner); in the sequential strategy the first `checkpoint` complete paths.
 */
export type CheckpointState = {
  readonly strategy: 'parallel' | 'sequential';
  readonly checkpoint: number;
  readonly paths: readonly PathSnapshot[];
  readonly stepBudget: number;
  /** Tokens the local paths read and wrote so far: the basis of cost estimates. */
  readonly tokensSoFar: { readonly in: number; readonly out: number };
};

/** A checkpoint's decision. */
export type CheckpointDecision = {
  readonly action: CheckpointAction;
  /** For `escalate-selective`: how many paths to hand over. Defaults to 1. */
  readonly selectCount?: number;
  readonly explanation: DecisionExplanation;
};

/** The stronger provider a task can escalate to, and the one way to reach it. */
export type Escalation = {
  readonly provider: ChatProvider;
  /**
   * Continues a transcript on `provider`. The engine passes its egress gate here (policy,
   * redaction, budget, audit): the runner never calls a cloud provider directly.
   */
  readonly continueTranscript: (
    transcript: Transcript,
    options: ContinueTranscriptOptions & { readonly path: number },
  ) => Promise<ContinueTranscriptResult & { readonly costUsd: number }>;
};

/** Options of {@link runTask}. */
export type RunTaskOptions = {
  readonly taskId: string;
  readonly task: AgentTask;
  /** The local model every path starts on. */
  readonly local: ChatProvider;
  /** Self-consistency paths. Defaults to 5. */
  readonly paths?: number;
  /** `parallel`: paths advance together; `sequential`: one after another. Defaults to `parallel`. */
  readonly strategy?: 'parallel' | 'sequential';
  /**
   * Where the task stops to decide. Parallel: after `at` steps of every path; sequential: after the
   * first `at` complete paths. Without it, paths run to their end and vote.
   */
  readonly checkpoint?: {
    readonly at: number;
    readonly decide: (state: CheckpointState) => CheckpointDecision | Promise<CheckpointDecision>;
  };
  /**
   * The failure estimate on the paths so far, reported after every step as a `prediction` event
   * (the UI's chance-of-success chart). Defaults to none.
   */
  readonly predict?: (paths: readonly PathSnapshot[]) => {
    readonly failureProbability: number;
    readonly threshold: number;
    readonly decidedBy: string;
  };
  /**
   * Embeds long answers so the vote groups them by meaning (semanticVote); short answers vote by
   * exact equality either way. Defaults to none: every answer votes by exact normalised equality.
   */
  readonly answerVectors?: AnswerVectors;
  /** Ends paths unlikely to be right, and stops once the answer is settled. Defaults to none. */
  readonly earlyTermination?: EarlyTermination;
  /** Needed for any escalating decision; without it an escalation is refused at the checkpoint. */
  readonly escalation?: Escalation;
  /**
   * What a migrated path hands the stronger model (see handover.ts). Defaults to `defaultHandover`
   * (`restart`: the question alone, the best success per dollar measured; `transcript` hands over
   * the path's work so far and the handoff note).
   */
  readonly handover?: HandoverKind;
  /** Path `i` samples with seed `seed + i` (and `seed + 1000 + i` after a checkpoint). Defaults to 1. */
  readonly seed?: number;
  /** Defaults to the provider's. */
  readonly temperature?: number;
  /** Tokens one path may write in all. Defaults to `requestDefaults.maxTokens`. */
  readonly maxTokens?: number;
  /** Local paths running at once, one core each. Defaults to 2. */
  readonly concurrency?: number;
  /** Prices a call in US dollars. Defaults to free. */
  readonly price?: (provider: ChatProvider, tokensIn: number, tokensOut: number) => number;
  readonly clock: Clock;
  readonly onEvent?: (event: TaskEvent) => void;
  readonly signal?: AbortSignal;
};

/** What a task ended with. */
export type TaskOutcome = {
  readonly taskId: string;
  readonly status: 'answered' | 'no-answer' | 'stopped';
  readonly answer: string | null;
  readonly vote: VoteResult;
  readonly isLowConfidence: boolean;
  readonly decisions: readonly CheckpointDecision[];
  readonly paths: readonly PathSnapshot[];
  readonly costUsd: number;
  readonly tokens: { readonly in: number; readonly out: number };
};
