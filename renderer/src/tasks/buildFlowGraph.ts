import { isWellFormedAnswer } from '#shared/answerForm.ts';
import Graph from 'graphology';

/** The part of a lane the graph needs. */
export type FlowLane = {
  readonly path: number;
  readonly steps: readonly { readonly tool: string; readonly arguments: unknown; readonly order: number }[];
  readonly status: string;
  readonly answer: string | null;
};

/** What a node of the flow graph carries (sigma reads x, y, size, label and color). */
export type FlowNodeAttributes = {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  kind: 'start' | 'step' | 'answer' | 'end';
  /** How many path-steps passed through the node. */
  visits: number;
  /** Whether one of the newest steps is at this node. */
  isNewest: boolean;
  /** The label as the canvas draws it when not hovered: cut to its column's room (fitFlowLabels). */
  fittedLabel?: string;
};

/** What an edge carries: the transitions between two nodes, drawn as its width. */
export type FlowEdgeAttributes = { size: number; color: string; transitions: number; isNewest: boolean };

/** Options of {@link buildFlowGraph}. */
export type FlowGraphOptions = {
  /** How many of the latest steps (across all paths) are highlighted. Defaults to the number of lanes. */
  readonly newestCount?: number;
};

/** The palette; sigma draws on a canvas, so colours are values, not CSS. */
export const flowColors = {
  start: '#8a94a3',
  step: '#4f7cac',
  newest: '#e0902f',
  answer: '#2f9e69',
  end: '#b85450',
  edge: '#b8c0cc',
  newestEdge: '#e0902f',
} as const;

// The whole label shows on hover; the canvas cuts it to the room its column has (fitFlowLabels).
const labelLength = 120;
/** The distance between two rows of a column, in the layout's units (one column is 1). */
export const flowRowGap = 0.8;

/** JSON with object keys sorted, so identical arguments give identical keys whatever their order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${stableJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function shorten(text: string): string {
  return text.length > labelLength ? `${text.slice(0, labelLength - 1)}…` : text;
}

function stepLabel(tool: string, args: unknown): string {
  const values =
    typeof args === 'object' && args !== null && !Array.isArray(args)
      ? Object.values(args as Record<string, unknown>)
          .map((value) => (typeof value === 'string' ? value : stableJson(value)))
          .join(', ')
      : stableJson(args);
  return shorten(`${tool}(${values})`);
}

/**
 * The Semantic Flow Graph of a task's paths, built in the browser: every path starts at one start
 * node; a tool call is a node, shared by every path that made the identical call (same tool, same
 * arguments); each path ends at its answer (one node per distinct answer) or at a "no answer" node.
 * Node size grows with visits, edge width with transitions, and the newest steps are highlighted.
 * Positions are a layered layout: a node sits at the step where it was first reached, so the
 * picture grows to the right and does not jump as steps arrive.
 */
export function buildFlowGraph(
  lanes: readonly FlowLane[],
  options: FlowGraphOptions = {},
): Graph<FlowNodeAttributes, FlowEdgeAttributes> {
  const graph = new Graph<FlowNodeAttributes, FlowEdgeAttributes>({ type: 'directed', multi: false });
  const stepTotal = lanes.reduce((sum, lane) => sum + lane.steps.length, 0);
  const newestFrom = stepTotal - (options.newestCount ?? Math.max(1, lanes.length));
  const rows = new Map<number, number>();
  const place = (depth: number, offset = 0): { x: number; y: number } => {
    const row = rows.get(depth) ?? 0;
    rows.set(depth, row + 1);
    return { x: depth, y: -(row + offset) * flowRowGap };
  };
  const visit = (
    key: string,
    depth: number,
    make: () => Omit<FlowNodeAttributes, 'x' | 'y' | 'visits'>,
    offset = 0,
  ): void => {
    if (graph.hasNode(key)) {
      graph.updateNodeAttribute(key, 'visits', (visits = 0) => visits + 1);
    } else {
      graph.addNode(key, { ...make(), ...place(depth, offset), visits: 1 });
    }
  };
  const link = (from: string, to: string, isNewest: boolean): void => {
    if (graph.hasEdge(from, to)) {
      graph.updateEdgeAttributes(from, to, (attributes) => ({
        ...attributes,
        transitions: attributes.transitions + 1,
        isNewest: attributes.isNewest || isNewest,
      }));
    } else {
      graph.addDirectedEdge(from, to, { size: 1, color: flowColors.edge, transitions: 1, isNewest });
    }
  };

  if (lanes.length > 0)
    visit('start', 0, () => ({ size: 0, label: 'start', color: flowColors.start, kind: 'start', isNewest: false }));
  const endDepth = Math.max(0, ...lanes.map((lane) => lane.steps.length)) + 1;
  for (const lane of lanes) {
    let previous = 'start';
    lane.steps.forEach((step, index) => {
      const key = `step:${step.tool}:${stableJson(step.arguments)}`;
      const isNewest = step.order >= newestFrom;
      visit(key, index + 1, () => ({
        size: 0,
        label: stepLabel(step.tool, step.arguments),
        color: flowColors.step,
        kind: 'step',
        isNewest: false,
      }));
      if (isNewest) graph.setNodeAttribute(key, 'isNewest', true);
      link(previous, key, isNewest);
      previous = key;
    });
    if (lane.status === 'running') continue;
    // A malformed answer (empty, cut off inside JSON) is not an answer: the path ends at "no answer".
    const hasAnswer = lane.answer !== null && isWellFormedAnswer(lane.answer);
    const key = hasAnswer ? `answer:${lane.answer}` : 'end:none';
    visit(
      key,
      endDepth,
      () => ({
        size: 0,
        label: hasAnswer ? shorten(`= ${lane.answer}`) : 'no answer',
        color: hasAnswer ? flowColors.answer : flowColors.end,
        kind: hasAnswer ? 'answer' : 'end',
        isNewest: false,
      }),
      // Half a row down, so a path that answered without a step does not hide behind the first row.
      0.5,
    );
    link(previous, key, false);
  }

  // Sizes and colours from the counts, once everything is in.
  graph.forEachNode((key, attributes) => {
    graph.mergeNodeAttributes(key, {
      size: 5 + 3 * Math.sqrt(attributes.visits),
      color: attributes.isNewest ? flowColors.newest : attributes.color,
    });
  });
  graph.forEachEdge((key, attributes) => {
    graph.mergeEdgeAttributes(key, {
      size: 1 + 1.5 * Math.sqrt(attributes.transitions - 1),
      color: attributes.isNewest ? flowColors.newestEdge : flowColors.edge,
    });
  });
  return graph;
}
