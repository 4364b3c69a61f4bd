import type { Snapshot } from "@/server/core/model/snapshot";
import { reshapeEndpointSlice, reshapeNode, reshapePod, reshapeService } from "./reshapeKubernetes";
import { keepAwsTag, pick, targetNodeLabelKeys } from "./trim";
import {
  reshapeGateway, reshapeGatewayClass, reshapeIngress, reshapeIngressClass, reshapeIngressClassParams, reshapeListenerRuleConfiguration,
  reshapeLoadBalancerConfiguration, reshapeRoute, reshapeTargetGroupBinding, reshapeTargetGroupConfiguration,
} from "./reshapeExtra";
import type { Rule } from "@/server/core/model/elbv2";

/**
 * Pure whole-snapshot helpers shared by the live reader, capture and the tests: the trim rule applied to any
 * snapshot (a read one is already trimmed; a demo scenario or an older capture becomes what the live source
 * would have read), a deterministic order, and a fingerprint for "did anything change".
 */

const byKey = <T>(key: (t: T) => string) => (a: T, b: T) => {
  const x = key(a), y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
const nsName = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;

/** Sort every list the reader assembles (top-level lists, listeners, targets) so equal data gives equal JSON. */
export function sortSnapshot(s: Snapshot): Snapshot {
  const k = s.kubernetes;
  const a = s.aws;
  const sorted = <T extends { metadata: { namespace?: string; name: string } }>(list: T[] | undefined, extra: (t: T) => string = () => "") =>
    list ? { value: [...list].sort(byKey((t: T) => `${extra(t)}|${nsName(t)}`)) } : undefined;
  const optional: Partial<Snapshot["kubernetes"]> = {};
  const put = <K extends keyof Snapshot["kubernetes"]>(key: K, v: { value: Snapshot["kubernetes"][K] } | undefined) => { if (v) optional[key] = v.value; };
  put("ingresses", sorted(k.ingresses));
  put("ingressClasses", sorted(k.ingressClasses));
  put("ingressClassParams", sorted(k.ingressClassParams, (p) => p.apiVersion));
  put("targetGroupBindings", sorted(k.targetGroupBindings));
  put("gatewayClasses", sorted(k.gatewayClasses));
  put("gateways", sorted(k.gateways));
  put("routes", sorted(k.routes, (r) => r.kind));
  put("loadBalancerConfigurations", sorted(k.loadBalancerConfigurations));
  put("targetGroupConfigurations", sorted(k.targetGroupConfigurations));
  put("listenerRuleConfigurations", sorted(k.listenerRuleConfigurations));
  return {
    ...s,
    kubernetes: {
      services: [...k.services].sort(byKey(nsName)),
      endpointSlices: [...k.endpointSlices].sort(byKey(nsName)),
      nodes: [...k.nodes].sort(byKey(nsName)),
      pods: [...k.pods].sort(byKey(nsName)),
      ...optional,
    },
    aws: {
      loadBalancers: [...a.loadBalancers]
        .map((lb) => ({
          ...lb,
          listeners: [...lb.listeners]
            .sort(byKey((l) => `${String(l.port).padStart(5, "0")} ${l.listenerArn}`))
            .map((l) => (l.rules ? { ...l, rules: sortRules(l.rules) } : l)),
        }))
        .sort(byKey((lb) => lb.loadBalancerArn)),
      targetGroups: [...a.targetGroups]
        .map((tg) => tg.targetHealthDescriptions
          ? { ...tg, targetHealthDescriptions: [...tg.targetHealthDescriptions].sort(byKey((d) => `${d.target.id}:${d.target.port ?? ""}`)) }
          : tg)
        .sort(byKey((tg) => tg.targetGroupArn)),
      classicLoadBalancers: [...a.classicLoadBalancers].sort(byKey((d) => d.loadBalancerName)),
    },
  };
}

/** DescribeRules order: by priority number, the default rule last (its priority is "default"). */
export function sortRules(rules: Rule[]): Rule[] {
  const rank = (r: Rule) => (r.isDefault || r.priority === "default" ? Number.MAX_SAFE_INTEGER : Number(r.priority));
  return [...rules].sort((x, y) => rank(x) - rank(y) || (x.ruleArn < y.ruleArn ? -1 : x.ruleArn > y.ruleArn ? 1 : 0));
}

/** The trim rule (./trim.ts) applied to a whole snapshot: what the live source would keep of it. Idempotent. */
export function trimSnapshot(s: Snapshot): Snapshot {
  const extraNodeLabels = targetNodeLabelKeys(s.kubernetes.services);
  const tags = (t: Record<string, string>) => pick(t, keepAwsTag) ?? {};
  return sortSnapshot({
    ...s,
    kubernetes: {
      services: s.kubernetes.services.map(reshapeService),
      endpointSlices: s.kubernetes.endpointSlices.map(reshapeEndpointSlice),
      nodes: s.kubernetes.nodes.map((n) => reshapeNode(n, extraNodeLabels)),
      pods: s.kubernetes.pods.map(reshapePod),
      ...trimExtra(s.kubernetes),
    },
    aws: {
      loadBalancers: s.aws.loadBalancers.map((lb) => ({ ...lb, tags: tags(lb.tags) })),
      targetGroups: s.aws.targetGroups.map((tg) => ({ ...tg, tags: tags(tg.tags) })),
      // Policy types are not read (no DescribeLoadBalancerPolicies), only names: see readClassic.ts.
      classicLoadBalancers: s.aws.classicLoadBalancers.map(({ policies, ...d }) => ({
        ...d,
        tags: tags(d.tags),
        ...(policies?.length ? { policies: policies.map((p) => ({ policyName: p.policyName })) } : {}),
      })),
    },
  });
}

/** JSON of the data part (no read times): equal fingerprints ⇒ the same object can be served again. */
export function snapshotFingerprint(s: Snapshot): string {
  return JSON.stringify({ cluster: s.cluster, kubernetes: s.kubernetes, aws: s.aws, problems: s.problems ?? [], metrics: s.metrics ?? null, timeline: s.timeline ?? null });
}

/** The optional Ingress / Gateway objects through their reshape (what the live reader would keep). */
function trimExtra(k: Snapshot["kubernetes"]): Partial<Snapshot["kubernetes"]> {
  const out: Partial<Snapshot["kubernetes"]> = {};
  if (k.ingresses) out.ingresses = k.ingresses.map(reshapeIngress);
  if (k.ingressClasses) out.ingressClasses = k.ingressClasses.map(reshapeIngressClass);
  if (k.ingressClassParams) out.ingressClassParams = k.ingressClassParams.map((p) => reshapeIngressClassParams(p, p.apiVersion));
  if (k.targetGroupBindings) out.targetGroupBindings = k.targetGroupBindings.map(reshapeTargetGroupBinding);
  if (k.gatewayClasses) out.gatewayClasses = k.gatewayClasses.map(reshapeGatewayClass);
  if (k.gateways) out.gateways = k.gateways.map(reshapeGateway);
  if (k.routes) out.routes = k.routes.map((r) => reshapeRoute(r, r.kind));
  if (k.loadBalancerConfigurations) out.loadBalancerConfigurations = k.loadBalancerConfigurations.map(reshapeLoadBalancerConfiguration);
  if (k.targetGroupConfigurations) out.targetGroupConfigurations = k.targetGroupConfigurations.map(reshapeTargetGroupConfiguration);
  if (k.listenerRuleConfigurations) out.listenerRuleConfigurations = k.listenerRuleConfigurations.map(reshapeListenerRuleConfiguration);
  return out;
}
