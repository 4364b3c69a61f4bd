import type * as k8s from "../model/kubernetes";
import type { Finding, Path, Warning } from "@/lib/api/topology";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { elbv2LbFacts } from "../join/pathInputs";
import { albIndex } from "./albIndex";
import { listenerPaths } from "./listenerPaths";
import { ruleViews } from "./ruleViews";

/**
 * TGB-1 (L9): target groups bound to this Service by a TargetGroupBinding that the controllers did not make for an
 * Ingress, a Gateway or a Service of their own (no `ingress.k8s.aws/stack` / `service.k8s.aws/stack` tag, not a
 * Gateway's load balancer) — a load balancer made
 * outside the cluster (Terraform, the console) whose targets the AWS Load Balancer Controller keeps in step with the
 * Service. Each becomes a path of the Service: load balancer → listener → the bound target group → nodes / pods.
 */
export function userBindings(svc: k8s.Service, index: SnapshotIndex) {
  const idx = albIndex(index.snapshot);
  return [...idx.bindingsByArn.entries()]
    .filter(([, bs]) => bs.some((b) => b.metadata.namespace === svc.metadata.namespace && b.spec.serviceRef.name === svc.metadata.name))
    .map(([arn]) => index.targetGroupsByArn.get(arn))
    .filter((tg): tg is NonNullable<typeof tg> => !!tg && !tg.tags["ingress.k8s.aws/stack"] && !tg.tags["service.k8s.aws/stack"] && !tg.loadBalancerArns.some((a) => idx.gatewayLoadBalancerArns.has(a)));
}

export function bindingPaths(svc: k8s.Service, index: SnapshotIndex, warnings: Warning[]): { paths: Path[]; findings: Finding[] } {
  const idx = albIndex(index.snapshot);
  const paths: Path[] = [];
  const findings: Finding[] = [];
  for (const tg of userBindings(svc, index)) {
    const lb = tg.loadBalancerArns.map((a) => index.loadBalancersByArn.get(a)).find((x) => !!x);
    if (!lb) continue; // an orphan target group: nothing sends it traffic
    const facts = elbv2LbFacts(lb, "tags", index);
    for (const listener of lb.listeners) {
      const views = ruleViews(listener, index, idx, []);
      const forwards = (v: (typeof views)[number]) => v.actions.some((a) => (a.targetGroups ?? []).some((t) => t.arn === tg.targetGroupArn));
      if (!views.some(forwards)) continue;
      const out = listenerPaths({ lb, facts, listener, views: views.map((v) => (forwards(v) ? { ...v, actions: v.actions.map((a) => ({ ...a, targetGroups: a.targetGroups?.filter((t) => t.arn === tg.targetGroupArn) })) } : v)), mine: forwards, subject: `Service ${svc.metadata.namespace}/${svc.metadata.name}`, subjectKind: "Service" }, index, idx, warnings);
      // A Service path has no rules column (NLB listeners have only the default action).
      paths.push(...out.paths.map((p) => (lb.type === "network" ? { ...p, rules: undefined } : p)));
      findings.push(...out.findings);
    }
  }
  return { paths, findings };
}
