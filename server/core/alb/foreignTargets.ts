import type * as elbv2 from "../model/elbv2";
import type { Finding, Path } from "@/lib/api/topology";
import type { SnapshotIndex } from "../index/snapshotIndex";
import type { AlbIndex } from "./albIndex";

/**
 * TGB-2 / TGB-3 (L9; LBC "MultiCluster Target Groups"; LBC issue 2757): a target group bound to a Service of this
 * cluster whose registered targets are not all this cluster's — instance targets that are no Node's instance ID,
 * ip targets that are no Pod's IP. Without `multiClusterTargetGroup` the controller owns the whole group and
 * deregisters targets it does not know (a second cluster binding the same group fights it); with it, each cluster
 * manages only its own targets and the load balancer spreads requests over all of them.
 */
export function foreignTargets(path: Path, tg: elbv2.TargetGroup, index: SnapshotIndex): string[] {
  const type = tg.targetType;
  return path.targets.filter((t) => (type === "instance" ? !index.nodesByInstanceId.has(t.id) : type === "ip" ? !index.podsByIp.has(t.id) : false)).map((t) => t.key);
}

export function foreignTargetFindings(path: Path, tg: elbv2.TargetGroup, idx: AlbIndex, index: SnapshotIndex): Finding[] {
  const bindings = idx.bindingsByArn.get(tg.targetGroupArn) ?? [];
  if (bindings.length === 0 || index.missing.nodes || index.missing.pods) return [];
  const multi = bindings.some((b) => b.spec.multiClusterTargetGroup);
  const foreign = foreignTargets(path, tg, index);
  const out: Finding[] = [];
  const names = bindings.map((b) => `${b.metadata.namespace}/${b.metadata.name}`).join(", ");
  if (foreign.length > 0 && !multi)
    out.push({
      severity: "warning",
      code: "FOREIGN_TARGETS",
      message: `Target group ${tg.targetGroupName} (bound by TargetGroupBinding ${names}) holds ${foreign.length} target(s) that are neither a node nor a pod of this cluster: ${foreign.slice(0, 3).map((k) => k.replace(/^Target:/, "")).join(", ")}${foreign.length > 3 ? ", …" : ""}. Without multiClusterTargetGroup the controller deregisters targets it does not know; if another cluster binds the same group, the two undo each other's registrations.`,
      action: "If the group is shared on purpose, set multiClusterTargetGroup: true on every binding of it; otherwise deregister the stray targets or give each cluster its own target group.",
      rules: ["TGB-2", "TGB-3", "JOIN-4"],
      pathId: path.id,
      refs: foreign,
    });
  if (multi)
    out.push({
      severity: "info",
      code: "MULTI_CLUSTER_TG",
      message: `Target group ${tg.targetGroupName} is shared (multiClusterTargetGroup on ${names}): ${foreign.length} of its ${path.targets.length} targets belong to another cluster or source, and they take part of the traffic.`,
      action: undefined,
      rules: ["TGB-3"],
      pathId: path.id,
      refs: foreign,
    });
  return out;
}
