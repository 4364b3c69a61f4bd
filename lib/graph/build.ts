import type { Path, Target, Topology } from "@/lib/api/topology";
import { formatShare } from "./format";
import { HEADER, verdictCounts, zoneStatus } from "@/lib/vocabulary";
import { addPods } from "./buildPods";
import { addTargets } from "./buildTargets";
import { addSinks } from "./buildSinks";
import { addRules } from "./buildRules";
import { GraphCollector, NO_ZONE, compareZones, hubKey, targetsGroupKey, zoneKey } from "./collector";
import { elementCount, type GraphModel, type SeenOnEdge } from "./model";
import { normaliseFind, pagesByGroup, targetMatches, windowOf, worstFirst, type TargetWindow } from "./window";

/** Draw at most this many graph elements (nodes + edges) by default (issue 3, "Big services"). */
export const DEFAULT_BUDGET = 500;

export interface BuildOptions {
  /** Group keys the user opened (`Pods:<node>`, `Targets:<zone>`); the URL's `expand`. */
  expand?: readonly string[];
  budget?: number;
  /** Opened zones' pages, `Targets:<zone>:<n>` (1-based); the URL's `page`. */
  page?: readonly string[];
  /** Target search (window.ts): matching targets are drawn first, in every zone; the URL's `find`. */
  find?: string | null;
}

/**
 * Topology path → graph. Collapses in fixed levels until the element budget holds: first pods per node,
 * then targets (and their kube-proxies and pods) per zone. Levels, not per-group greed, so a refresh with
 * slightly different counts does not flip which groups are open. Groups the user expanded stay open; an opened
 * zone too big for the budget draws a page of its targets, worst first, and groups the rest (window.ts).
 */
export function buildGraph(topology: Topology, path: Path, options: BuildOptions = {}): GraphModel {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const expand = new Set(options.expand ?? []);
  const find = normaliseFind(options.find);
  for (const level of [0, 1] as const) {
    // Skip levels that cannot fit (a cheap lower bound), so a 3,000-pod Service is built once, not three times.
    if (lowerBound(path, expand, level) > budget) continue;
    const graph = buildAtLevel(topology, path, expand, level, new Map(), find);
    if (elementCount(graph) <= budget) return graph;
  }
  return buildLevel2(topology, path, expand, budget, pagesByGroup(options.page ?? []), find);
}

/**
 * Elements one drawn target adds at most, by mode: itself and the edge into it, then kube-proxy, the edge to it, a
 * pod (group) and the edge into that (Local, plus a possible drop edge); the edge to the hub and a pod group
 * with its edge (Cluster); its pod and the edge to it (ip). An estimate to size the page; the build checks it.
 */
const COST_PER_TARGET: Record<GraphModel["mode"], number> = { local: 7, cluster: 5, ip: 4, none: 2 };

/** Level 2: every zone collapsed but the opened ones, which draw as many of their targets as the budget allows. */
function buildLevel2(topology: Topology, path: Path, expand: Set<string>, budget: number, pages: Map<string, number>, find: string | null): GraphModel {
  const zoneOf = zoneResolver(topology);
  const byZone = new Map<string, Target[]>();
  for (const t of path.targets) {
    const zone = zoneOf(t);
    const list = byZone.get(zone);
    if (list) list.push(t);
    else byZone.set(zone, [t]);
  }
  // Opened zones, and the candidates each pages over: its targets, or its matches of the search, worst first.
  const open: { zone: string; candidates: Target[]; total: number }[] = [];
  for (const [zone, targets] of byZone) {
    const candidates = (find ? targets.filter((t) => targetMatches(t, find)) : [...targets]).sort(worstFirst);
    // An opened zone stays open under a search that finds nothing in it: its group then says so.
    if (expand.has(targetsGroupKey(zone)) || (find && candidates.length)) open.push({ zone, candidates, total: targets.length });
  }
  const build = (size: number) => {
    const windows = new Map<string, TargetWindow>();
    for (const o of open) windows.set(o.zone, windowOf(o.zone, o.candidates, o.total, size, pages.get(targetsGroupKey(o.zone)) ?? 0, find));
    return buildAtLevel(topology, path, expand, 2, windows, find);
  };
  const collapsed = () => buildAtLevel(topology, path, expand, 2, new Map(), find);
  if (!open.length) return collapsed();
  let graph: GraphModel;
  // Each drawn target is at least a node and an edge: skip drawing whole what cannot fit.
  if (2 * open.reduce((n, o) => n + o.candidates.length, 0) <= budget) {
    graph = build(Infinity);
    if (elementCount(graph) <= budget) return graph;
  }
  // Too big whole: size the page from what the collapsed graph leaves of the budget, then check and shrink.
  const base = elementCount(collapsed());
  const mode = pathMode(topology, path);
  let size = Math.max(1, Math.floor((budget - base) / (COST_PER_TARGET[mode] * open.length)));
  if (size >= 20) size -= size % 10; // round pages, so small changes in the data do not move every page boundary
  for (;;) {
    graph = build(size);
    if (elementCount(graph) <= budget || size === 1) return graph;
    size = Math.max(1, Math.floor(size * 0.8));
  }
}

