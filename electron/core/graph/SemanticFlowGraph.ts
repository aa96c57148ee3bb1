import { DirectedGraph } from 'graphology';
import { cosineSimilarity } from './cosineSimilarity.ts';
import { embedStep } from './embedStep.ts';
import { embedWords } from './embedWords.ts';
import type { FlowStep } from './FlowStep.ts';
import { identifierSegments } from './identifierSegments.ts';
import { MethodLedger } from './MethodLedger.ts';
import { resolveFlowGraphConfig, type FlowGraphConfig, type FlowGraphOptions } from './flowGraphConfig.ts';
import { tokenizeText } from './tokenizeText.ts';
import { ToolVocabulary } from './ToolVocabulary.ts';

/** `start` is the one node every path leaves from; `answer` nodes hold final answers. */
export type FlowNodeKind = 'start' | 'step' | 'answer';

/** Per-node sums over members; a feature is the sum divided by `members`. */
export type FlowNodeSums = {
  /** Step indexes of the members (for answers: the path's step count). */
  depth: number;
  /** Transitions that stayed in this cluster (consecutive steps of one path, or merged edges). */
  selfLoops: number;
  /** Members whose tool result read as an error. */
  errors: number;
  /** log1p of the members' prompt tokens (how much context the agent carried). */
  logPrompt: number;
  /** Answers: how closely the answer matches an argument its path used (best cosine). */
  grounding: number;
  /** Answers: 1 when every identifier the answer names was seen in a tool call or result so far. */
  support: number;
  /** Answers: supported members, each counted 1 / its non-empty lines (several candidates split a vote). */
  vote: number;
};

/** A cluster of steps (or answers) of any paths. Read it; only the graph changes it. */
export type FlowNode = {
  readonly kind: FlowNodeKind;
  /** Creation rank: the older cluster survives a merge, ties go to the older cluster. */
  readonly rank: number;
  /** Sum of the member embeddings: the centroid times `members`. */
  readonly sum: Float64Array;
  members: number;
  /** The ids of the paths that passed through. */
  readonly paths: Set<string>;
  readonly sums: FlowNodeSums;
};

/** A transition between clusters; `weight` counts the path steps that took it. */
export type FlowEdge = { weight: number };

/** One arrival, as the builders and a live run produce them. */
export type FlowEvent = { readonly pathId: string } & (
  | { readonly type: 'step'; readonly step: FlowStep }
  | {
      readonly type: 'answer';
      readonly answer: string;
      /** The answer's group by meaning (TrajectoryRun.answerGroup); null or absent: clustered by its text. */
      readonly group?: string | null;
    }
);

type PathState = { last: string; steps: number; isAnswered: boolean; readonly groundings: Float32Array[] };

const startKey = 'start';

/**
 * The Semantic Flow Graph of a task's self-consistency paths: similar steps of all paths are merged
 * into clusters by online leader clustering (a step joins the most similar cluster whose centroid
 * reaches `joinThreshold`, or founds one; centroids are running means; clusters whose centroids come
 * within `mergeThreshold` merge), and directed edges count the transitions between them. Answers
 * are clustered the same way among answer nodes (same answers share a node), except that answers
 * given with a group by meaning (long answers the vote grouped by embeddings) share exactly the node
 * of their group and never join or merge with another by text, each linked from its
 * path's last node and marked as supported when every identifier it names was seen in a tool call
 * or result of the task (an answer the paths never looked at is likely made up). A `start` node
 * precedes every path's first step. Clustering depends on arrival order, so the graph
 * is a function of the event sequence: the same events in the same order give the same graph,
 * whether applied live or rebuilt.
 */
export class SemanticFlowGraph {
  readonly config: FlowGraphConfig;
  /** The clusters and transitions; read-only for callers. */
  readonly graph = new DirectedGraph<FlowNode, FlowEdge>();
  /** The methods the paths named, looked up and saw covered: the vote beside the graph. */
  readonly methods: MethodLedger;
  readonly #vocabulary: ToolVocabulary;
  readonly #errorPattern: RegExp;
  readonly #paths = new Map<string, PathState>();
  /** Every identifier of every tool call and result so far: what an answer can be supported by. */
  readonly #observedWords = new Set<string>();
  /** The answer node of each group by meaning; such nodes take no answer by text and never merge. */
  readonly #groupNodes = new Map<string, string>();
  #nextRank = 0;

  constructor(options: FlowGraphOptions) {
    this.config = resolveFlowGraphConfig(options);
    this.#vocabulary = new ToolVocabulary(this.config.tools);
    this.#errorPattern = new RegExp(this.config.errorPattern, 'i');
    this.methods = new MethodLedger(this.config);
    this.#addNode(startKey, 'start');
  }

