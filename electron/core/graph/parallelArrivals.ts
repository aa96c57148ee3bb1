import { cutParallel } from '#core/trajectory/cutTrajectory.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowEvent } from './SemanticFlowGraph.ts';

/**
 * The events a live parallel run would have produced by the time every path made `k` steps: each
 * path cut at `k` steps, its answer included only when it finished within `k` (`cutParallel`).
 * Arrival order is by time, then by run order, where step `t` arrives at time `t` and an answer at
 * time `steps.length`. Building a graph from these events is the same as watching the run live.
 * @param trajectory A recorded task; its labels are not read.
 * @param k Steps per path, 0 or more.
 */
export function parallelArrivals(trajectory: Trajectory, k: number): FlowEvent[] {
  const { runs } = cutParallel(trajectory, k);
  const events: FlowEvent[] = [];
  for (let time = 0; time <= k; time++) {
    for (const run of runs) {
      const pathId = String(run.run);
      const step = run.steps[time];
      if (step !== undefined) events.push({ pathId, type: 'step', step });
      else if (time === run.steps.length && run.answer !== null)
        events.push({ pathId, type: 'answer', answer: run.answer, group: run.answerGroup ?? null });
    }
  }
  return events;
}
