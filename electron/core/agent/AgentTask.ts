import type { TranscriptMessage } from '#core/llm/chat/Transcript.ts';
import type { ToolRunner } from '#core/llm/providers/ChatProvider.ts';

/** What a task asks and what its paths may use. */
export type AgentTask = {
  /** The person's question or task, the user message of every path. */
  readonly prompt: string;
  /** The system prompt of every path. Defaults to none. */
  readonly systemPrompt?: string;
  /**
   * The chat's earlier turns a follow-up carries, as user and assistant messages between the system
   * prompt and the question (see fitConversation.ts). A cloud escalation sends them through the same
   * redaction as the rest of the transcript. Defaults to none.
   */
  readonly history?: readonly TranscriptMessage[];
  /** The tools on offer; calls run for real through `call`. */
  readonly tools: ToolRunner;
  /** Tool calls one path may make in all, local and cloud legs together. */
  readonly stepBudget: number;
};
