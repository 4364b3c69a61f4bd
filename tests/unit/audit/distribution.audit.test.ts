import { describe, expect, it } from "vitest";
import { owningController } from "@/server/core/join/owningController";
import { loadBalancersForService } from "@/server/core/join/loadBalancerForService";
import { indexSnapshot } from "@/server/core/index/snapshotIndex";
import type { Snapshot } from "@/server/core/model/snapshot";
import type * as k8s from "@/server/core/model/kubernetes";
import { buildCase, type CaseSpec } from "../core/caseBuilder";
import { ANN, analyse, endpointOf, findNode, r3, run, thdOfNode } from "./auditHelpers";

/**
 * Audit of §3 (distribution) and §4 (join keys) of the reference rules (docs/rules.md).
 * Every expected number below was worked out by hand from the rule text before reading the engine.
 * Zones are bare letters unless a test needs real AZ names.
 */

const XZ = "load_balancing.cross_zone.enabled";
const DNS_COUNT = "target_group_health.dns_failover.minimum_healthy_targets.count";
const DNS_PCT = "target_group_health.dns_failover.minimum_healthy_targets.percentage";
const ROUTE_COUNT = "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count";
const ROUTE_PCT = "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage";

// n1(a): p1,p2 · n2(a): p3 · n3(b): p4, all healthy, Local.
const unevenLocal: CaseSpec["nodes"] = [
  { name: "n1", zone: "a", pods: ["p1", "p2"] },
  { name: "n2", zone: "a", pods: ["p3"] },
  { name: "n3", zone: "b", pods: ["p4"] },
];
const crossZoneOnShares = { p1: 0.167, p2: 0.167, p3: 0.333, p4: 0.333 };
const crossZoneOffShares = { p1: 0.125, p2: 0.125, p3: 0.25, p4: 0.5 };

describe("DST-2: effective cross-zone", () => {
  it("DST-2/DST-7/DST-11: TG attribute 'true' overrides LB attribute false → every LB node routes over all 3 healthy nodes", () => {
    const r = analyse({ etp: "Local", crossZone: false, tgAttributes: { [XZ]: "true" }, lbZones: ["a", "b"], nodes: unevenLocal });
    expect(r.shares).toEqual(crossZoneOnShares);
    expect(r.path.targets.map((x) => r3(x.share))).toEqual([0.333, 0.333, 0.333]);
    expect(r.path.imbalance.level).toBe("warn"); // §3.1: I = (1/3)/(1/4) = 1.33
    expect(r.path.imbalance.ratio).toBeCloseTo(4 / 3, 3);
  });

  it("DST-2/§3.1: TG attribute 'false' overrides LB attribute true → per-zone routing, I = 2.0 HIGH", () => {
    const r = analyse({ etp: "Local", crossZone: true, tgAttributes: { [XZ]: "false" }, lbZones: ["a", "b"], nodes: unevenLocal });
    expect(r.shares).toEqual(crossZoneOffShares);
    expect(r.path.imbalance).toMatchObject({ ratio: 2, level: "high" });
  });

  it("DST-2: no cross-zone attribute anywhere → NLB default false", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: unevenLocal }, (s) => {
      delete s.aws.loadBalancers[0].attributes[XZ];
      delete s.aws.targetGroups[0].attributes[XZ];
    });
    expect(r.shares).toEqual(crossZoneOffShares);
  });

  it("DST-2/JOIN-5: the effective value comes from AWS attributes, not from the cross-zone annotation", () => {
    const r = analyse({ etp: "Local", crossZone: false, lbZones: ["a", "b"], nodes: unevenLocal }, (s) => {
      s.kubernetes.services[0].metadata.annotations![`${ANN}aws-load-balancer-cross-zone-load-balancing-enabled`] = "true";
    });
    expect(r.shares).toEqual(crossZoneOffShares);
  });

  it("DST-1/DST-2: Classic ELB cross-zone off → zones split 50/50 then per node (25/25/50)", () => {
    const r = analyse({ lb: "clb", etp: "Local", crossZone: false, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.25, p3: 0.5 });
  });

  it("DST-1/DST-2: Classic ELB CrossZoneLoadBalancing.Enabled=true → uniform over all InService instances", () => {
    const r = analyse({ lb: "clb", etp: "Local", crossZone: true, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.shares).toEqual({ p1: 0.333, p2: 0.333, p3: 0.333 });
    expect(r.path.imbalance.level).toBe("ok");
  });
});

