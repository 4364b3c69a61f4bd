import type { NodeDef, PodDef, ScenarioDef, ServiceDef } from "../model";
import { ann, http, LEGACY_NLB } from "./common";

/** §3.2's worked example (5 nodes, 3 zones) and its two variants. */

const nodes: NodeDef[] = [
  { key: "n1", zone: "a" },
  { key: "n2", zone: "a" },
  { key: "n3", zone: "b" },
  { key: "n4", zone: "b" },
  { key: "n5", zone: "c" },
];
const pods: PodDef[] = [
  { key: "p1", node: "n1", app: "web" },
  { key: "p2", node: "n1", app: "web" },
  { key: "p3", node: "n2", app: "web" },
  { key: "p4", node: "n3", app: "web" },
  { key: "p5", node: "n5", app: "web", state: "terminating" },
];

function web(extra: Partial<ServiceDef>): ServiceDef {
  return { namespace: "default", name: "web", annotations: LEGACY_NLB, ports: [http(30808)], lb: { zones: ["a", "b", "c"] }, ...extra };
}

export const fiveNodesLocal: ScenarioDef = {
  id: "five-nodes-local",
  title: "Five nodes, three zones, Local, cross-zone off: per-zone and per-node splits compound",
  story:
    "An NLB with instance targets and externalTrafficPolicy Local over five nodes in three zones: us-east-1a has two nodes with three pods, us-east-1b one pod on one of its two nodes, us-east-1c one terminating pod. " +
    "Each zone in DNS gets half of the new flows and splits it over its healthy nodes, each node over its own pods: the pod alone in us-east-1b gets 50 %, the two pods sharing a node 12.5 % each. " +
    "lbpath should show us-east-1c out of DNS, the two pod-less or draining nodes as expected, and the imbalance as high (2× the fair share).",
  nodes,
  pods,
  services: [web({ externalTrafficPolicy: "Local", healthCheckNodePort: 31599, lb: { zones: ["a", "b", "c"], health: { n4: "failed", n5: "failed" } } })],
};

export const fiveNodesCrossZone: ScenarioDef = {
  id: "five-nodes-cross-zone",
  title: "Five nodes, Local, cross-zone on: the zone split disappears, the node split stays",
  story:
    "The same five nodes and pods with cross-zone load balancing turned on (`aws-load-balancer-cross-zone-load-balancing-enabled: \"true\"`). " +
    "Every zone stays in DNS and every load balancer node spreads over the three healthy nodes, so each gets a third; the two pods sharing a node still get half as much as the others. " +
    "lbpath should show a warning-level imbalance (1.33×) instead of a high one.",
  nodes,
  pods,
  services: [
    web({
      annotations: { ...LEGACY_NLB, ...ann({ "aws-load-balancer-cross-zone-load-balancing-enabled": "true" }) },
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31599,
      lb: { zones: ["a", "b", "c"], health: { n4: "failed", n5: "failed" } },
    }),
  ],
};

export const fiveNodesCluster: ScenarioDef = {
  id: "five-nodes-cluster",
  title: "Five nodes, Cluster: even spread, client IP lost",
  story:
    "The same five nodes and pods with externalTrafficPolicy Cluster: every node passes the TCP health check on the nodePort and kube-proxy spreads each node's flows over all four ready pods. " +
    "The spread is even (25 % per ready pod) but every pod sees the IP of the node that received the flow. " +
    "lbpath should show five healthy targets, no imbalance and SNAT by kube-proxy; the terminating pod gets nothing because ready pods exist.",
  nodes,
  pods,
  services: [web({})],
};

export const fiveNodeCases: ScenarioDef[] = [fiveNodesLocal, fiveNodesCrossZone, fiveNodesCluster];
