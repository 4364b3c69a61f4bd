import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { classicToElbv2 } from "@/server/core/analysis/classicHealth";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase, type CaseSpec } from "../core/caseBuilder";

/**
 * Health cases (§2 of the reference, traffic-semantics.md) where the engine disagreed with the rule until the audit
 * of 2026-12-07. Each test asserts the rule's answer and failed before its fix.
 */

const analyse = (spec: CaseSpec, mutate?: (s: Snapshot) => void) => {
  const s = buildCase(spec);
  mutate?.(s);
  const t = buildTopology(s, { namespace: "shop", name: "web" });
  if (!t) throw new Error("service not found");
  const path = t.paths[0];
  return { t, path, targetOfNode: (n: string) => path.targets.find((x) => x.node === n)!, targetOfPod: (p: string) => path.targets.find((x) => x.pod?.name === p)!, codes: t.findings.map((f) => f.code) };
};
const hc10256 = { healthCheckProtocol: "HTTP", healthCheckPort: "10256", healthCheckPath: "/healthz" };
const lbcIp = (s: Snapshot) => {
  s.kubernetes.services[0].metadata.annotations = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb-ip" };
};

describe("HLT-4 / HLT-E3 / HLT-C5: node eligibility for kube-proxy's shared /healthz (10256)", () => {
  /*
   * HLT-4: "Node-level /healthz on the kube-proxy healthz port (default 10256) = proxy healthy AND node eligible
   *   (no deletionTimestamp, no ToBeDeletedByClusterAutoscaler taint)".
   * HLT-E3: expected healthy iff "kube-proxy healthy AND node eligible (not deleting, not tainted ToBeDeletedByClusterAutoscaler)".
   * HLT-C5: "HC on 10256 (Shared) AND node deleting or tainted ToBeDeletedByClusterAutoscaler → node draining → EXPECTED".
   * The exclude-from-external-load-balancers label does not make kube-proxy's /healthz fail (P2 SyncNode checks only the
   * deletionTimestamp and the ToBeDeletedByClusterAutoscaler taint), so an unhealthy (not draining) labelled node is not
   * explained by C5: HLT-E3 says it should be healthy → fault.
   * Expected: verdict "fault". Engine: verdict "expected", code NODE_DELETING, rules [HLT-C5, HLT-4].
   */
  it("HLT-C5/HLT-4: node labelled exclude-from-external-load-balancers, unhealthy on 10256 → fault (not NODE_DELETING)", () => {
    const r = analyse({ etp: "Cluster", hc: hc10256, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] }, (s) => {
      s.kubernetes.nodes[1].metadata.labels!["node.kubernetes.io/exclude-from-external-load-balancers"] = "true";
    });
    expect(r.targetOfNode("n2").code).not.toBe("NODE_DELETING");
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });

  /*
   * Same rules (HLT-4, HLT-E3, HLT-C5): only deletionTimestamp and the ToBeDeletedByClusterAutoscaler taint make the node
   * ineligible. A Karpenter `karpenter.sh/disrupted` taint is not among them.
   * Expected: verdict "fault". Engine: verdict "expected", code NODE_DELETING, rules [HLT-C5, HLT-4].
   */
  it("HLT-C5/HLT-4: node tainted karpenter.sh/disrupted, unhealthy on 10256 → fault (not NODE_DELETING)", () => {
    const r = analyse({ etp: "Cluster", hc: hc10256, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] }, (s) => {
      s.kubernetes.nodes[1].spec!.taints = [{ key: "karpenter.sh/disrupted", effect: "NoSchedule" }];
    });
    expect(r.targetOfNode("n2").code).not.toBe("NODE_DELETING");
    expect(r.targetOfNode("n2").verdict).toBe("fault");
  });
});

describe("§2.4 / DST-7: `unavailable` targets", () => {
  /*
   * DST-7: "`unavailable`: exclude and flag unknown."  DST-10: "Dropped = Σ_{n: E(n)=∅} T(n)" (flows reaching a node with
   * no usable local endpoint). Contract (lib/api/topology.ts): `unknown` = "Share that goes nowhere we can see (no
   * targets, unknown health)".
   * Input: single zone, Cluster, both nodes have Ready pods, both targets unavailable/Elb.InternalError.
   * Expected: dropped 0, unknown 1, no TRAFFIC_DROPPED. Engine: dropped 1, unknown 0, TRAFFIC_DROPPED ("some flows reach
   * nodes with no usable local endpoint and are dropped") — which is false: both nodes have endpoints.
   */
  it("DST-7: every target unavailable → the share is unknown, not dropped", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"], health: ["unavailable", "Elb.InternalError"] }, { name: "n2", zone: "a", pods: ["p2"], health: ["unavailable", "Elb.InternalError"] }] });
    expect(r.path.dropped).toBe(0);
    expect(r.codes).not.toContain("TRAFFIC_DROPPED");
    expect(r.path.unknown).toBeCloseTo(1, 9);
  });
});

