import { describe, expect, it } from 'vitest';
import { cutParallel } from '#core/trajectory/cutTrajectory.ts';
import { pathStatisticNames, pathStatistics, type PathStatisticName } from '#core/predictor/pathStatistics.ts';
import { answerMethods } from '#core/trajectory/answerMethods.ts';
import { makeRun, makeStep, makeTrajectory } from './makeTrajectory.ts';

describe('answerMethods', () => {
  it('writes one method the same whether types are qualified or not', () => {
    const qualified = answerMethods(
      'org.jfree.chart.plot.MultiplePiePlot.MultiplePiePlot(org.jfree.data.category.CategoryDataset)',
    );
    expect(qualified).toEqual(['MultiplePiePlot.MultiplePiePlot(CategoryDataset)']);
    expect(answerMethods('org.jfree.chart.plot.MultiplePiePlot.MultiplePiePlot(CategoryDataset)')).toEqual(qualified);
  });

  it('drops parameter names, generics and final, and writes varargs as arrays', () => {
    expect(
      answerMethods(
        'org.jfree.chart.plot.XYPlot.removeDomainMarker(Marker marker, org.jfree.chart.util.Layer layer, final boolean notify)',
      ),
    ).toEqual(['XYPlot.removeDomainMarker(Marker,Layer,boolean)']);
    expect(answerMethods('org.apache.commons.math.stat.Frequency.addValue(java.lang.Comparable<?>)')).toEqual([
      'Frequency.addValue(Comparable)',
    ]);
    expect(answerMethods('org.apache.LookupTranslator.<init>(java.lang.CharSequence[]...)')).toEqual([
      'LookupTranslator.LookupTranslator(CharSequence[][])',
    ]);
  });

  it('reads constructors written without their class', () => {
    expect(answerMethods('org.jfree.data.time.Week(int, int, int)')).toEqual(['Week.Week(int,int,int)']);
  });

  it('reads numbered lists, backticks, line-wrapped parameters and stray spaces', () => {
    const answer =
      'Here are the signatures of the most likely culprit methods for the bug:\n\n1. `com.google.javascript.jscomp.InlineFunctions.inlineIf`\n2. `com.google.javascript.jscomp.InlineFunctions.replace(\n  com.google.javascript.rhino.Node,\n  com.google.javascript.rhino.Node\n)`\n3. com.google.javascript.jscomp.Collapse. process(Node root, boolean allow)';
    expect(answerMethods(answer)).toEqual([
      'InlineFunctions.inlineIf(?)',
      'InlineFunctions.replace(Node,Node)',
      'Collapse.process(Node,boolean)',
    ]);
  });

  it('merges overloads without parameters and drops duplicates', () => {
    const answer =
      'org.x.CategoryPlot.removeRangeMarker(org.x.Marker)\norg.x.CategoryPlot.removeRangeMarker(int, Marker)\norg.x.CategoryPlot.removeRangeMarker(Marker)';
    expect(answerMethods(answer)).toEqual([
      'CategoryPlot.removeRangeMarker(Marker)',
      'CategoryPlot.removeRangeMarker(int,Marker)',
    ]);
    expect(answerMethods(answer, { withParameters: false })).toEqual(['CategoryPlot.removeRangeMarker']);
  });

  it('finds no method in prose or bare class names', () => {
    expect(
      answerMethods('There is not enough information to determine the most likely culprit methods for the bug.'),
    ).toEqual([]);
    expect(
      answerMethods('org.jfree.data.xy.XYIntervalSeriesCollection (specific method cannot be determined, e.g. here)'),
    ).toEqual([]);
    expect(answerMethods('')).toEqual([]);
  });
});

describe('pathStatistics', () => {
  const coverage = makeStep({
    tool: 'get_failing_tests_covered_methods_for_class',
    args: { class_name: 'org.x.Foo' },
    result: '[".bar(int)", ".baz()"]',
    tokensIn: 800,
  });
  const trajectory = makeTrajectory([
    makeRun(
      1,
      [coverage, makeStep({ args: { signature: 'org.x.Foo.bar(int)' }, tokensIn: 1200 })],
      'org.x.Foo.bar(int)',
    ),
    makeRun(
      2,
      [
        coverage,
        makeStep({
          args: { signature: 'org.x.Foo.qux()' },
          result: '{"error_message": "No methods with the name qux were found."}',
          tokensIn: 1400,
        }),
      ],
      '`org.x.Foo.bar(int)`\norg.x.Foo.qux()',
    ),
    makeRun(
      3,
      [
        makeStep({
          args: { signature: 'org.x.Foo.baz()' },
          result: '"You probably mean org.x.Bar.baz(). It looks like:"',
          tokensIn: 1000,
        }),
      ],
      null,
    ),
    makeRun(4, [], ''),
  ]);
  const named = (values: readonly number[]): Record<PathStatisticName, number> =>
    Object.fromEntries(pathStatisticNames.map((name, index) => [name, values[index]])) as Record<
      PathStatisticName,
      number
    >;

  it('computes every documented statistic (hand-computed)', () => {
    expect(named(pathStatistics(trajectory))).toEqual({
      runs: 4,
      answeredShare: 0.75, // runs 1, 2 and 4 (empty) answered
      namedShare: 0.5, // runs 1 and 2 name a method
      topVoteShare: 0.375, // Foo.bar: 1 + 1/2
      voteMargin: 0.25, // 1.5 - 0.5 for Foo.qux
      coveredTopVote: 0.5, // Foo.qux is not covered, so run 2 gives its whole vote to Foo.bar
      answerAgreement: 0.25, // {bar} and {bar, qux} differ
      distinctAnswers: 0.5,
      focusAgreement: 0.5, // bar, bar, baz (run 3's last lookup), none
      meanSteps: 1.25,
      maxSteps: 2,
      topCallShare: 0.5, // the coverage call, made by runs 1 and 2
      distinctCallShare: 0.8, // 4 distinct calls of 5
      errorShare: 0.4, // the error and the redirect
      meanPromptKiloTokens: 0.9, // (1200 + 1400 + 1000 + 0) / 4 / 1000
    });
  });

  it('has one value per name and only reads what a cut shows', () => {
    const cut = pathStatistics(cutParallel(trajectory, 0));
    expect(cut).toHaveLength(pathStatisticNames.length);
    expect(named(cut)).toMatchObject({
      answeredShare: 0.25,
      namedShare: 0,
      topVoteShare: 0,
      coveredTopVote: 0,
      meanSteps: 0,
      errorShare: 0,
      distinctCallShare: 0,
    });
  });

  it('is all zeros for a trajectory without runs', () => {
    expect(pathStatistics(makeTrajectory([]))).toEqual(pathStatisticNames.map(() => 0));
  });
});
