import type { Path, PodShare, Target, Topology } from "@/lib/api/topology";
import { formatShare, seenNote } from "./format";
import { SEEN_AS } from "@/lib/vocabulary";
import { COLUMNS, type EdgeKind, type GraphEdge, type GraphModel, type GraphNode, type SeenOnEdge } from "./model";
import { pageEntry, targetMatches, type TargetWindow } from "./window";

export const EPS = 1e-9;
/** Band for elements whose zone nobody reported. Sorts last. */
export const NO_ZONE = "(no zone)";
export const hubKey = "KubeProxy:cluster";
export const zoneKey = (zone: string) => `Zone:${zone}`;
export const sinkKey = (sink: "dropped" | "rejected" | "unknown") => `Sink:${sink}`;
export const targetsGroupKey = (zone: string) => `Targets:${zone}`;
/** The targets of an opened zone that are not on its current page (window.ts). */
export const moreTargetsKey = (zone: string) => `MoreTargets:${zone}`;
export const podsNodeGroupKey = (node: string) => `Pods:${node}`;
export const podsZoneGroupKey = (zone: string) => `Pods:zone:${zone}`;
export const kubeProxyKey = (node: string) => `KubeProxy:${node}`;
export const kubeProxyZoneKey = (zone: string) => `KubeProxy:zone:${zone}`;

export function compareZones(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_ZONE) return 1;
  if (b === NO_ZONE) return -1;
  return a < b ? -1 : 1;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Accumulates nodes and edges; edges between the same two elements merge (shares add up). */
export class GraphCollector {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();
  readonly representative: Record<string, string> = {};
  /** Node name → zone, from the Kubernetes half (DST-4). */
  private readonly nodeZones = new Map<string, string>();
  /** Node name → the API's Node element key (finding refs use it). */
  private readonly nodeKeys = new Map<string, string>();
  /** The last element before the targets (target group, listener or LB). */
  upstream = "";
  /** Node name → visible kube-proxy element on that node (Local), filled by addTargets. */
  readonly kubeProxyOfNode = new Map<string, string>();
  /** Node name → share of new flows reaching that node (Local), filled by addTargets. */
  readonly nodeShare = new Map<string, number>();

  /** Nodes (local/cluster) and pods (`ns/name`, ip) behind the targets drawn in partly shown zones. */
  private readonly shownNodes = new Set<string>();
  private readonly shownPods = new Set<string>();

  constructor(
    readonly topology: Topology,
    readonly path: Path,
    readonly expand: ReadonlySet<string>,
    readonly level: 0 | 1 | 2,
    readonly mode: GraphModel["mode"],
    /** Level 2: the opened zones and which of their targets are drawn (window.ts). */
    readonly windows: ReadonlyMap<string, TargetWindow> = new Map(),
  ) {
    for (const n of topology.nodes) {
      if (n.zone) this.nodeZones.set(n.name, n.zone);
      this.nodeKeys.set(n.name, n.key);
    }
    for (const t of path.targets) {
      if (!windows.get(this.targetZone(t))?.shown.has(t.key)) continue;
      if (t.node) this.shownNodes.add(t.node);
      if (t.pod) this.shownPods.add(`${t.pod.namespace}/${t.pod.name}`);
    }
  }

  targetZone(t: Target): string {
    return t.zone ?? (t.node ? this.nodeZones.get(t.node) : undefined) ?? NO_ZONE;
  }

  podZone(p: PodShare): string {
    return p.zone ?? (p.node ? this.nodeZones.get(p.node) : undefined) ?? NO_ZONE;
  }

  /** Zone collapsed to one target group (level 2, unless the user opened it or a search found targets in it). */
  zoneCollapsed(zone: string): boolean {
    return this.level >= 2 && !this.windows.has(zone);
  }

  /** An opened zone that draws only some of its targets (a page, or the search's matches). */
  zonePartial(zone: string): boolean {
    const w = this.level >= 2 ? this.windows.get(zone) : undefined;
    return !!w && w.shown.size < w.total;
  }

  targetShown(t: Target): boolean {
    if (this.level < 2) return true;
    return this.windows.get(this.targetZone(t))?.shown.has(t.key) ?? false;
  }

