import { describe, expect, it } from 'vitest';
import { buildFlowGraph, type FlowLane } from '../../renderer/src/tasks/buildFlowGraph.ts';
import { cutToWidth, fitFlowLabels } from '../../renderer/src/tasks/fitFlowLabels.ts';

// A monospaced measure: 7 pixels a character, as 12px text roughly is.
const measure = (text: string): number => text.length * 7;

function lane(path: number, expressions: string[], answer: string | null): FlowLane {
  return {
    path,
    steps: expressions.map((expr, index) => ({ tool: 'calc', arguments: { expr }, order: path * 10 + index })),
    status: 'answered',
    answer,
  };
}

describe('cutToWidth', () => {
  it('keeps a text that fits and cuts a longer one with an ellipsis within the room', () => {
    expect(cutToWidth('calc(1+2)', 100, measure)).toBe('calc(1+2)');
    const cut = cutToWidth('calc(12+30992+2+13+1322846)', 100, measure);
    expect(cut).toBe('calc(12+30992…');
    expect(measure(cut)).toBeLessThanOrEqual(100);
    expect(cutToWidth('calc(1+2)', 10, measure)).toBe('');
  });
});

describe('fitFlowLabels', () => {
  const graph = buildFlowGraph([
    lane(0, ['12+30992+2+13+1322846+1246303022304', '629'], '3059'),
    lane(1, ['12+30*2'], 'seventy-two thousand and some'),
  ]);

  it('gives no label more room than its column leaves before the next one', () => {
    const fitted = fitFlowLabels(graph, { columnPixels: 120, rowPixels: 40, lastColumnPixels: 70, measure });
    graph.forEachNode((key, attributes) => {
      const label = fitted.get(key) ?? '';
      const isLast = attributes.kind === 'answer';
      expect(measure(label)).toBeLessThanOrEqual((isLast ? 70 : 120) - attributes.size - 8);
      // Hovering shows the whole label, which the graph keeps.
      expect(attributes.label.startsWith(label.replace(/…$/, ''))).toBe(true);
    });
    expect(fitted.get('answer:3059')).toBe('= 3059');
    expect(fitted.get('start')).toBe('start');
  });

  it('leaves labels to hovering where the rows of a column are closer than a line of text', () => {
    const fitted = fitFlowLabels(graph, { columnPixels: 300, rowPixels: 8, lastColumnPixels: 300, measure });
    // Both paths made a different first call: two rows in the first column, too close for labels.
    const firstColumn = graph.filterNodes((_key, attributes) => attributes.x === 1);
    expect(firstColumn.length).toBe(2);
    for (const key of firstColumn) expect(fitted.get(key)).toBe('');
    // The start node is alone in its column and keeps its label.
    expect(fitted.get('start')).toBe('start');
  });
});

describe('buildFlowGraph with a malformed answer', () => {
  it('ends the path at "no answer", not at an answer node', () => {
    const graph = buildFlowGraph([lane(0, ['1+1'], ''), lane(1, ['1+2'], '{"expr": "7'), lane(2, ['1+3'], '4')]);
    expect(graph.filterNodes((_key, attributes) => attributes.kind === 'answer')).toEqual(['answer:4']);
    expect(graph.inDegree('end:none')).toBe(2);
  });
});
