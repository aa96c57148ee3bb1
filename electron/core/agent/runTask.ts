import { CancelledError } from '#core/errors.ts';
import { runParallel } from './runParallel.ts';
import { runSequential } from './runSequential.ts';
import type { RunTaskOptions, TaskOutcome } from './runTaskTypes.ts';
import { createTaskRun, snapshot } from './TaskRun.ts';
import { semanticVote } from './semanticVote.ts';
import { majorityVote, taskVote } from './vote.ts';

export type {
  CheckpointDecision,
  CheckpointState,
  Escalation,
  PathCall,
  PathSnapshot,
  PathStatus,
  RunTaskOptions,
  TaskOutcome,
} from './runTaskTypes.ts';

/**
 * Runs one task as R self-consistency paths on the local model, with an optional checkpoint where
 * a decision continues, stops early, or hands paths to a stronger provider (parallel hotswap: every
 * path; sequential: the paths not run yet; selective: the m most promising). A migrated path is
 * handed over as `options.handover` says (by default `restart`: it starts afresh on the stronger
 * model from the question with the whole budget; `transcript` keeps its transcript up to its last
 * executed call, gets the handoff note and the rest of its budget), with the same tools; its step numbers
 * go on from the local ones. A failing escalation
 * (cloud error, denial, budget) falls back: the path goes on locally and a `fallback` event says why. The answer is the majority vote
 * over the escalated paths when an escalated path answered, else over all (see `taskVote`). Cancelling rejects with CancelledError after every running
 * continuation has stopped.
 */
export async function runTask(options: RunTaskOptions): Promise<TaskOutcome> {
  const { task, taskId, clock } = options;
  const strategy = options.strategy ?? 'parallel';
  const run = createTaskRun(options);
  const { paths, decisions } = run;
  run.emit({ type: 'task-started', taskId, prompt: task.prompt, paths: paths.length, strategy, at: clock.now() });
  try {
    await (strategy === 'parallel' ? runParallel(run) : runSequential(run));
  } catch (error) {
    if (options.signal?.aborted) throw new CancelledError();
    throw error;
  }

  const voting = paths.map((path) => ({
    answer: path.status === 'answered' ? path.answer : null,
    isEscalated: path.provider !== options.local,
  }));
  // Long answers vote by meaning when the task can embed them (the same vectors the checkpoint saw).
  const vectors = await options.answerVectors?.embed(
    voting.map((path) => path.answer),
    options.signal,
  );
  const vote = taskVote(voting, vectors === undefined ? majorityVote : (answers) => semanticVote(answers, vectors));
  run.emit({ type: 'vote', taskId, tally: vote.tally, winner: vote.winner, at: clock.now() });
  const wasStopped = decisions.some((decision) => decision.action === 'stop');
  const support = vote.tally[0]?.paths.length ?? 0;
  // Support is measured among the voters: all paths, or the escalated ones when they decide.
  const voters = vote.isEscalatedVote ? paths.filter((path) => path.provider !== options.local).length : paths.length;
  // Low confidence: stopped early, no majority, a tie at the top, or a single voter.
  const isTie = (vote.tally[1]?.paths.length ?? 0) === support;
  const isLowConfidence = wasStopped || support * 2 <= voters || isTie || voters < 2;
  const status: TaskOutcome['status'] = vote.winner !== null ? 'answered' : wasStopped ? 'stopped' : 'no-answer';
  const { costUsd } = run;
  run.emit({ type: 'task-finished', taskId, status, answer: vote.winner, isLowConfidence, costUsd, at: clock.now() });
  return {
    taskId,
    status,
    answer: vote.winner,
    vote,
    isLowConfidence,
    decisions,
    paths: run.paths.map(snapshot),
    costUsd,
    tokens: run.tokens,
  };
}
