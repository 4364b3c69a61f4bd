import { describe, expect, it } from "vitest";
import { apiMinimum, compareCalls } from "@/bench/measure/minimum";
import { percentile, summarize } from "@/bench/measure/stats";
import { generate } from "@/bench/generate";

describe("bench/measure/minimum", () => {
  it("counts pages of 500 / 400, tags in 20s and one call per target group and load balancer", () => {
    const { snapshot } = generate("L");
    const min = apiMinimum(snapshot);
    // The Ingress / Gateway resources: one list each (a 404 where the CRD is not installed); two kinds of
    // IngressClassParams share a plural.
    const extra = { ingresses: 1, ingressclasses: 1, ingressclassparams: 2, targetgroupbindings: 1, gatewayclasses: 1, gateways: 1, httproutes: 1, tcproutes: 1, udproutes: 1, tlsroutes: 1, loadbalancerconfigurations: 1, targetgroupconfigurations: 1, listenerruleconfigurations: 1 };
    expect(min.kubernetes).toEqual({ services: 4, endpointslices: 5, nodes: 1, pods: 20, ...extra });
    // NLB and Classic only: no DescribeRules call is needed.
    expect(min.aws["elbv2:DescribeRules"]).toBeUndefined();
    const lbs = snapshot.aws.loadBalancers.length;
    const tgs = snapshot.aws.targetGroups.length;
    expect(min.aws["elbv2:DescribeLoadBalancers"]).toBe(1);
    expect(min.aws["elbv2:DescribeTargetHealth"]).toBe(tgs);
    expect(min.aws["elbv2:DescribeTargetGroupAttributes"]).toBe(tgs);
    expect(min.aws["elbv2:DescribeListeners"]).toBe(lbs);
    expect(min.aws["elbv2:DescribeTags"]).toBe(Math.ceil((lbs + tgs) / 20));
    expect(min.aws["elb:DescribeInstanceHealth"]).toBe(snapshot.aws.classicLoadBalancers.length);
  });

  it("still needs one list per resource when the cluster is empty", () => {
    const { snapshot } = generate("S");
    const empty = { ...snapshot, kubernetes: { services: [], endpointSlices: [], nodes: [], pods: [] }, aws: { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] } };
    const min = apiMinimum(empty);
    expect(Object.values(min.kubernetes).every((n) => n >= 1)).toBe(true);
    expect(min.aws["elbv2:DescribeTags"]).toBe(0);
    expect(min.aws["elb:DescribeLoadBalancers"]).toBe(1);
  });

  it("counts DescribeRules pages per ALB HTTP/HTTPS listener", () => {
    const { snapshot } = generate("S");
    const rule = (priority: string) => ({ ruleArn: `r${priority}`, priority, conditions: [], actions: [{ type: "fixed-response" }], isDefault: priority === "default" });
    const listener = (port: number, protocol: string, n: number) => ({ listenerArn: `l${port}`, port, protocol, defaultActions: [], rules: Array.from({ length: n }, (_, i) => rule(i === n - 1 ? "default" : String(i + 1))) });
    const alb = { ...snapshot.aws.loadBalancers[0], type: "application" as const, listeners: [listener(80, "HTTP", 401), listener(443, "HTTPS", 2)] };
    const min = apiMinimum({ ...snapshot, aws: { ...snapshot.aws, loadBalancers: [alb] } });
    expect(min.aws["elbv2:DescribeRules"]).toBe(2 + 1);
  });

  it("compares per action, counting extra actions against a minimum of 0", () => {
    const c = compareCalls({ "elbv2:DescribeTargetHealth": 12, "elb:DescribeLoadBalancerPolicies": 2 }, { "elbv2:DescribeTargetHealth": 10 });
    expect(c.rows).toEqual([
      { action: "elb:DescribeLoadBalancerPolicies", actual: 2, minimum: 0 },
      { action: "elbv2:DescribeTargetHealth", actual: 12, minimum: 10 },
    ]);
    expect(c.ratio).toBeCloseTo(1.4);
  });
});

describe("bench/measure/stats", () => {
  it("uses nearest-rank percentiles", () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted on purpose
    expect(percentile(xs, 50)).toBe(10);
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile([7], 95)).toBe(7);
    expect(summarize([3, 1, 2])).toEqual({ n: 3, p50: 2, p95: 3, min: 1, max: 3 });
  });
});
