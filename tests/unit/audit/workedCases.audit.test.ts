import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase, type CaseSpec } from "../core/caseBuilder";

/**
 * Audit of traffic-semantics.md §5 against the engine: the assertions of each worked case that
 * tests/unit/core/workedCases.test.ts does not make (and the cases it does not have: TC-22, TC-25).
 * Expectations are written from the rulebook only. Cases where the engine disagreed with the rulebook until the audit are at the end of this file
 * (TC-25), and in the other *.fixes.test.ts files.
 *
 * caseBuilder conventions used below: node i (0-based) has InternalIP 10.0.<i>.10; pods on it 10.1.<i>.<10+j>.
 * Where the case names the NLB's per-zone addresses (LBa, LBb), they are added to the snapshot (LB_IP).
 */

const LB_IP: Record<string, string> = { a: "10.0.100.5", b: "10.0.101.5", c: "10.0.102.5" };
const nodeIp = (i: number) => `10.0.${i}.10`;

type Mutate = (s: Snapshot) => void;

function analyse(spec: CaseSpec, mutate?: Mutate) {
  const snapshot = buildCase(spec);
  mutate?.(snapshot);
  const t = buildTopology(snapshot, { namespace: "shop", name: "web" });
  if (!t) throw new Error("service not found");
  const path = t.paths[0];
  const pod = (name: string) => {
    const p = path.pods.find((x) => x.name === name);
    if (!p) throw new Error(`no pod ${name}`);
    return p;
  };
  const targetOfNode = (node: string) => {
    const x = path.targets.find((y) => y.node === node);
    if (!x) throw new Error(`no target for node ${node}`);
    return x;
  };
  const targetOfPod = (name: string) => {
    const x = path.targets.find((y) => y.pod?.name === name);
    if (!x) throw new Error(`no target for pod ${name}`);
    return x;
  };
  const zone = (name: string) => path.zones.find((z) => z.name === name);
  const shares = Object.fromEntries(path.pods.map((p) => [p.name, Math.round(p.share * 1000) / 1000]));
  const total = path.pods.reduce((a, p) => a + p.share, 0) + path.dropped + path.rejected + path.unknown;
  const finding = (code: string) => t.findings.find((f) => f.code === code);
  return { t, path, pod, targetOfNode, targetOfPod, zone, shares, total, finding, codes: t.findings.map((f) => f.code) };
}

/** Gives the NLB a private IPv4 address per enabled zone (LBa, LBb, …). */
const withLbAddresses: Mutate = (s) => {
  for (const az of s.aws.loadBalancers[0].availabilityZones) az.loadBalancerAddresses = [{ privateIPv4Address: LB_IP[az.zoneName] }];
};
/** LBC owns the Service (loadBalancerClass, JOIN-1 step 2). */
const lbcInstance: Mutate = (s) => {
  const svc = s.kubernetes.services[0];
  svc.spec.loadBalancerClass = "service.k8s.aws/nlb";
  svc.metadata.annotations = {};
};
/** LBC via `external` + `nlb-target-type: ip` (JOIN-1 step 3). */
const lbcExternalIp: Mutate = (s) => {
  s.kubernetes.services[0].metadata.annotations = {
    "service.beta.kubernetes.io/aws-load-balancer-type": "external",
    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
  };
};
const both =
  (...ms: Mutate[]): Mutate =>
  (s) => {
    for (const m of ms) m(s);
  };

