import type { Snapshot } from "../model/snapshot";
import type { Change, WhatIfResponse } from "@/lib/api/whatIf";
import { indexSnapshot, objectKey } from "../index/snapshotIndex";
import { topologyOf, type ServiceRef } from "../buildTopology";
import { owningController } from "../join/owningController";
import { loadBalancersForService } from "../join/loadBalancerForService";
import { applyStep } from "./apply";
import { flavourOf } from "./controller";
import { assumptionsOf, costsOf, transientOf } from "./costs";
import { Draft } from "./draft";
import { applyKubernetes } from "./kubernetes";
import { planOf, refusalOf, type Refusal } from "./plan";
import { reconcileAws } from "./reconcile";
import { deploymentName, workloadPods } from "./workload";

export type { Refusal } from "./plan";

/**
 * What-if (issue 11): the topology now, and the topology once the changes have been applied and have settled,
 * predicted by editing the snapshot the way Kubernetes, the owning controller and AWS would (WIF-1..WIF-3) and
 * running the same analysis on it. Pure: same snapshot and changes, same answer. Null for an unknown Service.
 */
export function predictWhatIf(snapshot: Snapshot, ref: ServiceRef, changes: readonly Change[]): Omit<WhatIfResponse, "before" | "after"> & { before: ReturnType<typeof topologyOf>; after: ReturnType<typeof topologyOf> } | { refusal: Refusal } | null {
  const index = indexSnapshot(snapshot);
  const svc = index.servicesByKey.get(objectKey(ref.namespace, ref.name));
  if (!svc) return null;
  const before = topologyOf(svc, index);
  const ownership = owningController(svc);
  const flavour = flavourOf(ownership);
  const draft = new Draft(snapshot);
  const workload = workloadPods(draft, svc);
  const refusal = refusalOf(changes, { svc, ownership, flavour, before, index, workload });
  if (refusal || !flavour) return { refusal: refusal ?? { field: "service", message: "No controller lbpath models owns this Service." } };

  const plan = planOf(changes, { etp: svc.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster" });
  const svcAfter = applyKubernetes(draft, svc, plan);
  const joined = loadBalancersForService(svc, index).loadBalancers;
  reconcileAws(draft, joined, svcAfter, flavour, plan, before);
  const predicted = draft.snapshot();
  const after = topologyOf(svcAfter, indexSnapshot(predicted));

  const lb = joined[0];
  const replicasAfter = workloadPods(draft, svcAfter).filter((p) => !p.metadata.deletionTimestamp).length;
  const ctx = {
    svc,
    ownership,
    flavour,
    deployment: deploymentName(workload, svc),
    replicasAfter,
    loadBalancerArn: lb?.kind === "elbv2" ? lb.lb.loadBalancerArn : null,
    zonalShiftEnabled: lb?.kind === "elbv2" && lb.lb.attributes["zonal_shift.config.enabled"] === "true",
  };
  return {
    before,
    after,
    changes: changes.map((c) => ({ kind: c.kind, value: c.value, apply: applyStep(c, ctx) })),
    costs: costsOf(before, after, plan, flavour),
    transient: transientOf(before, after, plan, flavour),
    assumptions: assumptionsOf(plan),
  };
}
