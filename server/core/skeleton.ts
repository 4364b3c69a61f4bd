import type * as k8s from "./model/kubernetes";
import type { Skeleton } from "@/lib/api/topology";
import type { SnapshotIndex } from "./index/snapshotIndex";
import { zoneOfNode } from "./index/snapshotIndex";
import { endpointsForPort, podOfEndpoint, readyLocalCount, type EndpointView } from "./analysis/endpoints";
import { isNodeReady, nodeRemoval } from "./join/nodeFacts";
import type { Ownership } from "./join/owningController";
import { flavourOf, registersNode } from "./join/registration";

/**
 * What is known of a LoadBalancer Service when its load-balancer half is missing: the nodes the controller would
 * register (JOIN-4), the pods behind them, and the source IP as far as externalTrafficPolicy decides it without
 * the load balancer (SRC-8, SRC-9, SRC-11). Nothing about health or shares: those need AWS.
 */
export function skeletonOf(svc: k8s.Service, index: SnapshotIndex, ownership: Ownership, why: Pick<Skeleton, "reason" | "message" | "hostname">): Skeleton {
  const s = index.snapshot;
  const flavour = flavourOf(ownership);
  const etp = svc.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
  const targetType = ownership.targetType;
  const endpoints = new Map<string, EndpointView>();
  for (const port of svc.spec.ports ?? []) for (const e of endpointsForPort(svc, port, index)) if (!endpoints.has(e.address)) endpoints.set(e.address, e);
  const eps = [...endpoints.values()];
  const podNodes = new Set(eps.map((e) => e.nodeName).filter((n): n is string => !!n));
  const nodes = s.kubernetes.nodes
    .filter((n) => podNodes.has(n.metadata.name) || (targetType !== "ip" && flavour !== null && registersNode(flavour, svc, n)))
    .map((n) => ({
      key: `Node:${n.metadata.name}`,
      name: n.metadata.name,
      zone: zoneOfNode(n) ?? null,
      ready: isNodeReady(n),
      excluded: nodeRemoval(n),
      registered: targetType !== "ip" && flavour !== null && registersNode(flavour, svc, n),
      readyLocalEndpoints: readyLocalCount(eps, n.metadata.name),
    }))
    .sort((a, b) => (a.zone ?? "~").localeCompare(b.zone ?? "~") || a.name.localeCompare(b.name));
  const pods = eps.map((e) => podOfEndpoint(e, svc.metadata.namespace));
  return {
    ...why,
    since: why.reason === "aws-unreadable" ? (s.ages?.aws ?? null) : null,
    region: s.cluster.region ?? null,
    expected: { kind: ownership.kind, targetType },
    sourceIp: sourceIpWithoutLoadBalancer(etp, targetType, ownership.kind),
    nodes,
    pods,
  };
}

function sourceIpWithoutLoadBalancer(etp: "Local" | "Cluster", targetType: "instance" | "ip" | null, kind: Ownership["kind"]): Skeleton["sourceIp"] {
  if (targetType === "ip")
    return { decided: false, seenAs: null, snatAtKubeProxy: false, rules: ["SRC-11", "SRC-3"], explanation: "ip targets bypass kube-proxy, so externalTrafficPolicy decides nothing: pods see what the load balancer sends (its own address unless client IP preservation is on)." };
  if (etp === "Cluster")
    return { decided: true, seenAs: "node", snatAtKubeProxy: true, rules: ["SRC-8"], explanation: "externalTrafficPolicy Cluster: kube-proxy SNATs every external flow to the receiving node's IP, whatever the load balancer does, so pods see node IPs." };
  // S2: a Classic ELB always opens its own connection (SRC-1), whatever its listener, and Local adds no SNAT.
  if (kind === "classic")
    return { decided: true, seenAs: "load-balancer", snatAtKubeProxy: false, rules: ["SRC-1", "SRC-9"], explanation: "externalTrafficPolicy Local: kube-proxy does not SNAT, and a Classic ELB always opens its own connection to the node, so pods see the Classic ELB's address; only a PROXY v1 line or X-Forwarded-For can carry the client's (SRC-1)." };
  return {
    decided: false,
    seenAs: null,
    snatAtKubeProxy: false,
    rules: ["SRC-9", "SRC-3"],
    explanation: "externalTrafficPolicy Local: kube-proxy does not SNAT, so pods see what the load balancer sends; an NLB with instance targets keeps the client's address unless client IP preservation is off (SRC-3).",
  };
}
