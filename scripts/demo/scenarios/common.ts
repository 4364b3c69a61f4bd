import type { PortDef } from "../model";

/** Annotation sets as operators write them (JOIN-1, JOIN-5). */
const A = "service.beta.kubernetes.io/";

/** Legacy provider, NLB with instance targets (A1). */
export const LEGACY_NLB: Record<string, string> = { [`${A}aws-load-balancer-type`]: "nlb" };

/**
 * AWS Load Balancer Controller (L1, L2). The controller's webhook also sets
 * spec.loadBalancerClass=service.k8s.aws/nlb on new Services (§4.1 caveat), so scenarios set both.
 */
export function lbc(targetType: "instance" | "ip", extra: Record<string, string> = {}, scheme: "internet-facing" | "internal" = "internet-facing"): Record<string, string> {
  return {
    [`${A}aws-load-balancer-type`]: "external",
    [`${A}aws-load-balancer-nlb-target-type`]: targetType,
    [`${A}aws-load-balancer-scheme`]: scheme,
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${A}${k}`, v])),
  };
}
export const LBC_CLASS = "service.k8s.aws/nlb";

/** Legacy annotations by short key. */
export function ann(extra: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(extra).map(([k, v]) => [`${A}${k}`, v]));
}

export function http(nodePort: number, targetPort = 8080): PortDef {
  return { name: "http", port: 80, targetPort, nodePort };
}
