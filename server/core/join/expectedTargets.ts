import type * as k8s from "../model/kubernetes";
import type { Path } from "@/lib/api/topology";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { instanceIdOf } from "../index/snapshotIndex";
import { isNodeReady, nodeRemoval } from "./nodeFacts";
import { matchesNodeLabels, registersNode, type Flavour } from "./registration";

const TARGET_NODE_LABELS = "service.beta.kubernetes.io/aws-load-balancer-target-node-labels";

export interface MissingTargets {
  /** Object keys (Node:… or Pod:…) the controller registers (JOIN-4) that are not registered. */
  keys: string[];
  /** Some of them host, or are, a Ready pod of this Service: traffic to it is lost or uneven, not just capacity. */
  servingPods: boolean;
}

/**
 * JOIN-4 expected target sets. With a known controller, its own sets: the legacy provider registers every node not
 * being removed (NotReady ones stay), the LBC every Ready node its default selector admits, whatever the
 * externalTrafficPolicy, and, for ip targets, ready endpoints plus not-ready ones whose pod has ContainersReady on a
 * Ready node (a pending readiness gate). With an unknown controller, conservatively: only nodes or pods that
 * would carry a Ready pod's traffic.
 */
export function missingTargets(svc: k8s.Service, path: Path, index: SnapshotIndex, flavour: Flavour | null): MissingTargets {
  const none = { keys: [], servingPods: false };
  // Without the registered targets (health unreadable) nothing can be called missing.
  if (index.missing.endpointSlices || index.missing.nodes || path.unknown >= 1 - 1e-9) return none;
  const readyPods = path.pods.filter((p) => p.ready && !p.terminating);
  if ((path.targetGroup?.targetType ?? "instance") === "ip") {
    const registered = new Set(path.targets.map((t) => t.id));
    const expected = path.pods.filter((p) => p.ip && !p.terminating && (p.ready || (flavour === "lbc" && readinessGatePending(p.ip, index))));
    const missing = expected.filter((p) => !registered.has(p.ip!));
    return { keys: missing.map((p) => p.key), servingPods: missing.some((p) => p.ready) };
  }
  const registeredNodes = new Set(path.targets.map((t) => t.node).filter(Boolean));
  const podNodes = new Set(readyPods.map((p) => p.node).filter((n): n is string => !!n));
  const candidates = flavour
    ? index.snapshot.kubernetes.nodes.filter((n) => registersNode(flavour, svc, n))
    : [...podNodes].map((n) => index.nodesByName.get(n)).filter((n): n is k8s.Node => !!n && conservativelyExpected(svc, n));
  const missing = candidates.map((n) => n.metadata.name).filter((n) => !registeredNodes.has(n)).sort();
  return { keys: missing.map((n) => `Node:${n}`), servingPods: missing.some((n) => podNodes.has(n)) };
}

function conservativelyExpected(svc: k8s.Service, node: k8s.Node): boolean {
  if (!instanceIdOf(node) || !isNodeReady(node) || nodeRemoval(node)) return false;
  const selector = svc.metadata.annotations?.[TARGET_NODE_LABELS];
  return !selector || matchesNodeLabels(selector, node.metadata.labels ?? {});
}

/** JOIN-4 (LBC ip): a not-ready pod whose containers are ready on a Ready node waits for its readiness gate. */
function readinessGatePending(ip: string, index: SnapshotIndex): boolean {
  const pod = index.podsByIp.get(ip);
  const node = pod?.spec?.nodeName ? index.nodesByName.get(pod.spec.nodeName) : undefined;
  return !!pod && !!node && isNodeReady(node) && pod.status?.conditions?.find((c) => c.type === "ContainersReady")?.status === "True";
}
