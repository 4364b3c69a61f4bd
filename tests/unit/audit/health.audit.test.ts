import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { triage } from "@/server/core/summaries";
import { classicToElbv2 } from "@/server/core/analysis/classicHealth";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase, type CaseSpec } from "../core/caseBuilder";

/**
 * Audit of §2 (health rules) of the reference rules (docs/rules.md) against the engine: cases where the
 * engine agrees with the rulebook, kept as regression tests. Each name cites the rule ID(s).
 */

function analyseSnapshot(s: Snapshot) {
  const t = buildTopology(s, { namespace: "shop", name: "web" });
  if (!t) throw new Error("service not found");
  const path = t.paths[0];
  const targetOfNode = (node: string) => path.targets.find((x) => x.node === node)!;
  const targetOfPod = (pod: string) => path.targets.find((x) => x.pod?.name === pod)!;
  const shares = Object.fromEntries(path.pods.map((p) => [p.name, Math.round(p.share * 1000) / 1000]));
  return { t, path, targetOfNode, targetOfPod, shares, codes: t.findings.map((f) => f.code) };
}
const analyse = (spec: CaseSpec, mutate?: (s: Snapshot) => void) => {
  const s = buildCase(spec);
  mutate?.(s);
  return analyseSnapshot(s);
};

describe("§2.1 health-check configuration (HC-*) as the engine reads it", () => {
  it("HC-2: legacy NLB instance Local → HTTP on healthCheckNodePort /healthz, port meaning healthCheckNodePort", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    expect(r.path.targetGroup!.healthCheck).toMatchObject({ protocol: "HTTP", port: "32181", path: "/healthz", portMeaning: "healthCheckNodePort" });
  });

  it("HC-1/HC-6: instance Cluster → TCP traffic-port, port meaning traffic-port", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    expect(r.path.targetGroup!.healthCheck).toMatchObject({ protocol: "TCP", port: "traffic-port", portMeaning: "traffic-port" });
  });

  it("HC-3: Shared probe mode → HTTP 10256 /healthz is kube-proxy's node healthz", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], hc: { healthCheckProtocol: "HTTP", healthCheckPort: "10256", healthCheckPath: "/healthz" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    expect(r.path.targetGroup!.healthCheck.portMeaning).toBe("kube-proxy-healthz");
  });

  it("HC-8: LBC ip targets → TCP traffic-port (= pod targetPort), ETP ignored", () => {
    const r = analyse({ etp: "Local", targetType: "ip", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      s.kubernetes.services[0].metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb-ip" };
    });
    expect(r.path.targetGroup!.healthCheck).toMatchObject({ protocol: "TCP", port: "traffic-port", portMeaning: "traffic-port" });
  });

  it("HC-5: legacy CLB Local → HTTP:healthCheckNodePort/healthz parsed from the Classic health check", () => {
    const r = analyse({ lb: "clb", etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    expect(r.path.classicHealthCheck).toMatchObject({ protocol: "HTTP", port: "32181", path: "/healthz", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 6, portMeaning: "healthCheckNodePort" });
  });
});

