import { compareStrings } from "./collector";
import type { Column, GraphModel, GraphNode, NodeKind } from "./model";

/**
 * Deterministic layered layout (issue 3: "a refresh or a live update must never make the graph jump").
 *
 * - Columns follow the packet; x depends only on the column.
 * - The top region (client, LB, listener, target group, kube-proxy hub, sinks) has fixed slots.
 * - Below it, one band per zone (sorted by name). Inside a band each column has numbered slots, filled in
 *   stable-key order, with spare slots at the end of each band.
 * - Given the previous layout of the same view (same path, level and expanded groups), every element that
 *   still exists keeps its position and new elements take free slots of their band; only when a band is
 *   full or a zone appears does it fall back to a fresh layout.
 * Pure and cheap (linear after one sort), so it runs in a worker or anywhere else.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Band {
  zone: string;
  y: number;
  height: number;
  /** Slot capacity per column. */
  slots: { target: number; pod: number };
}

export interface Layout {
  signature: string;
  positions: Record<string, Rect>;
  bands: Band[];
  topHeight: number;
  width: number;
  height: number;
}

/** Where each column sits. One of two per graph: ALB paths have a rules column, every other path does not. */
interface Geometry {
  x: Record<Column, number>;
  width: Record<Column, number>;
}

// Compact on purpose: at 1280×800 with the side panel the whole graph of a small Service fits at ~0.8 zoom.
// Wider gaps where edges fan out (target group → targets, kube-proxy → pods), so share labels have room.
// Without rules the rule column is empty and takes no room (it shares the target group's x).
const PLAIN: Geometry = {
  x: { client: 0, loadBalancer: 88, listener: 260, rule: 356, targetGroup: 356, target: 548, proxy: 736, pod: 888 },
  width: { client: 72, loadBalancer: 156, listener: 80, rule: 168, targetGroup: 144, target: 168, proxy: 100, pod: 168 },
};
/** ALB paths (issue 13): the rule cards take a column between the listener and the target group. */
const RULE_SHIFT = 184;
const WITH_RULES: Geometry = {
  x: Object.fromEntries(
    Object.entries(PLAIN.x).map(([c, x]) => [c, ["targetGroup", "target", "proxy", "pod"].includes(c) ? x + RULE_SHIFT : x]),
  ) as Record<Column, number>,
  width: PLAIN.width,
};
const hasRules = (g: Pick<GraphModel, "nodes">) => g.nodes.some((n) => n.column === "rule");
const geometryOf = (g: Pick<GraphModel, "nodes">): Geometry => (hasRules(g) ? WITH_RULES : PLAIN);

export const ROW = { target: 72, pod: 58 } as const;
const RULE_GAP = 8;
const SIZE: Partial<Record<NodeKind, number>> = { target: 62, targetZoneGroup: 62, kubeProxy: 50, kubeProxyGroup: 50, pod: 50, podGroup: 50, k8sNode: 62, k8sPod: 50, lbMissing: 112, rule: 74 };
const BAND_HEADER = 26;
const BAND_PAD = 8;
const BAND_GAP = 12;
const BAND_INSET = 12;
const SINK_ROW = 32;
const TOP_MIN = 3 * SINK_ROW - 4;

/** Two layouts with the same signature can be merged incrementally (same view, same geometry). */
export function layoutSignature(g: Pick<GraphModel, "pathId" | "level" | "expanded" | "pages" | "find" | "nodes">): string {
  return `${g.pathId}|${g.level}|${g.expanded.join(",")}|${g.pages.join(",")}|${g.find ?? ""}${hasRules(g) ? "|rules" : ""}`;
}

export function layoutGraph(g: GraphModel, previous?: Layout | null): Layout {
  if (previous && previous.signature === layoutSignature(g)) {
    const kept = incremental(g, previous);
    if (kept) return kept;
  }
  return fresh(g);
}

