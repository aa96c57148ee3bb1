import type { GraphTensors } from '#core/graph/toGraphTensors.ts';
import { normalizedAdjacency } from './normalizedAdjacency.ts';

/** A flow graph ready for the GCN: features and the normalised propagation matrix Â. */
export type PreparedGraph = {
  readonly nodeCount: number;
  readonly featureSize: number;
  /** Row-major nodeCount × featureSize. */
  readonly features: Float32Array;
  /** Row-major nodeCount × nodeCount, Â[target][source]. */
  readonly adjacency: Float32Array;
  readonly graphFeatures: Float32Array;
};

/** Computes Â once per graph (training reuses it every epoch). */
export function prepareGraph(graph: GraphTensors): PreparedGraph {
  return {
    nodeCount: graph.nodeCount,
    featureSize: graph.featureSize,
    features: graph.features,
    adjacency: normalizedAdjacency(graph.nodeCount, graph),
    graphFeatures: graph.graphFeatures,
  };
}