describe("§2.2/2.3/2.5 instance targets under ETP Local (HLT-1..5, HLT-E1, HLT-C1/C2)", () => {
  it("HLT-3: readyLocalEndpoints counts Ready local endpoints only (not terminating, not not-ready)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2", ["p3", "T"], ["p4", "NR"]] }, { name: "n2", zone: "a", pods: ["p5"] }] });
    expect(r.targetOfNode("n1").readyLocalEndpoints).toBe(2);
    expect(r.targetOfNode("n2").readyLocalEndpoints).toBe(1);
  });

  it("HLT-3: localEndpoints counts distinct IPs (an endpoint listed in two EndpointSlices counts once)", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      const slice = s.kubernetes.endpointSlices[0];
      s.kubernetes.endpointSlices.push({ ...slice, metadata: { ...slice.metadata, name: "web-fghij" }, endpoints: slice.endpoints!.map((e) => ({ ...e })) });
    });
    expect(r.targetOfNode("n1").readyLocalEndpoints).toBe(1);
  });

  it("HLT-5: nil conditions default ready=true, terminating=false → an endpoint with no conditions is a ready local endpoint", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      delete s.kubernetes.endpointSlices[0].endpoints![0].conditions;
    });
    expect(r.targetOfNode("n1").readyLocalEndpoints).toBe(1);
    expect(r.targetOfNode("n1").verdict).toBe("healthy");
  });

  it("HLT-C1: Local, node whose only local pod is not Ready fails HC by design → expected LOCAL_NO_ENDPOINT", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: [["p2", "NR"]], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT", readyLocalEndpoints: 0 });
    expect(r.targetOfNode("n2").rules).toContain("HLT-C1");
  });

  it("HLT-C1/HLT-F2: Local, node with a terminating and a not-ready pod (no Ready) → expected, only-terminating", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: [["p2", "T"], ["p3", "NR"]], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_ONLY_TERMINATING" });
  });

  it("HLT-C2: Local, node with 1 Ready + 1 terminating pod fails HC → fault HC_BLOCKED", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2", ["p3", "T"]], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED", readyLocalEndpoints: 1 });
    expect(r.targetOfNode("n2").rules).toContain("HLT-C2");
  });

  it("HLT-C2: HC port ≠ current spec.healthCheckNodePort (stale) with a Ready local pod → fault", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], hc: { healthCheckPort: "30999" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] });
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });

  it("HLT-1: the healthCheckNodePort server answers any path: a non-/healthz path on a healthy node raises nothing", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], hc: { healthCheckPath: "/" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }] });
    expect(r.path.targetGroup!.healthCheck.portMeaning).toBe("healthCheckNodePort");
    expect(r.targetOfNode("n1").verdict).toBe("healthy");
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT" });
    expect(r.codes).not.toContain("HC_BLOCKED");
  });

  it("HLT-F4: PPv2 + HTTP HC on healthCheckNodePort, node with a Ready pod failing → fault PPV2_BREAKS_HC", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], tgAttributes: { "proxy_protocol_v2.enabled": "true" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] });
    expect(r.targetOfNode("n1")).toMatchObject({ verdict: "fault", code: "PPV2_BREAKS_HC" });
    expect(r.path.failOpen).toBe(true);
  });

  it("HLT-C2/HLT-C1: HC port ≠ healthCheckNodePort (stale) on a podless node → not C1 (which needs HC port = healthCheckNodePort): fault", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], hc: { healthCheckPort: "30999" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }] });
    expect(r.path.targetGroup!.healthCheck.portMeaning).toBe("other");
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });

  it("HLT-4/HLT-C2: the per-Service healthCheckNodePort server ignores node eligibility: a tainted ToBeDeletedByClusterAutoscaler node with a Ready local pod that fails → fault", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], removal: "taint", health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
  });

  it("HLT-C2: Local, NotReady node that still has a Ready local endpoint and fails → fault", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], notReady: true, health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
  });

  it("§5 TC-12 lag variant (HLT-F2/F3, HLT-5): node whose only pod is terminating, still healthy during the lag → its half goes to the terminating pod, nothing dropped", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "T"]] }, { name: "n2", zone: "a", pods: ["p2"] }] });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
    expect(r.path.dropped).toBe(0);
  });

  it("HLT-E1/DST-8/HLT-F3: a Local node still reported healthy (detection lag) with 0 ready local endpoints → its share is dropped", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: [["p2", "NR"]] }] });
    expect(r.path.dropped).toBeCloseTo(0.5, 9);
    expect(r.shares).toEqual({ p1: 0.5, p2: 0 });
  });
});

