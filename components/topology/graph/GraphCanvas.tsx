"use client";
import { Background, Controls, MarkerType, Panel, ReactFlow, useReactFlow, useStore, type NodeChange, type NodeTypes, type EdgeTypes } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from "react";
import { neighbour, type Direction } from "@/lib/graph/navigation";
import { perfMark } from "@/lib/perfMark";
import type { GraphResult } from "@/lib/graph/pipeline";
import type { Layout } from "@/lib/graph/layout";
import { elementCount } from "@/lib/graph/model";
import { ClientCard, HubCard, ListenerCard, RuleCard, LoadBalancerCard, SinkCard, TargetGroupCard } from "./cardsTop";
import { KubeProxyCard, PodCard, TargetCard, ZoneBand } from "./cardsBand";
import { PodGroupCard, TargetZoneGroupCard } from "./cardsGroups";
import { EDGE_COLOUR, FlowEdge, type FlowEdgeType } from "./FlowEdge";
import { GraphActions, type CardNodeType } from "./shared";
import { ExportButtons } from "./ExportButtons";

const nodeTypes: NodeTypes = {
  client: ClientCard,
  loadBalancer: LoadBalancerCard,
  listener: ListenerCard,
  rule: RuleCard,
  targetGroup: TargetGroupCard,
  target: TargetCard,
  targetZoneGroup: TargetZoneGroupCard,
  kubeProxy: KubeProxyCard,
  kubeProxyGroup: KubeProxyCard,
  kubeProxyHub: HubCard,
  kubeProxyBypass: HubCard,
  pod: PodCard,
  podGroup: PodGroupCard,
  sink: SinkCard,
  zone: ZoneBand,
};
const edgeTypes: EdgeTypes = { flow: FlowEdge };
const ARROWS: Record<string, Direction> = { ArrowUp: "up", ArrowDown: "down", ArrowLeft: "left", ArrowRight: "right" };

export interface CanvasProps {
  result: GraphResult;
  /** Visible element keys to ring (finding refs, mapped to what is drawn). */
  highlighted: ReadonlySet<string>;
  selected: string | null;
  focusKey: string | null;
  exportTitle: string;
  onActivate: (key: string | null) => void;
  onExpand: (key: string) => void;
  onCollapse: (key: string) => void;
  /** Show page n (0-based) of an opened zone (`Targets:<zone>`). */
  onPage: (group: string, page: number) => void;
}

