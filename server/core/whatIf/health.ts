import type * as k8s from "../model/kubernetes";
import type * as elbv2 from "../model/elbv2";
import type { Target } from "@/lib/api/topology";
import type { EndpointView } from "../analysis/endpoints";
import { readyLocalCount, usableClusterWide, usableLocal } from "../analysis/endpoints";
import { isNodeReady, kubeProxyIneligible } from "../join/nodeFacts";
import type { HealthCheckSpec } from "./controller";
import { portMeaning } from "../join/pathInputs";

/**
 * WIF-3: the health each target settles at after a change, from the expected-health rules (HLT-E1..E5) for a node
 * or pod without faults of its own. A target that fails today for a reason of its own (a blocked port, a stopped
 * instance) is assumed to keep failing: the change does not fix it (`persistentFault`).
 */

const HEALTHY: elbv2.TargetHealth = { state: "healthy" };
const FAILED: elbv2.TargetHealth = { state: "unhealthy", reason: "Target.FailedHealthChecks", description: "Health checks failed" };

/** Faults of the target itself (§2.4, HLT-C2/C4/C7): they survive a change of configuration. */
const OWN_FAULTS = new Set(["HC_BLOCKED", "INSTANCE_INVALID", "IP_UNUSABLE", "HC_TIMEOUT", "HC_RESPONSE_MISMATCH", "AWS_INTERNAL_ERROR", "HC_DISABLED"]);

export function persistentFault(before: Target | undefined): elbv2.TargetHealth | null {
  if (!before || before.verdict !== "fault" || !OWN_FAULTS.has(before.code)) return null;
  return { state: before.state as elbv2.TargetHealth["state"], ...(before.reason ? { reason: before.reason } : {}), ...(before.description ? { description: before.description } : {}) };
}

export interface HealthInputs {
  svc: k8s.Service;
  hc: HealthCheckSpec;
  tgProtocol: string | null;
  proxyProtocolV2: boolean;
  /** The Service port's endpoints in the cluster after the change. */
  endpoints: EndpointView[];
  /** The target group after the change (HC-8: on ip groups the pod's port is the traffic port); none for Classic. */
  tg?: Pick<elbv2.TargetGroup, "targetType" | "port">;
}

function hcPortMeaning(i: HealthInputs): "healthCheckNodePort" | "traffic-port" | "kube-proxy-healthz" | "other" {
  return portMeaning(i.hc.port, i.svc, i.tg) ?? "other";
}

/** A TCP health check on a UDP target group's traffic port never passes (HLT-C8, HLT-F5). */
function udpMismatch(i: HealthInputs): boolean {
  return (i.tgProtocol ?? "").toUpperCase() === "UDP" && i.hc.protocol === "TCP" && hcPortMeaning(i) === "traffic-port";
}

/** Instance target on `node`: HLT-E1 (healthCheckNodePort), HLT-E2 (traffic port), HLT-E3 (10256), HLT-F4 (PPv2). */
export function nodeHealth(i: HealthInputs, node: k8s.Node, current: elbv2.TargetHealth | null): elbv2.TargetHealth {
  // A node that stopped reporting answers no health check at all.
  if (!isNodeReady(node) && node.status?.conditions?.find((c) => c.type === "Ready")?.status === "Unknown") return FAILED;
  if (udpMismatch(i)) return FAILED;
  const http = i.hc.protocol === "HTTP" || i.hc.protocol === "HTTPS";
  switch (hcPortMeaning(i)) {
    case "healthCheckNodePort":
      if (i.proxyProtocolV2 && http) return FAILED; // HLT-F4: kube-proxy's server does not speak PROXY v2
      return readyLocalCount(i.endpoints, node.metadata.name) > 0 ? HEALTHY : FAILED;
    case "traffic-port":
      // SRC-9: under Local kube-proxy drops the probe on a node with no usable local endpoint.
      if (i.svc.spec.externalTrafficPolicy === "Local") return usableLocal(i.endpoints, node.metadata.name).length > 0 ? HEALTHY : FAILED;
      return usableClusterWide(i.endpoints).length > 0 ? HEALTHY : FAILED;
    case "kube-proxy-healthz":
      return kubeProxyIneligible(node) ? FAILED : HEALTHY;
    default:
      // A custom port: the rules do not say what answers there; keep what AWS reports now.
      return current ?? FAILED;
  }
}

/** ip target: HLT-E4 (the pod accepts TCP on its port when it is Ready), HLT-C6, HLT-C8. */
export function podHealth(i: HealthInputs, endpoint: EndpointView | undefined): elbv2.TargetHealth {
  if (!endpoint || udpMismatch(i)) return FAILED;
  return endpoint.ready && endpoint.serving && !endpoint.terminating ? HEALTHY : FAILED;
}

/** Classic ELB: the same rules, reported as InService / OutOfService (HLT-E5, W2). */
export function classicState(health: elbv2.TargetHealth, instanceId: string): { instanceId: string; state: "InService" | "OutOfService"; reasonCode: string; description: string } {
  if (health.state === "healthy") return { instanceId, state: "InService", reasonCode: "N/A", description: "N/A" };
  if (health.reason === "Target.InvalidState") return { instanceId, state: "OutOfService", reasonCode: "Instance", description: "Instance is in stopped state." };
  return { instanceId, state: "OutOfService", reasonCode: "Instance", description: "Instance has failed at least the UnhealthyThreshold number of health checks consecutively." };
}
