/** One answer of the vote and the paths that gave it. */
export type VoteTally = { readonly answer: string; readonly paths: readonly number[] };

/** The outcome of a majority vote. */
export type VoteResult = {
  /** Normalised answers, most votes first; ties in order of the lowest path index that gave them. */
  readonly tally: readonly VoteTally[];
  /** The first answer of the tally, or null when no path answered. */
  readonly winner: string | null;
};

/**
 * An answer as the vote compares it: trimmed, whitespace collapsed, lower-cased, a trailing full
 * stop dropped; a number (with thousands separators or a trailing `.0`) written canonically, so
 * `1,124`, `1124.` and ` 1124.0` vote together.
 */
export function normalizeAnswer(answer: string): string {
  const text = answer.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase();
  const numeric = text.replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (/^[-+]?\d+(\.\d+)?$/.test(numeric)) return String(Number(numeric));
  return text;
}

/**
 * Whether an answer is one at all: a text cut off inside JSON (`{"expr": "7`) or with an unclosed
 * quote is a half-written tool call, not an answer, and does not vote.
 */
export function isWellFormedAnswer(answer: string): boolean {
  const text = answer.trim();
  if (text === '') return false;
  if (/^[[{]/.test(text)) {
    try {
      JSON.parse(text);
    } catch {
      return false;
    }
    return true;
  }
  return (text.match(/"/g)?.length ?? 0) % 2 === 0;
}

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
