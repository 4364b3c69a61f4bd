import { describe, expect, it } from "vitest";
import type { TargetHistory } from "@/server/core/model/observed";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { CLASSIC_ZONE_METRICS, NLB_TARGET_GROUP_METRICS, NLB_ZONE_METRICS, metricQueries } from "@/server/core/analysis/metricKeys";
import { MAX_QUERIES_PER_CALL } from "@/server/sources/live/metrics";
import { FLAP_CHANGES, FLAP_WINDOW_MS, recentChanges } from "@/server/core/analysis/history";
import { DEFAULT_DEREGISTRATION_DELAY_SECONDS, NEW_FLOW_LAG_SECONDS, podExit } from "@/server/core/analysis/rollout";
import { snapshot } from "../summary/scenario";
import { WINDOW, Z, checkout, codes, sleepSpec, web, withFlows } from "./overTime.helpers";

/**
 * Audit of the "over time" analysis (issue 12): CloudWatch observed vs expected, target history / flapping, and the
 * rollout check. Every case here AGREES with its source; the source is quoted next to the assertion.
 */

describe("CloudWatch: which metrics, dimensions and statistics", () => {
  it("NLB: NewFlowCount Sum, ActiveFlowCount Average, ProcessedBytes Sum per LoadBalancer+AvailabilityZone; host counts per LoadBalancer+TargetGroup+AvailabilityZone", () => {
    // AWS NLB CloudWatch metrics (awsdocs/elb-network-load-balancers-user-guide load-balancer-cloudwatch-metrics.md):
    // NewFlowCount "The most useful statistic is `Sum`"; ActiveFlowCount "The most useful statistics are `Average`,
    // `Maximum`, and `Minimum`", "Dimensions • LoadBalancer • AvailabilityZone, LoadBalancer" (current page);
    // "we recommend that you monitor your Network Load Balancer using either the maximum of `HealthyHostCount` or the
    // minimum of `UnHealthyHostCount`".
    expect(NLB_ZONE_METRICS).toEqual([{ metricName: "NewFlowCount", stat: "Sum" }, { metricName: "ActiveFlowCount", stat: "Average" }, { metricName: "ProcessedBytes", stat: "Sum" }]);
    expect(NLB_TARGET_GROUP_METRICS).toEqual([{ metricName: "HealthyHostCount", stat: "Maximum" }, { metricName: "UnHealthyHostCount", stat: "Minimum" }]);
    const q = metricQueries(snapshot("zone-silent").aws);
    const nlb = q.filter((x) => x.namespace === "AWS/NetworkELB");
    expect(new Set(nlb.filter((x) => x.metricName === "NewFlowCount").map((x) => Object.keys(x.dimensions).sort().join(",")))).toEqual(new Set(["AvailabilityZone,LoadBalancer"]));
    expect(new Set(nlb.filter((x) => x.metricName === "HealthyHostCount").map((x) => Object.keys(x.dimensions).sort().join(",")))).toEqual(new Set(["AvailabilityZone,LoadBalancer,TargetGroup"]));
    expect(nlb.every((x) => /^net\//.test(x.dimensions.LoadBalancer))).toBe(true); // "net/load-balancer-name/1234567890123456 (the final portion of the load balancer ARN)"
  });

  it("Classic: RequestCount (Sum) and HealthyHostCount per LoadBalancerName+AvailabilityZone", () => {
    // Classic metrics page: dimensions "AvailabilityZone" and "LoadBalancerName"; RequestCount "The most useful
    // statistic is `Sum`"; HealthyHostCount "The most useful statistics are `Average` and `Maximum`".
    expect(CLASSIC_ZONE_METRICS).toEqual([{ metricName: "RequestCount", stat: "Sum" }, { metricName: "HealthyHostCount", stat: "Maximum" }]);
    const q = metricQueries(snapshot("classic-tcp").aws).filter((x) => x.namespace === "AWS/ELB");
    expect(q.length).toBe(4);
    expect(q.every((x) => Object.keys(x.dimensions).sort().join(",") === "AvailabilityZone,LoadBalancerName")).toBe(true);
  });

  it("Classic TCP-only listener: RequestCount exists and counts connections, so the zones are judged", () => {
    // Classic RequestCount: "The number of requests completed or connections made … [TCP listener] The number of
    // connections made to the registered instances." classic-tcp has only a TCP:80 listener.
    const s = snapshot("classic-tcp");
    expect(s.aws.classicLoadBalancers[0].listenerDescriptions.every((l) => l.listener.protocol === "TCP")).toBe(true);
    const o = web(s).paths[0].observed!;
    expect(o.metric).toBe("RequestCount");
    expect(o.zones.map((z) => z.zone)).toEqual([Z("a"), Z("b")]);
    expect(o.zones.every((z) => z.newFlows > 0)).toBe(true);
    expect(o.zones.every((z) => z.activeFlows === null && z.unhealthyHosts === null)).toBe(true); // not NLB metrics
  });

  it("GetMetricData: 500 queries per call", () => {
    // GetMetricData: "A single GetMetricData call can include as many as 500 MetricDataQuery structures" and "a total of
    // as many as 100,800 data points"; 500 × 15 points = 7,500 < 100,800, so NextToken paging is rare but followed.
    expect(MAX_QUERIES_PER_CALL).toBe(500);
    expect(MAX_QUERIES_PER_CALL * 15).toBeLessThan(100_800);
  });
});

describe("observed vs expected: gaps, zeros and thresholds", () => {
  it("a missing data point is zero new flows (NewFlowCount is reported only when nonzero)", () => {
    // NLB metrics: NewFlowCount "Reporting criteria: There is a nonzero value"; "If there are no requests flowing
    // through the load balancer or no data for a metric, the metric is not reported."
    const s = withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100, [Z("c")]: 100 });
    const a = s.metrics!.series[0];
    a.timestamps = a.timestamps.filter((_, i) => i % 2 === 0); // every other minute absent
    a.values = a.values.filter((_, i) => i % 2 === 0);
    const z = web(s).paths[0].observed!.zones[0];
    expect(z.series).toEqual(Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 100 : 0)));
    expect(z.newFlows).toBe(800);
  });

  it("a zone expected to get traffic that gets none is high (ZONE_NO_OBSERVED_TRAFFIC), naming the zone", () => {
    // Issue: "a zone expected to get traffic that gets none".
    const t = web(withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100, [Z("c")]: 0 }));
    expect(t.paths[0].observed!.divergence.level).toBe("high");
    expect(t.findings.find((f) => f.code === "ZONE_NO_OBSERVED_TRAFFIC")!.refs[0]).toBe(`Zone:${Z("c")}`);
  });

  it("stale DNS: a zone with zero expected share (out of DNS) that still takes ≥ 5 % is reported", () => {
    // Issue: "a zone getting traffic while out of DNS". blog-local: us-east-1b has no healthy target, out of DNS.
    const s = structuredClone(snapshot("blog-local"));
    const base = withFlows("blog-local", { [Z("a")]: 90, [Z("b")]: 10 });
    s.metrics = base.metrics;
    const t = web(s);
    const b = t.paths[0].observed!.zones.find((z) => z.zone === Z("b"))!;
    expect(b.expectedShare).toBe(0);
    expect(Math.round(b.share * 100)).toBe(10);
    expect(codes(t)).toContain("ZONE_OUT_OF_DNS_TRAFFIC");
  });

  it("thresholds as documented in observed.ts: ≤ 1.2× ok, above it warn, ≥ 2× high", () => {
    // observed.ts: "≤ 1.2 ok, < 2.0 warn, ≥ 2.0 high"; "Fewer than 100 new flows in the window are not judged".
    // zone-silent expects ⅓ per zone (zones[].share rounded to 3 places: 0.333).
    const ratio = (a: number, b: number, c: number) => web(withFlows("zone-silent", { [Z("a")]: a, [Z("b")]: b, [Z("c")]: c })).paths[0].observed!.divergence.level;
    expect(ratio(76, 62, 62)).toBe("ok"); // busiest a: 0.38 / 0.333 = 1.14
    expect(ratio(100, 50, 50)).toBe("warn"); // a: 0.5 / 0.333 = 1.5
    expect(ratio(134, 33, 33)).toBe("high"); // a: 0.67 / 0.333 = 2.01
  });

  it("fewer than 100 flows in the window: not judged; exactly 100 and skewed: judged", () => {
    const one = (n: number) => {
      const s = withFlows("zone-silent", { [Z("a")]: 1, [Z("b")]: 0, [Z("c")]: 0 });
      s.metrics!.series[0].timestamps = [WINDOW.start];
      s.metrics!.series[0].values = [n];
      return web(s).paths[0].observed!.divergence;
    };
    expect(one(99)).toMatchObject({ level: "ok" });
    expect(one(99).message).toMatch(/Only 99 new flows/);
    expect(one(100).level).toBe("high");
  });
});

