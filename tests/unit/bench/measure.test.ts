import { describe, expect, it } from "vitest";
import { apiMinimum, compareCalls } from "@/bench/measure/minimum";
import { percentile, summarize } from "@/bench/measure/stats";
import { generate } from "@/bench/generate";

describe("bench/measure/minimum", () => {
  it("counts pages of 500 / 400, tags in 20s and one call per target group and load balancer", () => {
    const { snapshot } = generate("L");
    const min = apiMinimum(snapshot);
    expect(min.kubernetes).toEqual({ services: 4, endpointslices: 5, nodes: 1, pods: 20 });
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
    expect(Object.values(min.kubernetes)).toEqual([1, 1, 1, 1]);
    expect(min.aws["elbv2:DescribeTags"]).toBe(0);
    expect(min.aws["elb:DescribeLoadBalancers"]).toBe(1);
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
