import { describe, expect, it } from "vitest";
import { classifyTarget, type TargetHealthInput } from "@/server/core/analysis/targetHealth";
import { classicToElbv2, parseClassicHealthCheckTarget } from "@/server/core/analysis/classicHealth";

const hcLocal = { protocol: "HTTP", port: "32181", path: "/healthz", intervalSeconds: 10, timeoutSeconds: 6, healthyThreshold: 2, unhealthyThreshold: 2, portMeaning: "healthCheckNodePort" as const };
const hcTraffic = { ...hcLocal, protocol: "TCP", port: "traffic-port", path: null, portMeaning: "traffic-port" as const };
const base: TargetHealthInput = {
  state: "unhealthy",
  reason: "Target.FailedHealthChecks",
  lbKind: "network",
  targetType: "instance",
  externalTrafficPolicy: "Local",
  healthCheck: hcLocal,
  tgProtocol: "TCP",
  proxyProtocolV2: false,
  zone: "us-east-1a",
  zoneEnabled: true,
  zonalShift: null,
  crossZone: false,
  tgAttached: true,
  node: { name: "n1", ready: true, removal: null, kubeProxyIneligible: null },
  readyLocal: 0,
  terminatingLocal: 0,
  usableEndpoints: 3,
  endpoint: null,
};
const ipBase: TargetHealthInput = { ...base, targetType: "ip", healthCheck: { ...hcTraffic, port: "traffic-port" }, node: null, readyLocal: null };

// [name, input overrides, verdict, code, rule]
const table: [string, Partial<TargetHealthInput>, string, string, string | null][] = [
  ["healthy", { state: "healthy", reason: null }, "healthy", "HEALTHY", null],
  ["HLT-C1 Local, 0 ready local endpoints", {}, "expected", "LOCAL_NO_ENDPOINT", "HLT-C1"],
  ["HLT-C1/F2 Local, only terminating local endpoints", { terminatingLocal: 1 }, "expected", "LOCAL_ONLY_TERMINATING", "HLT-F2"],
  ["HLT-C2 Local with a ready local endpoint but failing", { readyLocal: 2 }, "fault", "HC_BLOCKED", "HLT-C2"],
  ["HLT-F4 PPv2 + HTTP HC on healthCheckNodePort", { readyLocal: 1, proxyProtocolV2: true }, "fault", "PPV2_BREAKS_HC", "HLT-F4"],
  ["HLT-C3 Cluster, the Service has no usable endpoint", { externalTrafficPolicy: "Cluster", healthCheck: hcTraffic, usableEndpoints: 0 }, "fault", "NO_READY_ENDPOINTS", "HLT-C3"],
  ["HLT-C4 Cluster, endpoints exist, node fails", { externalTrafficPolicy: "Cluster", healthCheck: hcTraffic }, "fault", "HC_BLOCKED", "HLT-C4"],
  ["HLT-C5 Shared 10256 on a node being removed", { externalTrafficPolicy: "Cluster", healthCheck: { ...hcTraffic, port: "10256", portMeaning: "kube-proxy-healthz" }, node: { name: "n1", ready: true, removal: "tainted ToBeDeletedByClusterAutoscaler", kubeProxyIneligible: "tainted ToBeDeletedByClusterAutoscaler" } }, "expected", "NODE_DELETING", "HLT-C5"],
  ["HLT-C8 UDP TG with TCP HC on the traffic port", { externalTrafficPolicy: "Cluster", tgProtocol: "UDP", healthCheck: hcTraffic }, "fault", "UDP_HC_MISMATCH", "HLT-C8"],
  ["stale HC port under Local", { healthCheck: { ...hcLocal, port: "30000", portMeaning: "other" }, readyLocal: 1 }, "fault", "HC_BLOCKED", "HLT-C2"],
  ["initial / RegistrationInProgress", { state: "initial", reason: "Elb.RegistrationInProgress" }, "transient", "REGISTERING", null],
  ["initial / InitialHealthChecking", { state: "initial", reason: "Elb.InitialHealthChecking" }, "transient", "INITIAL_HEALTH_CHECK", null],
  ["draining", { state: "draining", reason: "Target.DeregistrationInProgress" }, "expected", "DRAINING", null],
  ["draining because the node is being removed", { state: "draining", reason: "Target.DeregistrationInProgress", node: { name: "n1", ready: true, removal: "being deleted", kubeProxyIneligible: "being deleted" } }, "expected", "NODE_DELETING", "JOIN-4"],
  ["unhealthy.draining", { state: "unhealthy.draining" }, "transient", "UNHEALTHY_DRAINING", null],
  ["unused / NotInUse in a zone without subnet", { state: "unused", reason: "Target.NotInUse", zoneEnabled: false }, "expected", "ZONE_NOT_ENABLED", "DST-3"],
  ["unused / NotInUse, orphan TG", { state: "unused", reason: "Target.NotInUse", tgAttached: false }, "expected", "TG_NOT_IN_USE", null],
  ["unused / NotRegistered", { state: "unused", reason: "Target.NotRegistered" }, "transient", "NOT_REGISTERED", null],
  ["unused / InvalidState", { state: "unused", reason: "Target.InvalidState" }, "fault", "INSTANCE_INVALID", null],
  ["unused / IpUnusable", { state: "unused", reason: "Target.IpUnusable" }, "fault", "IP_UNUSABLE", null],
  ["unavailable / HealthCheckDisabled", { state: "unavailable", reason: "Target.HealthCheckDisabled" }, "fault", "HC_DISABLED", null],
  ["unavailable / InternalError", { state: "unavailable", reason: "Elb.InternalError" }, "fault", "AWS_INTERNAL_ERROR", null],
  ["Local but EndpointSlices unreadable", { readyLocal: null }, "unknown", "HEALTH_UNKNOWN", null],
];

