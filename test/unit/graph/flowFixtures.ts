import type { Trajectory, TrajectoryRun, TrajectoryStep } from '#core/trajectory/Trajectory.ts';
import type { SemanticFlowGraph } from '#core/graph/SemanticFlowGraph.ts';

/** The tools of the AutoFL-like fixtures. */
export const fixtureTools = ['get_code_snippet', 'get_comments', 'get_failing_tests_covered_methods_for_class'];

/** A tool call with a made-up result. */
export function step(tool: string, args: Record<string, unknown>, result = '"ok"', tokensIn = 900): TrajectoryStep {
  return { tool, args, result, tokensIn, tokensOut: 30 };
}

/** A run; `answer` null means it has not answered. */
export function run(number: number, steps: TrajectoryStep[], answer: string | null): TrajectoryRun {
  return { run: number, steps, answer, answerTokensIn: 2000, answerTokensOut: 20, success: null };
}

/** A small task with three runs of different lengths, agreeing answers and one early answer. */
export function fixtureTrajectory(): Trajectory {
  const covered = step(
    'get_failing_tests_covered_methods_for_class',
    { class_name: 'org.jfree.chart.plot.CategoryPlot' },
    '[".getRangeAxisIndex(org.jfree.chart.axis.ValueAxis)", ".getDomainAxisIndex(org.jfree.chart.axis.CategoryAxis)"]',
  );
  const range = step(
    'get_code_snippet',
    { signature: 'org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(org.jfree.chart.axis.ValueAxis)' },
    '"972 : public int getRangeAxisIndex(ValueAxis axis) {"',
  );
  const domain = step('get_code_snippet', {
    signature: 'org.jfree.chart.plot.CategoryPlot.getDomainAxisIndex(org.jfree.chart.axis.CategoryAxis)',
  });
  const comments = step('get_comments', {
    signature: 'org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(org.jfree.chart.axis.ValueAxis)',
  });
  const wrong = step(
    'get_code_snippet',
    { signature: 'org.jfree.chart.plot.junit.CategoryPlotTests.testGetRangeAxisIndex()' },
    '{"error_message": "You can obtain test-related information via get_failing_tests"}',
  );
  const answer = 'org.jfree.chart.plot.CategoryPlot.getRangeAxisIndex(org.jfree.chart.axis.ValueAxis)';
  return {
    task: 'fixture/Chart_1',
    model: 'fixture',
    success: true,
    runs: [
      run(1, [covered, range, comments], answer),
      run(2, [covered, wrong, wrong, domain, range], 'CategoryPlot.getDomainAxisIndex(CategoryAxis)'),
      run(3, [], answer),
      run(4, [covered, domain], 'org.jfree.chart.plot.Plot.hallucinatedMethod()'),
    ],
  };
}

/** Everything observable about a flow graph, as plain data, for equality checks. */
export function snapshot(flow: SemanticFlowGraph): unknown {
  const nodes: unknown[] = [];
  flow.graph.forEachNode((key, node) => {
    nodes.push({
      key,
      kind: node.kind,
      rank: node.rank,
      members: node.members,
      paths: [...node.paths].sort(),
      sums: { ...node.sums },
      centroid: Array.from(flow.centroidOf(key)),
    });
  });
  const edges: unknown[] = [];
  flow.graph.forEachEdge((edge, attributes, source, target) =>
    edges.push({ edge, source, target, weight: attributes.weight }),
  );
  return { nodes, edges, positions: [...flow.positions()], answered: flow.answeredCount };
}
