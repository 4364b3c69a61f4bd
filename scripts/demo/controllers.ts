import { keyValues } from "../../server/core/whatIf/controller";
import { hex } from "./ids";
import type { PortDef, ServiceDef } from "./model";

/**
 * What each controller makes of a Service: which controller (JOIN-1), names (JOIN-2/3), tags (§4.2–4.3),
 * health-check settings (HC-1..HC-8) and target-group attributes (SRC-2, SRC-3, SRC-6, DST-2).
 */

const A = "service.beta.kubernetes.io/";

export type Flavour = "legacy-nlb" | "legacy-clb" | "lbc";

/** JOIN-1, in the reference's order. */
export function flavourOf(svc: ServiceDef): Flavour | "unknown" {
  const ann = svc.annotations ?? {};
  // EKS Auto Mode's NLB (W14) is modelled as the AWS Load Balancer Controller's (its load balancing capability is
  // that controller's; tags UNVERIFIED in the reference).
  if (svc.loadBalancerClass) return svc.loadBalancerClass === "service.k8s.aws/nlb" || svc.loadBalancerClass === "eks.amazonaws.com/nlb" ? "lbc" : "unknown";
  const type = ann[`${A}aws-load-balancer-type`];
  if (type === "nlb-ip" || (type === "external" && ["ip", "instance"].includes(ann[`${A}aws-load-balancer-nlb-target-type`] ?? ""))) return "lbc";
  return type === "nlb" ? "legacy-nlb" : "legacy-clb";
}

export function targetTypeOf(svc: ServiceDef): "instance" | "ip" {
  const ann = svc.annotations ?? {};
  if (flavourOf(svc) !== "lbc") return "instance";
  return ann[`${A}aws-load-balancer-type`] === "nlb-ip" || ann[`${A}aws-load-balancer-nlb-target-type`] === "ip" ? "ip" : "instance";
}

export function annotation(svc: ServiceDef, key: string): string | undefined {
  return svc.annotations?.[`${A}${key}`];
}

/** Legacy (C1): "a" + uid without dashes, truncated to 32 characters. */
export function legacyLbName(uid: string): string {
  return `a${uid.replaceAll("-", "")}`.slice(0, 32);
}

/** `k8s-<ns[:8]>-<name[:8]>-<10 hex>` with non-alphanumerics removed first (L5, L3, A2). */
export function k8sName(svc: Pick<ServiceDef, "namespace" | "name">, seed: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, "").slice(0, 8);
  return `k8s-${clean(svc.namespace)}-${clean(svc.name)}-${hex(seed, 10)}`;
}

/** Tags each controller puts on the LB (and, legacy, on the TGs too) (JOIN-2, A2, A3, L6). */
export function lbTags(flavour: Flavour, svc: ServiceDef, clusterId: string): Record<string, string> {
  const extra = parseKeyValues(annotation(svc, "aws-load-balancer-additional-resource-tags"));
  if (flavour === "lbc") {
    return { ...extra, "elbv2.k8s.aws/cluster": clusterId, "service.k8s.aws/stack": `${svc.namespace}/${svc.name}`, "service.k8s.aws/resource": "LoadBalancer" };
  }
  return { ...extra, "kubernetes.io/service-name": `${svc.namespace}/${svc.name}`, [`kubernetes.io/cluster/${clusterId}`]: "owned" };
}

export function tgTags(flavour: Flavour, svc: ServiceDef, clusterId: string, port: PortDef): Record<string, string> {
  if (flavour !== "lbc") return lbTags(flavour, svc, clusterId);
  const extra = parseKeyValues(annotation(svc, "aws-load-balancer-additional-resource-tags"));
  return { ...extra, "elbv2.k8s.aws/cluster": clusterId, "service.k8s.aws/stack": `${svc.namespace}/${svc.name}`, "service.k8s.aws/resource": `${svc.namespace}/${svc.name}:${port.port}` };
}

/** "k1=v1,k2=v2" as the annotations take them (the same parser the what-if uses). */
export const parseKeyValues = keyValues;

export interface HealthCheckConfig {
  protocol: "TCP" | "HTTP";
  /** "traffic-port" or a number as a string. */
  port: string;
  path?: string;
  interval: number;
  timeout: number;
  healthy: number;
  unhealthy: number;
}

