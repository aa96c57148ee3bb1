import { isWellFormedAnswer, normalizeAnswer } from '#shared/answerForm.ts';

/** One answer of the vote and the paths that gave it. */
export type VoteTally = { readonly answer: string; readonly paths: readonly number[] };

/** The outcome of a majority vote. */
export type VoteResult = {
  /** Normalised answers, most votes first; ties in order of the lowest path index that gave them. */
  readonly tally: readonly VoteTally[];
  /** The first answer of the tally, or null when no path answered. */
  readonly winner: string | null;
};

// The answer's form lives in shared/: History's vote chart counts recorded answers the same way.
export { isWellFormedAnswer, normalizeAnswer };

/**
 * Majority vote over the paths' answers (null: the path did not answer, and does not vote). The tie
 * rule: among answers with the most votes, the one given by the lowest path index wins, so the
 * result depends only on which path said what, never on finishing order.
 */
export function majorityVote(answers: readonly (string | null)[]): VoteResult {
  const byAnswer = new Map<string, number[]>();
  answers.forEach((answer, path) => {
    if (answer === null || !isWellFormedAnswer(answer)) return;
    const key = normalizeAnswer(answer);
    byAnswer.set(key, [...(byAnswer.get(key) ?? []), path]);
  });
  const tally = [...byAnswer.entries()]
    .map(([answer, paths]) => ({ answer, paths }))
    .sort((a, b) => b.paths.length - a.paths.length || (a.paths[0] ?? 0) - (b.paths[0] ?? 0));
  return { tally, winner: tally[0]?.answer ?? null };
}

/** A path's final state as the vote sees it. */
export type VotingPath = {
  /** The answer, or null when the path did not answer. */
  readonly answer: string | null;
  /** Whether the path finished on the stronger provider a checkpoint escalated to. */
  readonly isEscalated: boolean;
};

/**
 * The task's vote. When a checkpoint escalated and some escalated path answered, only the
 * escalated paths vote: the checkpoint judged the local paths likely wrong, and a selective
 * hotswap would otherwise be outvoted by the very paths it was called to overrule. Otherwise every
 * answered path votes. Ties as in {@link majorityVote}.
 * @param vote How the voters' answers (null for a path that does not vote, indexed by path) are
 * counted. Defaults to {@link majorityVote}; the vote by meaning is `semanticVote`.
 */
export function taskVote(
  paths: readonly VotingPath[],
  vote: (answers: readonly (string | null)[]) => VoteResult = majorityVote,
): VoteResult & { readonly isEscalatedVote: boolean } {
  const isEscalatedVote = paths.some((path) => path.isEscalated && path.answer !== null);
  const result = vote(paths.map((path) => (isEscalatedVote && !path.isEscalated ? null : path.answer)));
  return { ...result, isEscalatedVote };
}
