import { lazy, Suspense } from 'react';
import type { ThreadTurn } from '#shared/ipc/Thread.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatUsd } from '../../format/formatUsd.ts';
import { taskStatusNames } from '../../format/taskStatusNames.ts';
import type { LaneState, TaskRunState } from '../../tasks/taskRunState.ts';

// Loaded when a turn's details are first opened: the lab view (graph, charts) is heavy.
const TurnDetails = lazy(async () => ({ default: (await import('./TurnDetails.tsx')).TurnDetails }));

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
                {lead.tokens === '' ? (lead.steps.at(-1)?.tool ?? '…') : lead.tokens}
              </p>
            </>
          )
        ) : answer !== null && answer !== undefined && answer !== '' ? (
          <p className="chat-answer-text">{answer}</p>
        ) : (
          <p className="secondary-text">
            No answer ({status ?? (turn.status === null ? 'not recorded' : taskStatusNames[turn.status].toLowerCase())}
            ).
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
