import { useEffect, useMemo, useRef, useState } from 'react';
import Sigma from 'sigma';
import { buildFlowGraph, flowColors, type FlowLane } from '../../tasks/buildFlowGraph.ts';

/** Props of FlowGraphView. */
export type FlowGraphViewProps = {
  readonly lanes: readonly FlowLane[];
  /** The figure's caption. */
  readonly caption?: string;
};

/**
 * The Semantic Flow Graph of a task, drawn by sigma.js (WebGL) from a graphology graph that is
 * rebuilt from the lanes on every change. One sigma instance lives as long as the component.
 */
export function FlowGraphView({ lanes, caption = 'Semantic Flow Graph' }: FlowGraphViewProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  // One graphology instance for sigma's lifetime, refilled on every change: sigma follows the
  // graph's events and rescales to the new extent.
  const [shown] = useState(() => buildFlowGraph([]));
  const graph = useMemo(() => buildFlowGraph(lanes), [lanes]);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) return;
    const renderer = new Sigma(shown, container, {
      settings: {
        allowInvalidContainer: true,
        // Sizes are pixels (sigma 4 defaults to graph units).
        itemSizesReference: 'screen',
        // Room for the labels, which sit to the right of their nodes.
        stagePadding: 60,
        renderEdgeLabels: false,
        labelRenderedSizeThreshold: 0,
        labelDensity: 1,
        enableCameraRotation: false,
      },
    });
    return () => renderer.kill();
  }, [shown]);

  useEffect(() => {
    shown.clear();
    shown.import(graph.export());
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
