import type { Skeleton, Topology } from "@/lib/api/topology";
import { SEEN_AS } from "@/lib/vocabulary";
import { NO_ZONE, compareZones, hubKey, zoneKey } from "./collector";
import type { GraphEdge, GraphModel, GraphNode, SeenOnEdge } from "./model";

/**
 * The Kubernetes half of a Service whose load-balancer half is missing (Topology.skeleton), as a graph in the same
 * columns and zone bands as a full path: clients → a placeholder load balancer that says why it is missing → the
 * nodes by zone → kube-proxy → pods. No shares and no health: those need AWS. Small by nature (no budget).
 */
export function buildSkeletonGraph(topology: Topology, skeleton: Skeleton): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const etp = topology.service.externalTrafficPolicy;
  const mode: GraphModel["mode"] = skeleton.expected.targetType === "ip" ? "ip" : etp === "Local" ? "local" : "cluster";
  // What crosses each hop (SRC-*): a Classic ELB always proxies; an NLB with instance targets keeps the client.
  const hop1: SeenOnEdge = skeleton.expected.kind === "classic" || skeleton.expected.targetType === "ip" ? "load-balancer" : "client";
  const podSees: SeenOnEdge | null = skeleton.sourceIp.seenAs;
  const edge = (source: string, target: string, seen: SeenOnEdge, why: string) =>
    edges.push({ key: `${source}->${target}`, source, target, kind: "flow", share: null, seen, note: seen === "client" ? null : `src: ${SEEN_AS[seen].short}`, labelled: false, ariaLabel: `From ${source} to ${target}: ${why}; share unknown without the load balancer.` });

  nodes.push({ key: "Client", column: "client", band: null, order: "0", title: "Clients", ariaLabel: `Clients. ${skeleton.sourceIp.explanation}`, data: { kind: "client", scheme: null, summary: skeleton.sourceIp.explanation } });
  const lbKey = "LoadBalancer:missing";
  nodes.push({
    key: lbKey,
    column: "loadBalancer",
    band: null,
    order: "0",
    title: "Load balancer (missing)",
    ariaLabel: `Load balancer ${skeleton.message}${skeleton.hostname ? ` (${skeleton.hostname})` : ""}: listeners, targets, health and shares are unknown.`,
    data: { kind: "lbMissing", reason: skeleton.reason, message: skeleton.message, expectedKind: skeleton.expected.kind, hostname: skeleton.hostname, since: skeleton.since },
  });
  edge("Client", lbKey, "client", "clients reach the load balancer's address");

  const zoneOf = (z: string | null) => z ?? NO_ZONE;
  const bands = [...new Set([...skeleton.nodes.map((n) => zoneOf(n.zone)), ...skeleton.pods.map((p) => zoneOf(p.zone))])].sort(compareZones);
  for (const name of bands) {
    nodes.push({
      key: zoneKey(name),
      column: "target",
      band: name,
      order: "",
      title: name,
      ariaLabel: `Zone ${name}: the load balancer's state here is unknown; ${skeleton.nodes.filter((n) => zoneOf(n.zone) === name).length} nodes, ${skeleton.pods.filter((p) => zoneOf(p.zone) === name).length} pods.`,
      data: { kind: "zone", zone: null, name, targets: skeleton.nodes.filter((n) => zoneOf(n.zone) === name).length, pods: skeleton.pods.filter((p) => zoneOf(p.zone) === name).length },
    });
  }

  if (mode === "cluster") {
    nodes.push({ key: hubKey, column: "proxy", band: null, order: "0", title: "kube-proxy (Cluster)", ariaLabel: "kube-proxy on every node, externalTrafficPolicy Cluster: any node forwards to any Ready pod, SNATing to its own IP (SRC-8).", data: { kind: "kubeProxyHub", policy: "Cluster", snat: true, endpoints: skeleton.pods.filter((p) => p.ready && !p.terminating).length, share: 0 } });
  } else if (mode === "ip") {
    nodes.push({ key: "KubeProxy:bypassed", column: "proxy", band: null, order: "0", title: "kube-proxy bypassed", ariaLabel: "ip targets: the load balancer sends to pod IPs directly, kube-proxy plays no part (SRC-11).", data: { kind: "kubeProxyBypass", reason: "ip targets: the load balancer sends to pod IPs directly (SRC-11)" } });
  }

  for (const n of mode === "ip" ? [] : skeleton.nodes) {
    const band = zoneOf(n.zone);
    nodes.push({ key: n.key, column: "target", band, order: n.name, title: n.name, ariaLabel: `Node ${n.name} in zone ${band}: ${n.ready ? "Ready" : "NotReady"}${n.excluded ? `, ${n.excluded}` : ""}, ${n.readyLocalEndpoints} ready pods of the Service${n.registered ? "; the controller would register it as a target" : ""}. Health unknown.`, data: { kind: "k8sNode", node: n } });
    edge(lbKey, n.key, hop1, "the load balancer sends to the node's nodePort");
    if (mode === "local") {
      const key = `KubeProxy:${n.name}`;
      nodes.push({ key, column: "proxy", band, order: n.name, alignWith: n.key, title: "kube-proxy", ariaLabel: `kube-proxy on ${n.name}, externalTrafficPolicy Local: no SNAT, only the node's own ${n.readyLocalEndpoints} ready pods.`, data: { kind: "kubeProxy", node: n.name, policy: "Local", localEndpoints: n.readyLocalEndpoints, share: 0, dropped: 0 } });
      edge(n.key, key, hop1, "kube-proxy on the node");
    } else {
      edge(n.key, hubKey, hop1, "kube-proxy on the node");
    }
  }
  for (const p of skeleton.pods) {
    nodes.push({ key: p.key, column: "pod", band: zoneOf(p.zone), order: p.name, title: p.name, ariaLabel: `Pod ${p.namespace}/${p.name} on ${p.node ?? "an unknown node"}: ${p.terminating ? "terminating" : p.ready ? "Ready" : "not Ready"}. ${podSees ? `Sees the ${SEEN_AS[podSees].label}.` : "What it sees depends on the load balancer."}`, data: { kind: "k8sPod", pod: p, seenAs: podSees } });
    if (!p.ready && !p.terminating) continue;
    if (mode === "ip") edge(lbKey, p.key, hop1, "the load balancer sends to the pod IP");
    else if (mode === "cluster") edge(hubKey, p.key, "node", "kube-proxy forwards to any Ready pod");
    else if (p.node) edge(`KubeProxy:${p.node}`, p.key, hop1, "kube-proxy forwards to its node's pods");
  }
  const representative: Record<string, string> = {};
  for (const n of nodes) representative[n.key] = n.key;
  return { pathId: "skeleton", level: 0, expanded: [], pages: [], find: null, found: [], findMatches: 0, mode, nodes, edges: edges.filter((e) => representative[e.source] && representative[e.target]), representative, bands, service: { namespace: topology.service.namespace, name: topology.service.name, externalTrafficPolicy: etp } };
}
