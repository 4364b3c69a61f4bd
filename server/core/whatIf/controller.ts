import type * as k8s from "../model/kubernetes";
import { TAINT_TO_BE_DELETED, LABEL_EXCLUDE_FROM_LB } from "../model/kubernetes";
import type { Ownership } from "../join/owningController";
import { ANN } from "../join/owningController";
import { instanceIdOf } from "../index/snapshotIndex";
import { isNodeReady } from "../join/nodeFacts";

/**
 * What the owning controller makes of a Service after a change (JOIN-1, JOIN-5): health-check settings
 * (HC-1..HC-8 and the healthcheck annotations), target-group attributes from annotations (SRC-2, SRC-3,
 * SRC-6), and which nodes it registers (JOIN-4). Written from the rules, not from the demo builder, so the
 * what-if tests compare two independent readings.
 */

export type Flavour = "legacy-nlb" | "legacy-clb" | "lbc";

export function flavourOf(o: Ownership): Flavour | null {
  if (o.controller === "legacy") return o.kind === "classic" ? "legacy-clb" : "legacy-nlb";
  // EKS Auto Mode runs the same load balancer logic as the AWS Load Balancer Controller (W14).
  if (o.controller === "aws-load-balancer-controller" || o.controller === "eks-auto-mode") return "lbc";
  return null;
}

export const ann = (svc: k8s.Service, key: string): string | undefined => svc.metadata.annotations?.[`${ANN}${key}`];

/** `k1=v1,k2=v2` (the attribute annotations' format). */
export function keyValues(s: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (s ?? "").split(",")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

export function formatKeyValues(m: Record<string, string>): string {
  return Object.entries(m).map(([k, v]) => `${k}=${v}`).join(",");
}

export interface HealthCheckSpec {
  protocol: string;
  /** "traffic-port" or a number as a string. */
  port: string;
  path: string | null;
  interval: number;
  timeout: number;
  healthy: number;
  unhealthy: number;
}

/** HC-1/HC-2 (legacy NLB), HC-6/HC-7/HC-8 (LBC) for the Service as it will be, then its healthcheck annotations. */
export function nlbHealthCheck(flavour: Exclude<Flavour, "legacy-clb">, svc: k8s.Service, targetType: "instance" | "ip"): HealthCheckSpec {
  const local = svc.spec.externalTrafficPolicy === "Local";
  const hcnp = String(svc.spec.healthCheckNodePort ?? "");
  let hc: HealthCheckSpec;
  if (targetType === "instance" && local) {
    // HC-2 (legacy: timeout not sent, AWS's HTTP default 6 s) and HC-7 (LBC: 6 s).
    hc = { protocol: "HTTP", port: hcnp, path: "/healthz", interval: 10, timeout: 6, healthy: 2, unhealthy: 2 };
  } else if (flavour === "legacy-nlb") {
    hc = { protocol: "TCP", port: "traffic-port", path: null, interval: 30, timeout: 10, healthy: 3, unhealthy: 3 }; // HC-1
  } else {
    hc = { protocol: "TCP", port: "traffic-port", path: null, interval: 10, timeout: 10, healthy: 3, unhealthy: 3 }; // HC-6, HC-8
  }
  const proto = ann(svc, "aws-load-balancer-healthcheck-protocol")?.toUpperCase();
  if (proto === "HTTP" || proto === "HTTPS" || proto === "TCP") hc = { ...hc, protocol: proto, timeout: proto === "TCP" ? 10 : 6 };
  const port = ann(svc, "aws-load-balancer-healthcheck-port");
  if (port) hc.port = port;
  const path = ann(svc, "aws-load-balancer-healthcheck-path");
  if (path) hc.path = path;
  const num = (key: string) => (/^\d+$/.test(ann(svc, key) ?? "") ? Number(ann(svc, key)) : undefined);
  hc.interval = num("aws-load-balancer-healthcheck-interval") ?? hc.interval;
  hc.healthy = num("aws-load-balancer-healthcheck-healthy-threshold") ?? hc.healthy;
  hc.unhealthy = num("aws-load-balancer-healthcheck-unhealthy-threshold") ?? hc.unhealthy;
  if (hc.protocol === "TCP") hc.path = null;
  else hc.path ??= "/";
  return hc;
}

/** HC-4 (TCP on the first listener's nodePort) or HC-5 (HTTP /healthz on healthCheckNodePort), as `TCP:31234`. */
export function classicHealthCheckTarget(svc: k8s.Service): string {
  if (svc.spec.externalTrafficPolicy === "Local" && svc.spec.healthCheckNodePort) return `HTTP:${svc.spec.healthCheckNodePort}/healthz`;
  const first = [...(svc.spec.ports ?? [])][0];
  return `TCP:${first?.nodePort ?? 0}`;
}

/** SRC-3: preservation is on by default for instance targets, off for ip targets (TCP/TLS); UDP always on. */
export function defaultPreserve(targetType: "instance" | "ip", protocol: string | null | undefined): string {
  const udp = (protocol ?? "").toUpperCase().includes("UDP");
  return targetType === "ip" && !udp ? "false" : "true";
}

/**
 * JOIN-4 / C3 / L7: the nodes a controller registers as instance targets. Legacy: every node not being removed
 * (NotReady nodes stay, the stable node set); LBC additionally only Ready ones. Both honour
 * aws-load-balancer-target-node-labels; nodes that are not EC2 instances are never registered.
 */
export function registersNode(flavour: Flavour, svc: k8s.Service, node: k8s.Node): boolean {
  if (!instanceIdOf(node) || node.metadata.deletionTimestamp) return false;
  if (node.metadata.labels?.[LABEL_EXCLUDE_FROM_LB] !== undefined) return false;
  const taints = node.spec?.taints ?? [];
  if (taints.some((t) => t.key === TAINT_TO_BE_DELETED)) return false;
  if (flavour === "lbc") {
    if (!isNodeReady(node) || taints.some((t) => t.key === "karpenter.sh/disrupted")) return false;
    if (node.metadata.labels?.["node-role.kubernetes.io/master"] !== undefined || node.metadata.labels?.["eks.amazonaws.com/compute-type"] === "fargate") return false;
  }
  const selector = ann(svc, "aws-load-balancer-target-node-labels");
  if (!selector) return true;
  return selector
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const [k, v] = term.split("=");
      return v === undefined ? k in (node.metadata.labels ?? {}) : node.metadata.labels?.[k] === v;
    });
}
