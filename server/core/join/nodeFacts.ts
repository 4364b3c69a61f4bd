import type * as k8s from "../model/kubernetes";
import { LABEL_EXCLUDE_FROM_LB, TAINT_TO_BE_DELETED } from "../model/kubernetes";

export function isNodeReady(node: k8s.Node): boolean {
  return node.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
}

/** Why the controllers take this node out of load balancers (C3, L7, HLT-4), or null. */
export function nodeRemoval(node: k8s.Node): string | null {
  if (node.metadata.deletionTimestamp) return "being deleted";
  if (node.spec?.taints?.some((t) => t.key === TAINT_TO_BE_DELETED)) return `tainted ${TAINT_TO_BE_DELETED}`;
  if (node.spec?.taints?.some((t) => t.key === "karpenter.sh/disrupted")) return "tainted karpenter.sh/disrupted";
  if (node.metadata.labels?.[LABEL_EXCLUDE_FROM_LB] !== undefined) return `labelled ${LABEL_EXCLUDE_FROM_LB}`;
  return null;
}

/**
 * HLT-4: why kube-proxy's shared /healthz (10256) reports this node ineligible, or null. Narrower than
 * nodeRemoval: kube-proxy looks only at the deletionTimestamp and the ToBeDeletedByClusterAutoscaler taint, so a
 * node that the controllers exclude by label or a Karpenter taint still passes that check.
 */
export function kubeProxyIneligible(node: k8s.Node): string | null {
  if (node.metadata.deletionTimestamp) return "being deleted";
  if (node.spec?.taints?.some((t) => t.key === TAINT_TO_BE_DELETED)) return `tainted ${TAINT_TO_BE_DELETED}`;
  return null;
}

export function internalIp(node: k8s.Node): string | null {
  return node.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? null;
}