export function GraphCanvas({ result, highlighted, selected, focusKey, exportTitle, onActivate, onExpand, onCollapse, onPage }: CanvasProps) {
  const { graph, layout } = result;
  const anyHl = highlighted.size > 0;
  const nodes = useMemo<CardNodeType[]>(
    () =>
      graph.nodes.map((g) => {
        const r = layout.positions[g.key];
        const isZone = g.data.kind === "zone";
        return {
          id: g.key,
          type: g.data.kind,
          position: { x: r.x, y: r.y },
          width: r.width,
          height: r.height,
          style: { width: r.width, height: r.height },
          data: { g, hl: highlighted.has(g.key), dim: anyHl && !highlighted.has(g.key) && !isZone, sel: g.key === selected },
          selected: g.key === selected,
          draggable: false,
          connectable: false,
          ariaLabel: g.ariaLabel,
          zIndex: isZone ? -1 : 1,
          domAttributes: { "aria-roledescription": isZone ? "zone" : "graph element" } as never,
        };
      }),
    [graph, layout, highlighted, anyHl, selected],
  );
  const edges = useMemo<FlowEdgeType[]>(
    () =>
      graph.edges.map((e) => {
        const hl = highlighted.has(e.source) && highlighted.has(e.target);
        const colour = hl ? EDGE_COLOUR.hl : EDGE_COLOUR[e.kind];
        return {
          id: e.key,
          source: e.source,
          target: e.target,
          type: "flow" as const,
          data: { e, hl, dim: anyHl && !hl },
          markerEnd: { type: MarkerType.ArrowClosed, color: colour, width: 14, height: 14, markerUnits: "userSpaceOnUse" },
          ariaLabel: e.ariaLabel,
          focusable: false,
          selectable: false,
        };
      }),
    [graph, highlighted, anyHl],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CardNodeType>[]) => {
      // Selection is owned by the URL: read React Flow's intent (click, Enter, Escape) and route it there.
      const picked = changes.find((c) => c.type === "select" && c.selected);
      if (picked && picked.type === "select") onActivate(picked.id);
      else if (changes.some((c) => c.type === "select" && !c.selected && c.id === selected)) onActivate(null);
    },
    [onActivate, selected],
  );

  const onKeyDown = useCallback(
    (ev: KeyboardEvent<HTMLDivElement>) => {
      const dir = ARROWS[ev.key];
      const el = document.activeElement as HTMLElement | null;
      const from = el?.classList.contains("react-flow__node") ? el.dataset.id : undefined;
      if (!dir || !from) return;
      const to = neighbour(graph, layout, from, dir);
      if (!to) return;
      ev.preventDefault();
      const target = ev.currentTarget.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(to)}"]`);
      target?.focus();
    },
    [graph, layout],
  );

  const actions = useMemo(() => ({ expand: onExpand, collapse: onCollapse, page: onPage }), [onExpand, onCollapse, onPage]);
  useEffect(() => perfMark("lbpath:graph-mounted"), []);
  const count = elementCount(graph);
  return (
    <GraphActions.Provider value={actions}>
      <div className="h-full w-full" onKeyDown={onKeyDown} data-testid="topology-graph" data-element-count={count} data-level={graph.level} data-path={graph.pathId}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onPaneClick={() => onActivate(null)}
          nodesDraggable={false}
          nodesConnectable={false}
          nodesFocusable
          edgesFocusable={false}
          elementsSelectable
          selectNodesOnDrag={false}
          panOnScroll
          zoomOnScroll={false}
          minZoom={0.05}
          maxZoom={2.5}
          onlyRenderVisibleElements={count > 500}
          colorMode="system"
          ariaLabelConfig={{ "node.a11yDescription.default": "Press Tab to move between elements, arrow keys to move by column and row, Enter to select or expand, Escape to clear." }}
        >
          <Background gap={24} />
          <Controls showInteractive={false} position="bottom-left" />
          <Panel position="top-right">
            <ExportButtons result={result} title={exportTitle} />
          </Panel>
          <InitialView layout={layout} pathId={graph.pathId} />
          <FocusOnChange focusKey={focusKey} highlighted={highlighted} />
        </ReactFlow>
      </div>
    </GraphActions.Provider>
  );
}

const VIEW_PAD = 24;
/** Readable at a glance: fit the whole graph when that keeps text legible (zoom ≥ 0.7). */
const fitZoom = (layout: Layout, width: number, height: number) => Math.min(width / (layout.width + 2 * VIEW_PAD), height / (layout.height + 2 * VIEW_PAD));

/**
 * The first view of a path: the whole graph if it fits at a legible zoom, else fitted to the width and
 * starting at the top (the wheel scrolls down, like a page; ctrl + wheel or the buttons zoom).
 */
function InitialView({ layout, pathId }: { layout: Layout; pathId: string }) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  // The viewport can only be set once React Flow's pan/zoom exists; computed from our own layout, so it does
  // not wait for nodes to be measured.
  const ready = useStore((s) => !!s.panZoom);
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!width || !height || !ready || done.current === pathId) return;
    done.current = pathId;
    const fit = fitZoom(layout, width, height);
    const zoom = fit >= 0.7 ? Math.min(1, fit) : Math.min(1, Math.max(0.5, (width - 2 * VIEW_PAD) / layout.width));
    const x = Math.max(VIEW_PAD, (width - layout.width * zoom) / 2);
    const y = fit >= 0.7 ? Math.max(VIEW_PAD, (height - layout.height * zoom) / 2) : VIEW_PAD;
    void flow.setViewport({ x, y, zoom });
  }, [flow, layout, pathId, width, height, ready]);
  return null;
}

/** When a finding is picked, bring the elements it is about into view. */
function FocusOnChange({ focusKey, highlighted }: { focusKey: string | null; highlighted: ReadonlySet<string> }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!focusKey || highlighted.size === 0) return;
    const ids = [...highlighted].map((id) => ({ id }));
    const t = setTimeout(() => void flow.fitView({ nodes: ids, padding: 0.35, maxZoom: 1, duration: 250 }), 0);
    return () => clearTimeout(t);
    // Only when the picked finding changes, not on every refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusKey]);
  return null;
}
