import type * as k8s from "../model/kubernetes";
import { ANN } from "../join/owningController";
import type { Flavour } from "../join/registration";

export { flavourOf, registersNode, type Flavour } from "../join/registration";

/**
 * What the owning controller makes of a Service after a change (JOIN-1, JOIN-5): health-check settings
 * (HC-1..HC-8 and the healthcheck annotations), target-group attributes from annotations (SRC-2, SRC-3,
 * SRC-6), and which nodes it registers (JOIN-4). Written from the rules, not from the demo builder, so the
 * what-if tests compare two independent readings.
 */

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
  // Legacy: the timeout is not sent, so AWS's default for the protocol applies (HC-1/HC-2); the LBC keeps the
  // timeout of its externalTrafficPolicy branch whatever the protocol (HC-6/HC-7, L4).
  if (proto === "HTTP" || proto === "HTTPS" || proto === "TCP") hc = { ...hc, protocol: proto, timeout: flavour === "lbc" ? hc.timeout : proto === "TCP" ? 10 : 6 };
  const port = ann(svc, "aws-load-balancer-healthcheck-port");
  if (port) hc.port = flavour === "lbc" ? lbcHealthCheckPort(svc, port, targetType) : port;
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

/** §2.1 notes: the LBC's port annotation may name a Service port: its nodePort (instance) or numeric targetPort (ip). */
function lbcHealthCheckPort(svc: k8s.Service, port: string, targetType: "instance" | "ip"): string {
  if (port === "traffic-port" || /^\d+$/.test(port)) return port;
  const named = (svc.spec.ports ?? []).find((p) => p.name === port);
  const resolved = targetType === "instance" ? named?.nodePort : typeof named?.targetPort === "number" ? named.targetPort : undefined;
  return resolved !== undefined ? String(resolved) : port;
}

/**
 * HC-4 (TCP, or SSL for an https/ssl backend, on the first listener's nodePort) or HC-5 (HTTP /healthz on
 * healthCheckNodePort), then the healthcheck annotations (§4.5) as the provider's ensureLoadBalancerHealthCheck
 * applies them: protocol as written, a numeric port, a path for HTTP/HTTPS only. As `TCP:31234`.
 */
export function classicHealthCheckTarget(svc: k8s.Service): string {
  const local = svc.spec.externalTrafficPolicy === "Local" && svc.spec.healthCheckNodePort;
  const backend = ann(svc, "aws-load-balancer-backend-protocol")?.toLowerCase();
  let protocol = local ? "HTTP" : backend === "https" || backend === "ssl" ? "SSL" : "TCP";
  let port = local ? svc.spec.healthCheckNodePort! : ([...(svc.spec.ports ?? [])][0]?.nodePort ?? 0);
  let path = local ? "/healthz" : "";
  protocol = ann(svc, "aws-load-balancer-healthcheck-protocol") ?? protocol;
  const portAnn = ann(svc, "aws-load-balancer-healthcheck-port");
  if (portAnn && /^\d+$/.test(portAnn)) port = Number(portAnn);
  if (["HTTP", "HTTPS"].includes(protocol.toUpperCase())) path = ann(svc, "aws-load-balancer-healthcheck-path") || path || "/";
  else path = "";
  return `${protocol}:${port}${path}`;
}

/** SRC-3: preservation is on by default for instance targets, off for ip targets (TCP/TLS); UDP always on. */
export function defaultPreserve(targetType: "instance" | "ip", protocol: string | null | undefined): string {
  const udp = (protocol ?? "").toUpperCase().includes("UDP");
  return targetType === "ip" && !udp ? "false" : "true";
}

