import type { ClientIpHeader, Controller, Severity, Verdict } from "@/lib/api/topology";

/** Words shown for API enums, shared by the tables and the Markdown summaries so both say the same thing. */

export const CONTROLLER_LABEL: Record<Controller, string> = {
  legacy: "legacy cloud provider",
  "aws-load-balancer-controller": "AWS Load Balancer Controller",
  "eks-auto-mode": "EKS Auto Mode",
  unknown: "unknown controller",
};

export const CONTROLLER_SHORT: Record<Controller, string> = {
  legacy: "legacy",
  "aws-load-balancer-controller": "AWS LBC",
  "eks-auto-mode": "EKS Auto",
  unknown: "unknown",
};

export type LoadBalancerKind = "network" | "classic" | "application";

export const LB_KIND_SHORT: Record<LoadBalancerKind, string> = { network: "NLB", classic: "CLB", application: "ALB" };

export type SeenAs = "client" | "node" | "load-balancer";

/** What the pods see as the source address (§1.3 "Pod sees (L3)"). */
export const SEEN_AS_LABEL: Record<SeenAs, string> = {
  client: "client IP",
  node: "node IP (kube-proxy SNAT)",
  "load-balancer": "load balancer IP",
};

export const HEADER_LABEL: Record<ClientIpHeader, string> = {
  "proxy-protocol-v1": "PROXY v1",
  "proxy-protocol-v2": "PROXY v2",
  "x-forwarded-for": "X-Forwarded-For",
};

export const VERDICT_LABEL: Record<Verdict, string> = {
  healthy: "healthy",
  expected: "expected (by design)",
  transient: "transient",
  fault: "fault",
  unknown: "unknown",
};

/** Worst first: the order an operator should look at targets in. */
export const VERDICT_ORDER: Record<Verdict, number> = { fault: 0, unknown: 1, transient: 2, expected: 3, healthy: 4 };

export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** TriageRow.rank (issue 4's ranking) → heading. */
export const RANK_LABEL: Record<number, string> = {
  1: "Load balancer failing open",
  2: "Zone dropped from DNS (no healthy target)",
  3: "Faults",
  4: "Transient",
  5: "Expected by design",
};

export function rankLabel(rank: number): string {
  return RANK_LABEL[rank] ?? `Rank ${rank}`;
}

/** "node IP (kube-proxy SNAT); client IP in PROXY v2", or "client IP (+ PROXY v2 header)" when both hold. */
export function sourceIpLabel(seenAs: SeenAs, header: ClientIpHeader | null): string {
  if (!header) return SEEN_AS_LABEL[seenAs];
  return seenAs === "client" ? `client IP (+ ${HEADER_LABEL[header]} header)` : `${SEEN_AS_LABEL[seenAs]}; client IP in ${HEADER_LABEL[header]}`;
}
