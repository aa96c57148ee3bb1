import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowGraphOptions } from './flowGraphConfig.ts';
import { SemanticFlowGraph } from './SemanticFlowGraph.ts';
import { sequentialArrivals } from './sequentialArrivals.ts';
import { withTextSteps } from './textSteps.ts';

/**
 * The flow graph of the first `k` complete runs of a recorded task, run after run. With
 * `options.textSteps`, paths that answered in text count their sentences as steps (withTextSteps).
 */
export function buildSequential(trajectory: Trajectory, k: number, options: FlowGraphOptions): SemanticFlowGraph {
  const graph = new SemanticFlowGraph(options);
  const source = graph.config.textSteps ? withTextSteps(trajectory) : trajectory;
  for (const event of sequentialArrivals(source, k)) graph.apply(event);
  return graph;
}
