import type { Trajectory } from '#core/trajectory/Trajectory.ts';
import type { FlowGraphOptions } from './flowGraphConfig.ts';
import { SemanticFlowGraph } from './SemanticFlowGraph.ts';
import { sequentialArrivals } from './sequentialArrivals.ts';

/** The flow graph of the first `k` complete runs of a recorded task, run after run. */
export function buildSequential(trajectory: Trajectory, k: number, options: FlowGraphOptions): SemanticFlowGraph {
  const graph = new SemanticFlowGraph(options);
  for (const event of sequentialArrivals(trajectory, k)) graph.apply(event);
  return graph;
}
