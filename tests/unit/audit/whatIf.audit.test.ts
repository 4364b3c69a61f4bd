import { describe, expect, it } from "vitest";
import type { Change } from "@/lib/api/whatIf";
import { predictWhatIf } from "@/server/core/whatIf";
import { buildScenario } from "@/scripts/demo/scenario";
import type { ScenarioDef } from "@/scripts/demo/model";
import { blogLocal } from "@/scripts/demo/scenarios/blog";
import { classicTcp } from "@/scripts/demo/scenarios/classic";
import { lbcIpTargets, localUneven } from "@/scripts/demo/scenarios/worked";
import { ANN, BLOG, TWO, annotate, codesOf, hcOf, lbc, ok, patchBody, refusal, type Prediction } from "./whatIf.helpers";

/**
 * What-if audit (2026-12): where the predictor agrees with the reference (traffic-semantics.md §1, §2.1, §2.3, §3,
 * §4.4/§4.5) and with the controllers' own code (cloud-provider-aws pkg/providers/v1/aws.go, aws_validations.go;
 * aws-load-balancer-controller pkg/service/model_build_target_group.go, model_builder.go). Kept as regression tests.
 * The disagreements are in whatIf.fixes.test.ts.
 */

const demo = (def: ScenarioDef, changes: Change[]) => predictWhatIf(buildScenario(def), { namespace: def.services[0].namespace, name: def.services[0].name }, changes);
const demoOk = (def: ScenarioDef, changes: Change[]): Prediction => {
  const r = demo(def, changes);
  if (!r || "refusal" in r) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r;
};
const demoRefusal = (def: ScenarioDef, changes: Change[]) => {
  const r = demo(def, changes);
  return r && "refusal" in r ? r.refusal : null;
};
const nodeNames = (def: ScenarioDef) => buildScenario(def).kubernetes.nodes.map((n) => n.metadata.name);
const targets = (p: Prediction) => Object.fromEntries(p.after.paths[0].targets.map((t) => [t.node, [t.state, t.verdict, t.code]]));
const annotations = (p: Prediction, i = 0) => patchBody(p.changes[i].apply.kubectlPatch!).metadata?.annotations ?? {};