describe("history: flapping (≥ 3 changes in 15 min)", () => {
  const NOW = Date.parse("2026-11-20T10:00:00Z");
  const at = (sBefore: number) => new Date(NOW - sBefore * 1000).toISOString();
  const hist = (bounds: number[]): TargetHistory => {
    const states = ["healthy", "unhealthy"];
    const edges = [6 * 3600, ...bounds];
    return {
      targetGroupArn: "arn:tg", id: "i-1", port: 80, observedSince: at(6 * 3600),
      spans: edges.map((from, i) => ({ state: states[i % 2], from: at(from), to: i + 1 < edges.length ? at(edges[i + 1]) : null })),
    };
  };

  it("exactly 3 changes inside the 15 minutes is flapping", () => {
    // Issue: "flag flapping (≥ 3 changes in 15 min) as a fault".
    expect(FLAP_CHANGES).toBe(3);
    expect(FLAP_WINDOW_MS).toBe(15 * 60_000);
    expect(recentChanges(hist([899, 600, 1]), NOW)).toBe(3);
  });

  it("the window is (now − 15 min, now]: a change exactly 15:00 ago is outside, 14:59 inside", () => {
    // "within 15 min": a change 15 min ago to the second is the window's open edge (documented half-open interval).
    expect(recentChanges(hist([900, 600, 1]), NOW)).toBe(2);
    expect(recentChanges(hist([899, 600, 0]), NOW)).toBe(3);
  });

  it("in the topology: 3 changes at the edge makes TARGET_FLAPPING a fault whatever the current state", () => {
    const s: Snapshot = structuredClone(snapshot("flapping-target"));
    const h = s.timeline!.targets.find((x) => x.spans.length > 2)!;
    // Three changes: 09:45:01 (14:59 before the snapshot), 09:50, 09:55; the open span ends the history.
    h.spans = [
      { state: "healthy", from: "2026-11-20T04:00:00Z", to: "2026-11-20T09:45:01Z" },
      { state: "unhealthy", reason: "Target.FailedHealthChecks", from: "2026-11-20T09:45:01Z", to: "2026-11-20T09:50:00Z" },
      { state: "healthy", from: "2026-11-20T09:50:00Z", to: "2026-11-20T09:55:00Z" },
      { state: "unhealthy", reason: "Target.FailedHealthChecks", from: "2026-11-20T09:55:00Z", to: null },
    ];
    const t = web(s);
    const f = t.paths[0].targets.find((x) => x.id === h.id)!;
    expect(f.recentChanges).toBe(3);
    expect(f).toMatchObject({ verdict: "fault", code: "TARGET_FLAPPING" });
  });
});