describe("§2.3/2.5 instance targets under ETP Cluster (HLT-E2, HLT-C3/C4)", () => {
  it("HLT-5/HLT-E2: all pods serving+terminating → usable endpoints exist (fallback): unhealthy nodes are node faults (HLT-C4), not C3; nothing rejected", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "T"]] }, { name: "n2", zone: "a", pods: [["p2", "T"]], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
    expect(r.targetOfNode("n2").rules).toContain("HLT-C4");
    expect(r.path.rejected).toBe(0);
  });

  it("HLT-5/HLT-C3: all pods terminating and NOT serving → 0 usable endpoints → every node NO_READY_ENDPOINTS, all rejected", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "T"]], health: "unhealthy" }, { name: "n2", zone: "a", pods: [["p2", "T"]], health: "unhealthy" }] }, (s) => {
      for (const e of s.kubernetes.endpointSlices[0].endpoints!) e.conditions = { ready: false, serving: false, terminating: true };
    });
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "fault", code: "NO_READY_ENDPOINTS" });
    expect(r.path.rejected).toBeCloseTo(1, 9);
  });

  it("HLT-C4: Cluster, a NotReady node failing the TCP nodePort check while endpoints exist → fault (node impaired)", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", notReady: true, health: "unhealthy" }] });
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });

  it("HLT-C3 / HLT-E5: Classic ELB, Cluster, every pod not Ready → every OutOfService instance is a workload fault", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "NR"]], health: "unhealthy" }, { name: "n2", zone: "b", health: "unhealthy" }] });
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "fault", code: "NO_READY_ENDPOINTS", reason: "Target.FailedHealthChecks" });
  });

  it("HLT-C2 / HLT-E5: Classic ELB Local, OutOfService node that has a Ready local pod → fault", () => {
    const r = analyse({ lb: "clb", etp: "Local", crossZone: true, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
  });

  it("HLT-C1/HLT-F2 / HLT-E5: Classic ELB Local, OutOfService node whose only pod is terminating → expected", () => {
    const r = analyse({ lb: "clb", etp: "Local", crossZone: true, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: [["p2", "T"]], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_ONLY_TERMINATING" });
  });
});

describe("HLT-E3/HLT-C5: shared kube-proxy healthz (10256)", () => {
  const hc = { healthCheckProtocol: "HTTP", healthCheckPort: "10256", healthCheckPath: "/healthz" };
  it("HLT-C5: node with deletionTimestamp failing the 10256 check → expected NODE_DELETING", () => {
    const r = analyse({ etp: "Cluster", hc, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], removal: "deleting", health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "NODE_DELETING" });
    expect(r.targetOfNode("n2").rules).toContain("HLT-C5");
  });
  it("HLT-C5: node tainted ToBeDeletedByClusterAutoscaler failing the 10256 check → expected NODE_DELETING", () => {
    const r = analyse({ etp: "Cluster", hc, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", removal: "taint", health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "NODE_DELETING" });
  });
  it("HLT-E3/HLT-4: a NotReady (but not deleting, not tainted) node failing the 10256 check → fault", () => {
    const r = analyse({ etp: "Cluster", hc, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", notReady: true, health: "unhealthy" }] });
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });
  it("HLT-E3: eligible node (not deleting, not tainted) failing the 10256 check → fault (kube-proxy unhealthy)", () => {
    const r = analyse({ etp: "Cluster", hc, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }] });
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });
});

describe("§2.4 target states and reason codes through buildTopology", () => {
  const two = (health: CaseSpec["nodes"][number]["health"], extra: Partial<CaseSpec["nodes"][number]> = {}): CaseSpec => ({
    etp: "Cluster",
    lbZones: ["a"],
    nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health, ...extra }],
  });
  it.each([
    ["initial / Elb.RegistrationInProgress → TRANSIENT, no new flows", ["initial", "Elb.RegistrationInProgress"], "transient", "REGISTERING"],
    ["initial / Elb.InitialHealthChecking → TRANSIENT, no new flows", ["initial", "Elb.InitialHealthChecking"], "transient", "INITIAL_HEALTH_CHECK"],
    ["unused / Target.InvalidState → FAULT", ["unused", "Target.InvalidState"], "fault", "INSTANCE_INVALID"],
    ["unavailable / Target.HealthCheckDisabled → CONFIG (fault)", ["unavailable", "Target.HealthCheckDisabled"], "fault", "HC_DISABLED"],
    ["unavailable / Elb.InternalError → FAULT (AWS)", ["unavailable", "Elb.InternalError"], "fault", "AWS_INTERNAL_ERROR"],
    ["unhealthy / Elb.InternalError → FAULT (AWS)", ["unhealthy", "Elb.InternalError"], "fault", "AWS_INTERNAL_ERROR"],
    ["unhealthy / Target.Timeout → FAULT", ["unhealthy", "Target.Timeout"], "fault", "HC_TIMEOUT"],
    ["unhealthy / Target.ResponseCodeMismatch → FAULT", ["unhealthy", "Target.ResponseCodeMismatch"], "fault", "HC_RESPONSE_MISMATCH"],
    ["unused / Target.NotRegistered → join artifact, not a fault", ["unused", "Target.NotRegistered"], "transient", "NOT_REGISTERED"],
  ] as const)("§2.4 %s", (_n, health, verdict, code) => {
    const r = analyse(two([health[0], health[1]]));
    expect(r.targetOfNode("n2")).toMatchObject({ verdict, code, share: 0, state: health[0], reason: health[1] });
    expect(r.targetOfNode("n1").share).toBeCloseTo(1, 9);
  });

  it("§2.4 draining / DeregistrationInProgress on a node carrying the exclude-from-external-load-balancers label → EXPECTED", () => {
    const r = analyse(two(["draining", "Target.DeregistrationInProgress"]), (s) => {
      s.kubernetes.nodes[1].metadata.labels!["node.kubernetes.io/exclude-from-external-load-balancers"] = "true";
    });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", share: 0 });
  });

  it("§2.4 draining / DeregistrationInProgress on a NotReady node → EXPECTED", () => {
    const r = analyse(two(["draining", "Target.DeregistrationInProgress"], { notReady: true }));
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", share: 0 });
  });

  it("§2.4 draining / DeregistrationInProgress on a node with deletionTimestamp → EXPECTED NODE_DELETING", () => {
    const r = analyse(two(["draining", "Target.DeregistrationInProgress"], { removal: "deleting" }));
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "NODE_DELETING", share: 0 });
  });

  it("§2.4 unused / Target.IpUnusable on an ip target → FAULT", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", lbZones: ["a"], podHealth: { p2: ["unused", "Target.IpUnusable"] }, nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }] }, (s) => {
      s.kubernetes.services[0].metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb-ip" };
    });
    expect(r.targetOfPod("p2")).toMatchObject({ verdict: "fault", code: "IP_UNUSABLE", share: 0 });
  });

  it("§5 TC-26 with the LBC (loadBalancerClass): tainted node draining → EXPECTED; n1 spreads over p1 and p2", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], removal: "taint", health: ["draining", "Target.DeregistrationInProgress"] }] }, (s) => {
      s.kubernetes.services[0].metadata.annotations = {};
      s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    });
    expect(r.t.service.controller).toBe("aws-load-balancer-controller");
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "NODE_DELETING" });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });
});