describe("externalTrafficPolicy: the health check each controller creates (§2.1) and the health it settles at (§2.3)", () => {
  it("HC-1 / HLT-E2 / SRC-8: legacy NLB Local → Cluster: TCP on traffic-port, 30 s, 3/3; the pod-less node turns healthy; pods see node IPs", () => {
    const p = ok({ etp: "Local", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Cluster" }]);
    expect(hcOf(p)).toMatchObject({ protocol: "TCP", port: "traffic-port", path: null, intervalSeconds: 30, healthyThreshold: 3, unhealthyThreshold: 3, portMeaning: "traffic-port" });
    expect(targets(p)).toMatchObject({ n1: ["healthy", "healthy", "HEALTHY"], n2: ["healthy", "healthy", "HEALTHY"] });
    expect(p.after.paths[0].pods.map((x) => x.sourceIp.seenAs)).toEqual(["node"]);
    // Costs: client IP lost (S6 → S5); the legacy TG name hashes hcProtocol/hcInterval (§4.3), so a new TG.
    expect(codesOf(p)).toEqual(expect.arrayContaining(["CLIENT_IP_LOST", "TARGETS_REREGISTER"]));
    // HLT-F3: detection lag for HC-1 is 30 s × 3 = 90 s; deregistration delay default 300 s (§2.4).
    expect(p.transient.map((t) => t.seconds)).toEqual([90, 300]);
    expect(p.changes[0].apply.kubectlPatch).toBe(`kubectl -n 'shop' patch service 'web' --type merge -p '{"spec":{"externalTrafficPolicy":"Cluster"}}'`);
  });

  it("HC-2 / HLT-E1 / HLT-C1: legacy NLB Cluster → Local: HTTP /healthz on the new healthCheckNodePort, 10 s / 6 s, 2/2; the pod-less node fails by design", () => {
    const p = ok({ etp: "Cluster", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Local" }]);
    const hc = hcOf(p)!;
    expect(hc).toMatchObject({ protocol: "HTTP", path: "/healthz", intervalSeconds: 10, timeoutSeconds: 6, healthyThreshold: 2, unhealthyThreshold: 2, portMeaning: "healthCheckNodePort" });
    expect(Number(hc.port)).toBeGreaterThanOrEqual(30000);
    expect(targets(p)).toMatchObject({ n1: ["healthy", "healthy", "HEALTHY"], n2: ["unhealthy", "expected", "LOCAL_NO_ENDPOINT"] });
    expect(p.after.paths[0].pods.map((x) => x.sourceIp.seenAs)).toEqual(["client"]); // S6
    expect(codesOf(p)).toContain("NODES_UNHEALTHY_BY_DESIGN");
  });

  it("§4.5: legacy NLB healthcheck-interval / -unhealthy-threshold annotations override HC-1 after the change", () => {
    const p = ok({ etp: "Local", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Cluster" }], annotate({ [`${ANN}aws-load-balancer-healthcheck-interval`]: "20", [`${ANN}aws-load-balancer-healthcheck-unhealthy-threshold`]: "5" }));
    expect(hcOf(p)).toMatchObject({ protocol: "TCP", port: "traffic-port", intervalSeconds: 20, healthyThreshold: 3, unhealthyThreshold: 5 });
  });

  it("HC-6 / HC-7: LBC instance targets: Local → Cluster gives TCP traffic-port 10/10 3/3; Cluster → Local gives HTTP healthCheckNodePort /healthz 10/6 2/2", () => {
    const toCluster = ok({ etp: "Local", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Cluster" }], lbc("instance"));
    expect(hcOf(toCluster)).toMatchObject({ protocol: "TCP", port: "traffic-port", path: null, intervalSeconds: 10, timeoutSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 3 });
    const toLocal = ok({ etp: "Cluster", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Local" }], lbc("instance"));
    expect(hcOf(toLocal)).toMatchObject({ protocol: "HTTP", path: "/healthz", intervalSeconds: 10, timeoutSeconds: 6, healthyThreshold: 2, unhealthyThreshold: 2, portMeaning: "healthCheckNodePort" });
    expect(toLocal.changes[0].apply.controller).toBe("AWS Load Balancer Controller");
  });

  it("L2/L3: LBC keeps an explicit healthcheck annotation across the change (healthcheck-path /ready stays on the new HTTP check)", () => {
    const p = ok({ etp: "Cluster", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Local" }], lbc("instance", { [`${ANN}aws-load-balancer-healthcheck-path`]: "/ready" }));
    expect(hcOf(p)).toMatchObject({ protocol: "HTTP", path: "/ready", portMeaning: "healthCheckNodePort" });
  });

  it("HC-8 / SRC-11: LBC ip targets ignore externalTrafficPolicy: same TCP traffic-port check, same shares and source IPs", () => {
    const p = ok({ etp: "Local", targetType: "ip", ...TWO }, [{ kind: "externalTrafficPolicy", value: "Cluster" }], lbc("ip"));
    expect(hcOf(p)).toMatchObject({ protocol: "TCP", port: "traffic-port", portMeaning: "traffic-port" });
    const view = (t: Prediction["before"]) => t.paths[0].pods.map((x) => [x.name, Math.round(x.share * 1000), x.sourceIp.seenAs]);
    expect(view(p.after)).toEqual(view(p.before));
  });

  it("HC-4 / HC-5 / HLT-E5: Classic ELB: Local → Cluster is TCP on the first listener's nodePort (10 s / 5 s, 2/6), and back to HTTP:healthCheckNodePort/healthz", () => {
    const toCluster = ok({ lb: "clb", etp: "Local", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Cluster" }]);
    expect(hcOf(toCluster)).toMatchObject({ protocol: "TCP", port: "31234", intervalSeconds: 10, timeoutSeconds: 5, healthyThreshold: 2, unhealthyThreshold: 6 });
    expect(toCluster.after.paths[0].targets.every((t) => t.state === "healthy")).toBe(true);
    const toLocal = ok({ lb: "clb", etp: "Cluster", ...BLOG }, [{ kind: "externalTrafficPolicy", value: "Local" }]);
    expect(hcOf(toLocal)).toMatchObject({ protocol: "HTTP", path: "/healthz", portMeaning: "healthCheckNodePort" });
    expect(targets(toLocal).n2?.[1]).toBe("expected");
  });
});

describe("crossZone (DST-2, §4.5 'cross-zone' row)", () => {
  it("legacy NLB: aws-load-balancer-cross-zone-load-balancing-enabled, and the NLB inter-zone charge (W6)", () => {
    const p = ok({ etp: "Cluster", ...TWO }, [{ kind: "crossZone", value: true }]);
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-cross-zone-load-balancing-enabled`]: "true" });
    expect(p.after.paths[0].loadBalancer.crossZone).toBe(true);
    expect(codesOf(p)).toContain("CROSS_ZONE_CHARGES");
  });

  it("LBC: aws-load-balancer-attributes load_balancing.cross_zone.enabled, merged with the attributes already there (comma-separated key=value, L2)", () => {
    const p = ok({ etp: "Cluster", ...TWO }, [{ kind: "crossZone", value: true }], lbc("instance", { [`${ANN}aws-load-balancer-attributes`]: "deletion_protection.enabled=true,dns_record.client_routing_policy=any_availability_zone" }));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-attributes`]: "deletion_protection.enabled=true,dns_record.client_routing_policy=any_availability_zone,load_balancing.cross_zone.enabled=true" });
  });

  it("Classic ELB: the same legacy annotation (CrossZoneLoadBalancing), and no inter-zone data charge (Classic does not charge it)", () => {
    const p = ok({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "crossZone", value: true }]);
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-cross-zone-load-balancing-enabled`]: "true" });
    expect(p.after.paths[0].loadBalancer.crossZone).toBe(true);
    expect(codesOf(p)).not.toContain("CROSS_ZONE_CHARGES");
  });
});

describe("targetGroupCrossZone (DST-2, W6)", () => {
  it("LBC: aws-load-balancer-target-group-attributes load_balancing.cross_zone.enabled, other keys kept; charges apply", () => {
    const p = ok({ etp: "Cluster", ...TWO }, [{ kind: "targetGroupCrossZone", value: true }], lbc("instance", { [`${ANN}aws-load-balancer-target-group-attributes`]: "deregistration_delay.timeout_seconds=30" }));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-target-group-attributes`]: "deregistration_delay.timeout_seconds=30,load_balancing.cross_zone.enabled=true" });
    expect(codesOf(p)).toContain("CROSS_ZONE_CHARGES");
  });
  it("Classic ELB has no target groups: refused", () => {
    expect(refusal({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "targetGroupCrossZone", value: true }])).toMatchObject({ field: "changes[0].kind" });
  });
});

describe("targetType (SRC-3, SRC-11, HC-8, L3, §4.5 nlb-target-type)", () => {
  it("refused under the legacy provider (instance targets only, JOIN-1 step 4) and on a Classic ELB", () => {
    expect(refusal({ etp: "Cluster", ...TWO }, [{ kind: "targetType", value: "ip" }])?.message).toContain("AWS Load Balancer Controller");
    expect(refusal({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "targetType", value: "ip" }])?.message).toContain("Classic ELB only knows instances");
  });

  it("LBC instance → ip: HC-8 TCP traffic-port, preservation defaults off for ip (SRC-3) so pods see the NLB (S11), new target group (L3)", () => {
    const p = ok({ etp: "Cluster", ...TWO }, [{ kind: "targetType", value: "ip" }], lbc("instance"));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-nlb-target-type`]: "ip" });
    expect(hcOf(p)).toMatchObject({ protocol: "TCP", port: "traffic-port", intervalSeconds: 10, timeoutSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 3 });
    expect(p.after.paths[0].targetGroup).toMatchObject({ targetType: "ip", preserveClientIp: false });
    expect(p.after.paths[0].pods.every((x) => x.sourceIp.seenAs === "load-balancer")).toBe(true);
    expect(codesOf(p)).toContain("TARGETS_REREGISTER");
    expect(p.transient.find((t) => t.message.includes("deregistration_delay"))?.seconds).toBe(300); // W1 default
  });

  it("LBC ip → instance, Local: HC-7 and preservation back on (S6: pods see the client); nlb-ip becomes external (L2: nlb-ip is the deprecated form)", () => {
    const p = ok({ etp: "Local", targetType: "ip", ...TWO }, [{ kind: "targetType", value: "instance" }], annotate({ [`${ANN}aws-load-balancer-type`]: "nlb-ip" }));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-nlb-target-type`]: "instance", [`${ANN}aws-load-balancer-type`]: "external" });
    expect(hcOf(p)).toMatchObject({ protocol: "HTTP", path: "/healthz", portMeaning: "healthCheckNodePort", timeoutSeconds: 6 });
    expect(p.after.paths[0].pods.every((x) => x.sourceIp.seenAs === "client")).toBe(true);
  });
});

describe("preserveClientIp (SRC-3, SRC-4, SRC-7)", () => {
  it("refused on a Classic ELB; 'false' refused on UDP and TCP_UDP target groups (SRC-3: always on; cloud-provider-aws rejects it too)", () => {
    expect(refusal({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "preserveClientIp", value: false }])?.message).toContain("Classic ELB has no target groups");
    expect(refusal({ etp: "Cluster", tgProtocol: "UDP", ...TWO }, [{ kind: "preserveClientIp", value: false }])).toMatchObject({ field: "changes[0].value" });
    expect(refusal({ etp: "Cluster", tgProtocol: "TCP_UDP", ...TWO }, [{ kind: "preserveClientIp", value: false }])).toMatchObject({ field: "changes[0].value" });
    expect(refusal({ etp: "Cluster", tgProtocol: "UDP", ...TWO }, [{ kind: "preserveClientIp", value: true }])).toBeNull();
  });

  it("S6 → S7: legacy NLB, Local, preservation off: target-group-attributes (SRC-2: the legacy NLB applies this annotation), pods lose the client IP", () => {
    const p = ok({ etp: "Local", ...BLOG }, [{ kind: "preserveClientIp", value: false }]);
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-target-group-attributes`]: "preserve_client_ip.enabled=false" });
    expect(p.after.paths[0].pods.map((x) => x.sourceIp.seenAs)).toEqual(["load-balancer"]);
    expect(codesOf(p)).toContain("CLIENT_IP_LOST");
  });

  it("LBC: the attribute annotation is merged, other keys kept", () => {
    const p = ok({ etp: "Local", ...BLOG }, [{ kind: "preserveClientIp", value: false }], lbc("instance", { [`${ANN}aws-load-balancer-target-group-attributes`]: "deregistration_delay.timeout_seconds=30" }));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-target-group-attributes`]: "deregistration_delay.timeout_seconds=30,preserve_client_ip.enabled=false" });
  });

  it("S12: LBC ip targets, preservation on: pods see the client; targets' security groups must allow the clients (SRC-3)", () => {
    const p = ok({ etp: "Cluster", targetType: "ip", ...TWO }, [{ kind: "preserveClientIp", value: true }], lbc("ip"));
    expect(p.after.paths[0].pods.every((x) => x.sourceIp.seenAs === "client")).toBe(true);
    expect(codesOf(p)).toContain("SECURITY_GROUPS_SEE_CLIENTS");
  });
});