describe("HLT-C / §2.4: target verdicts", () => {
  it.each(table)("%s", (_name, o, verdict, code, rule) => {
    const r = classifyTarget({ ...base, ...o });
    expect(r.verdict).toBe(verdict);
    expect(r.code).toBe(code);
    if (rule) expect(r.rules).toContain(rule);
    expect(r.diagnosis.length).toBeGreaterThan(10);
    if (verdict === "fault") expect(r.action).toBeTruthy();
  });

  it("HLT-C6/C7: ip targets follow the pod's readiness", () => {
    expect(classifyTarget({ ...ipBase, endpoint: { ready: false, serving: false, terminating: false, pod: "shop/web-1" } })).toMatchObject({ verdict: "expected", code: "POD_NOT_READY" });
    expect(classifyTarget({ ...ipBase, endpoint: { ready: true, serving: true, terminating: false, pod: "shop/web-1" } })).toMatchObject({ verdict: "fault", code: "HC_BLOCKED" });
    expect(classifyTarget({ ...ipBase, endpoint: null }).verdict).toBe("fault");
  });

  it("the diagnosis carries the evidence (HC port = healthCheckNodePort; 0 ready local endpoints)", () => {
    const d = classifyTarget(base).diagnosis;
    expect(d).toContain("HTTP :32181/healthz");
    expect(d).toContain("0 ready local endpoints");
  });
});

describe("§2.4 Classic ELB instance states map to their ELBv2 analog", () => {
  it.each([
    ["InService", "N/A", "healthy", null],
    ["OutOfService", "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.", "unhealthy", "Target.FailedHealthChecks"],
    ["OutOfService", "Instance has not passed the configured HealthyThreshold number of health checks consecutively.", "initial", "Elb.InitialHealthChecking"],
    ["OutOfService", "Instance registration is still in progress.", "initial", "Elb.RegistrationInProgress"],
    ["OutOfService", "Instance is in the EC2 Availability Zone for which LoadBalancer is not configured to route traffic to.", "unused", "Target.NotInUse"],
    ["OutOfService", "Instance deregistration currently in progress.", "draining", "Target.DeregistrationInProgress"],
    ["OutOfService", "Instance is in stopped state.", "unused", "Target.InvalidState"],
  ] as const)("%s: %s", (state, description, want, reason) => {
    expect(classicToElbv2({ instanceId: "i-1", state, description })).toEqual({ state: want, reason });
  });
  it("parses health-check targets", () => {
    expect(parseClassicHealthCheckTarget("HTTP:32181/healthz")).toEqual({ protocol: "HTTP", port: "32181", path: "/healthz" });
    expect(parseClassicHealthCheckTarget("TCP:31234")).toEqual({ protocol: "TCP", port: "31234", path: null });
    expect(parseClassicHealthCheckTarget("garbage")).toEqual({ protocol: null, port: null, path: null });
  });
});