describe("DST-3/DST-5/DST-6: zones in and out", () => {
  it("DST-3/§3.1: a Ready pod behind a Target.NotInUse node (zone without LB subnet) is starved → HIGH", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }, { name: "n3", zone: "c", pods: ["p3"], health: ["unused", "Target.NotInUse"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5, p3: 0 });
    expect(r.path.imbalance.level).toBe("high");
    expect(r.path.imbalance.starved).toContain("Pod:shop/p3");
    expect(r.path.imbalance.ratio).toBeCloseTo(1.5, 6);
  });

  it("DST-3: a target in a zone the LB is not enabled in gets nothing even if AWS calls it healthy", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }, { name: "n3", zone: "c", pods: ["p3"] }] });
    expect(r.targetOfNode("n3").share).toBe(0);
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5, p3: 0 });
  });

  it("DST-5/DST-6: cross-zone off, an enabled zone with no nodes at all drops out of DNS; the rest split evenly", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b", "c"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] });
    expect(r.dnsZones()).toEqual(["a", "b"]);
    expect(r.zone("c")).toMatchObject({ enabled: true, inDns: false, share: 0, targets: 0 });
    expect(r3(r.zone("a").share)).toBe(0.5);
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("DST-5/DST-6/DST-7: cross-zone on, the same empty zone stays in DNS (total judged) and its LB node routes cross-zone", () => {
    const r = analyse({ etp: "Cluster", crossZone: true, lbZones: ["a", "b", "c"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] });
    expect(r.dnsZones()).toEqual(["a", "b", "c"]);
    expect(r.path.zones.map((z) => r3(z.share))).toEqual([0.333, 0.333, 0.333]);
    expect(r.zone("c").failingOpen).toBe(false);
    expect(r.path.targets.map((x) => x.share)).toEqual([0.5, 0.5]);
    expect(r.path.failOpen).toBe(false);
  });

  it("DST-5: DNS threshold count=2, cross-zone off → zone b (1 healthy) leaves DNS, its Ready pod starves", () => {
    const r = analyse({ etp: "Local", tgAttributes: { [DNS_COUNT]: "2" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.dnsZones()).toEqual(["a"]);
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5, p3: 0 });
    expect(r.path.imbalance.level).toBe("high");
    expect(r.path.failOpen).toBe(false);
  });

  it("DST-5: DNS threshold percentage=60 (count off) → zone with 1 of 2 healthy (50 %) leaves DNS", () => {
    const r = analyse({ etp: "Local", tgAttributes: { [DNS_COUNT]: "off", [DNS_PCT]: "60" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.dnsZones()).toEqual(["b"]);
    expect(r.shares).toEqual({ p1: 0, p3: 1 });
  });

  it("DST-5/DST-7/DST-10: every zone below both thresholds (count=2) → all zones returned, each fails open; Local node without pod drops", () => {
    const r = analyse({ etp: "Local", tgAttributes: { [DNS_COUNT]: "2", [ROUTE_COUNT]: "2" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.dnsZones()).toEqual(["a", "b"]);
    expect(r.zone("a").failingOpen).toBe(true);
    expect(r.shares).toEqual({ p1: 0.25, p3: 0.5 });
    expect(r.path.dropped).toBeCloseTo(0.25, 9);
    expect(r.targetOfNode("n2").receivesFailOpenTraffic).toBe(true);
    expect(r.path.failOpen).toBe(true);
    expect(r.path.imbalance.level).toBe("high"); // §3.1: Dropped > 0
    expect(r.codes).toContain("TRAFFIC_DROPPED");
    expect(r.total).toBeCloseTo(1, 9);
  });

  it("DST-5/DST-7: DNS failover count 'off' keeps an all-unhealthy zone in DNS; its LB node fails open into a pod-less Local node (drop ½)", () => {
    const r = analyse({ etp: "Local", tgAttributes: { [DNS_COUNT]: "off" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", health: "unhealthy" }] });
    expect(r.dnsZones()).toEqual(["a", "b"]);
    expect(r.shares).toEqual({ p1: 0.5 });
    expect(r.path.dropped).toBeCloseTo(0.5, 9);
    expect(r.path.failOpen).toBe(true);
  });

  it("DST-5/DST-7: routing threshold percentage=100 (count off) → zone a (1 of 2 healthy) fails open, zone b does not", () => {
    const r = analyse({ etp: "Local", tgAttributes: { [ROUTE_COUNT]: "off", [ROUTE_PCT]: "100" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.zone("a").failingOpen).toBe(true);
    expect(r.zone("b").failingOpen).toBe(false);
    expect(r.shares).toEqual({ p1: 0.25, p3: 0.5 });
    expect(r.path.dropped).toBeCloseTo(0.25, 9);
  });

  it("DST-5: cross-zone on, DNS count=3 is judged on the total (2 healthy) → every zone below → all returned; routing count 1 met → no fail-open", () => {
    const r = analyse({ etp: "Local", crossZone: true, tgAttributes: { [DNS_COUNT]: "3" }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.dnsZones()).toEqual(["a", "b"]);
    expect(r.shares).toEqual({ p1: 0.5, p3: 0.5 });
    expect(r.path.dropped).toBe(0);
    expect(r.path.failOpen).toBe(false);
  });
});

describe("DST-7: routing sets", () => {
  const allUnhealthy: CaseSpec["nodes"] = [
    { name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" },
    { name: "n2", zone: "a", health: "unhealthy" },
    { name: "n3", zone: "b", pods: ["p2"], health: "unhealthy" },
  ];
  it("DST-5/DST-7: everything unhealthy, cross-zone on → fail open over all 3 in-use targets (⅓ each); pod-less Local node drops ⅓", () => {
    const r = analyse({ etp: "Local", crossZone: true, lbZones: ["a", "b"], nodes: allUnhealthy });
    expect(r.path.targets.map((x) => r3(x.share))).toEqual([0.333, 0.333, 0.333]);
    expect(r.shares).toEqual({ p1: 0.333, p2: 0.333 });
    expect(r3(r.path.dropped)).toBe(0.333);
    expect(r.path.failOpen).toBe(true);
  });

  it("DST-5/DST-7: everything unhealthy, cross-zone off → each zone fails open within itself (¼, ¼, ½)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: allUnhealthy });
    expect(r.dnsZones()).toEqual(["a", "b"]);
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.5 });
    expect(r.path.dropped).toBeCloseTo(0.25, 9);
  });

  it("DST-7: initial and draining targets are not in R(z): the one healthy node takes the whole zone", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: ["initial", "Elb.InitialHealthChecking"] }, { name: "n3", zone: "a", pods: ["p3"], health: ["draining", "Target.DeregistrationInProgress"] }] });
    expect(r.shares).toEqual({ p1: 1, p2: 0, p3: 0 });
    expect(r.path.failOpen).toBe(false);
    expect(r.path.imbalance.level).toBe("high");
  });

  it("DST-7: an unavailable target is excluded from R(z)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: ["unavailable", "Elb.InternalError"] }] });
    expect(r.shares).toEqual({ p1: 1, p2: 0 });
    expect(r.targetOfNode("n2").share).toBe(0);
  });
});

describe("DST-8: kube-proxy stage", () => {
  it("DST-8/HLT-5: Cluster with no Ready endpoint anywhere falls back to serving∧terminating endpoints (no reject)", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "T"]] }, { name: "n2", zone: "b", pods: [["p2", "T"]] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.path.rejected).toBe(0);
    expect(r.path.dropped).toBe(0);
  });

  it("DST-10: Local with no usable endpoint anywhere → fail-open flows are all Rejected (not Dropped)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "NR"]], health: "unhealthy" }, { name: "n2", zone: "b", health: "unhealthy" }] });
    expect(r.path.rejected).toBeCloseTo(1, 9);
    expect(r.path.dropped).toBe(0);
    expect(r.shares).toEqual({ p1: 0 });
  });

  it("DST-8/§3.1: Cluster ignores a not-ready pod; it is neither counted in N nor starved", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1", ["p2", "NR"]] }, { name: "n2", zone: "b", pods: ["p3"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0, p3: 0.5 });
    expect(r.path.imbalance).toMatchObject({ ratio: 1, level: "ok", starved: [] });
    expect(r.path.imbalance.fair).toBeCloseTo(0.5, 9);
  });

  it("DST-8: zone hints present on every endpoint but none for the node's zone → that node uses all Ready endpoints", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b", "c"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }, { name: "n3", zone: "c" }], hints: { p1: ["a"], p2: ["b"] } });
    // Zdns = {a,b,c} (Cluster: all healthy); n1 → p1 ⅓, n2 → p2 ⅓, n3 → {p1,p2} ⅙ each.
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("DST-8: ETP Local takes precedence over topology hints", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }], hints: { p1: ["b"], p2: ["a"] } });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.path.dropped).toBe(0);
  });

  it("DST-8/HLT-5: an endpoint with nil conditions counts as Ready (Local node keeps its share)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] }, (s) => {
      delete endpointOf(s, "p2").conditions;
    });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.path.dropped).toBe(0);
  });

  it("DST-8/§3.1: Local, terminating pod next to a Ready one gets nothing and is excluded from N", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1", ["p2", "T"]] }, { name: "n2", zone: "b", pods: ["p3"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0, p3: 0.5 });
    expect(r.path.imbalance).toMatchObject({ ratio: 1, level: "ok", starved: [] });
  });
});

