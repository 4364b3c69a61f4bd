import type { Layout } from "@/lib/graph/layout";
import { Topology, type Path, type PodShare, type Target, type Verdict } from "@/lib/api/topology";

/**
 * Hand-made Topology objects for the graph tests. Shares are computed here with the reference's rules for
 * the simple cases used (DST-7/8 with cross-zone on, Local or Cluster), so the fixtures stay consistent:
 * Σ pods + dropped + rejected + unknown = 1.
 */

export interface NodeSpec {
  name: string;
  zone: string;
  /** Ready pods on the node. */
  pods: number;
  verdict?: Verdict;
  state?: string;
}

export interface Spec {
  etp?: "Local" | "Cluster";
  targetType?: "instance" | "ip";
  nodes: NodeSpec[];
  zones?: string[];
  pathId?: string;
}

export function makeTopology(spec: Spec): Topology {
  const etp = spec.etp ?? "Local";
  const targetType = spec.targetType ?? "instance";
  const zones = spec.zones ?? [...new Set(spec.nodes.map((n) => n.zone))].sort();
  const pods: PodShare[] = [];
  const targets: Target[] = [];
  const healthyNodes = spec.nodes.filter((n) => (n.verdict ?? (etp === "Local" && n.pods === 0 ? "expected" : "healthy")) === "healthy");
  const readyPods = spec.nodes.reduce((s, n) => s + n.pods, 0);
  const fair = readyPods ? 1 / readyPods : null;
  let dropped = 0;
  spec.nodes.forEach((n, i) => {
    const verdict = n.verdict ?? (etp === "Local" && n.pods === 0 ? "expected" : "healthy");
    const nodeShare = verdict === "healthy" && healthyNodes.length ? 1 / healthyNodes.length : 0;
    const podNames = Array.from({ length: n.pods }, (_, j) => `web-${n.name}-${j}`);
    for (const name of podNames) {
      const share = targetType === "ip" ? 1 / Math.max(1, readyPods) : etp === "Local" ? nodeShare / n.pods : readyPods ? 1 / readyPods : 0;
      pods.push({
        key: `Pod:shop/${name}`,
        namespace: "shop",
        name,
        node: n.name,
        zone: n.zone,
        ip: `10.0.${i % 250}.${pods.length % 250}`,
        ready: true,
        serving: true,
        terminating: false,
        share,
        starved: share === 0,
        sourceIp: {
          seenAs: etp === "Cluster" && targetType === "instance" ? "node" : targetType === "ip" ? "load-balancer" : "client",
          address: null,
          header: null,
          row: etp === "Cluster" ? "S5" : "S6",
          rules: etp === "Cluster" ? ["SRC-8"] : ["SRC-9"],
          explanation: "fixture",
        },
      });
    }
    if (targetType === "instance") {
      if (etp === "Local" && n.pods === 0) dropped += nodeShare;
      targets.push(target(`Target:i-${n.name}:31000`, `i-${n.name}`, n, verdict, nodeShare));
    } else {
      podNames.forEach((name, j) => {
        const t = target(`Target:10.0.${i}.${j}:8080`, `10.0.${i}.${j}`, n, verdict, 1 / Math.max(1, readyPods));
        t.pod = { namespace: "shop", name };
        targets.push(t);
      });
    }
  });
  const path: Path = {
    id: spec.pathId ?? "network:k8s-shop-web:80",
    servicePort: { name: "http", port: 80, protocol: "TCP", nodePort: 31000, targetPort: 8080 },
    loadBalancer: {
      kind: "network",
      name: "k8s-shop-web",
      arn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/k8s-shop-web/1",
      dnsName: "k8s-shop-web-1.elb.us-east-1.amazonaws.com",
      scheme: "internet-facing",
      state: "active",
      crossZone: true,
      zones,
      joinedBy: "dns-name",
      attributes: {},
    },
    listener: { port: 80, protocol: "TCP" },
    targetGroup: {
      arn: "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/k8s-shop-web/1",
      name: "k8s-shop-web",
      targetType,
      protocol: "TCP",
      port: 31000,
      preserveClientIp: targetType === "instance",
      proxyProtocol: null,
      healthCheck: { protocol: "HTTP", port: "32000", path: "/healthz", intervalSeconds: 10, timeoutSeconds: 6, healthyThreshold: 2, unhealthyThreshold: 2, portMeaning: "healthCheckNodePort" },
      attributes: {},
    },
    classicHealthCheck: null,
    clientIp: {
      row: etp === "Cluster" ? "S5" : "S6",
      snatAt: etp === "Cluster" && targetType === "instance" ? "kube-proxy" : targetType === "ip" ? "load-balancer" : null,
      hop1: targetType === "ip" ? "load-balancer" : "client",
      header: null,
      rules: [],
      summary: "fixture",
    },
    zones: zones.map((z) => ({ key: `Zone:${z}`, name: z, enabled: true, zonalShift: null, inDns: true, failingOpen: false, healthyTargets: 1, targets: 1, share: 1 / zones.length })),
    targets,
    pods,
    dropped,
    rejected: 0,
    unknown: 0,
    failOpen: false,
    imbalance: { ratio: 1, level: "ok", fair, starved: [] },
    health: { healthy: 0, expected: 0, transient: 0, fault: 0, unknown: 0 },
  };
  return Topology.parse({
    cluster: "test",
    service: { namespace: "shop", name: "web", type: "LoadBalancer", externalTrafficPolicy: etp, controller: "legacy", loadBalancerClass: null, healthCheckNodePort: 32000, ingress: [path.loadBalancer.dnsName], annotations: {}, labels: {} },
    nodes: spec.nodes.map((n) => ({ key: `Node:${n.name}`, name: n.name, zone: n.zone, instanceId: `i-${n.name}`, internalIp: null, ready: true, excluded: null })),
    paths: [path],
    findings: [],
    warnings: [],
    age: { capturedAt: "2026-11-25T06:00:00Z", kubernetes: null, aws: null },
  });
}