// ---- case inputs (§5), shared by the per-case tests and the §5 consistency checks ----
const TC01: CaseSpec = { etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", health: "unhealthy" }] };
const TC03: CaseSpec = { etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }, { name: "n2", zone: "b", pods: ["p3"] }] };
const TC04: CaseSpec = { etp: "Local", lbZones: ["a", "b", "c"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }, { name: "n2", zone: "b", pods: ["p3"] }, { name: "n3", zone: "c", health: "unhealthy" }] };
const TC08: CaseSpec = { etp: "Local", targetType: "ip", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }, { name: "n3", zone: "b", pods: ["p3"] }] };
const TC11: CaseSpec = { etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "NR"]], health: "unhealthy" }, { name: "n2", zone: "b", pods: [["p2", "NR"]], health: "unhealthy" }] };
const TC12: CaseSpec = { etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "T"]], health: "unhealthy" }, { name: "n2", zone: "a", pods: ["p2"] }] };
const TC14: CaseSpec = { etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b" }, { name: "n3", zone: "c", pods: ["p2"], health: ["unused", "Target.NotInUse"] }] };
const TC19: CaseSpec = { lb: "clb", etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] };
const TC20: CaseSpec = { lb: "clb", etp: "Local", crossZone: true, clb: { proxyProtocol: true }, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", health: "unhealthy" }] };
const TC22: CaseSpec = { etp: "Cluster", scheme: "internal", crossZone: true, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] };
const TC24: CaseSpec = { etp: "Local", ipAddressType: "dualstack", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] };
const TC25: CaseSpec = { etp: "Local", lbZones: ["a"], tgAttributes: { "proxy_protocol_v2.enabled": "true" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] };
const TC26: CaseSpec = { etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], removal: "taint", health: ["draining", "Target.DeregistrationInProgress"] }] };

