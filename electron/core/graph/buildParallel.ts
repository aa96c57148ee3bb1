import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowGraphOptions } from './flowGraphConfig.ts';
import { parallelArrivals } from './parallelArrivals.ts';
import { SemanticFlowGraph } from './SemanticFlowGraph.ts';

/**
 * The flow graph of a recorded task as seen in parallel mode after `k` steps of every path
 * (answers only of paths that finished within `k`), events applied in {@link parallelArrivals} order.
 */
export function buildParallel(trajectory: Trajectory, k: number, options: FlowGraphOptions): SemanticFlowGraph {
  const graph = new SemanticFlowGraph(options);
  for (const event of parallelArrivals(trajectory, k)) graph.apply(event);
  return graph;
}
