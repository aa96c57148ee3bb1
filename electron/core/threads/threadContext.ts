import type { ThreadTurn } from '#shared/ipc/Thread.ts';

/** Earlier turns a follow-up carries at most. */
export const contextTurnLimit = 6;

/** Characters of earlier turns a follow-up carries at most (the oldest are dropped first). */
export const contextCharacterLimit = 8_000;

/**
 * The question a follow-up's paths receive: the thread's earlier questions and answers, newest
 * last, then the new one. Every path gets it as its user message, so the local model sees the
 * conversation, and an escalation sends it through the egress gate's redaction like any prompt.
 * Turns without an answer keep their question, marked as unanswered.
 */
export function threadPrompt(earlier: readonly ThreadTurn[], prompt: string): string {
  const blocks: string[] = [];
  let size = 0;
  for (const turn of earlier.slice(-contextTurnLimit).reverse()) {
    const answer = turn.answer ?? '(no answer)';
    const block = `User: ${turn.prompt}\nAssistant: ${answer}`;
    if (size + block.length > contextCharacterLimit) break;
    blocks.unshift(block);
    size += block.length;
  }
  if (blocks.length === 0) return prompt;
  return `Earlier in this conversation:\n${blocks.join('\n')}\n\nFollow-up: ${prompt}`;
}