describe("DST-9/DST-11: ip targets and the closed form", () => {
  const ipNodes: CaseSpec["nodes"] = [
    { name: "n1", zone: "a", pods: ["p1"] },
    { name: "n2", zone: "a", pods: ["p2"] },
    { name: "n3", zone: "b", pods: ["p3"] },
  ];
  it("DST-9/DST-2: ip targets with cross-zone on → ⅓ each, I = 1", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", crossZone: true, lbZones: ["a", "b"], nodes: ipNodes });
    expect(r.shares).toEqual({ p1: 0.333, p2: 0.333, p3: 0.333 });
    expect(r.path.imbalance.level).toBe("ok");
  });

  it("DST-9/DST-7: ip targets, cross-zone off, one pod target unhealthy → its zone-mate takes the zone's half", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", lbZones: ["a", "b"], nodes: ipNodes, podHealth: { p2: "unhealthy" } });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0, p3: 0.5 });
  });

  it("DST-11/§3.1: Local, cross-zone on, k = 1,2,3 pods per node → S = 1/(H·k), I = mean(k)/min(k) = 2 HIGH", () => {
    const r = analyse({ etp: "Local", crossZone: true, lbZones: ["a", "b", "c"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2", "p3"] }, { name: "n3", zone: "c", pods: ["p4", "p5", "p6"] }] });
    expect(r.shares).toEqual({ p1: 0.333, p2: 0.167, p3: 0.167, p4: 0.111, p5: 0.111, p6: 0.111 });
    expect(r.path.imbalance.ratio).toBeCloseTo(2, 6);
    expect(r.path.imbalance.level).toBe("high");
  });
});

describe("DST-4/JOIN-4: zones and joins of targets", () => {
  it("DST-4: node zone from the providerID AZ segment when the zone label is absent", () => {
    const r = analyse({ etp: "Local", lbZones: ["us-east-1a", "us-east-1b"], nodes: [{ name: "n1", zone: "us-east-1a", pods: ["p1", "p2"] }, { name: "n2", zone: "us-east-1a", pods: ["p3"] }, { name: "n3", zone: "us-east-1b", pods: ["p4"] }] }, (s) => {
      for (const n of s.kubernetes.nodes) n.metadata.labels = {};
      for (const e of s.kubernetes.endpointSlices[0].endpoints!) delete e.zone;
    });
    expect(r.t.nodes.map((n) => n.zone)).toEqual(["us-east-1a", "us-east-1a", "us-east-1b"]);
    expect(r.shares).toEqual(crossZoneOffShares);
  });

  it("DST-4: ip target zone from the EndpointSlice when Target.AvailabilityZone is absent", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }, { name: "n3", zone: "b", pods: ["p3"] }] }, (s) => {
      for (const d of s.aws.targetGroups[0].targetHealthDescriptions!) delete d.target.availabilityZone;
    });
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.25, p3: 0.5 });
    expect(r.path.targets.map((x) => x.zone)).toEqual(["a", "a", "b"]);
  });

  it("JOIN-4: pods come from every EndpointSlice labelled for the Service, and only those", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] }, (s) => {
      const [slice] = s.kubernetes.endpointSlices;
      const p2 = slice.endpoints!.pop()!;
      s.kubernetes.endpointSlices.push({ ...structuredClone(slice), metadata: { ...slice.metadata, name: "web-fghij" }, endpoints: [p2] });
      s.kubernetes.endpointSlices.push({ ...structuredClone(slice), metadata: { namespace: "shop", name: "api-xyz", labels: { "kubernetes.io/service-name": "api" } }, endpoints: [{ addresses: ["10.1.0.99"], conditions: { ready: true }, nodeName: "n1", zone: "a", targetRef: { kind: "Pod", namespace: "shop", name: "p9" } }] });
    });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("JOIN-4: instance target whose providerID is 'aws:////i-…' (no AZ) is still joined to its Node", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] }, (s) => {
      const n = findNode(s, "n2");
      n.spec!.providerID = `aws:////${n.spec!.providerID!.split("/").pop()}`;
    });
    expect(r.targetOfNode("n2")).toBeDefined();
    expect(r.targetOfNode("n2").zone).toBe("b");
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("JOIN-4/DST-7: an ip target with no pod behind it still takes its slot in R(z); pods get ⅓ each", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }] }, (s) => {
      s.aws.targetGroups[0].targetHealthDescriptions!.push({ target: { id: "10.9.9.9", port: 8080, availabilityZone: "a" }, healthCheckPort: "8080", targetHealth: { state: "healthy" } });
    });
    expect(r.shares).toEqual({ p1: 0.333, p2: 0.333 });
    const orphan = r.path.targets.find((x) => x.id === "10.9.9.9")!;
    expect(orphan.pod).toBeNull();
    expect(r3(orphan.share)).toBe(0.333);
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits: ⅓ three times sums to 0.999999
  });

  it("JOIN-4/DST-7: an instance target with no Node takes its slot in R(z) (Local pod gets ½)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      s.aws.targetGroups[0].targetHealthDescriptions!.push({ target: { id: "i-0ffffffffffffffff", port: 31234, availabilityZone: "a" }, healthCheckPort: "32181", targetHealth: { state: "healthy" } });
    });
    expect(r.shares).toEqual({ p1: 0.5 });
    expect(r.path.targets.find((x) => x.id === "i-0ffffffffffffffff")!.node).toBeNull();
    expect(r.total).toBeCloseTo(1, 9);
  });

});

