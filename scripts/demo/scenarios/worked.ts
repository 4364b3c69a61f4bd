import type { ScenarioDef } from "../model";
import { ann, http, LBC_CLASS, lbc, LEGACY_NLB } from "./common";

/** The worked cases of §5 that the APIs can show (TC numbers in each title's comment). */

// TC-03
export const clusterSnat: ScenarioDef = {
  id: "cluster-snat",
  title: "externalTrafficPolicy Cluster: kube-proxy replaces the client IP",
  story:
    "The same NLB with instance targets, but with externalTrafficPolicy Cluster: every node passes the TCP health check on the nodePort and kube-proxy forwards each flow to any of the three pods, on this node or another. " +
    "Look at what the pods see: the IP of the node that received the flow, never the client's. " +
    "lbpath should show both targets healthy, an even third of new flows per pod, and SNAT by kube-proxy.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n1", app: "web" },
    { key: "p3", node: "n2", app: "web" },
  ],
  services: [{ namespace: "default", name: "web", annotations: LEGACY_NLB, ports: [http(30421)], lb: { zones: ["a", "b"] } }],
};

// TC-04
export const localUneven: ScenarioDef = {
  id: "local-uneven",
  title: "Local policy spreads per node, not per pod",
  story:
    "An NLB from the AWS Load Balancer Controller with instance targets and externalTrafficPolicy Local: two pods on the node in us-east-1a, one on the node in us-east-1b, none on the node in us-east-1c. " +
    "Each zone's load balancer node gets half of the new flows, so the lone pod in us-east-1b gets twice the share of each of the others. " +
    "lbpath should mark the node without a pod as expected-unhealthy, drop us-east-1c from DNS and warn about the uneven spread (1.5× the fair share).",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "c" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n1", app: "web" },
    { key: "p3", node: "n2", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance"),
      ports: [http(31702)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30977,
      lb: { zones: ["a", "b", "c"], health: { n3: "failed" } },
    },
  ],
};

// TC-08
export const lbcIpTargets: ScenarioDef = {
  id: "lbc-ip-targets",
  title: "ip targets: straight to the pods, client IP replaced by the NLB",
  story:
    "The AWS Load Balancer Controller registers the pods themselves as ip targets: two pods in us-east-1a, one in us-east-1b. Traffic bypasses kube-proxy, so externalTrafficPolicy Local on this Service changes nothing, and client IP preservation is off by default for ip targets. " +
    "lbpath should show the pods seeing the load balancer's private address, the lone pod in us-east-1b taking half of the flows (1.5× fair, a warning) and a note that the traffic policy is ignored.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "a" },
    { key: "n3", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "api" },
    { key: "p2", node: "n2", app: "api" },
    { key: "p3", node: "n3", app: "api" },
  ],
  services: [
    {
      namespace: "payments",
      name: "api",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("ip"),
      ports: [{ name: "https", port: 443, targetPort: 8443, nodePort: 32611 }],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31154,
      lb: { zones: ["a", "b"] },
    },
  ],
};

// TC-11
export const allPodsNotReady: ScenarioDef = {
  id: "all-pods-not-ready",
  title: "No ready pod: every target fails, the NLB fails open, kube-proxy rejects",
  story:
    "Both pods of the Service are crash-looping, so the Service has no ready endpoint and kube-proxy rejects connections on the nodePort on every node; the TCP health checks fail everywhere. " +
    "With every target unhealthy the NLB fails open and sends flows to all targets anyway — where kube-proxy rejects them. " +
    "lbpath should call every target a workload fault (no ready endpoints), not a load balancer problem, and show 100 % of new flows rejected.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web", state: "not-ready" },
    { key: "p2", node: "n2", app: "web", state: "not-ready" },
  ],
  services: [{ namespace: "default", name: "web", annotations: LEGACY_NLB, ports: [http(30840)], lb: { zones: ["a", "b"], health: { n1: "failed", n2: "failed" } } }],
};

// TC-12
export const rollingUpdateLocal: ScenarioDef = {
  id: "rolling-update-local",
  title: "Rolling update under Local: a node whose only pod is terminating",
  story:
    "A single-zone cluster in the middle of a rolling update with externalTrafficPolicy Local: the old pod on one node is terminating, the new pod runs on the other node. " +
    "kube-proxy's health check stops counting terminating pods, so the first node fails its check while kube-proxy still lets in-flight connections drain to the old pod. " +
    "lbpath should call that target expected (only terminating local endpoints) and send all new flows to the new pod.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "a" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web", state: "terminating", revision: "old" },
    { key: "p2", node: "n2", app: "web", revision: "new" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: LEGACY_NLB,
      ports: [http(31066)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30513,
      lb: { zones: ["a"], health: { n1: "failed" } },
    },
  ],
};

