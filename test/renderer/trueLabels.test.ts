// What the Tasks screen says about a hand-over, folded from real event sequences with the pure
// applyTaskUpdate and rendered with React's server renderer: "Cloud", "migrated" and "handed over"
// only when the cloud model ran the path; otherwise why it stayed local. The checkpoint speaks in
// sentences and percent (no field names), the chart marks where it decided, the outcome of a vote
// without a majority, a tie or a single answer reads low confidence, and money keeps its digits.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FallbackReason, TaskEvent } from '#shared/taskEvents.ts';
import { formatUsd } from '../../renderer/src/format/formatUsd.ts';
import { CheckpointDecisions } from '../../renderer/src/screens/tasks/CheckpointDecisions.tsx';
import { PathLanes } from '../../renderer/src/screens/tasks/PathLanes.tsx';
import { checkpointMark } from '../../renderer/src/screens/tasks/SuccessChanceChart.tsx';
import { describeOutcome } from '../../renderer/src/tasks/describeOutcome.ts';
import { applyTaskUpdate, type TaskRunState } from '../../renderer/src/tasks/taskRunState.ts';

const taskId = 't1';
const cloudId = 'openai:127.0.0.1/gpt-4o-mini';

const explanation = {
  decidedBy: 'cold-start: agreement across paths',
  failureProbability: null,
  threshold: 0.6,
  reason:
    'Balanced. 50% of the paths agree (cold start: no trained predictor yet); at 40% or less the checkpoint gets help.',
  facts: {
    operatingPoint: 'balanced',
    scoreKind: 'disagreement',
    agreement: 0.25,
    asksFirst: true,
    remainingBudgetUsd: 1,
    chosenMode: 'parallel',
    blockedBy: null,
  },
};

function handOver(ending: { reason: FallbackReason } | 'ran'): TaskRunState {
  const events: TaskEvent[] = [
    { type: 'task-started', taskId, prompt: 'What is 7*6?', paths: 1, strategy: 'parallel', at: 1 },
    { type: 'path-started', taskId, path: 0, provider: 'local:source', locality: 'local', at: 2 },
    { type: 'prediction', taskId, step: 1, failureProbability: 0.75, threshold: 0.6, decidedBy: 'cold-start', at: 3 },
    { type: 'checkpoint', taskId, checkpoint: 1, action: 'escalate-parallel', migratedPaths: [0], explanation, at: 4 },
    { type: 'path-started', taskId, path: 0, provider: cloudId, locality: 'cloud', at: 5 },
  ];
  if (ending === 'ran') {
    events.push(
      { type: 'token', taskId, path: 0, text: '42' },
      { type: 'path-finished', taskId, path: 0, status: 'answered', answer: '42', provider: cloudId, at: 6 },
    );
  } else {
    events.push(
      { type: 'fallback', taskId, path: 0, message: 'Nothing was sent.', reason: ending.reason, at: 6 },
      { type: 'path-finished', taskId, path: 0, status: 'answered', answer: '42', provider: 'local:source', at: 7 },
    );
  }
  return events.reduce<TaskRunState | undefined>(applyTaskUpdate, undefined) as TaskRunState;
}

function screenText(run: TaskRunState): string {
  const decisions = run.checkpoints.map((checkpoint) => ({
    checkpoint: checkpoint.checkpoint,
    where: null,
    action: checkpoint.action,
    migratedPaths: checkpoint.migratedPaths,
    explanation: checkpoint.explanation,
  }));
  return renderToStaticMarkup(
    createElement('div', null, [
      createElement(PathLanes, { key: 'lanes', lanes: run.lanes, pathCount: run.pathCount }),
      createElement(CheckpointDecisions, { key: 'checkpoint', decisions, lanes: run.lanes }),
    ]),
  ).replace(/<[^>]+>/g, ' ');
}

describe('labels on the Tasks screen', () => {
  it.each([
    ['denied', 'you denied sending it'],
    ['cap', 'a budget cap blocked it'],
    ['policy', 'the privacy policy does not allow it'],
    ['provider-failed', 'the cloud provider failed'],
  ] as const)('a %s hand-over is labelled local and says why', (reason, why) => {
    const text = screenText(handOver({ reason }));
    expect(text).toContain(`Stayed local: ${why}`);
    expect(text).toContain('No path was handed over');
    expect(text).not.toMatch(/Cloud ·|migrated|were handed over|Path \d+ was handed over/);
  });

  it('a hand-over that ran says Cloud, migrated and handed over', () => {
    const text = screenText(handOver('ran'));
    expect(text).toContain('Cloud · gpt-4o-mini at 127.0.0.1');
    expect(text).toContain('migrated');
    expect(text).toContain('Path 1 was handed over.');
  });

  it('the checkpoint is sentences in percent, with no field names', () => {
    const text = screenText(handOver('ran'));
    expect(text).toContain('Confidence 25%; the checkpoint gets help at 40% or less.');
    expect(text).not.toMatch(/operatingPoint|scoreKind|asksFirst|remainingBudgetUsd|chosenMode|blockedBy|0\.600/);
  });

  it('the chart marks the step where the checkpoint decided, with the same confidence and threshold', () => {
    const run = handOver('ran');
    expect(checkpointMark(run.predictions, run.checkpoints[0])).toEqual({ step: 1, confidence: 0.25, threshold: 0.4 });
    // The chart's own point at that step is the same quantity: 1 - 0.75.
    expect(1 - (run.predictions[0]?.failureProbability ?? 0)).toBe(0.25);
  });
});

describe('describeOutcome', () => {
  const finish = (isLowConfidence: boolean): Extract<TaskEvent, { type: 'task-finished' }> => ({
    type: 'task-finished',
    taskId,
    status: 'answered',
    answer: '7',
    isLowConfidence,
    costUsd: 0,
    at: 1,
  });
  const tally = (...counts: number[]) =>
    counts.map((count, index) => ({ answer: String(index), paths: Array.from({ length: count }, (_, i) => i) }));

  it('never calls one vote each a majority', () => {
    expect(describeOutcome(finish(true), tally(1, 1, 1, 1, 1))).toBe(
      'Tie between answers (1 vote each) - low confidence',
    );
    expect(describeOutcome(finish(true), tally(2, 1, 1, 1))).toBe('No agreement - low confidence');
    expect(describeOutcome(finish(true), tally(2, 2))).toMatch(/^Tie .* low confidence$/);
    expect(describeOutcome(finish(true), tally(1))).toBe('Only one path answered - low confidence');
    expect(describeOutcome(finish(false), tally(3, 2))).toBe('Answered by majority vote (3 of 5 votes)');
  });
});

describe('formatUsd', () => {
  it('shows enough digits for a small amount to be non-zero', () => {
    expect(formatUsd(0.000042)).toBe('$0.000042');
    expect(formatUsd(0.0042)).toBe('$0.0042');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(0)).toBe('$0.00');
  });
});
