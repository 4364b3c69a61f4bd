import { describe, expect, it } from "vitest";
import { lbcLoadBalancerName, loadBalancersForService, legacyLoadBalancerName } from "@/server/core/join/loadBalancerForService";
import { buildTopology } from "@/server/core/buildTopology";
import { indexSnapshot } from "@/server/core/index/snapshotIndex";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase, type CaseSpec } from "../core/caseBuilder";
import { ANN, analyse, findNode, r3, run, thdOfNode } from "./auditHelpers";

/**
 * Distribution and join cases (§3, §4 of the reference, traffic-semantics.md) where the engine disagreed with the
 * rule until the audit of 2026-12-07. Each test quotes the rule and the answer worked out from it, and failed
 * before its fix ("Engine:" notes what it returned then).
 */

describe("DST-3/DST-7: a registered, healthy target whose zone the engine cannot name is left out of R(z)", () => {
  // DST-3: "Targets in zones ∉ Zen are `unused/Target.NotInUse` and get nothing." ⇒ a target AWS reports `healthy`
  // is in an enabled zone. DST-7: "X on → healthy targets in all Zen"; "T(t) = Σ_{z∈Zdns} (1/#Zdns)·[t∈R(z)]/#R(z)".
  // With cross-zone on, the target's zone does not matter: it is in every R(z).
  // §4.4: "`Target.AvailabilityZone` presence for instance targets UNVERIFIED" — so instance targets without it are normal.

  it("DST-7 (NLB instance, cross-zone on): a healthy instance with no Node object and no Target.AvailabilityZone takes half the flows", () => {
    // Expected: both targets 0.5; p1 0.5; the other 0.5 unknown (no Node to follow).
    // Engine: the orphan target gets 0 (zone null ⇒ not in use), n1 gets 1.0 and p1 gets 1.0 — p1's share is overstated.
    const r = analyse({ etp: "Local", crossZone: true, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      s.aws.targetGroups[0].targetHealthDescriptions!.push({ target: { id: "i-0ffffffffffffffff", port: 31234 }, healthCheckPort: "32181", targetHealth: { state: "healthy" } });
    });
    expect(r.path.targets.map((t) => t.share)).toEqual([0.5, 0.5]);
    expect(r.shares).toEqual({ p1: 0.5 });
  });

  it("DST-1/DST-7 (Classic, cross-zone on): an InService instance whose Node is gone still gets ⅓", () => {
    // DST-1: "CLB: round robin (TCP) … → uniform in expectation" over InService instances; Classic instance states never
    // carry a zone, so every instance without a Node object is affected.
    // Expected: each of the 3 InService instances ⅓; p1 ⅓, p2 ⅓, unknown ⅓.
    // Engine: the orphan instance gets 0, n1/n2 0.5 each, p1/p2 0.5 each.
    const r = analyse({ lb: "clb", etp: "Cluster", crossZone: true, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", pods: ["p2"] }] }, (s) => {
      s.aws.classicLoadBalancers[0].instances.push({ instanceId: "i-0ffffffffffffffff" });
      s.aws.classicLoadBalancers[0].instanceStates!.push({ instanceId: "i-0ffffffffffffffff", state: "InService" });
    });
    expect(r.path.targets.map((t) => r3(t.share))).toEqual([0.333, 0.333, 0.333]);
    expect(r.shares).toEqual({ p1: 0.333, p2: 0.333 });
  });

  it("DST-7/DST-9 (ip, cross-zone on): a healthy ip target with no pod and no Target.AvailabilityZone takes half the flows", () => {
    // Expected: p1 0.5 (DST-9: pod share = T(target)), orphan 0.5 unknown. Engine: orphan 0, p1 1.0.
    const r = analyse({ etp: "Cluster", targetType: "ip", crossZone: true, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] }, (s) => {
      s.aws.targetGroups[0].targetHealthDescriptions!.push({ target: { id: "10.9.9.9", port: 8080 }, healthCheckPort: "8080", targetHealth: { state: "healthy" } });
    });
    expect(r.shares).toEqual({ p1: 0.5 });
  });
});

describe("JOIN-4: ip target → endpoint join ignores the port", () => {
  it("JOIN-4: an ip target whose Target.Port differs from the slice port is not that pod's target", () => {
    // §4.4 ip row: "EndpointSlice endpoint with `addresses[0] == Target.Id` and slice port whose `name` == Service port
    // name and `port == Target.Port` → `targetRef` (Pod)".
    // Input: p2's target registered on port 9999, slice port 8080. Expected: target.pod null, p2 share 0.
    // Engine: joins by IP only → target.pod = shop/p2 and p2 gets 0.5.
    const r = analyse({ etp: "Cluster", targetType: "ip", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }] }, (s) => {
      s.aws.targetGroups[0].targetHealthDescriptions![1].target.port = 9999;
    });
    expect(r.path.targets[1].pod).toBeNull();
    expect(r.shares.p2).toBe(0);
  });
});

