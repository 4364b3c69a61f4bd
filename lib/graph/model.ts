import type { ClientIpHeader, ObservedZone, Path, PodShare, RuleView, ServiceInfo, Skeleton, Target, Verdict, ZoneState } from "@/lib/api/topology";

/**
 * The graph the service page draws for one path: plain data (no React, no React Flow), so it can be built
 * and laid out in a worker, unit-tested, and serialised to SVG. Element keys are the URL's `sel`/`expand`
 * vocabulary: the API's own keys (Target:…, Pod:…, Zone:…) plus the graph's own (Client, LoadBalancer:…,
 * KubeProxy:…, Pods:<node>, Targets:<zone>, Sink:…).
 */

/** Left-to-right columns that follow the packet. */
export const COLUMNS = ["client", "loadBalancer", "listener", "rule", "targetGroup", "target", "proxy", "pod"] as const;
export type Column = (typeof COLUMNS)[number];

/** What the next hop sees as the L3 source on an edge: the client, or a replacement (SRC-*). */
export type SeenOnEdge = "client" | "load-balancer" | "node" | "mixed";

export type VerdictCounts = Record<Verdict, number>;

export interface PodGroupSummary {
  count: number;
  ready: number;
  share: number;
  starved: number;
  /** Largest share / fair share among the members (null when fair share is unknown). */
  maxRatio: number | null;
  seenAs: SeenOnEdge | null;
  header: ClientIpHeader | null;
  /** The node (per-node groups) or zone (per-zone groups) the members share. */
  node: string | null;
  zone: string | null;
}

export type NodeData =
  | { kind: "client"; scheme: string | null; summary: string }
  | {
      kind: "loadBalancer";
      loadBalancer: Path["loadBalancer"];
      zones: ZoneState[];
      snat: boolean;
      header: ClientIpHeader | null;
      failOpen: boolean;
      hop1: SeenOnEdge;
    }
  | { kind: "listener"; listener: NonNullable<Path["listener"]>; servicePort: Path["servicePort"] }
  /**
   * An ALB listener rule that forwards to this path's target group (ALB-R1): `share` is the fraction of its
   * requests sent here (weighted forward), `shadowed` that an earlier rule always matches first (ALB-R9).
   * `hidden` > 0 on the last card when more rules lead here than the graph draws (the rules table lists all).
   */
  | { kind: "rule"; rule: RuleView; share: number; shadowed: boolean; hidden: number }
  | { kind: "targetGroup"; targetGroup: Path["targetGroup"]; classic: boolean; healthCheck: Path["classicHealthCheck"]; health: Path["health"] }
  | { kind: "target"; target: Target; failOpen: boolean }
  | {
      kind: "targetZoneGroup";
      zone: string;
      count: number;
      share: number;
      verdicts: VerdictCounts;
      members: string[];
      /** The rest of an opened zone (key MoreTargets:<zone>): which page of it is drawn, and how to reach the others. */
      window?: TargetPage;
    }
  | { kind: "kubeProxy"; node: string; policy: "Local"; localEndpoints: number | null; share: number; dropped: number }
  | { kind: "kubeProxyGroup"; zone: string; count: number; share: number; dropped: number }
  | { kind: "kubeProxyHub"; policy: "Cluster"; snat: boolean; endpoints: number; share: number }
  | { kind: "kubeProxyBypass"; reason: string }
  | { kind: "pod"; pod: PodShare; fair: number | null; ratio: number | null; overFair: boolean }
  | { kind: "podGroup"; summary: PodGroupSummary; members: string[] }
  | { kind: "sink"; sink: "dropped" | "rejected" | "unknown"; share: number }
  | {
      kind: "zone"; zone: ZoneState | null; name: string; targets: number; pods: number;
      /** Observed traffic into this zone (CloudWatch, issue 12); `off`: it is part of a divergence worth a look. */
      observed?: (ObservedZone & { off: boolean }) | null;
    }
  // The skeleton (Topology.skeleton): the Kubernetes half drawn without the load balancer's.
  | { kind: "lbMissing"; reason: Skeleton["reason"]; message: string; expectedKind: Skeleton["expected"]["kind"]; hostname: string | null; since: string | null }
  | { kind: "k8sNode"; node: Skeleton["nodes"][number] }
  | { kind: "k8sPod"; pod: Skeleton["pods"][number]; seenAs: SeenOnEdge | null };

/** Where an opened zone's drawn page sits among its targets (lib/graph/window.ts). */
export interface TargetPage {
  /** The zone's expand key, `Targets:<zone>`: paging and collapsing act on it. */
  group: string;
  /** 0-based. */
  page: number;
  pages: number;
  pageSize: number;
  /** Targets drawn one by one now. */
  shown: number;
  /** Targets the pages run over (all of the zone's, or the search's matches). */
  candidates: number;
  total: number;
  find: string | null;
}

export type NodeKind = NodeData["kind"];

export interface GraphNode {
  /** Stable element key (React Flow id, URL `sel`). */
  key: string;
  column: Column;
  /** The zone band the node sits in; null = the top region (client, LB, listener, TG, hub, sinks). */
  band: string | null;
  /** Stable sort key inside its band and column. */
  order: string;
  /** Place on the same row as this node (kube-proxy next to its node's target). */
  alignWith?: string;
  /** For groups: the `expand` key that opens the group. */
  expandKey?: string;
  /** For elements shown because a group is expanded: the `expand` key that closes it again. */
  collapseKey?: string;
  title: string;
  /** What a screen reader says for this element: everything the card shows, in words. */
  ariaLabel: string;
  data: NodeData;
}

export type EdgeKind = "flow" | "dropped" | "rejected" | "unknown";

export interface GraphEdge {
  key: string;
  source: string;
  target: string;
  kind: EdgeKind;
  /** Share of new flows on this edge (null: not a traffic split, e.g. inside the LB). */
  share: number | null;
  /** What the receiving hop sees as the source address; drives the edge pattern (SRC-*). */
  seen: SeenOnEdge;
  /** Extra words on the edge, e.g. "src: node IP" where the client IP is replaced. */
  note: string | null;
  /** Draw the share label: on edges into targets, pods and sinks (elsewhere the card already says it). */
  labelled: boolean;
  ariaLabel: string;
}

export interface GraphModel {
  pathId: string;
  /** 0 = everything drawn, 1 = pods collapsed per node, 2 = targets collapsed per zone (element budget). */
  level: 0 | 1 | 2;
  /** The user's expanded groups, sorted (part of the layout signature). */
  expanded: string[];
  /** Pages of opened zones beyond the first (`Targets:<zone>:<n>`, 1-based, sorted; part of the layout signature). */
  pages: string[];
  /** The target search in force (normalised), and the visible elements standing for its matches. */
  find: string | null;
  found: string[];
  /** Targets of the path matching the search. */
  findMatches: number;
  mode: "local" | "cluster" | "ip" | "none";
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Any element key of the path (Target:…, Pod:…, Node:…, Zone:…) → the visible node that stands for it. */
  representative: Record<string, string>;
  /** Zone bands, in layout order. */
  bands: string[];
  service: Pick<ServiceInfo, "namespace" | "name" | "externalTrafficPolicy">;
}

export function elementCount(g: Pick<GraphModel, "nodes" | "edges">): number {
  return g.nodes.length + g.edges.length;
}