describe("proxyProtocolV2 (SRC-2, SRC-6, HLT-F4, §4.5 proxy-protocol row)", () => {
  it('Classic ELB: refused, pointing at PROXY v1 via aws-load-balancer-proxy-protocol: "*" (SRC-1, SRC-2)', () => {
    expect(refusal({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "proxyProtocolV2", value: true }])?.message).toContain('aws-load-balancer-proxy-protocol: "*"');
  });

  it("legacy NLB ignores the proxy-protocol annotation: proxy_protocol_v2.enabled in target-group-attributes (SRC-2)", () => {
    const p = ok({ etp: "Cluster", ...TWO }, [{ kind: "proxyProtocolV2", value: true }]);
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-target-group-attributes`]: "proxy_protocol_v2.enabled=true" });
    expect(p.after.paths[0].targetGroup?.proxyProtocol).toBe("v2");
    expect(codesOf(p)).toContain("APP_MUST_PARSE_PROXY_V2");
  });

  it('HLT-F4: LBC, instance + Local: aws-load-balancer-proxy-protocol "*" (L2), every HTTP check on healthCheckNodePort fails, the NLB fails open', () => {
    const p = ok({ etp: "Local", ...BLOG }, [{ kind: "proxyProtocolV2", value: true }], lbc("instance"));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-proxy-protocol`]: "*" });
    expect(p.after.paths[0].targets.every((t) => t.state === "unhealthy")).toBe(true);
    expect(p.after.paths[0].failOpen).toBe(true);
    expect(codesOf(p)).toEqual(expect.arrayContaining(["APP_MUST_PARSE_PROXY_V2", "HEALTH_CHECKS_FAIL"]));
  });

  it("LBC off: the proxy-protocol annotation (which overrides the attribute annotation, L3) is removed and a stale attribute cleared, other keys kept", () => {
    const p = ok({ etp: "Local", ...BLOG }, [{ kind: "proxyProtocolV2", value: false }], lbc("instance", { [`${ANN}aws-load-balancer-proxy-protocol`]: "*", [`${ANN}aws-load-balancer-target-group-attributes`]: "proxy_protocol_v2.enabled=true,preserve_client_ip.enabled=true" }));
    expect(annotations(p)).toEqual({ [`${ANN}aws-load-balancer-proxy-protocol`]: null, [`${ANN}aws-load-balancer-target-group-attributes`]: "proxy_protocol_v2.enabled=false,preserve_client_ip.enabled=true" });
  });
});

