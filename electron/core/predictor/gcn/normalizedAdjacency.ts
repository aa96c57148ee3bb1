/** A weighted directed edge list over `nodeCount` nodes (parallel arrays). */
export type WeightedEdges = {
  readonly sources: ArrayLike<number>;
  readonly targets: ArrayLike<number>;
  readonly weights: ArrayLike<number>;
};

/**
 * The dense propagation matrix of PyTorch Geometric's `GCNConv` (normalize=True,
 * add_remaining_self_loops with fill value 1), so that one layer is `Â · (X · W) + b`.
 * Self-loops of weight 1 are added to every node that has none (an existing self-loop keeps its
 * weight); degrees are summed over incoming edges (`deg[target] += w`); each edge contributes
 * `deg[source]^-½ · w · deg[target]^-½` to `Â[target][source]`, so a message only travels from
 * source to target. Duplicate edges add up.
 * @param nodeCount Number of nodes n.
 * @param edges Directed edges with weights.
 * @returns Row-major n × n matrix, row = target, column = source.
 */
export function normalizedAdjacency(nodeCount: number, edges: WeightedEdges): Float32Array {
  const count = edges.sources.length;
  const hasSelfLoop = new Uint8Array(nodeCount);
  for (let edge = 0; edge < count; edge++) {
    if (edges.sources[edge] === edges.targets[edge]) hasSelfLoop[edges.sources[edge] ?? 0] = 1;
  }
  const degree = new Float64Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) if (hasSelfLoop[node] === 0) degree[node] = 1;
  for (let edge = 0; edge < count; edge++) {
    const target = edges.targets[edge] ?? 0;
    degree[target] = (degree[target] ?? 0) + (edges.weights[edge] ?? 0);
  }
  const inverseRoot = degree.map((value) => (value > 0 ? 1 / Math.sqrt(value) : 0));
  const matrix = new Float32Array(nodeCount * nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    if (hasSelfLoop[node] === 0) matrix[node * nodeCount + node] = (inverseRoot[node] ?? 0) ** 2;
  }
  for (let edge = 0; edge < count; edge++) {
    const source = edges.sources[edge] ?? 0;
    const target = edges.targets[edge] ?? 0;
    const norm = (inverseRoot[source] ?? 0) * (edges.weights[edge] ?? 0) * (inverseRoot[target] ?? 0);
    matrix[target * nodeCount + source] = (matrix[target * nodeCount + source] ?? 0) + norm;
  }
  return matrix;
}