describe("§5 worked cases — audit (assertions missing from tests/unit/core/workedCases.test.ts)", () => {
  it("TC-01: legacy NLB, Zdns={a}; n2's diagnosis is kube-proxy's 503 with 0 ready local endpoints (stale-DNS flows would DROP there)", () => {
    const r = analyse(TC01);
    expect(r.t.service.controller).toBe("legacy");
    expect(r.zone("a")).toMatchObject({ inDns: true, failingOpen: false });
    expect(r.path.targetGroup?.healthCheck).toMatchObject({ protocol: "HTTP", path: "/healthz", portMeaning: "healthCheckNodePort" }); // HC-2
    expect(r.targetOfNode("n2")).toMatchObject({ readyLocalEndpoints: 0, state: "unhealthy", reason: "Target.FailedHealthChecks" });
    expect(r.targetOfNode("n2").diagnosis).toMatch(/503/);
    // Stale-DNS flows are a residual, not a share of new flows: nothing is dropped in the shares.
    expect(r.path.dropped).toBe(0);
    expect(r.path.rejected).toBe(0);
  });

  it("TC-03: every pod sees N1 or N2 (never C); both targets healthy", () => {
    const r = analyse(TC03);
    expect(r.t.service.controller).toBe("legacy");
    for (const p of ["p1", "p2", "p3"]) {
      const ip = r.pod(p).sourceIp;
      expect(ip).toMatchObject({ seenAs: "node", header: null, row: "S5" });
      // flows entering n1 (½) show N1, flows via n2 (½) show N2
      expect(ip.address).toContain(nodeIp(0));
      expect(ip.address).toContain(nodeIp(1));
    }
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "healthy", code: "HEALTHY", share: 0.5 });
    expect(r.codes).not.toContain("CLIENT_IP_PRESERVED");
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-04: pods see C; n1, n2 healthy; n3 EXPECTED by HLT-C1", () => {
    const r = analyse(TC04);
    for (const p of ["p1", "p2", "p3"]) expect(r.pod(p).sourceIp).toMatchObject({ seenAs: "client", header: null, row: "S6" });
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 0.5 });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "healthy", share: 0.5 });
    expect(r.targetOfNode("n3")).toMatchObject({ share: 0, readyLocalEndpoints: 0 });
    expect(r.targetOfNode("n3").rules).toContain("HLT-C1");
    expect(r.path.imbalance.starved).toEqual([]);
    expect(r.path.dropped).toBe(0);
    expect(r.codes).toContain("CLIENT_IP_PRESERVED");
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-08: LBC ip targets: p1,p2 see LBa, p3 sees LBb; all targets healthy; I = 1.5 WARN", () => {
    const r = analyse(TC08, both(lbcExternalIp, withLbAddresses));
    expect(r.t.service.controller).toBe("aws-load-balancer-controller");
    expect(r.path.targetGroup).toMatchObject({ targetType: "ip", preserveClientIp: false, proxyProtocol: null });
    expect(r.shares).toEqual({ p1: 0.25, p2: 0.25, p3: 0.5 });
    expect(r.path.imbalance).toMatchObject({ ratio: 1.5, level: "warn" });
    for (const p of ["p1", "p2", "p3"]) expect(r.pod(p).sourceIp).toMatchObject({ seenAs: "load-balancer", header: null, row: "S11" });
    expect(r.pod("p1").sourceIp.address).toContain(LB_IP.a);
    expect(r.pod("p2").sourceIp.address).toContain(LB_IP.a);
    expect(r.pod("p3").sourceIp.address).toContain(LB_IP.b);
    expect(r.pod("p3").sourceIp.address).not.toContain(LB_IP.a);
    for (const p of ["p1", "p2", "p3"]) expect(r.targetOfPod(p)).toMatchObject({ verdict: "healthy", code: "HEALTHY" });
    expect(r.path.targetGroup?.healthCheck).toMatchObject({ protocol: "TCP", port: "traffic-port" }); // HC-8
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-11: both LB nodes fail open and stay in DNS; diagnosis 'Service has no ready endpoints' (HLT-C3)", () => {
    const r = analyse(TC11);
    for (const z of ["a", "b"]) expect(r.zone(z)).toMatchObject({ inDns: true, failingOpen: true });
    for (const n of ["n1", "n2"]) {
      expect(r.targetOfNode(n).diagnosis).toMatch(/no ready endpoints/i);
      expect(r.targetOfNode(n).rules).toContain("HLT-C3");
    }
    expect(r.path.dropped).toBe(0);
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-12: pods see C; n2 healthy and gets everything in steady state", () => {
    const r = analyse(TC12);
    expect(r.pod("p2").sourceIp).toMatchObject({ seenAs: "client", header: null, row: "S6" });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "healthy", share: 1, readyLocalEndpoints: 1 });
    expect(r.targetOfNode("n1")).toMatchObject({ share: 0, state: "unhealthy", reason: "Target.FailedHealthChecks" });
    expect(r.path.dropped).toBe(0);
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-12 (detection lag): while n1 still reports healthy it gets ½, forwarded to the terminating p1 (HLT-5)", () => {
    const lag: CaseSpec = { ...TC12, nodes: TC12.nodes.map((n) => ({ ...n, health: undefined })) };
    const r = analyse(lag);
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.path.dropped).toBe(0);
    expect(r.pod("p1").sourceIp.seenAs).toBe("client");
  });

  it("TC-14: pods see N1/N2 (never n3's IP); n1, n2 healthy; zone c not enabled", () => {
    const r = analyse(TC14);
    for (const p of ["p1", "p2"]) {
      const ip = r.pod(p).sourceIp;
      expect(ip).toMatchObject({ seenAs: "node", header: null });
      expect(ip.address).toContain(nodeIp(0));
      expect(ip.address).toContain(nodeIp(1));
      expect(ip.address).not.toContain(nodeIp(2));
    }
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 0.5 });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "healthy", share: 0.5 });
    expect(r.targetOfNode("n3")).toMatchObject({ state: "unused", reason: "Target.NotInUse" });
    const c = r.zone("c");
    if (c) expect(c).toMatchObject({ enabled: false, share: 0 });
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-19: both pods see their flows' node (N1/N2), no header; both instances InService", () => {
    const r = analyse(TC19);
    expect(r.path.loadBalancer).toMatchObject({ kind: "classic", crossZone: false });
    for (const p of ["p1", "p2"]) {
      const ip = r.pod(p).sourceIp;
      expect(ip).toMatchObject({ seenAs: "node", header: null, row: "S1" });
      expect(ip.address).toContain(nodeIp(0));
      expect(ip.address).toContain(nodeIp(1));
    }
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "healthy", share: 0.5 });
    expect(r.codes).toContain("CLIENT_IP_SNAT_KUBE_PROXY");
    expect(r.codes).not.toContain("CLIENT_IP_IN_HEADER");
    expect(r.path.classicHealthCheck).toMatchObject({ protocol: "TCP", portMeaning: "traffic-port" }); // HC-4
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-20: n1 InService; n2 OutOfService (HTTP /healthz on healthCheckNodePort, HLT-C1); cross-zone on", () => {
    const r = analyse(TC20);
    expect(r.path.loadBalancer).toMatchObject({ kind: "classic", crossZone: true });
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 1 });
    expect(r.targetOfNode("n2")).toMatchObject({ share: 0, readyLocalEndpoints: 0 });
    expect(r.targetOfNode("n2").description).toMatch(/UnhealthyThreshold/);
    expect(r.targetOfNode("n2").rules).toContain("HLT-C1");
    expect(r.path.classicHealthCheck).toMatchObject({ protocol: "HTTP", path: "/healthz", portMeaning: "healthCheckNodePort" }); // HC-5
    expect(r.codes).toContain("CLIENT_IP_REPLACED_BY_LB");
    expect(r.path.dropped).toBe(0);
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-22: internal NLB, preserve on, cross-zone on: HAIRPIN flagged; external clients 50/50 seeing the node; not a health issue", () => {
    const r = analyse(TC22);
    expect(r.path.loadBalancer).toMatchObject({ scheme: "internal", crossZone: true });
    expect(r.path.targetGroup).toMatchObject({ targetType: "instance", preserveClientIp: true });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    for (const p of ["p1", "p2"]) expect(r.pod(p).sourceIp).toMatchObject({ seenAs: "node", header: null });
    // flows hashed to n2 succeed and the pod sees N2
    for (const p of ["p1", "p2"]) expect(r.pod(p).sourceIp.address).toContain(nodeIp(1));
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "healthy", code: "HEALTHY" });
    expect(r.path.health).toMatchObject({ healthy: 2, fault: 0, expected: 0 });
    const hairpin = r.finding("HAIRPIN");
    expect(hairpin).toBeDefined();
    expect(hairpin?.rules).toContain("SRC-7");
    expect(`${hairpin?.message} ${hairpin?.action ?? ""}`).toMatch(/preserv/i);
    expect(`${hairpin?.message} ${hairpin?.action ?? ""}`).toMatch(/ip target/i);
    expect(r.codes).not.toContain("FAIL_OPEN");
    expect(r.codes).toContain("CLIENT_IP_SNAT_KUBE_PROXY");
    expect(r.path.imbalance).toMatchObject({ level: "ok", ratio: 1 });
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-24: n1 healthy, p1 100 %, no fault (the IPv6-client source IP is the known SRC-4 caveat, see worked.ts)", () => {
    const r = analyse(TC24);
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 1 });
    expect(r.path.health).toMatchObject({ healthy: 1, fault: 0 });
    expect(r.finding("IPV6_CLIENTS_SEE_LB")?.rules).toContain("SRC-4");
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });

  it("TC-25: PPv2 on an instance/Local NLB: p1 100 %, n1 healthy, the client IP travels in PROXY v2", () => {
    const r = analyse(TC25, withLbAddresses);
    expect(r.path.targetGroup).toMatchObject({ proxyProtocol: "v2" });
    expect(r.shares).toEqual({ p1: 1 });
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 1 });
    expect(r.pod("p1").sourceIp.header).toBe("proxy-protocol-v2");
    expect(r.path.clientIp.header).toBe("proxy-protocol-v2");
    expect(r.codes).toContain("CLIENT_IP_IN_HEADER");
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
    // The L3 source (`LBa`, S19) for PrivateLink consumers: the SRC-5 caveat at the end of this file.
  });

  it("TC-26: LBC; pods see N1 only (all new flows enter n1); n1 healthy with 100 %", () => {
    const r = analyse(TC26, lbcInstance);
    expect(r.t.service.controller).toBe("aws-load-balancer-controller");
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "healthy", share: 1 });
    expect(r.targetOfNode("n2")).toMatchObject({ share: 0, reason: "Target.DeregistrationInProgress" });
    for (const p of ["p1", "p2"]) {
      const ip = r.pod(p).sourceIp;
      expect(ip).toMatchObject({ seenAs: "node", header: null, row: "S5" });
      expect(ip.address).toContain(nodeIp(0));
      expect(ip.address).not.toContain(nodeIp(1));
    }
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
  });
});

