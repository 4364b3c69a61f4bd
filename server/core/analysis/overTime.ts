import type { Controller, Finding, Path } from "@/lib/api/topology";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { applyHistory } from "./history";
import { observedFindings, observedFor } from "./observed";
import { rolloutFindings } from "./rollout";

/**
 * Issue 12 on one built path: observed traffic (CloudWatch) against the expected split, each target's history
 * (since when, flapping), and the rollout check. Kept apart from buildPath so the path's expected analysis stays
 * what it was; returns the extra findings.
 */
export function enrichPath(path: Path, index: SnapshotIndex, ctx: { controller: Controller; etp: "Cluster" | "Local" }): Finding[] {
  const s = index.snapshot;
  path.observed = observedFor(path, s.metrics);
  const group = path.targetGroup ? { targetGroupArn: path.targetGroup.arn } : path.loadBalancer.kind === "classic" ? { loadBalancerName: path.loadBalancer.name } : null;
  applyHistory(path, s.timeline, group, s.capturedAt);
  return [...observedFindings(path), ...rolloutFindings(path, index, ctx)];
}
