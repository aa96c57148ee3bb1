import { isWellFormedAnswer, normalizeAnswer } from '#shared/answerForm.ts';
import type { TaskDetailPath } from '#shared/ipc/TaskDetail.ts';

/** One group of a recorded vote: its answer as the vote showed it, and the paths it counted. */
export type RecordedVoteGroup = { readonly answer: string; readonly paths: readonly number[] };

const meaningPrefix = 'meaning:';

/**
 * The groups a recorded task's vote used, largest first (ties: the lowest path first, as the engine
 * orders them). A task that kept its vote shows exactly that vote (by meaning where it voted by
 * meaning, the escalated paths alone where they decided). One recorded before gets the engine's
 * grouping back as well as it is kept: a long answer's group by meaning, shown as the member whose
 * text is the group's key, else the normalised answer; malformed answers do not count.
 */
export function recordedTally(paths: readonly TaskDetailPath[]): RecordedVoteGroup[] {
  const hasKeptVote = paths.some((path) => path.voteGroup !== null);
  const groups = new Map<string, { answer: string; paths: number[] }>();
  for (const path of paths) {
    const key = hasKeptVote ? path.voteGroup : groupKeyOf(path);
    if (key === null) continue;
    const group = groups.get(key) ?? { answer: hasKeptVote ? key : labelOf(key, paths), paths: [] };
    group.paths.push(path.index);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ answer: group.answer, paths: [...group.paths].sort((a, b) => a - b) }))
    .sort((a, b) => b.paths.length - a.paths.length || (a.paths[0] ?? 0) - (b.paths[0] ?? 0));
}

function groupKeyOf(path: TaskDetailPath): string | null {
  if (path.answer === null || !isWellFormedAnswer(path.answer)) return null;
  return path.answerGroup ?? normalizeAnswer(path.answer);
}

/** A group by meaning reads as its central member's answer (whose normalised text is its key). */
function labelOf(key: string, paths: readonly TaskDetailPath[]): string {
  if (!key.startsWith(meaningPrefix)) return key;
  const text = key.slice(meaningPrefix.length);
  const central = paths.find(
    (path) => path.answerGroup === key && path.answer !== null && normalizeAnswer(path.answer) === text,
  );
  return central?.answer?.trim() ?? text;
}
