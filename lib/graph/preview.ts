import type { GraphResult } from "./pipeline";

/**
 * A static picture of one graph view, drawn on the server (server/views/graphPreview.ts) and shown by the service
 * page until its interactive graph is ready.
 */
export interface GraphPreview {
  /** The path it shows: the page uses it only while that path is selected. */
  pathId: string;
  /**
   * A `data:image/svg+xml;base64,…` URL of the SVG from lib/graph/exportSvg.ts (every cluster string in it is
   * XML-escaped). Base64 rather than percent-encoding: a third larger, not twice.
   */
  src: string;
  /** What the picture shows, for screen readers. */
  label: string;
  /**
   * The same graph and layout as data, for the interactive graph's first render: it draws at once instead of
   * waiting for the layout worker's answer (which replaces it, keeping every position). Slimmed by firstRender().
   */
  first?: GraphResult;
}

/**
 * The graph as the first render needs it: without the lookups only selection, highlighting and the collapsed groups'
 * member lists use (element key → visible element, for every target and pod: most of the bytes at 3,000 targets).
 * The worker's answer, which follows within a moment, has them.
 */
export function firstRender(r: GraphResult): GraphResult {
  const nodes = r.graph.nodes.map((n) => (n.data.kind === "podGroup" || n.data.kind === "targetZoneGroup" ? { ...n, data: { ...n.data, members: [] } } : n));
  return { graph: { ...r.graph, nodes, representative: {} }, layout: r.layout, ms: r.ms };
}

/** Whether a server-drawn first render is of this view (path, opened groups, pages, search). */
export function firstRenderFits(first: GraphResult | undefined, view: { pathId: string; expand: readonly string[]; pages: readonly string[]; find: string | null }): first is GraphResult {
  if (!first) return false;
  const g = first.graph;
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
  return g.pathId === view.pathId && same(g.expanded, view.expand) && same(g.pages, view.pages) && (g.find ?? null) === (view.find?.trim().toLowerCase() || null);
}