describe("§2.4 Classic ELB description mapping", () => {
  /*
   * §2.4 (W2): "State ∈ {InService, OutOfService, Unknown}, ReasonCode ∈ {ELB, Instance, N/A}; map Description → ELBv2
   * analog: … "A transient error occurred" → InternalError."  §2.4 table: Elb.InternalError → "FAULT (AWS)".
   * AWS reports the transient error with State "Unknown" (ReasonCode ELB). The engine returns
   * { state: "unavailable", reason: null } for every Unknown state before looking at the description, so the mapping
   * is never applied (verdict unknown / HEALTH_UNKNOWN instead of AWS_INTERNAL_ERROR).
   * Expected: reason "Elb.InternalError". Engine: reason null.
   */
  it("§2.4: CLB Unknown + 'A transient error occurred' → Elb.InternalError", () => {
    expect(classicToElbv2({ instanceId: "i-1", state: "Unknown", reasonCode: "ELB", description: "A transient error occurred. Please try your request again." })).toEqual({ state: "unavailable", reason: "Elb.InternalError" });
  });

  it("§2.4: CLB Unknown + 'A transient error occurred' through buildTopology → FAULT (AWS), AWS_INTERNAL_ERROR", () => {
    const r = analyse({ lb: "clb", etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }] }, (s) => {
      const st = s.aws.classicLoadBalancers[0].instanceStates!;
      st[1] = { instanceId: st[1].instanceId, state: "Unknown", reasonCode: "ELB", description: "A transient error occurred. Please try your request again." };
    });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "fault", code: "AWS_INTERNAL_ERROR" });
  });
});

describe("HC-8 / HLT-C8: ip target groups health-checked on the numeric targetPort", () => {
  /*
   * HC-8: LBC, ip, port "`traffic-port` (= pod targetPort)". §2.1 notes: "LBC HC port annotation accepts int,
   * `traffic-port`, or a Service port *name* (instance → that port's nodePort; ip → its numeric targetPort)".
   * So for an ip target group a HealthCheckPort equal to the Service's targetPort (8080) is the traffic port, just as the
   * engine already treats a numeric nodePort as "traffic-port" for instance targets.
   * Expected: portMeaning "traffic-port". Engine: "other".
   */
  it("HC-8: ip TG with HealthCheckPort '8080' (= targetPort) → portMeaning traffic-port", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", hc: { healthCheckPort: "8080" }, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, lbcIp);
    expect(r.path.targetGroup!.healthCheck.portMeaning).toBe("traffic-port");
  });

  /*
   * HLT-C8: "TG protocol UDP and HC protocol TCP on `traffic-port` → "UDP target group needs a TCP/HTTP health-check
   * port" … FAULT (config)". HLT-E4: "UDP-only pods never pass a TCP HC".
   * Input: UDP ip TG, TCP HC on port "8080" (the UDP targetPort, i.e. the traffic port per HC-8), Ready pod unhealthy.
   * Expected: code UDP_HC_MISMATCH (HLT-C8). Engine: HC_BLOCKED (HLT-C7). Both are fault; the diagnosis/action differ.
   */
  it("HLT-C8: UDP ip TG, TCP HC on the numeric targetPort, Ready pod failing → UDP_HC_MISMATCH", () => {
    const r = analyse({ etp: "Cluster", targetType: "ip", tgProtocol: "UDP", hc: { healthCheckPort: "8080" }, podHealth: { p1: "unhealthy" }, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }] }, lbcIp);
    expect(r.targetOfPod("p1")).toMatchObject({ verdict: "fault", code: "UDP_HC_MISMATCH" });
  });
});

describe("§2.4 unused / Target.NotInUse", () => {
  // W1: NotInUse means the group is not used by a load balancer, or the target's zone is not enabled. When lbpath can
  // see that neither holds, it must not claim "no subnet in that zone" (the engine did, ignoring zoneEnabled).
  it("with the zone enabled and the group attached, the verdict is unknown, not ZONE_NOT_ENABLED", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: ["unused", "Target.NotInUse"] }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "unknown", code: "HEALTH_UNKNOWN" });
  });
  it("in a zone without a subnet of the load balancer, it stays ZONE_NOT_ENABLED", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"], health: ["unused", "Target.NotInUse"] }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "ZONE_NOT_ENABLED" });
  });
});

describe("HLT-C9: the fault behind a fail-open is escalated", () => {
  // HLT-C9: "all registered in-use targets of the TG unhealthy → flag 'LB failing open' … escalate whichever of
  // C2–C8 applies". The engine kept the C4 finding a warning beside the critical FAIL_OPEN.
  it("every node fails the traffic-port check while pods are Ready: HC_BLOCKED is critical and cites HLT-C9", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"], health: "unhealthy" }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] });
    expect(r.codes).toContain("FAIL_OPEN");
    const f = r.t.findings.find((x) => x.code === "HC_BLOCKED")!;
    expect(f).toMatchObject({ severity: "critical" });
    expect(f.rules).toContain("HLT-C9");
  });
  it("one node failing while another is healthy stays a warning", () => {
    const r = analyse({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"], health: "unhealthy" }] });
    expect(r.t.findings.find((x) => x.code === "HC_BLOCKED")).toMatchObject({ severity: "warning" });
  });
});

describe("SRC-9 / HLT-5: a traffic-port health check under externalTrafficPolicy Local", () => {
  // With the check on the nodePort (an explicit healthcheck-port: traffic-port), kube-proxy drops the probe on a node
  // with no usable local endpoint like any other connection (SRC-9): unhealthy by design, not a node fault (HLT-C4).
  it("a node without a local pod is expected (LOCAL_NO_ENDPOINT), a node with one that fails is still a fault", () => {
    const r = analyse({ etp: "Local", hc: { healthCheckProtocol: "TCP", healthCheckPort: "traffic-port" }, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", health: "unhealthy" }, { name: "n3", zone: "a", pods: ["p3"], health: "unhealthy" }] });
    expect(r.targetOfNode("n2")).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT" });
    expect(r.targetOfNode("n2").rules).toContain("SRC-9");
    expect(r.targetOfNode("n3")).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
  });
});
