import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { buildCase, type CaseSpec } from "./caseBuilder";

function analyse(spec: CaseSpec) {
  const t = buildTopology(buildCase(spec), { namespace: "shop", name: "web" });
  if (!t) throw new Error("service not found");
  const path = t.paths[0];
  const pod = (name: string) => path.pods.find((p) => p.name === name)!;
  const targetOfNode = (node: string) => path.targets.find((x) => x.node === node)!;
  const shares = Object.fromEntries(path.pods.map((p) => [p.name, Math.round(p.share * 1000) / 1000]));
  const total = path.pods.reduce((a, p) => a + p.share, 0) + path.dropped + path.rejected + path.unknown;
  return { t, path, pod, targetOfNode, shares, total, codes: t.findings.map((f) => f.code) };
}

const third = Math.round(1000 / 3) / 1000;

describe("§5 worked cases", () => {
  it("TC-01 (the blog's example): Local, n2 has no pod → expected unhealthy; p1 gets everything and sees the client", () => {
    const r = analyse({ etp: "Local", lbZones: ["us-east-1a", "us-east-1b"], nodes: [{ name: "n1", zone: "us-east-1a", pods: ["p1"] }, { name: "n2", zone: "us-east-1b", health: "unhealthy" }] });
    expect(r.shares).toEqual({ p1: 1 });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "client", header: null, row: "S6" });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT" });
    expect(r.targetOfNode("n2").rules).toContain("HLT-C1");
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 1 });
    expect(r.path.zones.find((z) => z.name === "us-east-1b")).toMatchObject({ inDns: false, failingOpen: true });
    expect(r.codes).toContain("CLIENT_IP_PRESERVED");
    expect(r.codes).not.toContain("FAIL_OPEN"); // zone b is out of DNS: no new flows reach its failing-open node
    expect(r.total).toBeCloseTo(1, 9);
  });

  it("TC-03: Cluster → SNAT at kube-proxy; every pod a third; I = 1.0", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }, { name: "n2", zone: "b", pods: ["p3"] }] });
    expect(r.shares).toEqual({ p1: third, p2: third, p3: third });
    expect(r.path.imbalance).toMatchObject({ level: "ok" });
    expect(r.path.imbalance.ratio).toBeCloseTo(1, 6);
    expect(r.path.clientIp).toMatchObject({ snatAt: "kube-proxy", hop1: "client", row: "S5" });
    expect(r.pod("p3").sourceIp.seenAs).toBe("node");
    expect(r.codes).toContain("CLIENT_IP_SNAT_KUBE_PROXY");
  });

  it("TC-04: Local uneven: 25/25/50, I = 1.5 WARN; n3 expected", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b", "c"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }, { name: "n2", zone: "b", pods: ["p3"] }, { name: "n3", zone: "c", health: "unhealthy" }] });
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.25, p3: 0.5 });
    expect(r.path.imbalance).toMatchObject({ level: "warn", ratio: 1.5 });
    expect(r.targetOfNode("n3")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT" });
    expect(r.codes).toContain("UNEVEN_TRAFFIC");
  });

  it("TC-08: LBC ip targets, preserve off by default: pods see the LB; 25/25/50", () => {
    const r = analyse({ etp: "Local", targetType: "ip", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }, { name: "n3", zone: "b", pods: ["p3"] }] });
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.25, p3: 0.5 });
    expect(r.path.imbalance.ratio).toBe(1.5);
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", row: "S11" });
    expect(r.path.clientIp.snatAt).toBe("load-balancer");
    expect(r.codes).toContain("ETP_IGNORED_IP_TARGETS");
  });

  it("TC-11: all pods not ready → every target a workload fault, fail open, 100 % rejected", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "NR"]], health: "unhealthy" }, { name: "n2", zone: "b", pods: [["p2", "NR"]], health: "unhealthy" }] });
    expect(r.path.rejected).toBeCloseTo(1, 9);
    expect(r.shares).toEqual({ p1: 0, p2: 0 });
    expect(r.path.failOpen).toBe(true);
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "fault", code: "NO_READY_ENDPOINTS", receivesFailOpenTraffic: true });
    expect(r.codes).toEqual(expect.arrayContaining(["FAIL_OPEN", "TRAFFIC_REJECTED", "NO_READY_ENDPOINTS"]));
  });

  it("TC-12: rolling update under Local: the node whose only pod is terminating is expected unhealthy", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "T"]], health: "unhealthy" }, { name: "n2", zone: "a", pods: ["p2"] }] });
    expect(r.shares).toEqual({ p1: 0, p2: 1 });
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "expected", code: "LOCAL_ONLY_TERMINATING", readyLocalEndpoints: 0 });
    expect(r.path.imbalance.starved).toEqual([]); // p1 is terminating, not a starved Ready pod
  });

  it("TC-14: a node in a zone without an LB subnet is Target.NotInUse (expected by config); Cluster spreads 50/50", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b" }, { name: "n3", zone: "c", pods: ["p2"], health: ["unused", "Target.NotInUse"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.targetOfNode("n3")).toMatchObject({ verdict: "expected", code: "ZONE_NOT_ENABLED", share: 0 });
  });

  it("TC-19: Classic ELB TCP, Cluster: client IP lost (node IP), 50/50", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "node", header: null, row: "S1" });
    expect(r.path.clientIp.snatAt).toBe("load-balancer");
    expect(r.codes).toContain("CLIENT_IP_REPLACED_BY_LB");
  });

  it("TC-20: Classic + proxy protocol + Local + cross-zone: pod sees the CLB, PROXY v1 carries the client; n2 expected", () => {
    const r = analyse({ lb: "clb", etp: "Local", crossZone: true, clb: { proxyProtocol: true }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", health: "unhealthy" }] });
    expect(r.shares).toEqual({ p1: 1 });
    expect(r.pod("p1").sourceIp).toMatchObject({ seenAs: "load-balancer", header: "proxy-protocol-v1", row: "S3" });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT", state: "unhealthy", reason: "Target.FailedHealthChecks" });
    expect(r.codes).toContain("CLIENT_IP_IN_HEADER");
  });

  it("TC-24: dual-stack NLB with IPv4 targets flags that IPv6 clients see the LB's IPv4 address", () => {
    const r = analyse({ etp: "Local", ipAddressType: "dualstack", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    expect(r.shares).toEqual({ p1: 1 });
    expect(r.codes).toContain("IPV6_CLIENTS_SEE_LB");
  });

  it("TC-26: node being removed is draining (expected); n1's kube-proxy still spreads over p1 and p2", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], removal: "taint", health: ["draining", "Target.DeregistrationInProgress"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "NODE_DELETING", state: "draining" });
    expect(r.targetOfNode("n2").diagnosis).toContain("ToBeDeletedByClusterAutoscaler");
  });
});

