import type { ThreadTurn } from '#shared/ipc/Thread.ts';
import type { ConversationTurn } from '#core/agent/fitConversation.ts';

/**
 * The earlier turns a follow-up carries, oldest first: each question with the answer its task
 * voted for. The paths get them as real user and assistant messages before the new question (as
 * many as fit the local model's context, `fitConversation`), and an escalation sends them through
 * the egress gate's redaction like the rest of the transcript. A turn that got no answer (failed,
 * cancelled, stopped, still running) is not carried: there is no answer to put in the model's mouth.
 */
export function conversationOf(earlier: readonly ThreadTurn[]): ConversationTurn[] {
  return earlier.flatMap((turn) =>
    turn.answer === null || turn.answer.trim() === '' ? [] : [{ question: turn.prompt, answer: turn.answer }],
  );
}
