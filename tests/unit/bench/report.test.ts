import { describe, expect, it } from "vitest";
import { goalChecks, formatSize, type SizeResult, type TopologyProbe } from "@/bench/report";
import { GOALS } from "@/bench/goals";
import { SIZES } from "@/bench/sizes";
import { summarize } from "@/bench/measure/stats";

const probe = (role: string, targets: number, p95: number, floor: number): TopologyProbe => ({
  role, namespace: "ns", name: role, targets,
  latency: { ...summarize([p95 / 2, p95]), bytes: 1000, wireBytes: 100 },
  compute: { floor: summarize([floor]), gzip: summarize([1]), indexMs: 1, topology: summarize([2]) },
  goalMs: GOALS.topologyP95Ms(targets),
});

function result(p: Partial<SizeResult> = {}): SizeResult {
  return {
    size: "L", spec: SIZES.L, seed: "s",
    generate: { ms: 1, fileBytes: 1, counts: { pods: 1, nodes: 1, services: 1, loadBalancers: 1, classicLoadBalancers: 0, targetGroups: 1, targets: 1 } },
    ...p,
  };
}

describe("bench/goals", () => {
  it("brackets the topology goal by target count (G1)", () => {
    expect([4, 100, 101, 500, 1000, 3000].map((n) => GOALS.topologyP95Ms(n))).toEqual([50, 50, 150, 150, 150, 400]);
  });
});

describe("bench/report goalChecks", () => {
  const server = (topology: TopologyProbe[], rss: number) => ({
    firstLoadMs: 1, rssAfterLoadMiB: rss - 10, rssAfterBenchMiB: rss, baselineMs: 1,
    services: { ...summarize([1]), bytes: 1, wireBytes: 1 }, triage: { ...summarize([1]), bytes: 1, wireBytes: 1, rows: 0 }, topology,
  });

  it("judges latency, the floor multiple and memory against the goals", () => {
    const checks = goalChecks(result({ server: server([probe("big-instance", 500, 140, 30), probe("big-ip", 3000, 420, 100)], 301) }));
    const met = Object.fromEntries(checks.map((c) => [c.goal, c.met]));
    expect(met["topology big-instance (500 targets) p95 ≤ 150 ms"]).toBe(true);
    expect(met["topology big-instance p95 ≤ 5× JSON.stringify floor"]).toBe(true);
    expect(met["topology big-ip (3000 targets) p95 ≤ 400 ms"]).toBe(false);
    expect(met["topology big-ip p95 ≤ 5× JSON.stringify floor"]).toBe(true);
    expect(met["server RSS ≤ 300 MiB"]).toBe(false);
  });

  it("judges cold-load calls and the browser, and prints a table without throwing", () => {
    const rows = [{ action: "elbv2:DescribeTargetHealth", actual: 11, minimum: 10 }];
    const calls = { rows, actual: 11, minimum: 10, ratio: 1.1 };
    const read = { services: 1, endpointSlices: 1, nodes: 1, pods: 1, loadBalancers: 1, targetGroups: 1, classicLoadBalancers: 0, targets: 1, problems: [] };
    const r = result({
      cold: { runs: [{ ms: 5, kubernetesMs: 2, awsMs: 3, kubernetes: {}, aws: {}, read }], awsConcurrency: 4, kubernetesPageSize: 500, expected: read, kubernetes: calls, aws: calls },
      browser: { pages: [{ role: "big-instance", targets: 500, url: "http://127.0.0.1/x", runs: [], graphMsP50: 1600, graphMsMax: 1700, interactiveMsP50: 1650 }], initialJs: { scripts: 3, rawBytes: 900_000, gzipBytes: 251_000, largest: [] } },
    });
    const met = Object.fromEntries(goalChecks(r).map((c) => [c.goal, c.met]));
    expect(met["AWS calls ≤ 1.1× minimum"]).toBe(true);
    expect(met["graph painted ≤ 1500 ms (500 targets)"]).toBe(false);
    expect(met["initial JS ≤ 250 KB gzip"]).toBe(false);
    expect(formatSize(r)).toContain("MISSED");
  });
});