  /** A pod is drawn when its zone is drawn whole, or (partly shown zones) when its node's or its own target is. */
  podShown(p: PodShare): boolean {
    const zone = this.podZone(p);
    if (this.zoneCollapsed(zone)) return false;
    if (!this.zonePartial(zone)) return true;
    return this.mode === "ip" ? this.shownPods.has(`${p.namespace}/${p.name}`) : !!p.node && this.shownNodes.has(p.node);
  }

  /** The visible element that stands for a Kubernetes node (its target, or the zone group holding it). */
  representNode(node: string | null, visible: string): void {
    if (!node) return;
    this.representative[`Node:${node}`] ??= visible;
    const key = this.nodeKeys.get(node);
    if (key) this.representative[key] ??= visible;
  }

  addNode(node: GraphNode): void {
    if (!this.nodes.has(node.key)) this.nodes.set(node.key, node);
    this.representative[node.key] ??= node.key;
  }

  shareInto(key: string): number {
    let sum = 0;
    for (const e of this.edges.values()) if (e.target === key) sum += e.share ?? 0;
    return sum;
  }

  hasEdgeInto(key: string): boolean {
    for (const e of this.edges.values()) if (e.target === key) return true;
    return false;
  }

  addEdge(source: string, target: string, share: number | null, seen: SeenOnEdge, kind: EdgeKind = "flow"): void {
    const key = `${source}->${target}`;
    const prev = this.edges.get(key);
    if (prev) {
      prev.share = prev.share == null && share == null ? null : (prev.share ?? 0) + (share ?? 0);
      if (prev.seen !== seen) prev.seen = "mixed";
      return;
    }
    this.edges.set(key, { key, source, target, kind, share, seen, note: null, labelled: false, ariaLabel: "" });
  }

  finish(find: string | null = null): GraphModel {
    const col = (n: GraphNode) => COLUMNS.indexOf(n.column);
    const bandOrder = (n: GraphNode) => (n.band == null ? "" : `~${n.band === NO_ZONE ? "\uffff" : n.band}`);
    // Tab order follows the packet: column by column, top region first, then zone bands in order (a zone's
    // band comes just before its targets). Painting order is set by zIndex, not by this order.
    const nodes = [...this.nodes.values()].sort(
      (a, b) =>
        col(a) - col(b) ||
        compareStrings(bandOrder(a), bandOrder(b)) ||
        compareStrings(a.order, b.order) ||
        compareStrings(a.key, b.key),
    );
    const edges = [...this.edges.values()]
      .filter((e) => this.nodes.has(e.source) && this.nodes.has(e.target))
      .sort((a, b) => compareStrings(a.key, b.key));
    for (const e of edges) {
      e.note = e.kind === "flow" ? seenNote(e.seen) : null;
      const into = this.nodes.get(e.target)!;
      e.labelled = e.share != null && (e.kind !== "flow" || into.column === "target" || into.column === "pod");
      const from = this.nodes.get(e.source)!.title;
      const to = into.title;
      const share = e.share == null ? "" : `, ${formatShare(e.share)} of new flows`;
      e.ariaLabel = `From ${from} to ${to}${share}; source address seen: ${SEEN_AS[e.seen].label}.`;
    }
    const bands = [...new Set(nodes.filter((n) => n.band != null).map((n) => n.band as string))].sort(compareZones);
    const s = this.topology.service;
    const found = new Set<string>();
    let findMatches = 0;
    if (find) {
      for (const t of this.path.targets) {
        if (!targetMatches(t, find)) continue;
        findMatches++;
        const visible = this.representative[t.key];
        if (visible && this.nodes.has(visible)) found.add(visible);
      }
    }
    const pages = [...this.windows.values()].filter((w) => w.page > 0).map((w) => pageEntry(targetsGroupKey(w.zone), w.page));
    return {
      pathId: this.path.id,
      level: this.level,
      expanded: [...this.expand].sort(compareStrings),
      pages: pages.sort(compareStrings),
      find,
      found: [...found].sort(compareStrings),
      findMatches,
      mode: this.mode,
      nodes,
      edges,
      representative: this.representative,
      bands,
      service: { namespace: s.namespace, name: s.name, externalTrafficPolicy: s.externalTrafficPolicy },
    };
  }
}