function target(key: string, id: string, n: NodeSpec, verdict: Verdict, share: number): Target {
  return {
    key,
    id,
    port: 31000,
    zone: n.zone,
    node: n.name,
    pod: null,
    state: n.state ?? (verdict === "healthy" ? "healthy" : "unhealthy"),
    reason: verdict === "healthy" ? null : "Target.FailedHealthChecks",
    description: null,
    healthCheckPort: "32000",
    share,
    verdict,
    code: verdict === "healthy" ? "HEALTHY" : "LOCAL_NO_ENDPOINT",
    rules: [],
    diagnosis: "fixture",
    action: null,
    readyLocalEndpoints: n.pods,
    receivesFailOpenTraffic: false,
  };
}

/** n nodes spread over three zones, `podsPerNode` or one more pods each (every 7th node has none). */
export function bigSpec(nodes: number, podsPerNode: number, etp: "Local" | "Cluster"): Spec {
  const zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
  return {
    etp,
    nodes: Array.from({ length: nodes }, (_, i) => ({
      name: `ip-10-0-${Math.floor(i / 250)}-${i % 250}`,
      zone: zones[i % 3],
      pods: i % 7 === 6 ? 0 : podsPerNode + (i % 2),
    })),
  };
}

/** The blog's example (TC-01): two nodes, Local, one pod on the first node. */
export const blogSpec: Spec = {
  etp: "Local",
  nodes: [
    { name: "ip-10-0-1-10", zone: "us-east-1a", pods: 1 },
    { name: "ip-10-0-2-20", zone: "us-east-1b", pods: 0 },
  ],
};

/** The first two of `keys` whose rectangles overlap in `l`, or null. */
export function overlaps(l: Layout, keys: string[]): [string, string] | null {
  for (let i = 0; i < keys.length; i++)
    for (let j = i + 1; j < keys.length; j++) {
      const a = l.positions[keys[i]], b = l.positions[keys[j]];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) return [keys[i], keys[j]];
    }
  return null;
}