describe("JOIN-4: expected target sets (TARGETS_MISSING)", () => {
  // The engine's missingTargets() is documented as "checked conservatively: only where a Ready pod of this Service
  // would be reachable through a target that is missing" — it only considers Ready nodes that host a Ready pod.
  const missing = (s: Snapshot) => run(s).t.findings.find((f) => f.code === "TARGETS_MISSING")?.refs ?? [];
  const drop = (s: Snapshot, node: string) => {
    const thds = s.aws.targetGroups[0].targetHealthDescriptions!;
    thds.splice(thds.indexOf(thdOfNode(s, node)), 1);
  };
  const twoNodes = (extra: Partial<CaseSpec["nodes"][number]> = {}, n2pods: string[] = []): CaseSpec => ({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: n2pods, ...extra }] });

  it("JOIN-4 (legacy): a Ready node without pods that is not registered is a missing target", () => {
    // "Expected target sets (to detect missing/extra targets): Legacy: nodes passed by the service controller: not being
    // deleted, no label …exclude-from-external-load-balancers, no ToBeDeletedByClusterAutoscaler taint".
    // Expected: TARGETS_MISSING refs ["Node:n2"]. Engine: no finding (n2 hosts no Ready pod).
    const s = buildCase(twoNodes());
    drop(s, "n2");
    expect(missing(s)).toContain("Node:n2");
    // It serves no Ready pod: only spare capacity is missing, so the finding is information, not a warning.
    const f = buildTopology(s, { namespace: "shop", name: "web" })!.findings.find((x) => x.code === "TARGETS_MISSING")!;
    expect(f.severity).toBe("info");
    expect(f.message).toMatch(/only spare capacity/);
  });

  it("JOIN-4 (legacy): a NotReady node stays in the expected set (stable node set)", () => {
    // "(stable node set — NotReady nodes stay registered; KEP-3458, GA version UNVERIFIED)".
    // Expected: TARGETS_MISSING refs ["Node:n2"]. Engine: no finding (it requires the node to be Ready).
    const s = buildCase(twoNodes({ notReady: true }));
    drop(s, "n2");
    expect(missing(s)).toContain("Node:n2");
  });

  it("JOIN-4 (LBC instance): a Ready pod-less node is expected under ETP Local too", () => {
    // "LBC instance: nodes matching default selector … and only Ready=True nodes … **All** such nodes are registered
    // regardless of ETP (L7, L9)". Expected: TARGETS_MISSING refs ["Node:n2"]. Engine: no finding.
    const s = buildCase({ ...twoNodes(), etp: "Local" });
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    drop(s, "n2");
    expect(missing(s)).toContain("Node:n2");
  });

  it("JOIN-4 (LBC instance): a node labelled node-role.kubernetes.io/master is not expected (false positive)", () => {
    // "LBC instance: nodes matching default selector (no `node-role.kubernetes.io/master`, …)".
    // Input: n2 carries the master label and hosts Ready p2; not registered. Expected: no TARGETS_MISSING for n2.
    // Engine: TARGETS_MISSING refs ["Node:n2"] (registersNode() knows the label, missingTargets() does not use it).
    const s = buildCase(twoNodes({}, ["p2"]));
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    findNode(s, "n2").metadata.labels!["node-role.kubernetes.io/master"] = "";
    drop(s, "n2");
    expect(missing(s)).not.toContain("Node:n2");
  });

  it("JOIN-4 (LBC instance): a node labelled alpha.service-controller.kubernetes.io/exclude-balancer is not expected (false positive)", () => {
    // "LBC instance: nodes matching default selector (… no `alpha.service-controller.kubernetes.io/exclude-balancer`, …)".
    // Expected: no TARGETS_MISSING for n2. Engine: TARGETS_MISSING refs ["Node:n2"].
    const s = buildCase(twoNodes({}, ["p2"]));
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    findNode(s, "n2").metadata.labels!["alpha.service-controller.kubernetes.io/exclude-balancer"] = "true";
    drop(s, "n2");
    expect(missing(s)).not.toContain("Node:n2");
  });

  it("JOIN-4 (LBC ip): a not-ready pod with ContainersReady on a Ready node (pending readiness gate) is expected registered", () => {
    // "LBC ip: endpoints with `ready` true/nil, plus not-ready endpoints whose pod has ContainersReady on a Ready node and
    // that are not terminating (covers pending readiness gates `target-health.elbv2.k8s.aws/*`)".
    // Input: p2 Ready=False, ContainersReady=True, readiness gate, IP not registered.
    // Expected: TARGETS_MISSING refs ["Pod:shop/p2"] (its gate can never pass). Engine: no finding.
    const s = buildCase({ etp: "Cluster", targetType: "ip", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", ["p2", "NR"]] }] });
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    s.kubernetes.pods[1].status!.conditions = [{ type: "Ready", status: "False" }, { type: "ContainersReady", status: "True" }];
    s.kubernetes.pods[1].spec!.readinessGates = [{ conditionType: "target-health.elbv2.k8s.aws/k8s-shop-web" }];
    s.aws.targetGroups[0].targetHealthDescriptions!.pop();
    expect(missing(s)).toContain("Pod:shop/p2");
  });
});

