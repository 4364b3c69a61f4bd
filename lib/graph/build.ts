import type { Path, Topology } from "@/lib/api/topology";
import { formatShare } from "./format";
import { HEADER, verdictCounts, zoneStatus } from "@/lib/vocabulary";
import { addPods } from "./buildPods";
import { addTargets, ROUNDING } from "./buildTargets";
import { GraphCollector, EPS, NO_ZONE, compareZones, hubKey, sinkKey, zoneKey } from "./collector";
import { elementCount, type GraphModel, type SeenOnEdge } from "./model";

/** Draw at most this many graph elements (nodes + edges) by default (issue 3, "Big services"). */
export const DEFAULT_BUDGET = 500;

export interface BuildOptions {
  /** Group keys the user opened (`Pods:<node>`, `Targets:<zone>`); the URL's `expand`. */
  expand?: readonly string[];
  budget?: number;
}

/**
 * Topology path → graph. Collapses in fixed levels until the element budget holds: first pods per node,
 * then targets (and their kube-proxies and pods) per zone. Levels, not per-group greed, so a refresh with
 * slightly different counts does not flip which groups are open. Groups the user expanded stay open.
 */
export function buildGraph(topology: Topology, path: Path, options: BuildOptions = {}): GraphModel {
  const budget = options.budget ?? DEFAULT_BUDGET;
  const expand = new Set(options.expand ?? []);
  let graph: GraphModel | null = null;
  for (const level of [0, 1, 2] as const) {
    // Skip levels that cannot fit (a cheap lower bound), so a 3,000-pod Service is built once, not three times.
    if (level !== 2 && lowerBound(path, expand, level) > budget) continue;
    graph = buildAtLevel(topology, path, expand, level);
    if (elementCount(graph) <= budget) break;
  }
  return graph!;
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

function buildAtLevel(topology: Topology, path: Path, expand: Set<string>, level: 0 | 1 | 2): GraphModel {
  const mode = pathMode(topology, path);
  const c = new GraphCollector(topology, path, expand, level, mode);
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
    c.addEdge(upstream, key, null, "client");
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
  return c.finish();
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

function addSinks(c: GraphCollector): void {
  const { path } = c;
  const values = { dropped: path.dropped, rejected: path.rejected, unknown: path.unknown } as const;
  const hop1 = path.clientIp.hop1;
  for (const sink of ["dropped", "rejected", "unknown"] as const) {
    const share = values[sink];
    const key = sinkKey(sink);
    if (share <= EPS && !c.hasEdgeInto(key)) continue;
    const words = { dropped: "Dropped", rejected: "Rejected", unknown: "Unknown" }[sink];
    const why = {
      dropped: "flows reach a node with no usable local endpoint (kube-proxy drops them) or a zone with no target",
      rejected: "the Service has no usable endpoint, so kube-proxy rejects every flow",
      unknown: "flows go where lbpath cannot see (no targets, or target health unknown)",
    }[sink];
    c.addNode({
      key,
      column: "pod",
      band: null,
      order: String(["dropped", "rejected", "unknown"].indexOf(sink)),
      title: words,
      ariaLabel: `${words}: ${formatShare(share)} of new flows — ${why}.`,
      data: { kind: "sink", sink, share },
    });
    // Per-node edges (Local, added with the pods) explain part of it; the rest enters where it is lost:
    // rejections at kube-proxy under Cluster (HLT-C3), everything else at the load balancer side (DST-5/7).
    const rest = share - c.shareInto(key);
    if (rest > ROUNDING) {
      const fromHub = sink === "rejected" && c.mode === "cluster";
      c.addEdge(fromHub ? hubKey : c.upstream, key, rest, fromHub ? "node" : hop1, sink);
    }
  }
}