describe("JOIN-4: expected target sets", () => {
  const missing = (s: Snapshot) => run(s).t.findings.find((f) => f.code === "TARGETS_MISSING")?.refs ?? [];
  const drop = (s: Snapshot, node: string) => {
    const thds = s.aws.targetGroups[0].targetHealthDescriptions!;
    thds.splice(thds.indexOf(thdOfNode(s, node)), 1);
  };
  const twoNodes = (extra: Partial<CaseSpec["nodes"][number]> = {}): CaseSpec => ({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", ...extra }] });

  it("JOIN-4 (legacy): a node labelled exclude-from-external-load-balancers is not expected", () => {
    const s = buildCase(twoNodes());
    findNode(s, "n2").metadata.labels!["node.kubernetes.io/exclude-from-external-load-balancers"] = "";
    drop(s, "n2");
    expect(missing(s)).not.toContain("Node:n2");
  });

  it("JOIN-4/JOIN-5 (legacy): aws-load-balancer-target-node-labels filters the expected nodes", () => {
    const s = buildCase(twoNodes());
    s.kubernetes.services[0].metadata.annotations![`${ANN}aws-load-balancer-target-node-labels`] = "role=edge";
    findNode(s, "n1").metadata.labels!.role = "edge";
    drop(s, "n2");
    expect(missing(s)).not.toContain("Node:n2");
  });

  it("JOIN-4 (LBC instance): a NotReady node is not expected", () => {
    const s = buildCase(twoNodes({ notReady: true }));
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    drop(s, "n2");
    expect(missing(s)).not.toContain("Node:n2");
  });

  it("JOIN-4 (LBC instance): a node tainted karpenter.sh/disrupted:NoSchedule is not expected", () => {
    const s = buildCase(twoNodes());
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    findNode(s, "n2").spec!.taints = [{ key: "karpenter.sh/disrupted", effect: "NoSchedule" }];
    drop(s, "n2");
    expect(missing(s)).not.toContain("Node:n2");
  });

});

describe("JOIN-3: listeners and target groups", () => {
  it("JOIN-3: two Service ports → two paths, each through the listener on its port and that listener's TG", () => {
    const s = buildCase({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] });
    const svc = s.kubernetes.services[0];
    svc.spec.ports!.push({ name: "https", protocol: "TCP", port: 443, targetPort: 8443, nodePort: 31443 });
    s.kubernetes.endpointSlices[0].ports!.push({ name: "https", port: 8443, protocol: "TCP" });
    const lb = s.aws.loadBalancers[0];
    const tg2 = structuredClone(s.aws.targetGroups[0]);
    tg2.targetGroupArn += "-443";
    tg2.targetGroupName = "k8s-shop-web-443";
    tg2.port = 31443;
    for (const d of tg2.targetHealthDescriptions!) d.target.port = 31443;
    s.aws.targetGroups.push(tg2);
    lb.listeners.push({ listenerArn: `${lb.loadBalancerArn}/l2`, port: 443, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: tg2.targetGroupArn }] });
    const r = run(s);
    const byPort = Object.fromEntries(r.t.paths.map((p) => [p.servicePort.port, p]));
    expect(Object.keys(byPort).sort()).toEqual(["443", "80"]);
    expect(byPort[80].targetGroup!.arn).toBe(s.aws.targetGroups[0].targetGroupArn);
    expect(byPort[443].targetGroup!.arn).toBe(tg2.targetGroupArn);
    expect(byPort[443].listener!.port).toBe(443);
    for (const p of r.t.paths) expect(p.pods.map((x) => r3(x.share))).toEqual([0.5, 0.5]);
  });

  it("JOIN-3: a listener that forwards only through ForwardConfig.TargetGroups is followed", () => {
    let tgArn = "";
    const r = analyse({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] }, (s) => {
      tgArn = s.aws.targetGroups[0].targetGroupArn;
      s.aws.loadBalancers[0].listeners[0].defaultActions = [{ type: "forward", forwardConfig: { targetGroups: [{ targetGroupArn: tgArn, weight: 1 }] } }];
    });
    expect(r.path.targetGroup!.arn).toBe(tgArn);
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("JOIN-3: a Service port with no listener on its port is reported (NO_LISTENER)", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      s.kubernetes.services[0].spec.ports!.push({ name: "admin", protocol: "TCP", port: 9000, targetPort: 9000, nodePort: 31900 });
    });
    expect(r.codes).toContain("NO_LISTENER");
    expect(r.t.paths.map((p) => p.servicePort.port)).toEqual([80]);
  });
});

