import type Graph from 'graphology';
import type { FlowEdgeAttributes, FlowNodeAttributes } from './buildFlowGraph.ts';

/** The room the flow graph's layout leaves around a node, in pixels on screen. */
export type FlowLabelRoom = {
  /** From one column (a step of the paths) to the next. */
  readonly columnPixels: number;
  /** From one row of a column to the next. */
  readonly rowPixels: number;
  /** Right of the last column (the answers), up to the canvas edge. */
  readonly lastColumnPixels: number;
  /** How wide a text is drawn, in pixels (the canvas' measureText). */
  readonly measure: (text: string) => number;
};

/** The height a label needs; rows closer than this would draw labels over each other. */
export const labelLinePixels = 14;

/** `text` cut with an ellipsis to `room` pixels; empty when not even one character and the ellipsis fit. */
export function cutToWidth(text: string, room: number, measure: (text: string) => number): string {
  if (measure(text) <= room) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, middle)}…`) <= room) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? '' : `${text.slice(0, low)}…`;
}

/**
 * Each node's label as it can be drawn without running into its neighbours: labels sit right of
 * their nodes, so one may take the room up to the next column, cut with an ellipsis where it is
 * longer (hovering shows it whole); where rows are closer than a line of text, only hovering shows
 * them. Returns the label per node key.
 */
export function fitFlowLabels(
  graph: Graph<FlowNodeAttributes, FlowEdgeAttributes>,
  room: FlowLabelRoom,
): Map<string, string> {
  const lastColumn = Math.max(0, ...graph.mapNodes((_key, attributes) => attributes.x));
  const perColumn = new Map<number, number>();
  graph.forEachNode((_key, attributes) => perColumn.set(attributes.x, (perColumn.get(attributes.x) ?? 0) + 1));
  const fitted = new Map<string, string>();
  graph.forEachNode((key, attributes) => {
    const isCrowded = (perColumn.get(attributes.x) ?? 0) > 1 && room.rowPixels < labelLinePixels;
    const columnRoom = attributes.x === lastColumn ? room.lastColumnPixels : room.columnPixels;
    // The node's radius and a gap on each side.
    const width = columnRoom - attributes.size - 8;
    fitted.set(key, isCrowded ? '' : cutToWidth(attributes.label, width, room.measure));
  });
  return fitted;
}
