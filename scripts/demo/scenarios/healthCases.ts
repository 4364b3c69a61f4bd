import type { ScenarioDef } from "../model";
import { http, LBC_CLASS, lbc, LEGACY_NLB } from "./common";

/** Health verdicts and zone-level effects (§2.4, §2.5, DST-5). */

export const mixedHealth: ScenarioDef = {
  id: "mixed-health",
  title: "Mixed target health under Local: healthy, blocked, registering, checking",
  story:
    "An NLB with instance targets and externalTrafficPolicy Local during a scale-up: a brand-new node without pods is still registering, another new node with a pod is in its initial health checks, and one old node fails its check although it runs a ready pod. " +
    "That last one is the real fault: the health check to the healthCheckNodePort should pass, so something (a security group, kube-proxy) blocks it. " +
    "lbpath should separate the transient targets from the fault, and show the pods behind non-healthy nodes as starved.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "a" },
    { key: "n3", zone: "b" },
    { key: "n4", zone: "b", createdAt: "2026-11-20T09:57:02Z" },
    { key: "n5", zone: "b", createdAt: "2026-11-20T09:55:40Z" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
    { key: "p3", node: "n3", app: "web" },
    { key: "p4", node: "n5", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: LEGACY_NLB,
      ports: [http(31207)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 32712,
      lb: { zones: ["a", "b"], health: { n2: "failed", n4: "registering", n5: "initial" } },
    },
  ],
};

export const ipRollout: ScenarioDef = {
  id: "ip-rollout",
  title: "Rolling update with ip targets and readiness gates",
  story:
    "A rolling update of a Deployment behind an NLB with ip targets, in a namespace with the controller's pod readiness gates: the old pod is terminating and its target draining, one new pod is in its initial health checks, and another new pod fails the NLB's check, so its readiness gate keeps it not Ready. " +
    "Kubernetes and the load balancer agree about every pod here, so nothing is a load balancer fault. " +
    "lbpath should show draining, transient and not-ready targets as expected, with the two healthy pods taking the traffic.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "checkout", revision: "old" },
    { key: "p2", node: "n2", app: "checkout", revision: "old" },
    { key: "p3", node: "n1", app: "checkout", state: "gate-pending" },
    { key: "p4", node: "n2", app: "checkout", state: "gate-failing" },
    { key: "p5", node: "n2", app: "checkout", state: "terminating", revision: "old" },
  ],
  services: [
    {
      namespace: "shop",
      name: "checkout",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("ip"),
      ports: [http(30720)],
      lb: { zones: ["a", "b"], health: { p3: "initial", p4: "failed", p5: "draining" } },
    },
  ],
};

export const failOpenZone: ScenarioDef = {
  id: "fail-open-zone",
  title: "A zone whose targets all fail: out of DNS, failing open",
  story:
    "An NLB with instance targets, externalTrafficPolicy Local and cross-zone off; both nodes in us-east-1c run a ready pod but fail their health checks (for example a network ACL on that subnet blocks the health-check port). " +
    "AWS removes us-east-1c from DNS, so its pods get no new flows, and the load balancer node in us-east-1c fails open for clients that still use its cached address. " +
    "lbpath should flag both targets as faults, us-east-1c as out of DNS (its failing-open load balancer node only matters to stale DNS, and CloudWatch shows such clients still arriving there) and the two pods there as starved.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "c" },
    { key: "n4", zone: "c" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
    { key: "p3", node: "n3", app: "web" },
    { key: "p4", node: "n4", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: LEGACY_NLB,
      ports: [http(31999)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30199,
      lb: { zones: ["a", "b", "c"], health: { n3: "failed", n4: "failed" } },
    },
  ],
  // Clients that cached us-east-1c's address before it left DNS still arrive there (issue 12).
  observed: { outOfDnsShare: 0.07 },
};

export const zoneDown: ScenarioDef = {
  id: "zone-down",
  title: "A zone down: stopped instances still registered",
  story:
    "Both nodes in us-east-1c went down (their EC2 instances are stopped, the Nodes NotReady); the legacy provider keeps NotReady nodes registered, and AWS reports their targets as unused with Target.InvalidState. " +
    "us-east-1c has no healthy target and leaves DNS; with externalTrafficPolicy Cluster the two other nodes carry all flows to the two pods still ready. " +
    "lbpath should flag the stopped instances as faults and the zone out of DNS, with the pods there not ready and not counted.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "c", ready: "Unknown" },
    { key: "n4", zone: "c", ready: "Unknown" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
    { key: "p3", node: "n3", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: LEGACY_NLB,
      ports: [http(30366)],
      lb: { zones: ["a", "b", "c"], health: { n3: "stopped", n4: "stopped" } },
    },
  ],
};

export const zonalShift: ScenarioDef = {
  id: "zonal-shift",
  title: "A zonal shift moved traffic away from us-east-1c",
  story:
    "An NLB (AWS Load Balancer Controller, instance targets, externalTrafficPolicy Local, zonal shift enabled) has one pod in each of three zones. " +
    "Someone started an ARC zonal shift away from us-east-1c: AWS reports AdministrativeOverride zonal_shift_active on its target, so that zone's load-balancer address leaves DNS and its healthy node gets no new flows. " +
    "lbpath should show us-east-1c shifted away (administratively, not for lack of a healthy target), the pod there starved, the two others at 50 % each, and say how to end the shift.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "c" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
    { key: "p3", node: "n3", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: lbc("instance", { "aws-load-balancer-attributes": "zonal_shift.config.enabled=true" }),
      loadBalancerClass: LBC_CLASS,
      ports: [http(30477)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30478,
      lb: { zones: ["a", "b", "c"], zonalShift: { zone: "c" } },
    },
  ],
};

export const healthCases: ScenarioDef[] = [mixedHealth, ipRollout, failOpenZone, zoneDown, zonalShift];
