/**
 * What the live source keeps of labels, annotations and AWS tags: only what the analysis reads. One rule for
 * both the live source and `scripts/capture.ts`, so a captured file never holds more than the dashboard saw,
 * and never anything sensitive beyond it (Secrets are never read at all).
 */

/** Service annotations the analysis reads (JOIN-1, JOIN-5, DST-8 topology-mode). */
export function keepServiceAnnotation(key: string): boolean {
  // alb.ingress.kubernetes.io/*: a backend Service can set an Ingress's target type and health check (L2 ingress annotations).
  return key.startsWith("service.beta.kubernetes.io/aws-load-balancer-") || key.startsWith("service.kubernetes.io/") || key.startsWith("alb.ingress.kubernetes.io/");
}

export const TARGET_NODE_LABELS_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-target-node-labels";

const LABELS_EXACT = new Set([
  "kubernetes.io/service-name", // EndpointSlice → Service (JOIN-4)
  "node.kubernetes.io/exclude-from-external-load-balancers", // JOIN-4 expected targets
  "alpha.service-controller.kubernetes.io/exclude-balancer", // JOIN-4 (LBC default node selector)
  "eks.amazonaws.com/compute-type", // JOIN-4 (Fargate is never an instance target)
]);
const LABEL_PREFIXES = [
  "topology.kubernetes.io/", // zone/region (K7, DST-4)
  "failure-domain.beta.kubernetes.io/", // legacy zone label
  "topology.k8s.aws/", // zone-id
  "node-role.kubernetes.io/", // JOIN-4 (LBC excludes master nodes)
];

/**
 * Labels kept on Services, EndpointSlices and Nodes. `extraNodeLabels` are the keys named by any Service's
 * `aws-load-balancer-target-node-labels` annotation (JOIN-5): the expected target set depends on them.
 */
export function keepLabel(key: string, extraNodeLabels?: ReadonlySet<string>): boolean {
  return LABELS_EXACT.has(key) || LABEL_PREFIXES.some((p) => key.startsWith(p)) || !!extraNodeLabels?.has(key);
}

/**
 * Service labels are kept whole: the overview searches and filters Services by label, and a Service's labels
 * describe the Service itself (unlike annotations, which often carry tokens or config for other tools).
 */
export function keepServiceLabel(_key: string): boolean {
  return true;
}

/** AWS tags the joins read (JOIN-2, JOIN-3, GW-2): cluster ownership, service, Ingress and Gateway stack names. */
export function keepAwsTag(key: string): boolean {
  return key === "KubernetesCluster" || key.startsWith("kubernetes.io/") || key.startsWith("elbv2.k8s.aws/") ||
    key.startsWith("service.k8s.aws/") || key.startsWith("ingress.k8s.aws/") || key.startsWith("gateway.k8s.aws.alb/") ||
    key.startsWith("gateway.k8s.aws.nlb/") || key.startsWith("eks:");
}

/** Label keys named by `aws-load-balancer-target-node-labels: "k1=v1,k2"` on any Service. */
export function targetNodeLabelKeys(services: readonly { metadata?: { annotations?: Record<string, string> } }[]): Set<string> {
  const keys = new Set<string>();
  for (const s of services) {
    const v = s.metadata?.annotations?.[TARGET_NODE_LABELS_ANNOTATION];
    for (const term of v?.split(",") ?? []) {
      const k = term.split("=")[0].trim();
      if (k) keys.add(k);
    }
  }
  return keys;
}

/** The entries of `map` whose key passes; undefined when none do (so empty maps are not written). */
export function pick(map: Record<string, string> | null | undefined, keep: (k: string) => boolean): Record<string, string> | undefined {
  if (!map) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (keep(k)) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}
