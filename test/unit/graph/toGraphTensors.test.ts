import { describe, expect, it } from 'vitest';
import { buildParallel } from '#core/graph/buildParallel.ts';
import { graphFeatureNames, nodeFeatureNames, toGraphTensors } from '#core/graph/toGraphTensors.ts';
import { fixtureTools, fixtureTrajectory } from './flowFixtures.ts';

const feature = (name: (typeof nodeFeatureNames)[number]) => nodeFeatureNames.indexOf(name);
const graphFeature = (name: (typeof graphFeatureNames)[number]) => graphFeatureNames.indexOf(name);

describe('toGraphTensors', () => {
  const flow = buildParallel(fixtureTrajectory(), 10, { tools: fixtureTools });
  const tensors = toGraphTensors(flow, { depthScale: 10 });
  const row = (index: number) =>
    tensors.features.subarray(index * tensors.featureSize, (index + 1) * tensors.featureSize);
  const structure = (index: number) => row(index).subarray(flow.embeddingSize);

  it('has one row per node: the centroid, then the structural features', () => {
    expect(tensors.nodeCount).toBe(flow.graph.order);
    expect(tensors.featureSize).toBe(flow.embeddingSize + nodeFeatureNames.length);
    expect(tensors.features).toHaveLength(tensors.nodeCount * tensors.featureSize);
    expect(tensors.graphFeatures).toHaveLength(graphFeatureNames.length);
    flow.graph.nodes().forEach((key, index) => {
      expect(Array.from(row(index).subarray(0, flow.embeddingSize))).toEqual(Array.from(flow.centroidOf(key)));
    });
  });

  it('normalises structure: path share, depth over k, kind one-hot, vote share of answers', () => {
    const keys = flow.graph.nodes();
    const start = structure(keys.indexOf('start'));
    expect(start[feature('is start')]).toBe(1);
    expect(start[feature('paths share')]).toBe(1);
    const shared = keys.findIndex(
      (key) =>
        flow.graph.getNodeAttribute(key, 'kind') === 'answer' && flow.graph.getNodeAttribute(key, 'members') === 2,
    );
    const answer = structure(shared);
    expect(answer[feature('is answer')]).toBe(1);
    expect(answer[feature('answer agreement (members / answered paths)')]).toBeCloseTo(2 / 4, 6);
    expect(answer[feature('paths share')]).toBeCloseTo(2 / 4, 6);
    expect(answer[feature('mean depth / depthScale')]).toBeCloseTo((3 + 0) / 2 / 10, 6);
    expect(answer[feature('supported share (answers)')]).toBe(1);
    expect(answer[feature('log1p(members)')]).toBeCloseTo(Math.log1p(2), 6);
  });

  it('reads the AutoFL vote over covered methods and how the paths searched as graph features', () => {
    const whole = (name: (typeof graphFeatureNames)[number]) => tensors.graphFeatures[graphFeature(name)];
    expect(whole('answered share')).toBe(1);
    // Two of four runs name getRangeAxisIndex, which a coverage result listed.
    expect(whole('covered top vote share')).toBeCloseTo(2 / 4, 6);
    expect(whole('top vote share')).toBeCloseTo(2 / 4, 6);
    expect(whole('vote margin (largest - second) / paths')).toBeCloseTo(1 / 4, 6);
    expect(whole('top method covered')).toBe(1);
    expect(whole('focus agreement')).toBeCloseTo(2 / 4, 6);
    expect(whole('first call error share')).toBe(0);
    // Ten calls, five distinct ones; the longest run made five calls (k = 10).
    expect(whole('distinct call share')).toBeCloseTo(5 / 10, 6);
    expect(whole('max steps / depthScale')).toBeCloseTo(5 / 10, 6);
    expect(whole('test class vote share')).toBe(0);
  });

  it('counts only covered methods in the covered vote, and test classes apart', () => {
    const task = fixtureTrajectory();
    const uncovered = {
      ...task,
      runs: task.runs.map((path) => ({
        ...path,
        steps: path.steps.filter((call) => call.tool !== 'get_failing_tests_covered_methods_for_class'),
        answer: path.run === 4 ? 'org.jfree.chart.plot.junit.CategoryPlotTests.testGetRangeAxisIndex()' : path.answer,
      })),
    };
    const other = toGraphTensors(buildParallel(uncovered, 10, { tools: fixtureTools }), { depthScale: 10 });
    const whole = (name: (typeof graphFeatureNames)[number]) => other.graphFeatures[graphFeature(name)];
    expect(whole('covered top vote share')).toBe(0);
    expect(whole('top vote share')).toBeCloseTo(2 / 4, 6);
    expect(whole('top method covered')).toBe(0);
    expect(whole('test class vote share')).toBeCloseTo(1 / 4, 6);
  });

  it('lists every directed edge once with its transition count, as node rows', () => {
    expect(tensors.sources).toHaveLength(flow.graph.size);
    const keys = flow.graph.nodes();
    flow.graph.forEachEdge((_edge, attributes, source, target) => {
      const index = Array.from(tensors.sources).findIndex(
        (row, edge) => row === keys.indexOf(source) && tensors.targets[edge] === keys.indexOf(target),
      );
      expect(tensors.weights[index]).toBe(attributes.weight);
    });
  });
});