describe("HLT-C6/C7/C8, HLT-E4: ip targets", () => {
  const ipSpec = (extra: Partial<CaseSpec>): CaseSpec => ({ etp: "Cluster", targetType: "ip", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", ["p2", "NR"], ["p3", "T"]] }], ...extra });
  const lbcIp = (s: Snapshot) => {
    s.kubernetes.services[0].metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb-ip" };
  };
  it("HLT-C6: unhealthy ip target whose pod is not Ready → expected POD_NOT_READY", () => {
    const r = analyse(ipSpec({ podHealth: { p2: "unhealthy" } }), lbcIp);
    expect(r.targetOfPod("p2")).toMatchObject({ verdict: "expected", code: "POD_NOT_READY" });
  });
  it("HLT-C6: unhealthy ip target whose pod is terminating (not Ready) → expected", () => {
    const r = analyse(ipSpec({ podHealth: { p3: "unhealthy" } }), lbcIp);
    expect(r.targetOfPod("p3").verdict).toBe("expected");
  });
  it("§2.4: ip target of a terminating pod, draining → EXPECTED DRAINING", () => {
    const r = analyse(ipSpec({ podHealth: { p3: ["draining", "Target.DeregistrationInProgress"] } }), lbcIp);
    expect(r.targetOfPod("p3")).toMatchObject({ verdict: "expected", share: 0 });
  });
  it("HLT-C7: unhealthy ip target whose pod is Ready → fault (config)", () => {
    const r = analyse(ipSpec({ podHealth: { p1: "unhealthy" } }), lbcIp);
    expect(r.targetOfPod("p1")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
  });
  it("HLT-C7: ip target, pod Ready, PPv2 with an HTTP HC → fault", () => {
    const r = analyse(ipSpec({ podHealth: { p1: "unhealthy" }, tgAttributes: { "proxy_protocol_v2.enabled": "true" }, hc: { healthCheckProtocol: "HTTP", healthCheckPath: "/" } }), lbcIp);
    expect(r.targetOfPod("p1").verdict).toBe("fault");
  });
  it("HLT-C8/HLT-E4/HLT-F5: UDP ip target group with TCP HC on traffic-port, every Ready pod failing → UDP_HC_MISMATCH, fail open", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", tgProtocol: "UDP", lbZones: ["a"], podHealth: { p1: "unhealthy", p2: "unhealthy" }, nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }] }, lbcIp);
    for (const p of ["p1", "p2"]) expect(r.targetOfPod(p)).toMatchObject({ verdict: "fault", code: "UDP_HC_MISMATCH", receivesFailOpenTraffic: true });
    expect(r.path.failOpen).toBe(true);
    expect(r.codes).toContain("FAIL_OPEN");
  });
  it("HLT-F5/HLT-C1: UDP instance Local uses HTTP on healthCheckNodePort, so C8 does not apply: podless node → expected", () => {
    const r = analyse({ etp: "Local", tgProtocol: "UDP", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT" });
  });
});

describe("HLT-C9 / DST-5: fail open and whole-zone failure", () => {
  it("HLT-C9: every target unhealthy under Cluster with usable endpoints → FAIL_OPEN; targets are node faults (C4) and receive fail-open traffic", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" }, { name: "n2", zone: "b", pods: ["p2"], health: "unhealthy" }] });
    expect(r.path.failOpen).toBe(true);
    expect(r.codes).toContain("FAIL_OPEN");
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "fault", code: "HC_BLOCKED", receivesFailOpenTraffic: true });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("HLT-C9/HLT-C1/DST-10: Local, every node has only not-Ready pods → fail open; C1 still applies (expected); the Service has no usable endpoint, so all flows are rejected", () => {
    const r = analyse({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: [["p1", "NR"]], health: "unhealthy" }, { name: "n2", zone: "a", pods: [["p2", "NR"]], health: "unhealthy" }] });
    expect(r.path.failOpen).toBe(true);
    expect(r.path.rejected).toBeCloseTo(1, 9);
    for (const n of ["n1", "n2"]) expect(r.targetOfNode(n)).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT", receivesFailOpenTraffic: true });
    expect(r.codes).toEqual(expect.arrayContaining(["FAIL_OPEN", "TRAFFIC_REJECTED"]));
  });

  it("HLT-C9/DST-7: fail-open sends only to registered in-use targets: a draining target in the scope gets nothing", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" }, { name: "n2", zone: "a", pods: ["p2"], health: ["draining", "Target.DeregistrationInProgress"] }] });
    expect(r.path.failOpen).toBe(true);
    expect(r.targetOfNode("n1")).toMatchObject({ receivesFailOpenTraffic: true, share: 1 });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", receivesFailOpenTraffic: false, share: 0 });
  });

  it("HLT-C9/DST-5: routing threshold count=2 with 1 healthy of 2 → the zone fails open: the unhealthy target gets half the flows", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], tgAttributes: { "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count": "2" }, nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] });
    expect(r.path.zones[0].failingOpen).toBe(true);
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", receivesFailOpenTraffic: true, share: 0.5 });
  });

  it("HLT-C9/HLT-C6/DST-9: ip targets all unhealthy (one pod Ready, one not) → fail open: both pods get flows, verdicts C7 fault and C6 expected", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", lbZones: ["a"], podHealth: { p1: "unhealthy", p2: "unhealthy" }, nodes: [{ name: "n1", zone: "a", pods: ["p1", ["p2", "NR"]] }] }, (s) => {
      s.kubernetes.services[0].metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb-ip" };
    });
    expect(r.path.failOpen).toBe(true);
    expect(r.targetOfPod("p1")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED", receivesFailOpenTraffic: true });
    expect(r.targetOfPod("p2")).toMatchObject({ verdict: "expected", code: "POD_NOT_READY", receivesFailOpenTraffic: true });
    expect(r.shares).toEqual({ p1: 0.5, p2: 0.5 });
  });

  it("DST-5: cross-zone off, a whole zone unhealthy → zone out of DNS, its node fails open but gets no flows; no FAIL_OPEN", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"], health: "unhealthy" }] });
    const b = r.path.zones.find((z) => z.name === "b")!;
    expect(b).toMatchObject({ inDns: false, healthyTargets: 0, share: 0 });
    expect(r.codes).toContain("ZONE_NO_HEALTHY");
    expect(r.codes).not.toContain("FAIL_OPEN");
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", receivesFailOpenTraffic: false });
  });

  it("DST-5: cross-zone on, a whole zone unhealthy → thresholds on the total: zone stays in DNS, no failing open", () => {
    const r = analyse({ etp: "Cluster", crossZone: true, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"], health: "unhealthy" }] });
    const b = r.path.zones.find((z) => z.name === "b")!;
    expect(b).toMatchObject({ inDns: true, failingOpen: false });
    expect(r.path.failOpen).toBe(false);
    expect(r.targetOfNode("n1").share).toBeCloseTo(1, 9);
    expect(r.targetOfNode("n2").share).toBe(0);
  });
});