function heightOf(n: GraphNode): number {
  const d = n.data;
  switch (d.kind) {
    case "client":
      return 52;
    case "loadBalancer":
      return 82 + 16 * Math.max(1, d.zones.length || d.loadBalancer.zones.length) + (d.snat ? 34 : 0) + (d.header ? 34 : 0);
    case "listener":
      return 66;
    case "targetGroup":
      return 112 + (d.targetGroup?.proxyProtocol ? 20 : 0);
    case "kubeProxyHub":
    case "kubeProxyBypass":
      return 100;
    case "sink":
      return 28;
    default:
      return SIZE[d.kind] ?? 60;
  }
}

/** The Cluster hub floats beside the bands (not in the top region), so its fan-out reaches every band. */
const floats = (n: GraphNode) => n.data.kind === "kubeProxyHub";

function hubRect(geo: Geometry, n: GraphNode, bands: Band[], topHeight: number): Rect {
  const last = bands[bands.length - 1];
  const h = heightOf(n);
  const bottom = last ? last.y + last.height : topHeight + h;
  let y = Math.round(topHeight + (bottom - topHeight - h) / 2);
  // Centred, it can land on a band's header (zone name, expected and observed share): slide it just below.
  for (const band of bands) if (y < band.y + BAND_HEADER && y + h > band.y) y = band.y + BAND_HEADER + 2;
  return { x: geo.x.proxy - 10, y, width: geo.width.proxy + 20, height: h };
}

/** Sinks stack in their rows; rule cards stack in evaluation order (their `order`), like the rules table. */
function topRect(geo: Geometry, n: GraphNode): Rect {
  const width = n.data.kind === "sink" ? geo.width.pod : geo.width[n.column];
  const y = n.data.kind === "sink" ? Number(n.order) * SINK_ROW : n.data.kind === "rule" ? Number(n.order) * (heightOf(n) + RULE_GAP) : 0;
  return { x: geo.x[n.column], y, width, height: heightOf(n) };
}

function topHeightOf(geo: Geometry, g: GraphModel): number {
  // Only the target..pod columns share vertical space with the bands; LB, listener, rules and TG sit left of them.
  const inBandColumns = g.nodes.filter((n) => n.band == null && !floats(n) && (n.column === "proxy" || n.column === "pod"));
  const bottom = Math.max(TOP_MIN, ...inBandColumns.map((n) => topRect(geo, n).y + heightOf(n)));
  return bottom + 12;
}

const bandX = (geo: Geometry) => geo.x.target - BAND_INSET;
const bandWidth = (geo: Geometry) => geo.x.pod + geo.width.pod + BAND_INSET - bandX(geo);
const rowColumn = (n: GraphNode): "target" | "pod" | null => (n.column === "target" ? "target" : n.column === "pod" ? "pod" : null);

function fresh(g: GraphModel): Layout {
  const geo = geometryOf(g);
  const positions: Record<string, Rect> = {};
  const topHeight = topHeightOf(geo, g);
  for (const n of g.nodes) if (n.band == null && !floats(n)) positions[n.key] = topRect(geo, n);

  const members = groupByBand(g);
  const bands: Band[] = [];
  let y = topHeight;
  for (const zone of g.bands) {
    const m = members.get(zone) ?? { target: [], pod: [] };
    const slots = { target: m.target.length + 1, pod: m.pod.length + Math.max(1, Math.ceil(m.pod.length * 0.25)) };
    const height = BAND_HEADER + Math.max(slots.target * ROW.target, slots.pod * ROW.pod) + BAND_PAD;
    const band: Band = { zone, y, height, slots };
    bands.push(band);
    m.target.forEach((n, i) => (positions[n.key] = slotRect(geo, n, band, "target", i)));
    m.pod.forEach((n, i) => (positions[n.key] = slotRect(geo, n, band, "pod", i)));
    y += height + BAND_GAP;
  }
  for (const n of g.nodes) if (floats(n)) positions[n.key] = hubRect(geo, n, bands, topHeight);
  placeBandsAndAligned(geo, g, positions, bands);
  return finish(g, positions, bands, topHeight);
}