  /** Length of a node centroid: the tool slots and the hashed part. */
  get embeddingSize(): number {
    return this.#vocabulary.size + this.config.text.dimension;
  }

  /** Paths seen so far. */
  get pathCount(): number {
    return this.#paths.size;
  }

  /** Paths that have answered. */
  get answeredCount(): number {
    let count = 0;
    for (const path of this.#paths.values()) if (path.isAnswered) count++;
    return count;
  }

  /** Where each path is now: the key of its latest step or answer node (`start` before any). */
  positions(): Map<string, string> {
    return new Map([...this.#paths].map(([pathId, path]) => [pathId, path.last]));
  }

  /** Applies a step or an answer event. */
  apply(event: FlowEvent): string {
    return event.type === 'step'
      ? this.addStep(event.pathId, event.step)
      : this.addAnswer(event.pathId, event.answer, event.group);
  }

  /**
   * Adds the next step of a path and returns the key of the cluster it ended in.
   * @throws Error when the path has already answered (a bug in the caller).
   */
  addStep(pathId: string, step: FlowStep): string {
    const path = this.#path(pathId);
    const embedding = embedStep(step, this.#vocabulary, this.config.text, this.config.toolWeight);
    const isError = this.#errorPattern.test(step.result.slice(0, 200));
    if (!isError) path.groundings.push(embedding.slice(this.#vocabulary.size));
    this.methods.addStep(pathId, step, isError);
    for (const word of identifierSegments(JSON.stringify(step.args))) this.#observedWords.add(word);
    for (const word of identifierSegments(step.result)) this.#observedWords.add(word);
    const key = this.#join('step', embedding, this.config.joinThreshold);
    const { sums } = this.graph.getNodeAttributes(key);
    sums.depth += path.steps;
    sums.errors += isError ? 1 : 0;
    sums.logPrompt += Math.log1p(step.tokensIn ?? 0);
    return this.#arrive(pathId, path, key, embedding, false);
  }

  /**
   * Adds a path's final answer: clustered among answer nodes (or, with `group`, on its group's node),
   * linked from the path's last step.
   * @param group The answer's group by meaning; null or absent: clustered by its text.
   * @throws Error when the path has already answered.
   */
  addAnswer(pathId: string, answer: string, group?: string | null): string {
    const path = this.#path(pathId);
    const embedding = new Float32Array(this.embeddingSize);
    const text = embedding.subarray(this.#vocabulary.size);
    const words = tokenizeText(answer);
    embedWords(words, this.config.text, text);
    const named = identifierSegments(answer);
    const isSupported = named.length > 0 && named.every((word) => this.#observedWords.has(word));
    this.methods.addAnswer(pathId, answer);
    const key =
      group === undefined || group === null
        ? this.#join('answer', embedding, this.config.answerJoinThreshold)
        : this.#groupNode(group);
    const { sums } = this.graph.getNodeAttributes(key);
    sums.depth += path.steps;
    sums.grounding += path.groundings.reduce((best, argument) => Math.max(best, cosineSimilarity(text, argument)), 0);
    sums.support += isSupported ? 1 : 0;
    const candidates = Math.max(1, answer.split('\n').filter((line) => line.trim().length > 0).length);
    sums.vote += isSupported ? 1 / candidates : 0;
    return this.#arrive(pathId, path, key, embedding, true);
  }

  /** The centroid (mean member embedding) of a node. */
  centroidOf(key: string): Float32Array {
    const node = this.graph.getNodeAttributes(key);
    return Float32Array.from(node.sum, (value) => (node.members === 0 ? 0 : value / node.members));
  }

  #path(pathId: string): PathState {
    let path = this.#paths.get(pathId);
    if (path === undefined) {
      path = { last: startKey, steps: 0, isAnswered: false, groundings: [] };
      this.#paths.set(pathId, path);
      this.graph.getNodeAttributes(startKey).paths.add(pathId);
    }
    if (path.isAnswered) throw new Error(`Path ${pathId} has already answered; it takes no more events.`);
    return path;
  }

  #addNode(key: string, kind: FlowNodeKind): FlowNode {
    const node: FlowNode = {
      kind,
      rank: this.#nextRank++,
      sum: new Float64Array(this.embeddingSize),
      members: 0,
      paths: new Set(),
      sums: { depth: 0, selfLoops: 0, errors: 0, logPrompt: 0, grounding: 0, support: 0, vote: 0 },
    };
    this.graph.addNode(key, node);
    return node;
  }

  /** The answer node of a group by meaning, made on its first answer. */
  #groupNode(group: string): string {
    let key = this.#groupNodes.get(group);
    if (key === undefined) {
      key = `a${this.#nextRank}`;
      this.#addNode(key, 'answer');
      this.#groupNodes.set(group, key);
    }
    return key;
  }

  /** Whether a node is the node of a group by meaning (it joins and merges with nothing by text). */
  #isGroupNode(key: string): boolean {
    return this.#groupNodes.size > 0 && [...this.#groupNodes.values()].includes(key);
  }

  /** The most similar cluster of `kind` at or above `threshold`, or a new one. */
  #join(kind: 'step' | 'answer', embedding: Float32Array, threshold: number): string {
    let bestKey: string | undefined;
    let best = -Infinity;
    this.graph.forEachNode((key, node) => {
      if (node.kind !== kind || this.#isGroupNode(key)) return;
      const similarity = cosineSimilarity(node.sum, embedding);
      if (similarity > best) [best, bestKey] = [similarity, key];
    });
    if (bestKey !== undefined && best >= threshold) return bestKey;
    const key = `${kind === 'step' ? 's' : 'a'}${this.#nextRank}`;
    this.#addNode(key, kind);
    return key;
  }

  /** Counts the member and the transition into `key`, then merges clusters that came close. */
  #arrive(pathId: string, path: PathState, key: string, embedding: Float32Array, isAnswer: boolean): string {
    const node = this.graph.getNodeAttributes(key);
    for (let index = 0; index < embedding.length; index++)
      node.sum[index] = (node.sum[index] ?? 0) + (embedding[index] ?? 0);
    node.members++;
    node.paths.add(pathId);
    this.#addTransition(path.last, key, 1);
    path.last = key;
    if (isAnswer) path.isAnswered = true;
    else path.steps++;
    return this.#isGroupNode(key) ? key : this.#mergeNear(key);
  }

  #addTransition(source: string, target: string, weight: number): void {
    if (source === target) this.graph.getNodeAttributes(source).sums.selfLoops += weight;
    else if (this.graph.hasEdge(source, target))
      this.graph.updateEdgeAttribute(source, target, 'weight', (old) => (old ?? 0) + weight);
    else this.graph.addEdgeWithKey(`${source}->${target}`, source, target, { weight });
  }

  /** Merges `key` with its most similar cluster of its kind while that reaches `mergeThreshold`. */
  #mergeNear(key: string): string {
    for (;;) {
      const node = this.graph.getNodeAttributes(key);
      let partner: string | undefined;
      let best = -Infinity;
      this.graph.forEachNode((other, attributes) => {
        if (other === key || attributes.kind !== node.kind || this.#isGroupNode(other)) return;
        const similarity = cosineSimilarity(node.sum, attributes.sum);
        if (similarity > best) [best, partner] = [similarity, other];
      });
      const threshold =
        node.kind === 'answer'
          ? Math.max(this.config.mergeThreshold, this.config.answerJoinThreshold)
          : this.config.mergeThreshold;
      if (partner === undefined || best < threshold) return key;
      key = this.#merge(key, partner);
    }
  }

  /** Folds the younger cluster into the older: members, sums, paths, edges and path positions. */
  #merge(first: string, second: string): string {
    const [keep, drop] =
      this.graph.getNodeAttribute(first, 'rank') < this.graph.getNodeAttribute(second, 'rank')
        ? [first, second]
        : [second, first];
    const kept = this.graph.getNodeAttributes(keep);
    const dropped = this.graph.getNodeAttributes(drop);
    for (let index = 0; index < kept.sum.length; index++)
      kept.sum[index] = (kept.sum[index] ?? 0) + (dropped.sum[index] ?? 0);
    kept.members += dropped.members;
    for (const pathId of dropped.paths) kept.paths.add(pathId);
    for (const name of Object.keys(kept.sums) as (keyof FlowNodeSums)[]) kept.sums[name] += dropped.sums[name];
    const moved: [string, string, number][] = [];
    this.graph.forEachOutEdge(drop, (_edge, edge, _source, target) =>
      moved.push([keep, target === drop ? keep : target, edge.weight]),
    );
    this.graph.forEachInEdge(drop, (_edge, edge, source) =>
      moved.push([source === drop ? keep : source, keep, edge.weight]),
    );
    this.graph.dropNode(drop);
    for (const [source, target, weight] of moved) this.#addTransition(source, target, weight);
    for (const path of this.#paths.values()) if (path.last === drop) path.last = keep;
    return keep;
  }
}
