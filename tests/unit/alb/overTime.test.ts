import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import { buildGraph } from "@/lib/graph/build";
import type { Snapshot } from "@/server/core/model/snapshot";

/**
 * Issue 12 on the paths of issue 13: an ALB's observed requests per zone (AWS/ApplicationELB RequestCount), its
 * targets' history (flapping), compared like an NLB's; weighted paths compare the load balancer's split, not the weight.
 */
const load = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;
const NOW = Date.parse("2026-11-20T10:00:00Z");
const at = (minutesBefore: number) => new Date(NOW - minutesBefore * 60_000).toISOString();

describe("ALB paths over time", () => {
  it("read RequestCount per zone of the ALB; a zone that gets none while expected is ZONE_NO_OBSERVED_TRAFFIC", () => {
    const t0 = buildIngressTopology(load("alb-instance"), { namespace: "default", name: "web" })!;
    const s = structuredClone(load("alb-instance")); // a new object: topologies are memoised per snapshot
    expect(t0.paths[0].observed!.metric).toBe("RequestCount");
    expect(t0.paths[0].observed!.divergence.level).toBe("ok");
    const lb = t0.paths[0].loadBalancer;
    // Zone b's ALB node received nothing: CloudWatch then has no data points for it.
    for (const x of s.metrics!.series) if (x.namespace === "AWS/ApplicationELB" && x.metricName === "RequestCount" && x.dimensions.AvailabilityZone === "us-east-1b") { x.timestamps = []; x.values = []; }
    const t = buildIngressTopology(s, { namespace: "default", name: "web" })!;
    const f = t.findings.filter((x) => x.code === "ZONE_NO_OBSERVED_TRAFFIC");
    expect(f.length).toBeGreaterThan(0);
    expect(f[0].message).toContain("us-east-1b got no new flows");
    expect(f[0].message).toContain("CloudWatch RequestCount");
    expect(f[0].action).toContain(`dig +short ${lb.dnsName}`);
    expect(t.paths[0].observed!.divergence.level).toBe("high");
  });

  it("a weighted canary compares the load balancer's zone split, not its 10 % weight", () => {
    const t = buildIngressTopology(load("alb-canary"), { namespace: "default", name: "web" })!;
    const canary = t.paths.find((p) => p.backendService!.name === "web-canary")!;
    expect(canary.weight).toBe(0.1);
    expect(canary.observed!.zones.map((z) => z.expectedShare)).toEqual([0.5, 0.5]);
    expect(canary.observed!.divergence.level).toBe("ok");
  });

  it("an ALB target whose health flapped in the last 15 minutes is a fault (TARGET_FLAPPING), with since", () => {
    const s = structuredClone(load("alb-instance"));
    const h = s.timeline!.targets.find((x) => x.id === "i-0afb782ec94ad2919")!;
    h.spans = [
      { state: "healthy", from: at(300), to: at(12) },
      { state: "unhealthy", from: at(12), to: at(9) },
      { state: "healthy", from: at(9), to: at(6) },
      { state: "unhealthy", from: at(6), to: at(3) },
      { state: "healthy", from: at(3), to: null },
    ];
    const t = buildIngressTopology(s, { namespace: "default", name: "web" })!;
    const target = t.paths[0].targets.find((x) => x.id === "i-0afb782ec94ad2919")!;
    expect(target.code).toBe("TARGET_FLAPPING");
    expect(target.verdict).toBe("fault");
    expect(Date.parse(target.since!.at)).toBe(NOW - 3 * 60_000);
    expect(t.findings.some((f) => f.code === "TARGET_FLAPPING" && f.pathId === t.paths[0].id)).toBe(true);
  });

  it("a shadowed rule's finding highlights its rule card in the graph", () => {
    const t = buildIngressTopology(load("alb-ingress-group"), { namespace: "shop", name: "api" })!;
    const path = t.paths[0];
    const keys = new Set(buildGraph(t, path, {}).nodes.map((n) => n.key));
    const shadowed = t.findings.filter((f) => f.code === "RULE_SHADOWED");
    expect(shadowed.flatMap((f) => f.refs).filter((r) => keys.has(r))).toEqual([`Rule:${path.loadBalancer.name}:80:3`]); // /api: rule 3, after /admin (longer Prefix paths first)
  });
});
