import type { Transcript, TranscriptMessage } from '#core/llm/chat/Transcript.ts';

/** One earlier turn of a chat as its follow-up carries it: the question and the answer it got. */
export type ConversationTurn = { readonly question: string; readonly answer: string };

/** What {@link fitConversation} measures against. */
export type ContextBudget = {
  /** Tokens of the local model's context a path runs in. */
  readonly contextSize: number;
  /** Tokens one path may write (`maxTokens`). */
  readonly maxTokens: number;
  /** Tokens a transcript takes as the local model reads it (its chat format, its tokenizer). */
  readonly measure: (transcript: Transcript) => number;
};

/** Which earlier turns a path starts with. */
export type FittedConversation = {
  /** The carried turns as user and assistant messages, oldest first. */
  readonly history: readonly TranscriptMessage[];
  readonly carriedTurns: number;
  /** Earlier turns left out because they did not fit; 0 when all were carried. */
  readonly leftOutTurns: number;
  /** Tokens the path's start takes with the carried turns (what `measure` said). */
  readonly promptTokens: number;
};

/**
 * The room a path keeps for its own work (its answer, tool calls and their results): its token
 * allowance, but at most half the context, so that a small model with a large allowance still
 * carries some of the conversation.
 */
export function workRoom(budget: Pick<ContextBudget, 'contextSize' | 'maxTokens'>): number {
  return Math.min(budget.maxTokens, Math.floor(budget.contextSize / 2));
}

/**
 * The stated rule for a follow-up's context. A path starts with the system prompt, the tools, the
 * carried turns and the new question; the earlier turns may fill the context up to `contextSize -
 * workRoom`, measured with the model's own tokenizer and chat format. They are taken newest first,
 * each one whole (its question and answer) or not at all, and once a turn does not fit no older
 * turn is carried: the conversation a path sees has no holes. What is left out is counted, so the
 * turn can say so. The question and system prompt are always kept, even when they alone are too
 * long (the path then ends for lack of room, as any overlong question does).
 */
export function fitConversation(
  start: Transcript,
  turns: readonly ConversationTurn[],
  budget: ContextBudget,
): FittedConversation {
  const limit = budget.contextSize - workRoom(budget);
  const systemCount = start.messages.findIndex((message) => message.role !== 'system');
  const split = systemCount < 0 ? start.messages.length : systemCount;
  const withHistory = (history: readonly TranscriptMessage[]): Transcript => ({
    tools: start.tools,
    messages: [...start.messages.slice(0, split), ...history, ...start.messages.slice(split)],
  });
  let history: TranscriptMessage[] = [];
  let promptTokens = budget.measure(start);
  let carried = 0;
  for (const turn of [...turns].reverse()) {
    const candidate: TranscriptMessage[] = [
      { role: 'user', text: turn.question },
      { role: 'assistant', text: turn.answer, toolCalls: [] },
      ...history,
    ];
    const tokens = budget.measure(withHistory(candidate));
    if (tokens > limit) break;
    history = candidate;
    promptTokens = tokens;
    carried += 1;
  }
  return { history, carriedTurns: carried, leftOutTurns: turns.length - carried, promptTokens };
}
