import type { SemanticFlowGraph } from './SemanticFlowGraph.ts';

/** A flow graph as plain arrays: what the GCN reads. */
export type GraphTensors = {
  readonly nodeCount: number;
  /** Numbers per node: the centroid, then {@link nodeFeatureNames}. */
  readonly featureSize: number;
  /** Row-major `nodeCount × featureSize`, rows in the graph's node order. */
  readonly features: Float32Array;
  /** Directed edges as parallel arrays of node rows and transition counts. */
  readonly sources: Int32Array;
  readonly targets: Int32Array;
  readonly weights: Float32Array;
  /** Whole-graph features ({@link graphFeatureNames}), concatenated to the pooled readout. */
  readonly graphFeatures: Float32Array;
};

/** How structural features are scaled. */
export type GraphTensorOptions = {
  /** What depth is divided by: the horizon k in parallel mode. Defaults to 1. */
  readonly depthScale?: number;
  /** The number of paths of the task, when more are expected than have been seen. */
  readonly pathCount?: number;
};

/** The structural features after each node's centroid, in order. */
export const nodeFeatureNames = [
  'log1p(members)',
  'paths share',
  'mean depth / depthScale',
  'log1p(self-loops)',
  'is start',
  'is step',
  'is answer',
  'answer agreement (members / answered paths)',
  'error share',
  'mean grounding (answers)',
  'supported share (answers)',
  'mean log1p(prompt tokens) / 10',
  'frontier share (paths whose latest node this is)',
  'supported vote share (answers)',
] as const;

/**
 * The whole-graph features, in order: the self-consistency vote as AutoFL combines it (see
 * MethodLedger), and how the paths searched. Kept few on purpose: there are only a few hundred
 * training tasks, and every extra column costs more than it adds.
 */
export const graphFeatureNames = [
  'answered share',
  'covered top vote share',
  'top vote share',
  'vote margin (largest - second) / paths',
  'top method covered',
  'focus agreement',
  'first call error share',
  'distinct call share',
  'max steps / depthScale',
  'test class vote share',
] as const;

/**
 * The node feature matrix and weighted edge list of a flow graph. Node features are the centroid
 * followed by normalised structure ({@link nodeFeatureNames}): log1p(members), share of paths
 * through the node, mean depth over the horizon, log1p(self-loops), the kind one-hot, for answer
 * nodes the share of answered paths that gave this answer (the vote) and how well it is grounded
 * in what the paths looked at, the error share, the prompt size, and how many paths are there now.
 * The graph features ({@link graphFeatureNames}) expose the vote directly, counted the way AutoFL
 * combines runs (each answer splits one vote over the methods it names, and only methods a
 * coverage result listed can win), since whether the runs agree on a covered method is what best
 * predicts the combined vote's success.
 */
export function toGraphTensors(flow: SemanticFlowGraph, options: GraphTensorOptions = {}): GraphTensors {
  const depthScale = options.depthScale ?? 1;
  const paths = Math.max(1, flow.pathCount, options.pathCount ?? 0);
  const answered = flow.answeredCount;
  const embeddingSize = flow.embeddingSize;
  const featureSize = embeddingSize + nodeFeatureNames.length;
  const { graph } = flow;
  // A graph without nodes (no path has called a tool or answered yet) gets one all-zero row, so
  // every graph has a readout: a task whose paths all fail before their first call still scores.
  const nodeCount = Math.max(1, graph.order);
  const features = new Float32Array(nodeCount * featureSize);
  const rows = new Map<string, number>();
  const frontier = new Map<string, number>();
  for (const key of flow.positions().values()) frontier.set(key, (frontier.get(key) ?? 0) + 1);
  graph.forEachNode((key, node) => {
    const row = rows.size;
    rows.set(key, row);
    const offset = row * featureSize;
    const members = Math.max(1, node.members);
    const { sums } = node;
    for (let index = 0; index < node.sum.length; index++) features[offset + index] = (node.sum[index] ?? 0) / members;
    const isAnswer = node.kind === 'answer';
    const structure = [
      Math.log1p(node.members),
      node.paths.size / paths,
      sums.depth / members / depthScale,
      Math.log1p(sums.selfLoops),
      node.kind === 'start' ? 1 : 0,
      node.kind === 'step' ? 1 : 0,
      isAnswer ? 1 : 0,
      isAnswer && answered > 0 ? node.members / answered : 0,
      sums.errors / members,
      sums.grounding / members,
      sums.support / members,
      sums.logPrompt / members / 10,
      (frontier.get(key) ?? 0) / paths,
      sums.vote / paths,
    ];
    features.set(structure, offset + embeddingSize);
  });
  const vote = flow.methods.summary(paths);
  const graphFeatures = Float32Array.from([
    vote.answeredShare,
    vote.coveredTopVote,
    vote.topVote,
    vote.voteMargin,
    vote.isTopCovered,
    vote.focusAgreement,
    vote.firstErrorShare,
    vote.distinctCallShare,
    vote.maxSteps / depthScale,
    vote.testClassVote,
  ]);
  const edgeCount = graph.size;
  const sources = new Int32Array(edgeCount);
  const targets = new Int32Array(edgeCount);
  const weights = new Float32Array(edgeCount);
  let edgeIndex = 0;
  graph.forEachEdge((_edge, attributes, source, target) => {
    sources[edgeIndex] = rows.get(source) ?? -1;
    targets[edgeIndex] = rows.get(target) ?? -1;
    weights[edgeIndex] = attributes.weight;
    edgeIndex++;
  });
  return { nodeCount, featureSize, features, sources, targets, weights, graphFeatures };
}