function zoneResolver(topology: Topology): (t: Target) => string {
  const nodeZones = new Map(topology.nodes.filter((n) => n.zone).map((n) => [n.name, n.zone!]));
  return (t) => t.zone ?? (t.node ? nodeZones.get(t.node) : undefined) ?? NO_ZONE;
}

/** At least this many elements at `level`: each target is a node and an edge, each visible pod (group) a node. */
function lowerBound(path: Path, expand: ReadonlySet<string>, level: 0 | 1): number {
  if (level === 0) return 2 * path.targets.length + path.pods.length;
  const perNode = new Map<string, number>();
  let pods = 0;
  for (const p of path.pods) {
    if (!p.node || expand.has(`Pods:${p.node}`)) pods++;
    else perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
  }
  return 2 * path.targets.length + pods + perNode.size;
}

export function pathMode(topology: Topology, path: Path): GraphModel["mode"] {
  const targetType = path.targetGroup?.targetType ?? (path.loadBalancer.kind === "classic" ? "instance" : null);
  if (targetType === "ip") return "ip"; // SRC-11: kube-proxy bypassed
  if (targetType === "instance") return topology.service.externalTrafficPolicy === "Local" ? "local" : "cluster";
  return "none";
}

function buildAtLevel(topology: Topology, path: Path, expand: Set<string>, level: 0 | 1 | 2, windows: Map<string, TargetWindow>, find: string | null): GraphModel {
  const mode = pathMode(topology, path);
  const c = new GraphCollector(topology, path, expand, level, mode, windows);
  const lb = path.loadBalancer;
  const hop1: SeenOnEdge = path.clientIp.hop1;

  c.addNode({
    key: "Client",
    column: "client",
    band: null,
    order: "0",
    title: lb.scheme === "internal" ? "Clients in the VPC" : "Clients",
    ariaLabel: `Clients (${lb.scheme ?? "unknown scheme"}). ${path.clientIp.summary}`,
    data: { kind: "client", scheme: lb.scheme, summary: path.clientIp.summary },
  });
  const lbKey = `LoadBalancer:${lb.name}`;
  const snatAtLb = path.clientIp.snatAt === "load-balancer";
  const header = path.clientIp.header;
  c.addNode({
    key: lbKey,
    column: "loadBalancer",
    band: null,
    order: "0",
    title: lb.name,
    ariaLabel:
      `${lb.kind} load balancer ${lb.name}, ${lb.scheme ?? "unknown scheme"}, ${lb.dnsName}. Cross-zone ${lb.crossZone ? "on" : "off"}. ` +
      `Zones: ${path.zones.map((z) => `${z.name} ${zoneStatus(z).word}${z.failingOpen ? ", failing open" : ""}`).join("; ") || lb.zones.join(", ")}.` +
      (snatAtLb ? " SNAT: targets see the load balancer's IP, not the client's." : "") +
      (header ? ` The client IP travels in the ${HEADER[header]} header.` : ""),
    data: { kind: "loadBalancer", loadBalancer: lb, zones: path.zones, snat: snatAtLb, header, failOpen: path.failOpen, hop1 },
  });
  c.addEdge("Client", lbKey, 1, "client");

  let upstream = lbKey;
  if (path.listener) {
    const key = `Listener:${lb.name}:${path.listener.port}`;
    c.addNode({
      key,
      column: "listener",
      band: null,
      order: "0",
      title: `${path.listener.protocol} :${path.listener.port}`,
      ariaLabel: `Listener ${path.listener.protocol} port ${path.listener.port}, forwards to Service port ${path.servicePort.port}/${path.servicePort.protocol}${path.servicePort.nodePort != null ? ` (nodePort ${path.servicePort.nodePort})` : ""}.`,
      data: { kind: "listener", listener: path.listener, servicePort: path.servicePort },
    });
    c.addEdge(upstream, key, null, "client");
    upstream = key;
  }
  const rules = addRules(c, path, upstream); // ALB paths: listener → rules → target group
  const classic = lb.kind === "classic";
  if (path.targetGroup || classic) {
    const key = path.targetGroup ? `TargetGroup:${path.targetGroup.name}` : `Instances:${lb.name}`;
    const tg = path.targetGroup;
    const h = path.health;
    c.addNode({
      key,
      column: "targetGroup",
      band: null,
      order: "0",
      title: tg ? tg.name : "Registered instances",
      ariaLabel:
        (tg
          ? `Target group ${tg.name}, ${tg.targetType} targets, ${tg.protocol ?? ""} port ${tg.port ?? "–"}, client IP preservation ${tg.preserveClientIp ? "on" : "off"}${tg.proxyProtocol ? ", proxy protocol v2 on" : ""}.`
          : `Classic load balancer instances.`) +
        ` Health: ${verdictCounts(h, { symbols: false, zeros: true, sep: ", " })}.`,
      data: { kind: "targetGroup", targetGroup: tg, classic, healthCheck: path.classicHealthCheck, health: h },
    });
    if (rules.length) for (const r of rules) c.addEdge(r.key, key, r.shadowed ? 0 : null, "client");
    else c.addEdge(upstream, key, null, "client");
    upstream = key;
  }
  c.upstream = upstream;

  // Zone bands: every zone the LB is enabled in, plus every zone a target or pod sits in.
  const zoneNames = new Set<string>(path.zones.map((z) => z.name));
  for (const t of path.targets) zoneNames.add(c.targetZone(t));
  for (const p of path.pods) zoneNames.add(c.podZone(p));
  const bands = [...zoneNames].sort(compareZones);
  const targetsIn = countBy(path.targets, (t) => c.targetZone(t));
  const podsIn = countBy(path.pods, (p) => c.podZone(p));
  for (const name of bands) {
    const zone = path.zones.find((z) => z.name === name) ?? null;
    const key = zoneKey(name);
    const targets = targetsIn.get(name) ?? 0;
    const pods = podsIn.get(name) ?? 0;
    const dns = zone ? zoneStatus(zone).sentence : name === NO_ZONE ? "zone unknown" : "the load balancer has no subnet in this zone";
    const observed = observedZone(path, name); // issue 12
    c.addNode({
      key,
      column: "target",
      band: name,
      order: "",
      title: name,
      ariaLabel: `Zone ${name}: ${dns}${zone ? `, ${formatShare(zone.share)} of new flows enter here, ${zone.healthyTargets} of ${zone.targets} targets healthy${zone.failingOpen ? ", failing open" : ""}` : ""}; ${targets} targets, ${pods} pods.${observed ? ` Observed by CloudWatch: ${formatShare(observed.share)} of new flows${observed.off ? ", unlike expected" : ""}.` : ""}`,
      data: { kind: "zone", zone, name, targets, pods, observed },
    });
    c.representative[key] = key;
    if (zone) c.representative[zone.key] = key;
  }

  if (mode === "cluster") {
    const ready = path.pods.filter((p) => p.ready && !p.terminating).length;
    const share = path.targets.reduce((s, t) => s + t.share, 0);
    const snat = path.clientIp.snatAt === "kube-proxy";
    c.addNode({
      key: hubKey,
      column: "proxy",
      band: null,
      order: "0",
      title: "kube-proxy (Cluster)",
      ariaLabel: `kube-proxy on every node, externalTrafficPolicy Cluster: each node forwards to any of ${ready} Ready endpoints cluster-wide.${snat ? " SNAT: the pod sees the receiving node's IP, not the client's." : ""}`,
      data: { kind: "kubeProxyHub", policy: "Cluster", snat, endpoints: ready, share },
    });
  } else if (mode === "ip") {
    c.addNode({
      key: "KubeProxy:bypassed",
      column: "proxy",
      band: null,
      order: "0",
      title: "kube-proxy bypassed",
      ariaLabel: "kube-proxy is bypassed: ip targets send straight to the pod IP, so externalTrafficPolicy has no effect.",
      data: { kind: "kubeProxyBypass", reason: "ip targets: the load balancer sends to pod IPs directly (SRC-11)" },
    });
  }

  addTargets(c);
  addPods(c);
  addSinks(c);
  return c.finish(find);
}

/** The zone's observed traffic, flagged when it is part of the path's divergence (issue 12, docs/api.md). */
function observedZone(path: Path, name: string): (NonNullable<Path["observed"]>["zones"][number] & { off: boolean }) | null {
  const o = path.observed;
  const z = o?.zones.find((x) => x.zone === name);
  if (!o || !z) return null;
  const ratio = z.expectedShare > 0 ? z.share / z.expectedShare : null;
  const off = o.divergence.level !== "ok" && (ratio === null ? z.share >= 0.05 : ratio > 1.2 || ratio < 0.5);
  return { ...z, off };
}

function countBy<T>(items: T[], keyOf: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) out.set(keyOf(item), (out.get(keyOf(item)) ?? 0) + 1);
  return out;
}