/** HC-1, HC-2 (legacy NLB), HC-6, HC-7, HC-8 (LBC), then the healthcheck annotations (JOIN-5). */
export function nlbHealthCheck(flavour: Flavour, svc: ServiceDef): HealthCheckConfig {
  const local = svc.externalTrafficPolicy === "Local";
  const ip = targetTypeOf(svc) === "ip";
  let hc: HealthCheckConfig;
  if (flavour === "legacy-nlb") {
    // HC-1: TCP traffic-port, 30 s, 3/3; timeout not sent, AWS default (10 s TCP). HC-2: HTTP /healthz on healthCheckNodePort, 10 s, 2/2, AWS default timeout 6 s.
    hc = local
      ? { protocol: "HTTP", port: String(svc.healthCheckNodePort), path: "/healthz", interval: 10, timeout: 6, healthy: 2, unhealthy: 2 }
      : { protocol: "TCP", port: "traffic-port", interval: 30, timeout: 10, healthy: 3, unhealthy: 3 };
  } else if (local && !ip) {
    hc = { protocol: "HTTP", port: String(svc.healthCheckNodePort), path: "/healthz", interval: 10, timeout: 6, healthy: 2, unhealthy: 2 }; // HC-7
  } else {
    hc = { protocol: "TCP", port: "traffic-port", interval: 10, timeout: 10, healthy: 3, unhealthy: 3 }; // HC-6, HC-8
  }
  const proto = annotation(svc, "aws-load-balancer-healthcheck-protocol");
  const port = annotation(svc, "aws-load-balancer-healthcheck-port");
  const path = annotation(svc, "aws-load-balancer-healthcheck-path");
  if (proto) hc = { ...hc, protocol: proto.toUpperCase() === "HTTP" ? "HTTP" : "TCP", timeout: proto.toUpperCase() === "HTTP" ? 6 : 10 };
  if (port) hc = { ...hc, port };
  if (path) hc = { ...hc, path };
  if (hc.protocol === "TCP") delete hc.path;
  else hc.path ??= "/";
  return hc;
}

/**
 * AWS's own keys and defaults of DescribeTargetGroupAttributes for an NLB target group (W1, W3, DST-5), before any
 * controller setting. Shared with the benchmark's generator (bench/gen/elbv2.ts).
 */
export function nlbTargetGroupDefaults(ip: boolean, udp: boolean): Record<string, string> {
  return {
    "deregistration_delay.timeout_seconds": "300",
    "deregistration_delay.connection_termination.enabled": "false",
    "stickiness.enabled": "false",
    "stickiness.type": "source_ip",
    // SRC-3: default on for instance targets, off for ip targets (TCP/TLS); UDP always on.
    "preserve_client_ip.enabled": ip && !udp ? "false" : "true",
    "proxy_protocol_v2.enabled": "false",
    "load_balancing.cross_zone.enabled": "use_load_balancer_configuration",
    "target_group_health.dns_failover.minimum_healthy_targets.count": "1",
    "target_group_health.dns_failover.minimum_healthy_targets.percentage": "off",
    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count": "1",
    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage": "off",
    // W4/§2.4: connection termination on unhealthy cannot be enabled for UDP.
    "target_health_state.unhealthy.connection_termination.enabled": udp ? "false" : "true",
    "target_health_state.unhealthy.draining_interval_seconds": "0",
  };
}

/**
 * DescribeTargetGroupAttributes for an NLB target group: AWS's keys and defaults, then what the controller sets from
 * annotations (SRC-2: target-group-attributes; LBC proxy-protocol "*" → PPv2).
 */
export function nlbTargetGroupAttributes(flavour: Flavour, svc: ServiceDef, protocol: string): Record<string, string> {
  const udp = protocol === "UDP" || protocol === "TCP_UDP";
  const attrs = nlbTargetGroupDefaults(targetTypeOf(svc) === "ip", udp);
  Object.assign(attrs, parseKeyValues(annotation(svc, "aws-load-balancer-target-group-attributes")));
  if (flavour === "lbc" && annotation(svc, "aws-load-balancer-proxy-protocol") === "*") attrs["proxy_protocol_v2.enabled"] = "true";
  if (udp) attrs["preserve_client_ip.enabled"] = "true";
  return attrs;
}

/** DescribeLoadBalancerAttributes for an NLB (defaults, W1), with cross-zone per DST-2. */
export function nlbAttributes(flavour: Flavour, svc: ServiceDef): Record<string, string> {
  const attrs: Record<string, string> = {
    "access_logs.s3.enabled": "false",
    "access_logs.s3.bucket": "",
    "access_logs.s3.prefix": "",
    "deletion_protection.enabled": "false",
    "load_balancing.cross_zone.enabled": "false",
    "dns_record.client_routing_policy": "any_availability_zone",
    "zonal_shift.config.enabled": "false",
    "secondary_ips.auto_assigned.per_subnet": "0",
  };
  if (flavour === "lbc") Object.assign(attrs, parseKeyValues(annotation(svc, "aws-load-balancer-attributes")));
  else if (annotation(svc, "aws-load-balancer-cross-zone-load-balancing-enabled") === "true") attrs["load_balancing.cross_zone.enabled"] = "true";
  return attrs;
}

export function isInternal(flavour: Flavour, svc: ServiceDef): boolean {
  if (flavour === "lbc") {
    const scheme = annotation(svc, "aws-load-balancer-scheme");
    if (scheme) return scheme === "internal";
    const legacy = annotation(svc, "aws-load-balancer-internal");
    // L1/L2: LBC defaults to internal since v2.2.0.
    return legacy === undefined ? true : legacy !== "false";
  }
  const v = annotation(svc, "aws-load-balancer-internal");
  return v !== undefined && v !== "false";
}
