import { buildParallel } from '#core/graph/buildParallel.ts';
import { buildSequential } from '#core/graph/buildSequential.ts';
import { toGraphTensors } from '#core/graph/toGraphTensors.ts';
import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { GcnFeatureConfig } from './GcnCheckpoint.ts';
import { prepareGraph } from './prepareGraph.ts';
import type { GcnExample } from './trainGcn.ts';

/** A labelled graph that remembers its task, so splits can keep tasks apart. */
export type TaskGcnExample = GcnExample & { readonly task: string };

/**
 * The flow graph of every labelled trajectory as the predictor sees it at `k` (parallel: k steps
 * of every path; sequential: the first k runs), ready for the GCN. Unlabelled trajectories are
 * skipped.
 */
export function buildGcnExamples(
  trajectories: readonly Trajectory[],
  k: number,
  mode: 'parallel' | 'sequential',
  featureConfig: GcnFeatureConfig,
): TaskGcnExample[] {
  const build = mode === 'parallel' ? buildParallel : buildSequential;
  return trajectories
    .filter((trajectory) => trajectory.success !== null)
    .map((trajectory) => ({
      task: trajectory.task,
      isFailure: trajectory.success === false,
      graph: prepareGraph(
        toGraphTensors(build(trajectory, k, featureConfig.graph), { depthScale: featureConfig.depthScale }),
      ),
    }));
}
