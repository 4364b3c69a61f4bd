import { describe, expect, it } from "vitest";
import type { Metrics } from "@/server/core/model/observed";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { loadBalancerDimension } from "@/server/core/analysis/metricKeys";
import { SCENARIOS, snapshot } from "../summary/scenario";

/**
 * paths[].observed and its findings (issue 12). Inputs: a demo scenario's snapshot with its CloudWatch data replaced
 * by hand-written per-zone flow counts, so each case states its numbers and the verdict follows from the documented
 * thresholds (observed.ts): busiest zone ≤ 1.2× expected ok, < 2× warn, ≥ 2× high; a zone expected to take flows that
 * takes none: high; a zone out of DNS taking ≥ 5 %: warn; fewer than 100 flows: not judged.
 */

const WINDOW = { start: "2026-11-20T09:45:00Z", end: "2026-11-20T10:00:00Z", periodSeconds: 60 };

/** The scenario with NewFlowCount per zone replaced: `flows[zone]` per minute for all 15 minutes. */
function withFlows(id: string, flows: Record<string, number>): Snapshot {
  const s = structuredClone(snapshot(id));
  const lb = s.aws.loadBalancers[0];
  const dim = loadBalancerDimension(lb.loadBalancerArn);
  const minutes = Array.from({ length: 15 }, (_, i) => new Date(Date.parse(WINDOW.start) + i * 60_000).toISOString().replace(/\.000Z$/, "Z"));
  const metrics: Metrics = {
    window: WINDOW,
    series: Object.entries(flows).map(([zone, n]) => ({
      namespace: "AWS/NetworkELB", metricName: "NewFlowCount", stat: "Sum", dimensions: { LoadBalancer: dim, AvailabilityZone: zone },
      timestamps: n ? minutes : [], values: n ? minutes.map(() => n) : [],
    })),
  };
  return { ...s, metrics };
}

const pathOf = (s: Snapshot) => buildTopology(s, { namespace: "default", name: "web" })!.paths[0];
const findings = (s: Snapshot) => buildTopology(s, { namespace: "default", name: "web" })!.findings.map((f) => f.code);
const Z = (l: string) => `us-east-1${l}`;