// TC-14
export const zoneNotEnabled: ScenarioDef = {
  id: "zone-not-enabled",
  title: "A node in a zone the load balancer has no subnet in",
  story:
    "The NLB was given subnets in us-east-1a and us-east-1b only, but the cluster also has a node in us-east-1c. AWS reports that node's target as unused (Target.NotInUse). " +
    "With externalTrafficPolicy Cluster the pod on that node still gets traffic through kube-proxy on the other nodes. " +
    "lbpath should call the unused target expected-by-configuration and show both pods at half of the new flows each.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "c" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n3", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: { ...LEGACY_NLB, ...ann({ "aws-load-balancer-subnets": "demo-public-us-east-1a,demo-public-us-east-1b" }) },
      ports: [http(32288)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

// TC-24
export const dualStackIpv6: ScenarioDef = {
  id: "dual-stack-ipv6",
  title: "Dual-stack NLB: IPv6 clients reach IPv4 pods as the load balancer",
  story:
    "A dual-stack NLB (`aws-load-balancer-ip-address-type: dualstack`) in front of IPv4 instance targets with externalTrafficPolicy Local, for clients that connect over IPv6. " +
    "Client IP preservation cannot carry an IPv6 source to an IPv4 target, so the NLB translates and the pod sees the NLB's IPv4 address. " +
    "lbpath should show the target healthy, the pod at 100 %, and that IPv6 clients are seen as the load balancer.",
  nodes: [{ key: "n1", zone: "a" }],
  pods: [{ key: "p1", node: "n1", app: "web" }],
  services: [
    {
      namespace: "default",
      name: "web",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance", { "aws-load-balancer-ip-address-type": "dualstack" }),
      ports: [http(30602)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31898,
      lb: { zones: ["a"] },
    },
  ],
};

// TC-26
export const lbcNodeDraining: ScenarioDef = {
  id: "lbc-node-draining",
  title: "A node being removed by the cluster autoscaler is draining",
  story:
    "The cluster autoscaler tainted one of two nodes with ToBeDeletedByClusterAutoscaler; the AWS Load Balancer Controller deregistered it, and its target is draining for the deregistration delay. " +
    "With externalTrafficPolicy Cluster the remaining node takes every new flow and kube-proxy there still reaches the pod on the leaving node. " +
    "lbpath should call the draining target expected (node being removed) and show both pods at half of the flows.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "a", taints: [{ key: "ToBeDeletedByClusterAutoscaler", value: "1795168267", effect: "NoSchedule" }] },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance"),
      ports: [http(31512)],
      lb: { zones: ["a"], health: { n2: "draining" } },
    },
  ],
};

// TC-22
export const internalHairpin: ScenarioDef = {
  id: "internal-hairpin",
  title: "Internal NLB with client IP preservation: hairpin from a registered node",
  story:
    "An internal NLB with instance targets, client IP preservation on (the default) and cross-zone on, used by clients inside the VPC — including processes on the cluster's own nodes. " +
    "A flow from a node that the NLB hashes back to that same node arrives with source = destination and times out. " +
    "lbpath should show both targets healthy and even shares for outside clients, and warn about the hairpin (disable client IP preservation or use ip targets).",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "metrics-gateway" },
    { key: "p2", node: "n2", app: "metrics-gateway" },
  ],
  services: [
    {
      namespace: "observability",
      name: "metrics-gateway",
      annotations: { ...LEGACY_NLB, ...ann({ "aws-load-balancer-internal": "true", "aws-load-balancer-cross-zone-load-balancing-enabled": "true" }) },
      ports: [{ name: "otlp", port: 4317, targetPort: 4317, nodePort: 30417 }],
      lb: { zones: ["a", "b"] },
    },
  ],
};

export const workedCases: ScenarioDef[] = [
  clusterSnat,
  localUneven,
  lbcIpTargets,
  allPodsNotReady,
  rollingUpdateLocal,
  zoneNotEnabled,
  dualStackIpv6,
  lbcNodeDraining,
  internalHairpin,
];