describe("rollout check", () => {
  it("Kubernetes: the grace period includes the preStop hook (preStop 15 s, grace 30 s → serves 15 s)", () => {
    // Lifecycle.preStop API doc: "The Pod's termination grace period countdown begins before the PreStop hook is
    // executed. Regardless of the outcome of the handler, the container will eventually terminate within the Pod's
    // termination grace period". Default grace 30 s (Kubernetes in Action: "defaults to 30 seconds").
    const spec = { terminationGracePeriodSeconds: 30, containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 15 } } } }] };
    expect(podExit({ metadata: { name: "p", namespace: "n" }, spec })).toMatchObject({ stays: 15, cutShort: false });
  });

  it("NLB ip, preStop 15 s + grace 30 s vs deregistration delay 300 s: reported (existing flows continue up to 300 s)", () => {
    // NLB target groups (awsdocs …/load-balancer-target-groups.md, "Deregistration delay"): "When you deregister an
    // instance, the load balancer stops creating new connections … If the deregistered instance stays healthy and an
    // existing connection is not idle, the load balancer can continue to send traffic to the instance." Default 300 s.
    // LBC #2366 (measured, not documented by AWS): "deregistration takes at least 2 minutes regardless of the
    // deregistration delay setting … during deregistration, the pod may still receive new requests/connections".
    expect(DEFAULT_DEREGISTRATION_DELAY_SECONDS).toBe(300);
    const f = checkout(sleepSpec(15, 30)).findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!;
    expect(f.message).toMatch(/can stop serving 15 s after they are deleted/);
    expect(f.message).toMatch(/for up to 300 s/);
    expect(f.message).not.toMatch(/resets what is left/); // TCP target group, connection termination false
  });

  it("a short delay still needs ~120 s (new flows keep arriving for about 2 minutes after deregistration starts)", () => {
    // aws/containers-roadmap #470: "It also takes about two minutes (and that if the deregistration delay is set to a
    // minimum or even zero -- the effective minimum delay seems to be 120 seconds) for the connections to stop coming".
    expect(NEW_FLOW_LAG_SECONDS).toBe(120);
    const t = checkout(sleepSpec(60, 90), { "deregistration_delay.timeout_seconds": "0" });
    expect(t.findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!.message).toMatch(/for up to 120 s/);
    expect(codes(checkout(sleepSpec(120, 150), { "deregistration_delay.timeout_seconds": "0" }))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
  });

  it("an unset delay is the default 300 s", () => {
    const t = checkout(sleepSpec(200, 230), {}, (s) => { for (const tg of s.aws.targetGroups) delete tg.attributes["deregistration_delay.timeout_seconds"]; });
    expect(t.findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!.message).toMatch(/for up to 300 s/);
  });

  it("ip targets without the LBC readiness gate: READINESS_GATE_MISSING naming the namespace label", () => {
    // LBC "Pod readiness gate": "you need to apply the label elbv2.k8s.aws/pod-readiness-gate-inject: enabled to the
    // pod namespace … this only works with target-type: ip"; without it "the target group might only have registered
    // targets that are in »Initial« or »Draining« state; this results in service outage".
    const t = checkout(sleepSpec(300, 330, []));
    const f = t.findings.find((x) => x.code === "READINESS_GATE_MISSING")!;
    expect(f.message).toMatch(/target-health\.elbv2\.k8s\.aws\//);
    expect(f.action).toMatch(/elbv2\.k8s\.aws\/pod-readiness-gate-inject=enabled/);
    expect(codes(checkout(sleepSpec(300, 330)))).not.toContain("READINESS_GATE_MISSING");
  });

  it("instance targets: no readiness gate finding (the gate only works with target-type: ip)", () => {
    const s: Snapshot = structuredClone(snapshot("blog-local"));
    s.kubernetes.pods[0].spec = { nodeName: s.kubernetes.pods[0].spec?.nodeName, terminationGracePeriodSeconds: 30 };
    expect(codes(web(s))).not.toContain("READINESS_GATE_MISSING");
  });

  it("instance + Local: the node keeps getting new flows for interval × unhealthy threshold after its last pod goes (HLT-F2/F3)", () => {
    // traffic-semantics HLT-F3: "Detection lag = Interval × UnhealthyThreshold …; during the lag the LB still sends
    // new flows to the target"; HLT-F2: kube-proxy "still forwards to the terminating pod until it exits".
    const s: Snapshot = structuredClone(snapshot("blog-local"));
    s.kubernetes.pods[0].spec = { nodeName: s.kubernetes.pods[0].spec?.nodeName, terminationGracePeriodSeconds: 30, containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 20 } } } }] };
    expect(codes(web(s))).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION"); // 20 s ≥ 10 s × 2
    const s5: Snapshot = structuredClone(snapshot("blog-local")); // a fresh object: the snapshot index is memoised per object
    s5.kubernetes.pods[0].spec = { nodeName: s5.kubernetes.pods[0].spec?.nodeName, terminationGracePeriodSeconds: 30, containers: [{ name: "a", lifecycle: { preStop: { sleep: { seconds: 5 } } } }] };
    expect(web(s5).findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!.message).toMatch(/for up to 20 s/);
  });

  it("Classic + Local is checked the same way (legacy provider's health check on healthCheckNodePort): 10 s × 6 = 60 s", () => {
    // HLT-F3 applies to any load balancer that health-checks the node; classic-local: TCP/HTTP HC interval 10, unhealthy threshold from the scenario.
    const s: Snapshot = structuredClone(snapshot("classic-local"));
    for (const p of s.kubernetes.pods) p.spec = { nodeName: p.spec?.nodeName, terminationGracePeriodSeconds: 30 };
    const hc = s.aws.classicLoadBalancers[0].healthCheck as { interval: number; unhealthyThreshold: number };
    const f = web(s).findings.find((x) => x.code === "POD_EXITS_BEFORE_DEREGISTRATION")!;
    expect(f.message).toContain(`${hc.interval} s × ${hc.unhealthyThreshold} = ${hc.interval * hc.unhealthyThreshold} s`);
  });

  it("instance + Cluster: not checked (the node stays a healthy target; kube-proxy stops using the not-ready endpoint)", () => {
    // traffic-semantics HLT-F2 is specific to Local; under Cluster any node forwards to any ready endpoint (DST-8).
    const s: Snapshot = structuredClone(snapshot("cluster-snat"));
    for (const p of s.kubernetes.pods) p.spec = { nodeName: p.spec?.nodeName, terminationGracePeriodSeconds: 30 };
    const svc = s.kubernetes.services[0].metadata;
    expect(codes(buildTopology(s, { namespace: svc.namespace, name: svc.name })!)).not.toContain("POD_EXITS_BEFORE_DEREGISTRATION");
  });
});
