import type { Snapshot } from "@/server/core/model/snapshot";
import { EXTRA_RESOURCES } from "@/server/sources/live/extraResources";

/**
 * The fewest API requests that read a whole snapshot (issue 6): one paginated list per Kubernetes resource at the
 * largest page size the reader uses (500, kubectl's chunk), ELBv2/ELB Describe* pages of 400 (the API maximum),
 * DescribeTags with 20 ARNs or names per call (the API limit), and the per-resource calls no batch API exists for:
 * DescribeListeners and DescribeLoadBalancerAttributes per LB, DescribeTargetGroupAttributes and
 * DescribeTargetHealth per target group (not paginated, W1), DescribeInstanceHealth and
 * DescribeLoadBalancerAttributes per Classic ELB, DescribeRules per ALB HTTP/HTTPS listener (pages of 400). Each
 * Ingress / Gateway resource is one list too, also when its CRD is not installed (the 404 says so). Keys are the
 * emulator's ("elbv2:Action", "elb:Action") and the resource's plural.
 */
export const K8S_PAGE = 500;
export const ELB_PAGE = 400;
export const TAGS_PER_CALL = 20;

const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

export interface ApiMinimum {
  kubernetes: Record<string, number>;
  aws: Record<string, number>;
}

export function apiMinimum(s: Snapshot): ApiMinimum {
  const lbs = s.aws.loadBalancers;
  const tgs = s.aws.targetGroups;
  const clbs = s.aws.classicLoadBalancers;
  return {
    kubernetes: {
      services: pages(s.kubernetes.services.length, K8S_PAGE),
      endpointslices: pages(s.kubernetes.endpointSlices.length, K8S_PAGE),
      nodes: pages(s.kubernetes.nodes.length, K8S_PAGE),
      pods: pages(s.kubernetes.pods.length, K8S_PAGE),
      // One list per resource: the two IngressClassParams kinds share a plural, so theirs add up.
      ...EXTRA_RESOURCES.reduce<Record<string, number>>((m, res) => ({ ...m, [res.op.resource]: (m[res.op.resource] ?? 0) + pages(extraCount(s, res.op.resource), K8S_PAGE) }), {}),
    },
    aws: {
      "elbv2:DescribeLoadBalancers": pages(lbs.length, ELB_PAGE),
      "elbv2:DescribeTargetGroups": pages(tgs.length, ELB_PAGE),
      "elbv2:DescribeListeners": lbs.reduce((n, lb) => n + pages(lb.listeners.length, ELB_PAGE), 0),
      "elbv2:DescribeLoadBalancerAttributes": lbs.length,
      "elbv2:DescribeTargetGroupAttributes": tgs.length,
      "elbv2:DescribeTargetHealth": tgs.length,
      "elbv2:DescribeTags": Math.ceil((lbs.length + tgs.length) / TAGS_PER_CALL),
      ...(ruleListeners(s).length ? { "elbv2:DescribeRules": ruleListeners(s).reduce((n, l) => n + pages(l.rules?.length ?? 0, ELB_PAGE), 0) } : {}),
      "elb:DescribeLoadBalancers": pages(clbs.length, ELB_PAGE),
      "elb:DescribeTags": Math.ceil(clbs.length / TAGS_PER_CALL),
      "elb:DescribeLoadBalancerAttributes": clbs.length,
      "elb:DescribeInstanceHealth": clbs.length,
    },
  };
}

/** ALB listeners that have rules (HTTP/HTTPS): the reader calls DescribeRules for each. */
function ruleListeners(s: Snapshot) {
  return s.aws.loadBalancers.filter((lb) => lb.type === "application").flatMap((lb) => lb.listeners.filter((l) => l.protocol === "HTTP" || l.protocol === "HTTPS"));
}

/** Objects of one extra resource (by plural) in the snapshot. */
function extraCount(s: Snapshot, plural: string): number {
  const k = s.kubernetes;
  const kinds: Record<string, number | undefined> = {
    ingresses: k.ingresses?.length, ingressclasses: k.ingressClasses?.length, targetgroupbindings: k.targetGroupBindings?.length,
    gatewayclasses: k.gatewayClasses?.length, gateways: k.gateways?.length, loadbalancerconfigurations: k.loadBalancerConfigurations?.length,
    targetgroupconfigurations: k.targetGroupConfigurations?.length, listenerruleconfigurations: k.listenerRuleConfigurations?.length,
    // Two kinds of IngressClassParams and four of routes share a field.
    ingressclassparams: k.ingressClassParams?.length,
    httproutes: k.routes?.filter((r) => r.kind === "HTTPRoute").length, tcproutes: k.routes?.filter((r) => r.kind === "TCPRoute").length,
    udproutes: k.routes?.filter((r) => r.kind === "UDPRoute").length, tlsroutes: k.routes?.filter((r) => r.kind === "TLSRoute").length,
  };
  return kinds[plural] ?? 0;
}

export interface CallComparison {
  action: string;
  actual: number;
  minimum: number;
}

/** Per action, actual vs minimum (actions the reader sends beyond the minimum have minimum 0), sorted by name. */
export function compareCalls(actual: Record<string, number>, minimum: Record<string, number>): { rows: CallComparison[]; actual: number; minimum: number; ratio: number } {
  const actions = [...new Set([...Object.keys(actual), ...Object.keys(minimum)])].sort();
  const rows = actions.map((action) => ({ action, actual: actual[action] ?? 0, minimum: minimum[action] ?? 0 }));
  const a = rows.reduce((n, r) => n + r.actual, 0);
  const m = rows.reduce((n, r) => n + r.minimum, 0);
  return { rows, actual: a, minimum: m, ratio: m ? a / m : NaN };
}
