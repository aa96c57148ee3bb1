import type { AgentTask } from '#core/agent/AgentTask.ts';
import { fitConversation, type ConversationTurn } from '#core/agent/fitConversation.ts';
import { keepWithinContext } from '#core/agent/keepWithinContext.ts';
import type { Transcript } from '#core/llm/chat/Transcript.ts';
import type { ChatProvider } from '#core/llm/providers/ChatProvider.ts';
import type { LocalLlamaProvider } from '#core/llm/providers/LocalLlamaProvider.ts';
import type { RedactionVault } from '#core/privacy/RedactionVault.ts';

/** A chat follow-up's earlier turns and who hears how many of them its paths carried. */
export type TaskConversation = {
  /** Oldest first. */
  readonly turns: readonly ConversationTurn[];
  /**
   * Every earlier question and answer of the chat, carried or not (a failed turn, a turn left out
   * for context): the task's redaction learns their entities first (`RedactorOptions.knownTexts`).
   * Defaults to none.
   */
  readonly earlierTexts?: readonly string[];
  /**
   * The chat's redaction vault, shared by its turns and kept in its history (threads/threadVaults.ts,
   * so also after a restart): a secret an earlier turn hid (a password a tool read, whose placeholder
   * the cloud's answer named and the person was shown restored) is hidden again wherever a follow-up
   * carries it, with no detector needed to find it.
   * Defaults to a fresh vault for the task (it then learns only what the detectors find in `earlierTexts`).
   */
  readonly vault?: RedactionVault;
  readonly onFitted?: (fit: { readonly carriedTurns: number; readonly leftOutTurns: number }) => void;
};

/**
 * The task with as many of the chat's earlier turns as fit the local model's context, and the
 * provider its paths run on: the local model, which drops a path's oldest carried turn when the
 * path's own work fills the context (fitConversation.ts and keepWithinContext.ts state the rule).
 * `onFitted` hears the counts at the start and again whenever a path drops a turn (the worst path).
 */
export function withConversation(
  task: AgentTask,
  local: LocalLlamaProvider,
  maxTokens: number,
  conversation: TaskConversation | undefined,
): { task: AgentTask; pathProvider: ChatProvider } {
  if (conversation === undefined || conversation.turns.length === 0) return { task, pathProvider: local };
  const start: Transcript = {
    tools: task.tools.definitions,
    messages: [
      ...(task.systemPrompt === undefined ? [] : [{ role: 'system' as const, text: task.systemPrompt }]),
      { role: 'user', text: task.prompt },
    ],
  };
  const fit = fitConversation(start, conversation.turns, {
    contextSize: local.contextSize,
    maxTokens,
    measure: (transcript) => local.measureTranscript(transcript),
  });
  conversation.onFitted?.({ carriedTurns: fit.carriedTurns, leftOutTurns: fit.leftOutTurns });
  let mostDropped = 0;
  const pathProvider = keepWithinContext(local, fit.history, (dropped) => {
    if (dropped <= mostDropped) return;
    mostDropped = dropped;
    conversation.onFitted?.({ carriedTurns: fit.carriedTurns - dropped, leftOutTurns: fit.leftOutTurns + dropped });
  });
  return { task: { ...task, history: fit.history }, pathProvider };
}