describe("§2.4 Classic ELB descriptions → ELBv2 analog (not covered by tests/unit/core)", () => {
  it.each([
    ["Instance is in pending state.", "unused", "Target.InvalidState"],
    ["Instance is in terminated state.", "unused", "Target.InvalidState"],
    ["Instance is not currently registered with the LoadBalancer.", "unused", "Target.NotRegistered"],
    ["Disable Availability Zone is currently in progress for this instance.", "unused", "Target.NotInUse"],
    ["A transient error occurred. Please try your request again.", "unavailable", "Elb.InternalError"],
  ] as const)("§2.4 CLB OutOfService %s", (description, state, reason) => {
    expect(classicToElbv2({ instanceId: "i-1", state: "OutOfService", reasonCode: "ELB", description })).toEqual({ state, reason });
  });
});

describe("triage ordering: within one rank fault before transient before expected", () => {
  it("rank 1 (fail-open receivers): fault listed before expected", () => {
    // Local, single zone, both unhealthy: n1 has a Ready pod (C2 fault), n2 has none (C1 expected); the zone fails open.
    const s = buildCase({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n2", zone: "a", health: "unhealthy" }, { name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" }] });
    const rows = triage(s).targets;
    expect(rows.map((r) => [r.rank, r.verdict])).toEqual([
      [1, "fault"],
      [1, "expected"],
    ]);
  });
  it("rank 2 (zone dropped from DNS): fault listed before transient", () => {
    const s = buildCase({ etp: "Cluster", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"], health: ["initial", "Elb.InitialHealthChecking"] }, { name: "n3", zone: "b", pods: ["p3"], health: "unhealthy" }] });
    const rows = triage(s).targets;
    expect(rows.map((r) => [r.rank, r.verdict, r.node])).toEqual([
      [2, "fault", "n3"],
      [2, "transient", "n2"],
    ]);
  });
});
