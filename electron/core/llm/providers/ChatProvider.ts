import type { JsonValue, Transcript, TranscriptTool } from '#core/llm/chat/Transcript.ts';
import type { ToolCallContext } from './ToolCallContext.ts';

/** The tools a provider may offer the model, and how the engine executes a call. */
export type ToolRunner = {
  /** What the model is told; replaces the transcript's tool list for the continuation. */
  readonly definitions: readonly TranscriptTool[];
  /**
   * Executes one call for real; bad input is an error result (e.g. `"error: ..."`), never a throw.
   * A cloud escalation passes `context` so that results are redacted as whole documents.
   */
  readonly call: (name: string, args: JsonValue, context?: ToolCallContext) => JsonValue | Promise<JsonValue>;
  /**
   * Whether a tool needs real values where the cloud wrote placeholders (a file path that names a
   * person). Tools whose output reflects their input (a calculator's error quotes the expression)
   * get the placeholders as they are. Defaults to none.
   */
  readonly acceptsOriginals?: (name: string) => boolean;
  /**
   * Whether a tool's result carries the person's own data (a file's text, a folder's names): in the
   * ask privacy mode such a result is shown and approved before it leaves, unless the person
   * approved the whole task. A calculator's result adds nothing the cloud did not write. Defaults to none.
   */
  readonly readsLocalData?: (name: string) => boolean;
};

/** What one cloud request is about to send: the request body and the most the model may write. */
export type MeteredRequest = {
  /** Bytes of the request body as it leaves (its input tokens are bounded from this). */
  readonly bodyBytes: number;
  /** The request's `max_tokens`. */
  readonly maxTokens: number;
};

/** One cloud request's hold on the budget. */
export type RequestHold = {
  /**
   * Charges what the request used, once, at the billed model's price; `usage` null (the response
   * reported none) charges the held worst case. `mustStop` ends the tool loop: the response named a
   * model with no known price, or a dearer one than requested.
   */
  settle(
    usage: { readonly tokensIn: number; readonly tokensOut: number } | null,
    billedModel: string | undefined,
  ): { costUsd: number; mustStop: boolean };
  /** Gives the hold back: the request failed before it cost anything. */
  release(): void;
};

/**
 * Holds each cloud request's worst case against the budget before it is sent (each round of a tool
 * loop is a request). `hold` throws `budget-exceeded` to refuse the request: nothing is sent then.
 */
export type RequestMeter = {
  hold(request: MeteredRequest): RequestHold;
};

/** Options of {@link ChatProvider.continueTranscript}. */
export type ContinueTranscriptOptions = {
  readonly tools: ToolRunner;
  /** Tool calls allowed in this continuation; the model asking for one more ends it as `exhausted`. */
  readonly stepBudget: number;
  /** Sampling seed of this path: the same seed and transcript give the same continuation locally. */
  readonly seed: number;
  /** Defaults to `requestDefaults.temperature`. */
  readonly temperature?: number;
  /** Tokens the model may write in this continuation, over all its rounds. Defaults to `requestDefaults.maxTokens`. */
  readonly maxTokens?: number;
  /**
   * Cloud providers hold every request's worst case here before sending it and settle it after.
   * The egress escalation always passes one; without it nothing is charged (a free local server).
   */
  readonly meter?: RequestMeter;
  /** Aborting cancels the continuation: it rejects with a CancelledError. */
  readonly signal?: AbortSignal;
  /**
   * Receives the model's text as it is generated, in every round of the continuation (tool-call
   * syntax is not text and is not streamed). Defaults to none.
   */
  readonly onToken?: (text: string) => void;
};

/** What a continuation produced. */
export type ContinueTranscriptResult = {
  /**
   * The input transcript with the model's messages and the engine's tool results appended. An
   * exhausted path's unfinished text after its last call is left out: it would read as an answer.
   */
  readonly transcript: Transcript;
  /** The final answer text (trimmed), or null when the path was exhausted. */
  readonly answer: string | null;
  /** Tool calls executed in this continuation. */
  readonly steps: number;
  /** Prompt tokens the provider read (for a local model: evaluated in this path's context). */
  readonly tokensIn: number;
  /** Tokens the model wrote. */
  readonly tokensOut: number;
  /**
   * `answered`: the model ended its turn with text. `exhausted`: it asked for a call beyond the step
   * budget, or ran out of tokens, without answering.
   */
  readonly status: 'answered' | 'exhausted';
  /**
   * Whether an exhausted continuation stopped because the local model's context had no room left
   * (rather than its token allowance or step budget). Absent for cloud providers.
   */
  readonly isContextFull?: boolean;
  /**
   * The model the cloud's responses named (the one that billed; a router such as OpenRouter may
   * pick another than requested). Absent for local models.
   */
  readonly billedModel?: string;
  /** What the meter charged for the continuation's requests, in US dollars; absent without a meter. */
  readonly costUsd?: number;
};

/**
 * A chat model the engine can run a tool-using path on, local (node-llama-cpp) or cloud. Providers
 * share the provider-neutral `Transcript`, so a path started on one can continue on another.
 */
export type ChatProvider = {
  /** Stable for the loaded model, e.g. `local:source.gguf`. */
  readonly id: string;
  /** The model's own name (GGUF `general.name`, or the cloud model id). */
  readonly modelName: string;
  readonly locality: 'local' | 'cloud';
  /**
   * Lets the model continue the transcript (which ends with a user message or a tool result) with
   * tool calls, executed through `options.tools`, until it answers or the step budget is spent.
   */
  continueTranscript(transcript: Transcript, options: ContinueTranscriptOptions): Promise<ContinueTranscriptResult>;
  /** Frees the model and everything it holds; the provider is unusable afterwards. */
  dispose(): Promise<void>;
};
