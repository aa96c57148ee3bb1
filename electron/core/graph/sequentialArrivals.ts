import { cutSequential } from '#core/trajectory/cutTrajectory.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowEvent } from './SemanticFlowGraph.ts';

/**
 * The events of the first `k` complete runs (`cutSequential`), one run after another: each run's
 * steps in order, then its answer. The order a sequential self-consistency run produces them in.
 * @param trajectory A recorded task; its labels are not read.
 * @param k Complete runs to include.
 */
export function sequentialArrivals(trajectory: Trajectory, k: number): FlowEvent[] {
  const events: FlowEvent[] = [];
  for (const run of cutSequential(trajectory, k).runs) {
    const pathId = String(run.run);
    for (const step of run.steps) events.push({ pathId, type: 'step', step });
    if (run.answer !== null)
      events.push({ pathId, type: 'answer', answer: run.answer, group: run.answerGroup ?? null });
  }
  return events;
}
