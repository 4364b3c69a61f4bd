import type { Snapshot } from "@/server/core/model/snapshot";
import type { AwsHealth, AwsStructure, AwsTags } from "./awsStages";
import { reshapeClassic, reshapeLoadBalancer, reshapeTargetGroup } from "./reshapeAws";

/** Pure: the three AWS stages (raw SDK shapes) → the Snapshot's `aws` half. */
export function assembleAws(s: AwsStructure, tags: AwsTags, health: AwsHealth): Snapshot["aws"] {
  return {
    loadBalancers: s.loadBalancers.map((lb) => reshapeLoadBalancer(lb, {
      listeners: s.listeners.get(lb.LoadBalancerArn ?? ""),
      rules: s.rules,
      attributes: s.loadBalancerAttributes.get(lb.LoadBalancerArn ?? ""),
      tags: tags.v2.get(lb.LoadBalancerArn ?? ""),
    })),
    targetGroups: s.targetGroups.map((tg) => reshapeTargetGroup(tg, {
      attributes: s.targetGroupAttributes.get(tg.TargetGroupArn ?? ""),
      tags: tags.v2.get(tg.TargetGroupArn ?? ""),
      health: health.targetHealth.get(tg.TargetGroupArn ?? ""),
    })),
    classicLoadBalancers: s.classic.map((d) => reshapeClassic(d, {
      attributes: s.classicAttributes.get(d.LoadBalancerName ?? ""),
      tags: tags.classic.get(d.LoadBalancerName ?? ""),
      instanceStates: health.instanceHealth.get(d.LoadBalancerName ?? ""),
    })),
  };
}
