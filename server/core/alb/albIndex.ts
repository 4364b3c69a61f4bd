import type * as elbv2 from "../model/elbv2";
import type * as ing from "../model/ingress";
import type * as crd from "../model/crds";
import { GATEWAY_TAG_PREFIXES } from "../model/crds";
import type { Snapshot } from "../model/snapshot";
import { memoPerObject } from "../memo";
import { objectKey } from "../index/snapshotIndex";

/** Lookups for the ALB / TargetGroupBinding / Gateway analysis, built once per snapshot (like snapshotIndex.ts). */
export interface AlbIndex {
  ingressesByKey: Map<string, ing.Ingress>;
  ingressClassesByName: Map<string, ing.IngressClass>;
  /** IngressClassParams by "<apiVersion>/<name>". */
  paramsByRef: Map<string, ing.IngressClassParams>;
  /** TargetGroupBindings by target group ARN (several: a group bound twice). */
  bindingsByArn: Map<string, crd.TargetGroupBinding[]>;
  gatewaysByKey: Map<string, crd.Gateway>;
  gatewayClassesByName: Map<string, crd.GatewayClass>;
  /** ELBv2 load balancers by the controller's stack tag (ingress.k8s.aws/stack). */
  albsByStack: Map<string, elbv2.LoadBalancer[]>;
  /** Load balancers a Gateway's status address names (GW-2): theirs, not hand-made ones. */
  gatewayLoadBalancerArns: Set<string>;
}

export const albIndex: (s: Snapshot) => AlbIndex = memoPerObject((s) => {
  const k = s.kubernetes;
  const bindingsByArn = new Map<string, crd.TargetGroupBinding[]>();
  for (const b of k.targetGroupBindings ?? []) {
    const arn = b.spec.targetGroupARN ?? s.aws.targetGroups.find((t) => t.targetGroupName === b.spec.targetGroupName)?.targetGroupArn;
    if (arn) bindingsByArn.set(arn, [...(bindingsByArn.get(arn) ?? []), b]);
  }
  const albsByStack = new Map<string, elbv2.LoadBalancer[]>();
  for (const lb of s.aws.loadBalancers) {
    const stack = lb.tags["ingress.k8s.aws/stack"];
    if (stack) albsByStack.set(stack, [...(albsByStack.get(stack) ?? []), lb]);
  }
  const byDns = new Map(s.aws.loadBalancers.map((lb) => [lb.dnsName.toLowerCase(), lb.loadBalancerArn]));
  // The controller's Gateway load balancers: named by a Gateway's status address, or tagged as a Gateway's stack.
  const tagged = s.aws.loadBalancers.filter((lb) => GATEWAY_TAG_PREFIXES.some((p) => lb.tags[`${p}/stack`])).map((lb) => lb.loadBalancerArn);
  const gatewayLoadBalancerArns = new Set([...(k.gateways ?? []).flatMap((g) => (g.status?.addresses ?? []).map((a) => byDns.get(a.value.toLowerCase()))).filter((x): x is string => !!x), ...tagged]);
  return {
    gatewayLoadBalancerArns,
    ingressesByKey: new Map((k.ingresses ?? []).map((i) => [objectKey(i.metadata.namespace, i.metadata.name), i])),
    ingressClassesByName: new Map((k.ingressClasses ?? []).map((c) => [c.metadata.name, c])),
    paramsByRef: new Map((k.ingressClassParams ?? []).map((p) => [`${p.apiVersion}/${p.metadata.name}`, p])),
    bindingsByArn,
    gatewaysByKey: new Map((k.gateways ?? []).map((g) => [objectKey(g.metadata.namespace, g.metadata.name), g])),
    gatewayClassesByName: new Map((k.gatewayClasses ?? []).map((c) => [c.metadata.name, c])),
    albsByStack,
  };
});