describe("drainNode, addPod, replicas (JOIN-4, WIF-1..3)", () => {
  it("JOIN-4: a drained (cordoned) node stays registered under the legacy provider; the line is kubectl drain", () => {
    const [n1] = nodeNames(classicTcp);
    const p = demoOk(classicTcp, [{ kind: "drainNode", value: n1 }]);
    expect(p.after.paths[0].targets.map((t) => t.node)).toContain(n1);
    expect(p.changes[0].apply.kubectlPatch).toBe(`kubectl drain '${n1}' --ignore-daemonsets --delete-emptydir-data`);
  });

  it("JOIN-4: a removed node is deregistered; an unknown node is refused", () => {
    const [n1] = nodeNames(blogLocal);
    const p = demoOk(blogLocal, [{ kind: "drainNode", value: { node: n1, remove: true } }]);
    expect(p.after.paths[0].targets.map((t) => t.node)).not.toContain(n1);
    expect(demoRefusal(blogLocal, [{ kind: "drainNode", value: "nope" }])).toMatchObject({ field: "changes[0].value" });
  });

  it("HLT-E1: addPod on the pod-less node under Local makes it pass the healthCheckNodePort check; scale line for the Deployment", () => {
    const [, n2] = nodeNames(blogLocal);
    const p = demoOk(blogLocal, [{ kind: "addPod", value: n2 }]);
    expect(p.after.paths[0].targets.find((t) => t.node === n2)?.state).toBe("healthy");
    expect(p.changes[0].apply.kubectlPatch).toBe("kubectl -n 'default' scale deployment/'web' --replicas=2");
  });

  it("replicas: scale line; deregistration delay default 300 s in the transient (W1)", () => {
    const p = demoOk(localUneven, [{ kind: "replicas", value: 1 }]);
    expect(p.changes[0].apply.kubectlPatch).toBe("kubectl -n 'default' scale deployment/'web' --replicas=1");
    expect(p.transient[0].seconds).toBe(300);
  });
});

