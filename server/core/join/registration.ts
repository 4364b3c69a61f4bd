import type * as k8s from "../model/kubernetes";
import { TAINT_TO_BE_DELETED, LABEL_EXCLUDE_FROM_LB } from "../model/kubernetes";
import type { Ownership } from "./owningController";
import { ANN } from "./owningController";
import { instanceIdOf } from "../index/snapshotIndex";
import { isNodeReady } from "./nodeFacts";

/** The controllers lbpath models, by what they build (JOIN-1): the legacy provider's NLB or Classic ELB, or the LBC's. */
export type Flavour = "legacy-nlb" | "legacy-clb" | "lbc";

export function flavourOf(o: Ownership): Flavour | null {
  if (o.controller === "legacy") return o.kind === "classic" ? "legacy-clb" : "legacy-nlb";
  // EKS Auto Mode runs the same load balancer logic as the AWS Load Balancer Controller (W14).
  if (o.controller === "aws-load-balancer-controller" || o.controller === "eks-auto-mode") return "lbc";
  return null;
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
    const labels = node.metadata.labels ?? {};
    if (labels["node-role.kubernetes.io/master"] !== undefined || labels["alpha.service-controller.kubernetes.io/exclude-balancer"] !== undefined || labels["eks.amazonaws.com/compute-type"] === "fargate") return false;
  }
  const selector = svc.metadata.annotations?.[`${ANN}aws-load-balancer-target-node-labels`];
  return !selector || matchesNodeLabels(selector, node.metadata.labels ?? {});
}

/** `k1=v1,k2` (aws-load-balancer-target-node-labels' format) against a node's labels (A2, L2). */
export function matchesNodeLabels(selector: string, labels: Record<string, string>): boolean {
  return selector
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const [k, v] = term.split("=");
      return v === undefined ? k in labels : labels[k] === v;
    });
}
