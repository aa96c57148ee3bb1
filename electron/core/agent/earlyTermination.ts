import type { Transcript } from '#core/llm/chat/Transcript.ts';
import { normalizeAnswer, isWellFormedAnswer } from './vote.ts';

/**
 * Ending self-consistency paths early (issue 19, item 6). Two rules, one per strategy:
 *
 * - Parallel (`prune`): paths start in waves of `concurrency`. A path whose calls use a number found
 *   nowhere in what it had read (the question, the system prompt, earlier tool results) is judged
 *   made up and pruned: it ends at the checkpoint if it is still running, and it never votes. Once
 *   `settleVotes` kept paths gave the same answer, more than gave any other, the answer is settled:
 *   later paths do not start, and paused paths end at the checkpoint.
 * - Sequential (`agreementWindow`): early-stopping self-consistency (ESC, Li et al., ICLR 2024):
 *   paths run one after another in windows of `w`, and sampling stops after a window whose answers
 *   all agree.
 *
 * A pruned path is recorded as stopped (not failed) and does not vote. Settings name it "End
 * unlikely paths early".
 */
export type EarlyTermination = {
  /** Parallel strategy only. Defaults to none: every path runs to its end. */
  readonly prune?: {
    /** Agreeing answers of kept paths that settle the task. Defaults to 1. */
    readonly settleVotes?: number;
  };
  /** Sequential strategy only: the ESC window. Defaults to none: every path runs. */
  readonly agreementWindow?: number;
};

/** What prune judges a path by: the calls it made so far, with their results. */
export type GroundingCall = { readonly arguments: unknown; readonly result?: string };

const numbersIn = (text: string): string[] => text.match(/\d+/g) ?? [];

/** The texts every path starts from (system prompt and question): their numbers are known to every call. */
export function knownTexts(initial: Transcript): string[] {
  return initial.messages.flatMap((message) =>
    message.role === 'system' || message.role === 'user' ? [message.text] : [],
  );
}

/**
 * Whether every number in the path's call arguments appears in what the path had read before the
 * call: the starting texts or an earlier call's result. A number from nowhere is a copying slip or
 * an invented operand, the commonest way a small model's tool path goes wrong; calls without
 * numbers are always grounded.
 */
export function isGroundedPath(known: readonly string[], calls: readonly GroundingCall[]): boolean {
  const seen = new Set(known.flatMap(numbersIn));
  for (const call of calls) {
    if (numbersIn(JSON.stringify(call.arguments ?? null)).some((number) => !seen.has(number))) return false;
    for (const number of numbersIn(call.result ?? '')) seen.add(number);
  }
  return true;
}

/**
 * Whether kept paths already settle the task: one answer was given by at least `settleVotes` of
 * them and by more of them than any other answer (a tie is not settled). Answers compare as the
 * vote compares them; `null`: no answer yet.
 */
export function isSettled(keptAnswers: readonly (string | null)[], settleVotes: number): boolean {
  const counts = new Map<string, number>();
  for (const answer of keptAnswers) {
    if (answer === null || !isWellFormedAnswer(answer)) continue;
    const key = normalizeAnswer(answer);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [first = 0, second = 0] = [...counts.values()].sort((a, b) => b - a);
  return first >= settleVotes && first > second;
}

/** ESC's stopping rule: every path of the window answered, and all answers agree. */
export function isWindowUnanimous(windowAnswers: readonly (string | null)[]): boolean {
  if (windowAnswers.length === 0) return false;
  const keys = windowAnswers.map((answer) =>
    answer === null || !isWellFormedAnswer(answer) ? null : normalizeAnswer(answer),
  );
  return keys.every((key) => key !== null && key === keys[0]);
}