describe("zonalShift (DST-3, DST-5, W16)", () => {
  it("refused on a Classic ELB (ARC zonal shift is an NLB/ALB capability); a zone outage is allowed", () => {
    expect(refusal({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "zonalShift", value: "a" }])?.message).toContain("cannot be shifted");
    expect(refusal({ lb: "clb", etp: "Cluster", ...TWO }, [{ kind: "zonalShift", value: { zone: "a", outage: true } }])).toBeNull();
  });

  it("DST-3: the shifted zone leaves DNS; the command first turns zonal_shift.config.enabled on (off by default)", () => {
    const p = ok({ etp: "Cluster", ...TWO }, [{ kind: "zonalShift", value: "a" }], lbc("instance"));
    expect(p.after.paths[0].zones.find((z) => z.name === "a")).toMatchObject({ zonalShift: "active", inDns: false, share: 0 });
    expect(p.changes[0].apply.kubectlPatch).toContain("Key=zonal_shift.config.enabled,Value=true");
    expect(p.changes[0].apply.kubectlPatch).toContain("aws arc-zonal-shift start-zonal-shift");
  });

  it("cross-zone on: not refused. DST-3 says 'zonal shift only with cross-zone off', but current AWS docs (ARC guide, 'Network Load Balancers': 'supports zonal shift with cross-zone enabled or cross-zone disabled configurations') allow it", () => {
    const p = ok({ etp: "Cluster", crossZone: true, ...TWO }, [{ kind: "zonalShift", value: "a" }], lbc("instance"));
    expect(p.after.paths[0].zones.find((z) => z.name === "a")?.inDns).toBe(false);
  });
});

describe("the demo cases the what-if's own tests use still agree (sanity)", () => {
  it("lbcIpTargets: PPv2 on ip targets leaves TCP health unchanged (HC-8: a TCP check sends no data)", () => {
    const p = demoOk(lbcIpTargets, [{ kind: "proxyProtocolV2", value: true }]);
    expect(p.after.paths[0].targets.map((t) => t.state)).toEqual(p.before.paths[0].targets.map((t) => t.state));
  });
});
