import type { Transcript, TranscriptTool, TranscriptToolCall } from '#core/llm/chat/Transcript.ts';

/** One assistant turn as a model wrote it, its tool calls not executed. */
export type AssistantTurn = {
  /** The turn's text (before its tool calls, if any), untrimmed. */
  readonly text: string;
  /** The calls the model asked for, ids unique within the transcript; empty unless `finishReason` is `toolCalls`. */
  readonly toolCalls: readonly TranscriptToolCall[];
  /** Prompt tokens read for this turn. */
  readonly tokensIn: number;
  /** Tokens the model wrote. */
  readonly tokensOut: number;
  /**
   * `toolCalls`: the model stopped to have its calls executed. `stop`: it ended its turn.
   * `length`: it ran out of tokens (or of context) first.
   */
  readonly finishReason: 'toolCalls' | 'stop' | 'length';
  /** The model the response says produced (and billed) it; a router may pick another. Absent locally. */
  readonly billedModel?: string;
  /** The response reported no usage (the token counts are then 0): a budget meter charges the request's worst case. */
  readonly isUsageMissing?: boolean;
};

/** Options of {@link TurnResponder.respond}. */
export type RespondOptions = {
  /** The tools the model is told about (the transcript's own list is replaced). */
  readonly tools: readonly TranscriptTool[];
  /** Sampling seed: the same seed and transcript give the same turn locally. */
  readonly seed: number;
  /** Defaults to `requestDefaults.temperature`. */
  readonly temperature?: number;
  /** Tokens the model may write in this turn. Defaults to `requestDefaults.maxTokens`. */
  readonly maxTokens?: number;
  /** Aborting cancels the turn: it rejects with a CancelledError. */
  readonly signal?: AbortSignal;
  /** Receives the turn's text as it is generated (tool-call syntax is not streamed). */
  readonly onToken?: (text: string) => void;
};

/** A model that writes one assistant turn at a time and leaves its tool calls to the caller: the local server's backend. */
export type TurnResponder = {
  /** The model's own name, reported by the server. */
  readonly modelName: string;
  /** Writes the next assistant turn of a transcript that ends with a user message or a tool result. */
  respond(transcript: Transcript, options: RespondOptions): Promise<AssistantTurn>;
};
