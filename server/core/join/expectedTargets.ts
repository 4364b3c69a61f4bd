import type * as k8s from "../model/kubernetes";
import type { Path } from "@/lib/api/topology";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { instanceIdOf } from "../index/snapshotIndex";
import { isNodeReady, nodeRemoval } from "./nodeFacts";
import { matchesNodeLabels } from "./registration";

const TARGET_NODE_LABELS = "service.beta.kubernetes.io/aws-load-balancer-target-node-labels";

/**
 * JOIN-4 expected target sets, checked conservatively: only where a Ready pod of this Service would be
 * reachable through a target that is missing. Instance targets: a Ready, eligible node (Ready, not being
 * removed, an EC2 instance, matching aws-load-balancer-target-node-labels) that hosts a Ready endpoint but is
 * not registered. ip targets: a Ready endpoint whose IP is not registered (readiness gate, controller lag).
 */
export function missingTargets(svc: k8s.Service, path: Path, index: SnapshotIndex): string[] {
  // Without the registered targets (health unreadable) nothing can be called missing.
  if (index.missing.endpointSlices || index.missing.nodes || path.unknown >= 1 - 1e-9) return [];
  const readyPods = path.pods.filter((p) => p.ready && !p.terminating);
  if ((path.targetGroup?.targetType ?? "instance") === "ip") {
    const registered = new Set(path.targets.map((t) => t.id));
    return readyPods.filter((p) => p.ip && !registered.has(p.ip)).map((p) => p.key);
  }
  const registeredNodes = new Set(path.targets.map((t) => t.node).filter(Boolean));
  const selector = svc.metadata.annotations?.[TARGET_NODE_LABELS];
  const nodes = new Set(readyPods.map((p) => p.node).filter((n): n is string => !!n && !registeredNodes.has(n)));
  return [...nodes]
    .filter((name) => {
      const node = index.nodesByName.get(name);
      if (!node || !instanceIdOf(node) || !isNodeReady(node) || nodeRemoval(node)) return false;
      return !selector || matchesNodeLabels(selector, node.metadata.labels ?? {});
    })
    .sort()
    .map((n) => `Node:${n}`);
}