function incremental(g: GraphModel, prev: Layout): Layout | null {
  const geo = geometryOf(g); // the same as prev's: the signature says whether there are rules
  const topHeight = topHeightOf(geo, g);
  if (topHeight !== prev.topHeight) return null;
  const bands = new Map(prev.bands.map((b) => [b.zone, b]));
  if (g.bands.some((z) => !bands.has(z))) return null;
  const positions: Record<string, Rect> = {};
  const kept = g.bands.map((z) => bands.get(z)!);
  for (const n of g.nodes) if (n.band == null) positions[n.key] = floats(n) ? (prev.positions[n.key] ?? hubRect(geo, n, kept, topHeight)) : topRect(geo, n);

  const used = new Map<string, Set<number>>();
  const fresh: GraphNode[] = [];
  for (const n of g.nodes) {
    const col = rowColumn(n);
    if (n.band == null || n.data.kind === "zone" || !col) continue;
    const band = bands.get(n.band)!;
    const old = prev.positions[n.key];
    if (!old) {
      fresh.push(n);
      continue;
    }
    positions[n.key] = { ...old, height: heightOf(n) };
    const slot = Math.round((old.y - band.y - BAND_HEADER) / ROW[col]);
    const key = `${n.band}|${col}`;
    used.set(key, (used.get(key) ?? new Set()).add(slot));
  }
  for (const n of fresh.sort((a, b) => compareStrings(a.order, b.order) || compareStrings(a.key, b.key))) {
    const col = rowColumn(n)!;
    const band = bands.get(n.band!)!;
    const key = `${n.band}|${col}`;
    const taken = used.get(key) ?? new Set<number>();
    let slot = 0;
    while (taken.has(slot)) slot++;
    if (slot >= band.slots[col]) return null; // band full: lay out afresh
    taken.add(slot);
    used.set(key, taken);
    positions[n.key] = slotRect(geo, n, band, col, slot);
  }
  placeBandsAndAligned(geo, g, positions, kept);
  return finish(g, positions, kept, topHeight);
}

function groupByBand(g: GraphModel): Map<string, { target: GraphNode[]; pod: GraphNode[] }> {
  const out = new Map<string, { target: GraphNode[]; pod: GraphNode[] }>();
  for (const n of g.nodes) {
    const col = rowColumn(n);
    if (n.band == null || n.data.kind === "zone" || !col) continue;
    const m = out.get(n.band) ?? { target: [], pod: [] };
    m[col].push(n);
    out.set(n.band, m);
  }
  for (const m of out.values()) for (const list of [m.target, m.pod]) list.sort((a, b) => compareStrings(a.order, b.order) || compareStrings(a.key, b.key));
  return out;
}

function slotRect(geo: Geometry, n: GraphNode, band: Band, col: "target" | "pod", slot: number): Rect {
  return { x: geo.x[n.column], y: band.y + BAND_HEADER + slot * ROW[col], width: geo.width[n.column], height: heightOf(n) };
}

/** Zone backgrounds span their band; kube-proxies sit on their target's row. */
function placeBandsAndAligned(geo: Geometry, g: GraphModel, positions: Record<string, Rect>, bands: Band[]): void {
  const byZone = new Map(bands.map((b) => [b.zone, b]));
  for (const n of g.nodes) {
    if (n.data.kind === "zone" && n.band != null) {
      const b = byZone.get(n.band)!;
      positions[n.key] = { x: bandX(geo), y: b.y, width: bandWidth(geo), height: b.height };
    } else if (n.alignWith) {
      const anchor = positions[n.alignWith];
      const b = byZone.get(n.band ?? "");
      const y = anchor ? anchor.y + (anchor.height - heightOf(n)) / 2 : (b?.y ?? 0) + BAND_HEADER;
      positions[n.key] = { x: geo.x[n.column], y, width: geo.width[n.column], height: heightOf(n) };
    }
  }
}

function finish(g: GraphModel, positions: Record<string, Rect>, bands: Band[], topHeight: number): Layout {
  let width = 0;
  let height = 0;
  for (const r of Object.values(positions)) {
    width = Math.max(width, r.x + r.width);
    height = Math.max(height, r.y + r.height);
  }
  return { signature: layoutSignature(g), positions, bands, topHeight, width, height };
}
