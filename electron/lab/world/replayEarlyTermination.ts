import { isGroundedPath, isSettled, isWindowUnanimous } from '#core/agent/earlyTermination.ts';
import { majorityVote } from '#core/agent/vote.ts';
import type { MeasuredLeg, MeasuredPath, MeasuredTask } from './measureEarlyTermination.ts';

/** One early-termination rule replayed on a measured task. */
export type ReplayOutcome = {
  /** The world verifier on the vote of the paths that voted. */
  readonly isCorrect: boolean;
  readonly answer: string | null;
  /** Tokens the local model read and wrote (prompt + output) over the legs that ran. */
  readonly localTokens: number;
  /** Tokens it wrote. */
  readonly localTokensOut: number;
  /** Model time of the legs that ran, summed (measured one path at a time). */
  readonly milliseconds: number;
  /** Paths that started. */
  readonly pathsRun: number;
};

type Used = { tokens: number; tokensOut: number; milliseconds: number; started: number };

const spend = (used: Used, leg: MeasuredLeg | null): void => {
  if (leg === null) return;
  used.tokens += leg.tokensIn + leg.tokensOut;
  used.tokensOut += leg.tokensOut;
  used.milliseconds += leg.milliseconds;
};

function finish(task: MeasuredTask, used: Used, voters: readonly (MeasuredPath | null)[]): ReplayOutcome {
  const vote = majorityVote(voters.map((path) => (path !== null && path.status === 'answered' ? path.answer : null)));
  return {
    isCorrect: task.verify(vote.winner),
    answer: vote.winner,
    localTokens: used.tokens,
    localTokensOut: used.tokensOut,
    milliseconds: used.milliseconds,
    pathsRun: used.started,
  };
}

/** Every path to its end, all voting: the engine without early termination (its checkpoint continuing). */
export function replayAllPaths(task: MeasuredTask): ReplayOutcome {
  const used: Used = { tokens: 0, tokensOut: 0, milliseconds: 0, started: task.paths.length };
  for (const path of task.paths) {
    spend(used, path.before);
    spend(used, path.after);
  }
  return finish(task, used, task.paths);
}

/**
 * runParallel's `prune` on the measured paths, step for step: waves of `waveSize`; after each local
 * leg a path whose calls are not grounded is pruned (no vote); once `settleVotes` kept answers
 * agree no further wave starts, and at the checkpoint (which continues) paused paths end.
 */
export function replayPrune(task: MeasuredTask, options: { settleVotes: number; waveSize: number }): ReplayOutcome {
  const known = task.knownTexts;
  const used: Used = { tokens: 0, tokensOut: 0, milliseconds: 0, started: 0 };
  const kept: (MeasuredPath | null)[] = task.paths.map(() => null);
  const answered = (): (string | null)[] => kept.flatMap((path) => (path === null ? [] : [path.answer]));
  const paused: MeasuredPath[] = [];
  for (let start = 0; start < task.paths.length; start += options.waveSize) {
    if (isSettled(answered(), options.settleVotes)) break;
    for (const path of task.paths.slice(start, start + options.waveSize)) {
      used.started += 1;
      spend(used, path.before);
      const atCheckpoint = path.atCheckpoint;
      if (!isGroundedPath(known, atCheckpoint.calls)) continue;
      if (atCheckpoint.status === 'paused') paused.push(path);
      else if (atCheckpoint.status === 'answered') kept[path.index] = path;
    }
  }
  if (!isSettled(answered(), options.settleVotes))
    for (const path of paused) {
      spend(used, path.after);
      if (isGroundedPath(known, path.calls)) kept[path.index] = path;
    }
  return finish(task, used, kept);
}

/** runSequential's ESC: paths one after another, stopping after a window of `window` whose answers all agree. */
export function replayEsc(task: MeasuredTask, window: number): ReplayOutcome {
  const used: Used = { tokens: 0, tokensOut: 0, milliseconds: 0, started: 0 };
  const ran: MeasuredPath[] = [];
  for (const path of task.paths) {
    used.started += 1;
    spend(used, path.before);
    spend(used, path.after);
    ran.push(path);
    const done = ran.length;
    if (done % window !== 0 || done >= task.paths.length) continue;
    const last = ran.slice(done - window).map((item) => (item.status === 'answered' ? item.answer : null));
    if (isWindowUnanimous(last)) break;
  }
  return finish(task, used, ran);
}