describe("JOIN-1/JOIN-2: owner and load balancer", () => {
  const svc = (annotations: Record<string, string>, loadBalancerClass?: string): k8s.Service => ({ metadata: { namespace: "shop", name: "web", annotations }, spec: { type: "LoadBalancer", ...(loadBalancerClass ? { loadBalancerClass } : {}) } });
  it("JOIN-1: external + nlb-target-type instance → LBC instance", () => {
    expect(owningController(svc({ [`${ANN}aws-load-balancer-type`]: "external", [`${ANN}aws-load-balancer-nlb-target-type`]: "instance" }))).toEqual({ controller: "aws-load-balancer-controller", kind: "network", targetType: "instance" });
  });
  it("JOIN-1: type nlb + nlb-target-type ip without class → legacy NLB with instance targets (legacy ignores target type)", () => {
    expect(owningController(svc({ [`${ANN}aws-load-balancer-type`]: "nlb", [`${ANN}aws-load-balancer-nlb-target-type`]: "ip" }))).toEqual({ controller: "legacy", kind: "network", targetType: "instance" });
  });
  it("JOIN-1: class service.k8s.aws/nlb + nlb-target-type ip → LBC ip", () => {
    expect(owningController(svc({ [`${ANN}aws-load-balancer-nlb-target-type`]: "ip" }, "service.k8s.aws/nlb"))).toEqual({ controller: "aws-load-balancer-controller", kind: "network", targetType: "ip" });
  });
  it("JOIN-1: a foreign loadBalancerClass beats type nlb (legacy ignores every Service with a class)", () => {
    expect(owningController(svc({ [`${ANN}aws-load-balancer-type`]: "nlb" }, "example.com/lb"))).toEqual({ controller: "unknown", kind: null, targetType: null });
  });
  it("JOIN-1 via buildTopology: foreign class → controller unknown and CONTROLLER_UNKNOWN", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      s.kubernetes.services[0].spec.loadBalancerClass = "example.com/lb";
    });
    expect(r.t.service.controller).toBe("unknown");
    expect(r.codes).toContain("CONTROLLER_UNKNOWN");
  });

  const join = (s: Snapshot) => loadBalancersForService(s.kubernetes.services[0], indexSnapshot(s)).loadBalancers.map((x) => [x.lb.loadBalancerName, x.joinedBy]);
  const nlb = () => buildCase({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });

  it("JOIN-2: hostname compared case-insensitively", () => {
    const s = nlb();
    const ing = s.kubernetes.services[0].status!.loadBalancer!.ingress![0];
    ing.hostname = ing.hostname!.toUpperCase();
    expect(join(s)).toEqual([["web", "dns-name"]]);
  });
  it("JOIN-2: Classic hostname compared case-insensitively", () => {
    const s = buildCase({ lb: "clb", etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    const ing = s.kubernetes.services[0].status!.loadBalancer!.ingress![0];
    ing.hostname = ing.hostname!.toUpperCase();
    expect(join(s).map((x) => x[1])).toEqual(["dns-name"]);
  });
  it("JOIN-2 (LBC): pending Service joined by elbv2.k8s.aws/cluster + service.k8s.aws/stack tags", () => {
    const s = nlb();
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    s.kubernetes.services[0].status = {};
    s.aws.loadBalancers[0].tags = { "elbv2.k8s.aws/cluster": "case", "service.k8s.aws/stack": "shop/web", "service.k8s.aws/resource": "LoadBalancer" };
    expect(join(s)).toEqual([["web", "tags"]]);
  });
  it("JOIN-2 (LBC): tags of another cluster are refused", () => {
    const s = nlb();
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    s.kubernetes.services[0].status = {};
    s.aws.loadBalancers[0].tags = { "elbv2.k8s.aws/cluster": "other", "service.k8s.aws/stack": "shop/web" };
    expect(join(s)).toEqual([]);
  });
  it("JOIN-2 (legacy Classic): pending Service joined by its UID-derived name first (the primary key), by its tags when renamed", () => {
    const s = buildCase({ lb: "clb", etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    s.kubernetes.services[0].status = {};
    expect(join(s).map((x) => x[1])).toEqual(["name"]);
    s.aws.classicLoadBalancers[0].loadBalancerName = "renamed";
    expect(join(s).map((x) => x[1])).toEqual(["tags"]);
  });
  it("JOIN-2 (legacy): pending Service joined by kubernetes.io/service-name + legacy KubernetesCluster=<id> tag", () => {
    const s = nlb();
    s.kubernetes.services[0].status = {};
    s.aws.loadBalancers[0].tags = { "kubernetes.io/service-name": "shop/web", KubernetesCluster: "case" };
    expect(join(s)).toEqual([["web", "tags"]]);
  });
});