describe("observed traffic against the expected split", () => {
  // zone-silent: three zones in DNS, one healthy target each: ⅓ expected in each (DST-5, DST-6).
  it("a split within 1.2× is ok; shares and totals are the flows'", () => {
    const s = withFlows("zone-silent", { [Z("a")]: 110, [Z("b")]: 100, [Z("c")]: 90 });
    const o = pathOf(s).observed!;
    expect(o.window).toEqual(WINDOW);
    expect(o.metric).toBe("NewFlowCount");
    expect(o.zones.map((z) => [z.zone, z.newFlows, Math.round(z.share * 1000) / 1000, Math.round(z.expectedShare * 1000) / 1000])).toEqual([
      [Z("a"), 1650, 0.367, 0.333], [Z("b"), 1500, 0.333, 0.333], [Z("c"), 1350, 0.3, 0.333],
    ]);
    expect(o.zones[0].series).toEqual(new Array(15).fill(110));
    expect(o.divergence.level).toBe("ok"); // busiest 0.367 / 0.333 = 1.1
  });

  it("a zone taking more than 1.2× its share is warn (OBSERVED_SKEW, info); 2× or more is high (warning)", () => {
    const warn = withFlows("zone-silent", { [Z("a")]: 150, [Z("b")]: 80, [Z("c")]: 70 }); // a: 0.5 / 0.333 = 1.5
    expect(pathOf(warn).observed!.divergence.level).toBe("warn");
    expect(pathOf(warn).observed!.divergence.message).toContain("us-east-1a got 50.0% against 33.3% expected (1.5×)");
    const f = buildTopology(warn, { namespace: "default", name: "web" })!.findings.find((x) => x.code === "OBSERVED_SKEW")!;
    expect(f.severity).toBe("info");
    expect(f.refs).toEqual(["Zone:us-east-1a"]);
    const high = withFlows("zone-silent", { [Z("a")]: 220, [Z("b")]: 40, [Z("c")]: 40 }); // a: 0.733 / 0.333 = 2.2
    expect(pathOf(high).observed!.divergence.level).toBe("high");
    expect(buildTopology(high, { namespace: "default", name: "web" })!.findings.find((x) => x.code === "OBSERVED_SKEW")!.severity).toBe("warning");
  });

  it("a zone in DNS with healthy targets that takes no flows is high, with ZONE_NO_OBSERVED_TRAFFIC naming it and what to check", () => {
    const s = withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100, [Z("c")]: 0 });
    const o = pathOf(s).observed!;
    expect(o.zones.find((z) => z.zone === Z("c"))).toMatchObject({ newFlows: 0, share: 0, series: new Array(15).fill(0) });
    expect(o.divergence.level).toBe("high");
    expect(o.divergence.message).toContain("us-east-1c got no new flows, expected 33.3%");
    const t = buildTopology(s, { namespace: "default", name: "web" })!;
    const f = t.findings.find((x) => x.code === "ZONE_NO_OBSERVED_TRAFFIC")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("3,000");
    expect(f.action).toMatch(/security group|network ACL/);
    expect(f.refs[0]).toBe("Zone:us-east-1c");
    // The zone-specific finding explains the skew; no second finding for it.
    expect(t.findings.some((x) => x.code === "OBSERVED_SKEW")).toBe(false);
  });

  it("fewer than 100 flows, or none, are not judged", () => {
    const few = withFlows("zone-silent", { [Z("a")]: 6, [Z("b")]: 0, [Z("c")]: 0 }); // 90 flows, all in a
    expect(pathOf(few).observed!.divergence).toMatchObject({ level: "ok" });
    expect(pathOf(few).observed!.divergence.message).toMatch(/Only 90 new flows/);
    const none = withFlows("zone-silent", { [Z("a")]: 0, [Z("b")]: 0, [Z("c")]: 0 });
    expect(pathOf(none).observed!.divergence.message).toMatch(/No new flows/);
    expect(findings(none).filter((c) => /OBSERVED|DNS_TRAFFIC/.test(c))).toEqual([]);
  });

  it("a zone out of DNS taking ≥ 5 % is warn (ZONE_OUT_OF_DNS_TRAFFIC); less is not reported", () => {
    // blog-local: us-east-1b has no healthy target, so it is out of DNS and expected to take 0.
    const s = (b: number) => {
      const x = structuredClone(snapshot("blog-local"));
      const dim = loadBalancerDimension(x.aws.loadBalancers[0].loadBalancerArn);
      x.metrics = { window: WINDOW, series: [[Z("a"), 100 - b], [Z("b"), b]].map(([zone, n]) => ({ namespace: "AWS/NetworkELB", metricName: "NewFlowCount", stat: "Sum", dimensions: { LoadBalancer: dim, AvailabilityZone: zone as string }, timestamps: [WINDOW.start], values: [n as number] })) };
      return x;
    };
    expect(pathOf(s(6)).observed!.divergence.level).toBe("warn");
    expect(findings(s(6))).toContain("ZONE_OUT_OF_DNS_TRAFFIC");
    expect(pathOf(s(4)).observed!.divergence.level).toBe("ok");
    expect(findings(s(4))).not.toContain("ZONE_OUT_OF_DNS_TRAFFIC");
  });

  it("is null without metrics, or when this load balancer was not read", () => {
    const s = structuredClone(snapshot("zone-silent"));
    delete s.metrics;
    expect(pathOf(s).observed).toBeNull();
    const other = withFlows("zone-silent", {});
    expect(pathOf(other).observed).toBeNull();
  });

  it("data points outside the window, and NaN, are ignored", () => {
    const s = withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100, [Z("c")]: 100 });
    s.metrics!.series[0].timestamps.push("2026-11-20T10:00:00Z", "2026-11-20T09:44:00Z");
    s.metrics!.series[0].values.push(5_000, 5_000);
    expect(pathOf(s).observed!.zones[0].newFlows).toBe(1500);
  });

  it("the demo scenarios observe what they expect, except those bent on purpose", () => {
    const bent: Record<string, string> = { "zone-silent": "high", "fail-open-zone": "warn" };
    for (const id of SCENARIOS) {
      const s = snapshot(id);
      for (const svc of s.kubernetes.services.filter((x) => x.spec.type === "LoadBalancer")) {
        for (const p of buildTopology(s, { namespace: svc.metadata.namespace, name: svc.metadata.name })!.paths) {
          expect(p.observed, `${id} ${p.id}`).not.toBeNull();
          expect(p.observed!.divergence.level, `${id} ${p.id}: ${p.observed!.divergence.message}`).toBe(bent[id] ?? "ok");
        }
      }
    }
  });

  it("zone-silent: CloudWatch puts no flow in us-east-1c (hand check of the scenario's data)", () => {
    const o = pathOf(snapshot("zone-silent")).observed!;
    expect(o.zones.map((z) => z.zone)).toEqual([Z("a"), Z("b"), Z("c")]);
    expect(o.zones[2].newFlows).toBe(0);
    expect(o.zones[0].newFlows + o.zones[1].newFlows).toBeGreaterThan(15 * 500);
    expect(o.zones.every((z) => Math.abs(z.expectedShare - 1 / 3) < 1e-3)).toBe(true); // zones[].share is rounded to 3 places
  });
});