describe("§3.2 worked example (Local, cross-zone off, zones a/b/c)", () => {
  const nodes: CaseSpec["nodes"] = [
    { name: "n1", zone: "a", pods: ["p1", "p2"] },
    { name: "n2", zone: "a", pods: ["p3"] },
    { name: "n3", zone: "b", pods: ["p4"] },
    { name: "n4", zone: "b", health: "unhealthy" },
    { name: "n5", zone: "c", pods: [["p5", "T"]], health: "unhealthy" },
  ];
  it("12.5 / 12.5 / 25 / 50 / 0, I = 2.0 HIGH, zone c out of DNS", () => {
    const r = analyse({ etp: "Local", lbZones: ["a", "b", "c"], nodes });
    expect(r.shares).toEqual({ p1: 0.125, p2: 0.125, p3: 0.25, p4: 0.5, p5: 0 });
    expect(r.path.imbalance).toMatchObject({ ratio: 2, level: "high" });
    expect(r.path.zones.filter((z) => z.inDns).map((z) => z.name)).toEqual(["a", "b"]);
    expect(r.targetOfNode("n4")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT" });
    expect(r.targetOfNode("n5")).toMatchObject({ verdict: "expected", code: "LOCAL_ONLY_TERMINATING" });
    for (const p of ["p1", "p2", "p3", "p4"]) expect(r.pod(p).sourceIp.seenAs).toBe("client");
    expect(r.total).toBeCloseTo(1, 9);
  });
  it("variant cross-zone on: 16.7 / 16.7 / 33.3 / 33.3, I = 1.33 WARN", () => {
    const r = analyse({ etp: "Local", crossZone: true, lbZones: ["a", "b", "c"], nodes });
    expect(r.shares).toEqual({ p1: 0.167, p2: 0.167, p3: 0.333, p4: 0.333, p5: 0 });
    expect(r.path.imbalance.level).toBe("warn");
    expect(r.path.imbalance.ratio).toBeCloseTo(4 / 3, 3);
  });
  it("variant Cluster: every Ready pod 25 %, I = 1.0, p5 0 (Ready endpoints exist, no terminating fallback)", () => {
    const healthy = nodes.map((n) => ({ ...n, health: undefined }));
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b", "c"], nodes: healthy });
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.25, p3: 0.25, p4: 0.25, p5: 0 });
    expect(r.path.imbalance).toMatchObject({ ratio: 1, level: "ok" });
    expect(r.pod("p1").sourceIp.seenAs).toBe("node");
  });
});

describe("finding order", () => {
  it("within one severity, what is going wrong comes before what the source IP is", () => {
    // demo-zone-silent: zone c gets no observed flows (ZONE_NO_OBSERVED_TRAFFIC, a warning) and Cluster SNATs
    // (CLIENT_IP_SNAT_KUBE_PROXY, a warning too). The operator's first row must be the zone without traffic.
    const s = JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios/zone-silent.json"), "utf8")) as Snapshot;
    const t = buildTopology(s, { namespace: "default", name: "web" })!;
    const warnings = t.findings.filter((f) => f.severity === "warning").map((f) => f.code);
    expect(warnings).toEqual(["ZONE_NO_OBSERVED_TRAFFIC", "CLIENT_IP_SNAT_KUBE_PROXY"]);
  });
});
