import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowGraphOptions } from './flowGraphConfig.ts';
import { parallelArrivals } from './parallelArrivals.ts';
import { SemanticFlowGraph } from './SemanticFlowGraph.ts';
import { withTextSteps } from './textSteps.ts';

/**
 * The flow graph of a recorded task as seen in parallel mode after `k` steps of every path
 * (answers only of paths that finished within `k`), events applied in {@link parallelArrivals} order.
 * With `options.textSteps`, paths that answered in text count their sentences as steps (withTextSteps).
 */
export function buildParallel(trajectory: Trajectory, k: number, options: FlowGraphOptions): SemanticFlowGraph {
  const graph = new SemanticFlowGraph(options);
  const source = graph.config.textSteps ? withTextSteps(trajectory) : trajectory;
  for (const event of parallelArrivals(source, k)) graph.apply(event);
  return graph;
}
