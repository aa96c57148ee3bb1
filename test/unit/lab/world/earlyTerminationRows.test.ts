// The replay behind bench prune's rows, on hand-made measured paths whose totals are worked out by
// hand: all paths, prune (waves, made-up calls, settling) and ESC, and ESC's line at equal tokens.
import { describe, expect, it } from 'vitest';
import type { PathSnapshot } from '#core/agent/runTask.ts';
import { earlyTerminationRows, escSuccessAt } from '#lab/world/earlyTerminationRows.ts';
import type { MeasuredPath, MeasuredTask } from '#lab/world/measureEarlyTermination.ts';
import { replayEsc, replayPrune } from '#lab/world/replayEarlyTermination.ts';

const leg = (tokensOut: number) => ({ tokensIn: 10, tokensOut, milliseconds: tokensOut });
const call = (expr: string, result: string) => ({ name: 'calc', arguments: { expr }, result });

/** A path: its calls, its answer, and whether it paused at the checkpoint (then its second leg costs 15). */
function measuredPath(index: number, expr: string, answer: string, isPaused = false): MeasuredPath {
  const calls = [call(expr, answer)];
  const atCheckpoint: PathSnapshot = {
    index,
    transcript: { tools: [], messages: [] },
    steps: 1,
    status: isPaused ? 'paused' : 'answered',
    answer: isPaused ? null : answer,
    providerId: 'local',
    calls,
  };
  return {
    index,
    atCheckpoint,
    before: leg(20),
    after: isPaused ? leg(5) : null,
    status: 'answered',
    answer,
    calls,
    isCorrect: answer === '14',
  };
}

function measuredTask(paths: MeasuredPath[]): MeasuredTask {
  return {
    taskId: 't',
    checkpointAt: 1,
    paths,
    knownTexts: ['What is 2+3*4?'],
    verify: (answer) => answer === '14',
  };
}

// Paths 0 and 1 disagree (2+12 is not grounded without a 12 read before: made up), 2 and 3 are right.
const task = measuredTask([
  measuredPath(0, '2+12', '14'),
  measuredPath(1, '2+3', '5'),
  measuredPath(2, '3*4', '14', true),
  measuredPath(3, '3*4', '14'),
  measuredPath(4, '2+3', '5'),
]);

describe('early termination replay', () => {
  it('prune: the made-up path never votes, the first kept answer settles after its wave', () => {
    // Wave 1: path 0 pruned (made up), path 1 answers 5 and settles at one vote; nothing else starts.
    expect(replayPrune(task, { settleVotes: 1, waveSize: 2 })).toMatchObject({
      answer: '5',
      isCorrect: false,
      pathsRun: 2,
      localTokens: 2 * 30,
      localTokensOut: 40,
    });
    // Two votes: waves 1 and 2 start (path 2 paused, path 3 answers 14), still one vote each; wave 3
    // starts path 4 (5 again: settled), and the paused path 2 ends at the checkpoint.
    expect(replayPrune(task, { settleVotes: 2, waveSize: 2 })).toMatchObject({
      answer: '5',
      pathsRun: 5,
      localTokens: 150,
    });
    // Three votes never settle: path 2 goes on (15 more tokens) and votes; 14 (paths 2, 3) ties with
    // 5 (paths 1, 4), and the tie goes to the answer of the lowest path.
    expect(replayPrune(task, { settleVotes: 3, waveSize: 5 })).toMatchObject({ answer: '5', localTokens: 165 });
  });

  it('ESC stops after a unanimous window only, and its line at equal tokens is the upper envelope', () => {
    expect(replayEsc(task, 2)).toMatchObject({ pathsRun: 4, answer: '14' });
    expect(replayEsc(task, 1)).toMatchObject({ pathsRun: 1, answer: '14', localTokens: 30 });
    const rows = earlyTerminationRows([task], { settleVotes: [1], escWindows: [2, 1] });
    expect(rows.map((row) => [row.name, row.success, row.localTokens])).toEqual([
      ['all-paths', 1, 165],
      ['prune@1', 0, 60],
      ['esc', 1, 135],
      ['esc@1', 1, 30],
    ]);
    // Between 0 tokens (0) and esc@1 (30 tokens, 1): half way is 0.5; beyond esc@1 it stays at 1.
    expect(escSuccessAt(rows, 15)).toBe(0.5);
    expect(escSuccessAt(rows, 60)).toBe(1);
    expect(escSuccessAt(rows, 1000)).toBeNull();
  });
});
