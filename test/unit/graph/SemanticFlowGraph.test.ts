import { describe, expect, it } from 'vitest';
import { buildParallel } from '#core/graph/buildParallel.ts';
import { buildSequential } from '#core/graph/buildSequential.ts';
import { parallelArrivals } from '#core/graph/parallelArrivals.ts';
import { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';
import { sequentialArrivals } from '#core/graph/sequentialArrivals.ts';
import { toGraphTensors } from '#core/graph/toGraphTensors.ts';
import { fixtureTools, fixtureTrajectory, snapshot, step } from './flowFixtures.ts';

const options = { tools: fixtureTools };
const snippet = (signature: string) => step('get_code_snippet', { signature });

describe('SemanticFlowGraph', () => {
  it('joins a similar step to an existing cluster and founds a new one for a dissimilar step', () => {
    const flow = new SemanticFlowGraph(options);
    const first = flow.addStep(
      'a',
      snippet('org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(org.jfree.chart.axis.ValueAxis)'),
    );
    const same = flow.addStep('b', snippet('org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(ValueAxis)'));
    const other = flow.addStep(
      'c',
      step('get_comments', { signature: 'com.google.javascript.jscomp.TypeCheck.visitCall(NodeTraversal, Node)' }),
    );
    expect(same).toBe(first);
    expect(other).not.toBe(first);
    const node = flow.graph.getNodeAttributes(first);
    expect(node.members).toBe(2);
    expect([...node.paths]).toEqual(['a', 'b']);
    expect(flow.graph.getEdgeAttribute('start', first, 'weight')).toBe(2);
    expect(flow.graph.getEdgeAttribute('start', other, 'weight')).toBe(1);
  });

  it('counts consecutive steps of one path in one cluster as a self-loop, not an edge', () => {
    const flow = new SemanticFlowGraph(options);
    const key = flow.addStep('a', snippet('org.foo.Bar.baz()'));
    expect(flow.addStep('a', snippet('org.foo.Bar.baz()'))).toBe(key);
    expect(flow.graph.getNodeAttributes(key).sums.selfLoops).toBe(1);
    expect(flow.graph.hasEdge(key, key)).toBe(false);
    expect(flow.graph.getNodeAttributes(key).sums.depth).toBe(0 + 1);
  });

  it('merges clusters whose centroids come within the merge threshold: members, paths, edges, positions', () => {
    // A join threshold of 1 makes every step found its own cluster; merging then folds near twins.
    const flow = new SemanticFlowGraph({ ...options, joinThreshold: 1.01, mergeThreshold: 0.8 });
    const first = flow.addStep('a', snippet('org.foo.Bar.baz(int)'));
    const far = flow.addStep('a', step('get_comments', { signature: 'com.other.Qux.quux()' }));
    const twin = flow.addStep('b', snippet('org.foo.Bar.baz(long)'));
    expect(twin).toBe(first);
    const merged = flow.graph.getNodeAttributes(first);
    expect(merged.members).toBe(2);
    expect([...merged.paths]).toEqual(['a', 'b']);
    expect(flow.graph.order).toBe(3);
    expect(flow.graph.getEdgeAttribute('start', first, 'weight')).toBe(2);
    expect(flow.graph.getEdgeAttribute(first, far, 'weight')).toBe(1);
    expect(flow.positions().get('b')).toBe(first);
    // A twin right after its own cluster turns the edge between them into a self-loop.
    flow.addStep('b', snippet('org.foo.Bar.baz(short)'));
    expect(flow.graph.getNodeAttributes(first).sums.selfLoops).toBe(1);
    expect(flow.graph.order).toBe(3);
  });

  it('clusters answers: same answers share a node linked from each path’s last step', () => {
    const flow = buildParallel(fixtureTrajectory(), 10, options);
    const answers = flow.graph.filterNodes((_key, node) => node.kind === 'answer');
    const shared = answers.find((key) => flow.graph.getNodeAttributes(key).members === 2);
    expect(shared).toBeDefined();
    expect([...flow.graph.getNodeAttributes(shared ?? '').paths].sort()).toEqual(['1', '3']);
    expect(flow.graph.hasEdge('start', shared ?? '')).toBe(true); // run 3 answered without steps
    expect(flow.graph.getNodeAttributes(shared ?? '').sums.support).toBe(2);
    const hallucinated = answers.find((key) => flow.graph.getNodeAttributes(key).paths.has('4'));
    expect(flow.graph.getNodeAttributes(hallucinated ?? '').sums.support).toBe(0);
    expect(flow.answeredCount).toBe(4);
    expect(() => flow.addStep('1', snippet('a.B.c()'))).toThrow(/already answered/);
  });

  it('parallel mode cuts every path at k and shows only answers of paths finished within k', () => {
    const trajectory = fixtureTrajectory();
    const events = parallelArrivals(trajectory, 2);
    expect(events.map((event) => `${event.pathId}:${event.type}`)).toEqual([
      '1:step',
      '2:step',
      '3:answer',
      '4:step',
      '1:step',
      '2:step',
      '4:step',
      '4:answer',
    ]);
    const flow = buildParallel(trajectory, 2, options);
    expect(flow.answeredCount).toBe(2);
    expect(flow.pathCount).toBe(4);
  });

  it('sequential mode takes the first k complete runs, one after another', () => {
    const events = sequentialArrivals(fixtureTrajectory(), 2);
    expect(events.map((event) => `${event.pathId}:${event.type}`)).toEqual([
      '1:step',
      '1:step',
      '1:step',
      '1:answer',
      '2:step',
      '2:step',
      '2:step',
      '2:step',
      '2:step',
      '2:answer',
    ]);
    expect(buildSequential(fixtureTrajectory(), 2, options).pathCount).toBe(2);
  });

  it('grows incrementally into exactly the graph a rebuild of the same arrivals gives', () => {
    for (const [events, k] of [
      [parallelArrivals(fixtureTrajectory(), 5), 5],
      [sequentialArrivals(fixtureTrajectory(), 4), 10],
    ] as const) {
      const live = new SemanticFlowGraph(options);
      events.forEach((event, index) => {
        live.apply(event);
        const rebuilt = new SemanticFlowGraph(options);
        for (const earlier of events.slice(0, index + 1)) rebuilt.apply(earlier);
        expect(snapshot(live)).toEqual(snapshot(rebuilt));
        expect(toGraphTensors(live, { depthScale: k })).toEqual(toGraphTensors(rebuilt, { depthScale: k }));
      });
    }
  });
});