describe("§5 consistency checks over every worked case", () => {
  const cases: [string, CaseSpec, Mutate?][] = [
    ["TC-01", TC01],
    ["TC-03", TC03],
    ["TC-04", TC04],
    ["TC-08", TC08, lbcExternalIp],
    ["TC-11", TC11],
    ["TC-12", TC12],
    ["TC-14", TC14],
    ["TC-19", TC19],
    ["TC-20", TC20],
    ["TC-22", TC22],
    ["TC-24", TC24],
    ["TC-25", TC25],
    ["TC-26", TC26, lbcInstance],
  ];
  it.each(cases)("%s: Σ pods + dropped + rejected (+ unknown) = 100 %%; unused targets get nothing; Cluster+instance never shows C", (_id, spec, mutate) => {
    const r = analyse(spec, mutate);
    expect(r.total).toBeCloseTo(1, 5); // shares are rounded to 6 digits each
    expect(r.path.unknown).toBe(0);
    for (const x of r.path.targets) if (x.state === "unused") expect(x.share).toBe(0);
    const instance = (spec.targetType ?? "instance") === "instance";
    if (instance && spec.etp === "Cluster") for (const p of r.path.pods) expect(p.sourceIp.seenAs).not.toBe("client");
    if (instance && spec.etp === "Local") for (const p of r.path.pods) expect(p.sourceIp.seenAs).toBe(r.path.clientIp.hop1);
  });
});

