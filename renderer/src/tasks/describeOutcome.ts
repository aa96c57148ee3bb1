import type { TaskEvent } from '#shared/taskEvents.ts';

type Finish = Extract<TaskEvent, { type: 'task-finished' }>;
type Tally = Extract<TaskEvent, { type: 'vote' }>['tally'];

/**
 * How a task ended, in words that match its vote: a majority is named as one with its count; no
 * majority, a tie at the top and a single answering path read as low confidence, never "majority".
 */
export function describeOutcome(finish: Finish, tally: Tally): string {
  switch (finish.status) {
    case 'no-answer':
      return 'No path answered';
    case 'stopped':
      return 'Stopped early at the checkpoint - low confidence';
    case 'cancelled':
      return 'Cancelled';
    case 'failed':
      return 'Failed';
    case 'answered':
      break;
  }
  const votes = tally.reduce((sum, entry) => sum + entry.paths.length, 0);
  const top = tally[0]?.paths.length ?? 0;
  if (votes === 1) return 'Only one path answered - low confidence';
  if ((tally[1]?.paths.length ?? 0) === top)
    return `Tie between answers (${top} ${top === 1 ? 'vote' : 'votes'} each) - low confidence`;
  if (top * 2 <= votes) return 'No agreement - low confidence';
  return `Answered by majority vote (${top} of ${votes} votes)${finish.isLowConfidence ? ' - low confidence' : ''}`;
}
