import { describe, expect, it } from 'vitest';
import { cutAtRecordedCheckpoint, cutParallel, cutSequential } from '#core/trajectory/cutTrajectory.ts';
import { makeRun, makeStep, makeTrajectory } from '../predictor/makeTrajectory.ts';

const trajectory = makeTrajectory(
  [
    makeRun(1, [], 'A.zero()'),
    makeRun(2, [makeStep(), makeStep(), makeStep()], 'A.three()'),
    makeRun(3, [makeStep(), makeStep(), makeStep(), makeStep(), makeStep()], 'A.five()', false),
  ],
  { success: false },
);

describe('cutParallel', () => {
  it('keeps the first k steps of every run and the answers of runs finished within k', () => {
    const cut = cutParallel(trajectory, 3);
    expect(cut.runs.map((run) => run.steps.length)).toEqual([0, 3, 3]);
    expect(cut.runs.map((run) => run.answer)).toEqual(['A.zero()', 'A.three()', null]);
    expect(cut.runs.map((run) => run.answerTokensIn)).toEqual([2000, 2000, 0]);
    expect(cut.runs.map((run) => run.answerTokensOut)).toEqual([15, 15, 0]);
  });

  it('hides every single-run label but keeps the task label', () => {
    const cut = cutParallel(trajectory, 10);
    expect(cut.runs.map((run) => run.success)).toEqual([null, null, null]);
    expect(cut.success).toBe(false);
    expect(cut.task).toBe(trajectory.task);
  });

  it('counts the answering call as a step when asked to', () => {
    expect(cutParallel(trajectory, 3, { isAnswerAStep: true }).runs.map((run) => run.answer)).toEqual([
      'A.zero()',
      null,
      null,
    ]);
    expect(cutParallel(trajectory, 0).runs.map((run) => run.answer)).toEqual(['A.zero()', null, null]);
    expect(cutParallel(trajectory, 0, { isAnswerAStep: true }).runs.map((run) => run.answer)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('does not change the original', () => {
    cutParallel(trajectory, 1);
    expect(trajectory.runs[2]?.steps).toHaveLength(5);
    expect(trajectory.runs[2]?.success).toBe(false);
  });

  it('refuses a step count that is not a whole number', () => {
    expect(() => cutParallel(trajectory, 1.5)).toThrow(/whole number/);
    expect(() => cutParallel(trajectory, -1)).toThrow(/whole number/);
  });
});

describe('cutSequential', () => {
  it('keeps only the first k complete runs, without their labels', () => {
    const cut = cutSequential(trajectory, 2);
    expect(cut.runs.map((run) => run.run)).toEqual([1, 2]);
    expect(cut.runs[1]?.steps).toHaveLength(3);
    expect(cut.runs[1]?.answer).toBe('A.three()');
    expect(cut.runs.map((run) => run.success)).toEqual([null, null]);
    expect(cut.success).toBe(false);
  });

  it('keeps every run when k exceeds their number', () => {
    expect(cutSequential(trajectory, 9).runs).toHaveLength(3);
  });
});

describe('cutAtRecordedCheckpoint', () => {
  it('shows what the live checkpoint saw: calls so far, answers of paths that made no more calls', () => {
    const recorded = { ...trajectory, checkpoint: 3 };
    const cut = cutAtRecordedCheckpoint(recorded, 'parallel');
    expect(cut.runs.map((run) => [run.steps.length, run.answer])).toEqual([
      [0, 'A.zero()'],
      // Its first leg (3 calls allowed) ended with its answer: the checkpoint saw it.
      [3, 'A.three()'],
      // Paused when it asked for a fourth call.
      [3, null],
    ]);
    expect(cut.success).toBe(recorded.success);
    expect(cutAtRecordedCheckpoint(recorded, 'sequential').runs).toHaveLength(3);
    expect(cutAtRecordedCheckpoint({ ...trajectory, checkpoint: 2 }, 'sequential').runs).toHaveLength(2);
  });

  it('keeps a task without a recorded checkpoint whole', () => {
    expect(cutAtRecordedCheckpoint(trajectory, 'parallel')).toBe(trajectory);
    expect(cutAtRecordedCheckpoint({ ...trajectory, checkpoint: null }, 'parallel').runs[1]?.answer).toBe('A.three()');
  });
});