// Failed before the audit of 2026-12-07 (the engine never cited SRC-5).
describe("§5 worked cases the engine now follows", () => {
  /*
   * TC-25: "NLB (instance, Local, single AZ a) exposed as VPC endpoint service; consumer via PrivateLink; PPv2 on;
   * n1: p1 | n1 healthy | Expected pod source IP: L3 `LBa`; PPv2 has `C` + VPCE-ID TLV | p1 100 % | S19, SRC-5/6".
   *
   * Engine returns: p1.sourceIp = { seenAs: "client", address: null, header: "proxy-protocol-v2", row: "S10",
   * rules: SRC-3, SRC-6, SRC-9, SRC-10 }, clientIp.snatAt = null, finding CLIENT_IP_PRESERVED ("Pods see the client
   * IP (row S10)") and no mention of PrivateLink anywhere. The engine never applies SRC-5 (no code path cites it),
   * although docs/findings.md says CLIENT_IP_REPLACED_BY_LB covers "an NLB … reached through PrivateLink".
   *
   * Resolution: no snapshot says whether an NLB backs a VPC endpoint service, so the engine cannot answer S19 for
   * every flow; where PPv2 is on (what a PrivateLink service needs) each pod that sees the client now carries the
   * SRC-5 caveat. (TC-25 also contradicts HLT-F4: PPv2 with instance targets and Local fails the HTTP health check;
   * noted in the issue.) Original judgement: the engine is wrong (incomplete), the rulebook is right. The snapshot has no input that says the
   * NLB backs a VPC endpoint service (that needs ec2 DescribeVpcEndpointServiceConfigurations), so the engine
   * cannot tell — but then it should not assert "pods see the client IP" unconditionally: either read that
   * input and report S19 (LBa at L3, client IP only in PPv2), or, as it does for IPv6 clients (SRC-4,
   * IPV6_CLIENTS_SEE_LB), carry a PrivateLink caveat (SRC-5). The share (p1 100 %), n1 healthy, header
   * proxy-protocol-v2 and CLIENT_IP_IN_HEADER agree (asserted in workedCases.audit.test.ts).
   */
  const TC25: CaseSpec = { etp: "Local", lbZones: ["a"], tgAttributes: { "proxy_protocol_v2.enabled": "true" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] };

  it("TC-25 (weaker, data-limited reading): with no PrivateLink input, the engine at least cites SRC-5 as a caveat on the client-IP claim", () => {
    const r = analyse(TC25, withLbAddresses);
    const cited = [...r.path.clientIp.rules, ...r.pod("p1").sourceIp.rules, ...r.t.findings.flatMap((f) => f.rules)];
    expect(cited).toContain("SRC-5");
  });
});
