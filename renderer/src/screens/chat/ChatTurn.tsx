import { lazy, Suspense } from 'react';
import type { TaskStatus } from '#shared/domain.ts';
import type { ThreadTurn } from '#shared/ipc/Thread.ts';
import type { TaskEvent } from '#shared/taskEvents.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatUsd } from '../../format/formatUsd.ts';
import { taskStatusNames } from '../../format/taskStatusNames.ts';
import { toolActivity } from '../../format/toolActivity.ts';
import type { LaneState, TaskRunState } from '../../tasks/taskRunState.ts';

// Loaded when a turn's details are first opened: the lab view (graph, charts) is heavy.
const TurnDetails = lazy(async () => ({ default: (await import('./TurnDetails.tsx')).TurnDetails }));

/** What the leading path shows while it runs: its text so far, else what its newest tool call does, in words. */
export function streamText(lead: LaneState): string {
  if (lead.tokens !== '') return lead.tokens;
  const step = lead.steps.at(-1);
  return step === undefined ? '…' : toolActivity(step.tool);
}

type LiveFinishStatus = Extract<TaskEvent, { type: 'task-finished' }>['status'];

/** Props of ChatTurn. */
export type ChatTurnProps = {
  readonly turn: ThreadTurn;
  /** The turn's task as this page follows it live; undefined for a turn asked before the page opened. */
  readonly run: TaskRunState | undefined;
};

/** The path furthest ahead (most steps, then most text, then the lowest number): its text is streamed. */
export function leadingLane(lanes: readonly LaneState[]): LaneState | undefined {
  return [...lanes].sort(
    (a, b) => b.steps.length - a.steps.length || b.tokens.length - a.tokens.length || a.path - b.path,
  )[0];
}

/** What a turn says when earlier turns of the chat did not fit the local model's context. */
export function leftOutNote(count: number): string {
  return count === 1
    ? "1 earlier turn was left out to fit the model's context (the oldest go first)."
    : `${count} earlier turns were left out to fit the model's context (the oldest go first).`;
}

/** What to do about a turn without an answer: one action, where trying again can help. */
const tryAgain = ' Send it again, or open Options for more paths or cloud help.';

/**
 * Why a turn has no answer, in words (never the event's code such as "no-answer"): from the task's
 * end as this page saw it live, else as it was recorded.
 */
export function noAnswerText(live: LiveFinishStatus | undefined, recorded: TaskStatus | null): string {
  switch (live) {
    case 'no-answer':
      return `No answer: no path reached one.${tryAgain}`;
    case 'stopped':
      return `No answer: the paths were stopped early at the checkpoint, likely to fail.${tryAgain}`;
    case 'cancelled':
      return 'No answer: you stopped this turn.';
    case 'failed':
      return `No answer: this turn failed.${tryAgain}`;
    case 'answered':
      return 'No answer.';
    case undefined:
      break;
  }
  if (recorded === null) return 'No answer was recorded for this turn.';
  if (recorded === 'succeeded') return 'No answer.';
  if (recorded === 'cancelled') return 'No answer: you stopped this turn.';
  if (recorded === 'interrupted') return `No answer: the app closed while this turn ran.${tryAgain}`;
  return `No answer (${taskStatusNames[recorded].toLowerCase()}).${tryAgain}`;
}

/**
 * One question and its answer. While the task runs, the leading path's text streams in; once it
 * ends, the voted answer shows, with the paths, graph, checkpoint, cost and egress folded under it.
 */
export function ChatTurn({ turn, run }: ChatTurnProps) {
  // A turn just sent has no events yet and no recorded status: it is starting, not unanswered.
  const isDone = run === undefined ? turn.status !== null && turn.status !== 'running' : run.phase !== 'running';
  const isLive = !isDone;
  const lead = run === undefined ? undefined : leadingLane(run.lanes);
  const answer = run?.finish?.answer ?? turn.answer;
  const status = run?.finish?.status;
  return (
    <li
      className="chat-turn"
      data-testid="chat-turn"
      data-position={turn.position}
      data-carried-turns={turn.carriedTurns ?? undefined}
    >
      <div className="chat-message chat-user">
        <span className="visually-hidden">You: </span>
        {turn.prompt}
      </div>
      <div className="chat-message chat-assistant" data-testid="chat-answer" data-live={isLive}>
        {isLive ? (
          lead === undefined || run === undefined ? (
            <p className="loading" role="status">
              Starting: the local model loads once, then stays ready…
            </p>
          ) : (
            <>
              <p className="secondary-text" role="status">
                Path {lead.path + 1} of {run.pathCount} is writing ({run.lanes.length} running, they vote at the end)…
              </p>
              <p className="chat-stream" data-testid="chat-stream">
                {streamText(lead)}
              </p>
            </>
          )
        ) : answer !== null && answer !== undefined && answer !== '' ? (
          <p className="chat-answer-text">{answer}</p>
        ) : (
          <p className="secondary-text" data-testid="chat-no-answer">
            {noAnswerText(status, turn.status)}
          </p>
        )}
        {(turn.leftOutTurns ?? 0) > 0 && (
          <p className="secondary-text" data-testid="chat-context-note">
            {leftOutNote(turn.leftOutTurns ?? 0)}
          </p>
        )}
        {run?.phase === 'failed' && run.error !== null && <ErrorMessage error={run.error} title="This turn failed." />}
        {turn.taskId !== null && !isLive && (
          <details className="chat-turn-details">
            <summary>
              Paths, flow graph, checkpoint, cost ({formatUsd(run?.costUsd ?? turn.costUsd)}) and what left this
              computer
            </summary>
            <Suspense fallback={<p className="loading">Loading the details…</p>}>
              <TurnDetails taskId={turn.taskId} />
            </Suspense>
          </details>
        )}
      </div>
    </li>
  );
}
