import type { PreparedGraph } from './prepareGraph.ts';

/** Several graphs as one disconnected graph: what one forward pass reads. */
export type GraphBatch = {
  readonly graphCount: number;
  readonly nodeCount: number;
  readonly featureSize: number;
  readonly graphFeatureSize: number;
  /** Stacked node features, nodeCount × featureSize. */
  readonly features: Float32Array;
  /** Block-diagonal Â, nodeCount × nodeCount. */
  readonly adjacency: Float32Array;
  /** Mean-pool matrix, graphCount × nodeCount: 1/n over the graph's own nodes. */
  readonly pooling: Float32Array;
  /** graphCount × graphFeatureSize. */
  readonly graphFeatures: Float32Array;
};

/**
 * Stacks graphs into one block-diagonal batch, so the batch runs as plain 2-D matrix products
 * (the fast path of the wasm backend). Graphs of a flow-graph predictor are small (tens of nodes),
 * so the dense block-diagonal matrix stays small too.
 */
export function batchGraphs(graphs: readonly PreparedGraph[]): GraphBatch {
  const first = graphs[0];
  if (first === undefined) throw new Error('batchGraphs needs at least one graph.');
  const { featureSize } = first;
  const graphFeatureSize = first.graphFeatures.length;
  const nodeCount = graphs.reduce((sum, graph) => sum + graph.nodeCount, 0);
  const features = new Float32Array(nodeCount * featureSize);
  const adjacency = new Float32Array(nodeCount * nodeCount);
  const pooling = new Float32Array(graphs.length * nodeCount);
  const graphFeatures = new Float32Array(graphs.length * graphFeatureSize);
  let offset = 0;
  graphs.forEach((graph, index) => {
    if (graph.featureSize !== featureSize || graph.graphFeatures.length !== graphFeatureSize)
      throw new Error('Graphs of one batch need the same feature sizes.');
    const size = graph.nodeCount;
    features.set(graph.features, offset * featureSize);
    for (let row = 0; row < size; row++) {
      adjacency.set(graph.adjacency.subarray(row * size, (row + 1) * size), (offset + row) * nodeCount + offset);
      pooling[index * nodeCount + offset + row] = 1 / size;
    }
    graphFeatures.set(graph.graphFeatures, index * graphFeatureSize);
    offset += size;
  });
  return {
    graphCount: graphs.length,
    nodeCount,
    featureSize,
    graphFeatureSize,
    features,
    adjacency,
    pooling,
    graphFeatures,
  };
}
