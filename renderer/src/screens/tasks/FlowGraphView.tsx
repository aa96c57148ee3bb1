import { useEffect, useRef, useState } from 'react';
import type Graph from 'graphology';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import {
  buildFlowGraph,
  flowColors,
  flowRowGap,
  type FlowEdgeAttributes,
  type FlowLane,
  type FlowNodeAttributes,
} from '../../tasks/buildFlowGraph.ts';
import { fitFlowLabels } from '../../tasks/fitFlowLabels.ts';

const stagePadding = 60;
const labelPixels = 12;

/** Sets each node's `fittedLabel` to what fits before the next column at the canvas' current scale. */
function fitLabels(
  renderer: Sigma<FlowNodeAttributes, FlowEdgeAttributes>,
  graph: Graph<FlowNodeAttributes, FlowEdgeAttributes>,
): void {
  if (graph.order === 0) return;
  renderer.refresh();
  const origin = renderer.graphToViewport({ x: 0, y: 0 });
  const across = renderer.graphToViewport({ x: 1, y: 0 });
  const down = renderer.graphToViewport({ x: 0, y: 1 });
  const lastX = Math.max(...graph.mapNodes((_key, attributes) => attributes.x));
  const lastColumnX = renderer.graphToViewport({ x: lastX, y: 0 }).x;
  const context = document.createElement('canvas').getContext('2d');
  if (context === null) return;
  context.font = `${labelPixels}px sans-serif`;
  const fitted = fitFlowLabels(graph, {
    columnPixels: Math.abs(across.x - origin.x),
    rowPixels: Math.abs(down.y - origin.y) * flowRowGap,
    lastColumnPixels: renderer.getDimensions().width - lastColumnX,
    measure: (text) => context.measureText(text).width,
  });
  for (const [key, label] of fitted) {
    if (graph.getNodeAttribute(key, 'fittedLabel') !== label) graph.setNodeAttribute(key, 'fittedLabel', label);
  }
}

/** What the graph of `lanes` depends on: steps are only ever appended, so their count stands for them. */
function flowGraphKey(lanes: readonly FlowLane[]): string {
  return lanes.map((lane) => `${lane.path}:${lane.steps.length}:${lane.status}:${lane.answer ?? ''}`).join('|');
}

/** Props of FlowGraphView. */
export type FlowGraphViewProps = {
  readonly lanes: readonly FlowLane[];
  /** The figure's caption. */
  readonly caption?: string;
};

/**
 * The Semantic Flow Graph of a task, drawn by sigma.js (WebGL) from a graphology graph that is
 * rebuilt from the lanes when a step, an end or a lane arrives. One sigma instance lives as long as
 * the component.
 */
export function FlowGraphView({ lanes, caption = 'Semantic Flow Graph' }: FlowGraphViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  // One graphology instance for sigma's lifetime, refilled on every change: sigma follows the
  // graph's events and rescales to the new extent.
  const [shown] = useState(() => buildFlowGraph([]));
  // Rebuilt when a step, an end or a lane arrives, not on each streamed token (which changes the
  // lanes but nothing the graph draws): with many paths that was hundreds of layouts a second.
  const key = flowGraphKey(lanes);
  const [built, setBuilt] = useState(() => ({ key, graph: buildFlowGraph(lanes) }));
  let graph = built.graph;
  if (built.key !== key) {
    graph = buildFlowGraph(lanes);
    setBuilt({ key, graph });
  }
  const rendererRef = useRef<Sigma<FlowNodeAttributes, FlowEdgeAttributes> | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    // The canvas has no CSS: its label colours are read from the theme and re-read when it changes.
    const palette = { text: '', backdrop: '' };
    const readPalette = (): void => {
      const style = getComputedStyle(container);
      palette.text = style.color;
      palette.backdrop = style.backgroundColor;
    };
    readPalette();
    const renderer = new Sigma(shown, container, {
      settings: {
        allowInvalidContainer: true,
        // Sizes are pixels (sigma 4 defaults to graph units).
        itemSizesReference: 'screen',
        // Room for the labels, which sit to the right of their nodes.
        stagePadding: stagePadding,
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 0,
        labelDensity: 1,
        enableCameraRotation: false,
      },
      styles: {
        nodes: [
          DEFAULT_STYLES.nodes,
          {
            // Cut to the room of its column (fitFlowLabels); whole while hovered.
            label: { whenState: 'isHovered', then: { attribute: 'label' }, else: { attribute: 'fittedLabel' } },
            labelVisibility: 'visible',
            labelSize: labelPixels,
            labelColor: () => palette.text,
            backdropColor: () => palette.backdrop,
          },
        ],
      },
    });
    rendererRef.current = renderer;
    const fit = (): void => fitLabels(renderer, shown);
    const resize = new ResizeObserver(fit);
    resize.observe(container);
    const retheme = (): void => {
      readPalette();
      renderer.refresh();
    };
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', retheme);
    const themeSetting = new MutationObserver(retheme);
    themeSetting.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', retheme);
      themeSetting.disconnect();
      rendererRef.current = null;
      renderer.kill();
    };
  }, [shown]);

  useEffect(() => {
    shown.clear();
    shown.import(graph.export());
    const renderer = rendererRef.current;
    if (renderer !== null) fitLabels(renderer, shown);
  }, [shown, graph]);

  const stepNodes = graph.filterNodes((_key, attributes) => attributes.kind === 'step').length;
  const answerNodes = graph.filterNodes((_key, attributes) => attributes.kind === 'answer').length;
  const summary = `${stepNodes} distinct tool calls and ${answerNodes} distinct answers across ${lanes.length} paths`;
  return (
    <figure className="flow-graph">
      <div
        ref={containerRef}
        className="flow-graph-canvas"
        data-testid="flow-graph"
        data-nodes={graph.order}
        data-edges={graph.size}
        role="img"
        aria-label={`${caption}: ${summary}.`}
      />
      <figcaption>
        <span>{caption}</span> <span className="secondary-text">({summary})</span>
        <span className="flow-legend">
          <LegendSwatch color={flowColors.step} name="tool call" />
          <LegendSwatch color={flowColors.newest} name="newest" />
          <LegendSwatch color={flowColors.answer} name="answer" />
          <LegendSwatch color={flowColors.end} name="no answer" />
        </span>
      </figcaption>
    </figure>
  );
}

function LegendSwatch({ color, name }: { readonly color: string; readonly name: string }) {
  return (
    <span className="flow-legend-item">
      <svg width="10" height="10" aria-hidden="true">
        <circle cx="5" cy="5" r="5" fill={color} />
      </svg>
      {name}
    </span>
  );
}