describe("JOIN-2: name keys are not used", () => {
  const join = (s: Snapshot) => loadBalancersForService(s.kubernetes.services[0], indexSnapshot(s)).loadBalancers.map((x) => [x.lb.loadBalancerName, x.joinedBy]);
  const nlb = () => buildCase({ etp: "Cluster", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });

  it("JOIN-2 (LBC): a pending Service is joined to the LB named by aws-load-balancer-name", () => {
    // §4.2 LBC NLB row, "Primary key" column: "name = annotation `aws-load-balancer-name` if set, else k8s-<ns>-<name>-<hash>".
    // Input: status empty, LB named "my-custom-nlb", no tags. Expected [["my-custom-nlb","name"]]. Engine: [].
    const s = nlb();
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    s.kubernetes.services[0].metadata.annotations![`${ANN}aws-load-balancer-name`] = "my-custom-nlb";
    s.kubernetes.services[0].status = {};
    s.aws.loadBalancers[0].loadBalancerName = "my-custom-nlb";
    expect(join(s)).toEqual([["my-custom-nlb", "name"]]);
  });

  it("JOIN-2 (legacy): the UID-derived name is a primary key even when the cluster identity is known", () => {
    // §4.2 legacy NLB/CLB row, "Primary key": "LB name = "a" + svc.metadata.uid with - removed, truncated to 32 chars";
    // tags are the secondary keys. Input: status empty, awsClusterName "case", LB named a1111…, no tags.
    // Expected [[<legacy name>,"name"]]. Engine: [] (the name is only tried when the cluster identity is unknown).
    const s = nlb();
    s.kubernetes.services[0].status = {};
    const legacy = legacyLoadBalancerName(s.kubernetes.services[0])!;
    s.aws.loadBalancers[0].loadBalancerName = legacy;
    expect(join(s)).toEqual([[legacy, "name"]]);
  });

  // §4.2 LBC NLB: "k8s-<ns[:8]>-<name[:8]>-<sha256(clusterName, svc.uid, scheme) hex[:10]> (non-alphanumerics removed
  // from ns/name)". The hashes below were computed independently (Python hashlib) from the same inputs.
  it("JOIN-2 (LBC): the controller's derived name", () => {
    const s = nlb();
    const svc = s.kubernetes.services[0];
    expect(lbcLoadBalancerName(svc, "case", "internet-facing")).toBe("k8s-shop-web-3ed936be01");
    const other = { ...svc, metadata: { ...svc.metadata, namespace: "payment-gateway", name: "check.out", uid: "uid-1", annotations: {} } };
    expect(lbcLoadBalancerName(other, "prod-eu", "internal")).toBe("k8s-paymentg-checkout-35385f2b39");
  });

  it("JOIN-2 (LBC): a pending Service is joined to the LB with its derived name; not when the LB's tags name another Service", () => {
    const s = nlb();
    s.kubernetes.services[0].spec.loadBalancerClass = "service.k8s.aws/nlb";
    s.kubernetes.services[0].status = {};
    s.aws.loadBalancers[0].loadBalancerName = "k8s-shop-web-3ed936be01";
    expect(join(s)).toEqual([["k8s-shop-web-3ed936be01", "name"]]);
    s.aws.loadBalancers[0].tags = { "service.k8s.aws/stack": "shop/other" };
    expect(join(s)).toEqual([]);
  });
});

describe("JOIN-3: a TCP_UDP listener serving a Service's TCP and UDP ports of one number", () => {
  it("is one path with one id, not two copies of the same targets", () => {
    const s = buildCase({ etp: "Cluster", tgProtocol: "TCP_UDP", listenerProtocol: "TCP_UDP", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
    const svc = s.kubernetes.services[0];
    svc.spec.ports = [
      { name: "dns-tcp", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 31234 },
      { name: "dns-udp", protocol: "UDP", port: 80, targetPort: 8080, nodePort: 31234 },
    ];
    const t = buildTopology(s, { namespace: "shop", name: "web" })!;
    expect(t.paths.map((p) => p.id)).toEqual([...new Set(t.paths.map((p) => p.id))]);
    expect(t.paths).toHaveLength(1);
    expect(t.findings.map((f) => f.code)).not.toContain("NO_LISTENER");
  });
});
