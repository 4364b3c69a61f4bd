import { describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import { podExit } from "@/server/core/analysis/rollout";
import { snapshot } from "../summary/scenario";
import { WINDOW, Z, checkout, codes, web, withFlows } from "./overTime.helpers";

/**
 * Cases where the "over time" analysis disagreed with its sources until the audit of 2026-12-07; each failed before
 * its fix. The comment gives the source quote, the input, expected vs what lbpath did then ("Actual"), and a judgement.
 */

describe("rollout check", () => {
  it("D1 a sidecar's preStop does not keep the serving container alive: app without preStop + sidecar sleep 300 → reported", () => {
    // Source: Kubernetes "Pod lifecycle / Termination of Pods": "… the containers in the Pod receive the TERM signal at
    // different times and in an arbitrary order. If the order of shutdowns matters, consider using a preStop hook to
    // synchronize (or switch to using sidecar containers)." Lifecycle.preStop: "PreStop is called immediately before a
    // container is terminated" (per container). Kubernetes in Action 2e §6.4.3: "Containers terminate in parallel. Each
    // container's pre-stop hook runs, then its main process receives SIGTERM."
    // Input: NLB ip (rollout-drain-gap), grace 330, container "app" (serves targetPort) without preStop, container
    // "proxy-sidecar" with preStop sleep 300; delay 300 s.
    // Expected: POD_EXITS_BEFORE_DEREGISTRATION (the app gets SIGTERM at t≈0 and exits while the NLB still sends).
    // Actual: preStopOf() takes the longest hook of ANY container (300 s) as the pod's: no finding.
    // Judgement: real false negative (medium). Fix: in podExit(), use the hook of the container(s) exposing the
    // Service's targetPort (containers[].ports), or the shortest hook across containers when that is unknown.
    const spec = {
      terminationGracePeriodSeconds: 330,
      containers: [
        { name: "app", ports: [{ containerPort: 8080 }] },
        { name: "proxy-sidecar", lifecycle: { preStop: { sleep: { seconds: 300 } } } },
      ],
      readinessGates: [{ conditionType: "target-health.elbv2.k8s.aws/k8s-shop-checkout-67f01cf608" }],
    };
    expect(codes(checkout(spec))).toContain("POD_EXITS_BEFORE_DEREGISTRATION");
    expect(podExit({ metadata: { name: "p", namespace: "shop" }, spec })!.stays).toBe(0);
  });

  it("D2 ALB ip targets (Ingress via LBC) without the readiness gate: READINESS_GATE_MISSING", () => {
    // Source: LBC "Pod readiness gate": "AWS Load Balancer controller supports »Pod readiness gates« to indicate that
    // pod is registered to the ALB/NLB and healthy to receive traffic … this only works with target-type: ip"; without
    // it "the target group might only have registered targets that are in »Initial« or »Draining« state; this results
    // in service outage". DeregisterTargets API: "The load balancer stops sending requests to targets that are
    // deregistering, but uses connection draining to ensure that in-flight traffic completes" (ALB included).
    // Input: alb-canary (Ingress default/web, ip target groups), pods given terminationGracePeriodSeconds 30, no
    // preStop and no readinessGates.
    // Expected: READINESS_GATE_MISSING on the ALB paths (and the rollout check run for ALB ip targets).
    // Actual: rolloutFindings() returns nothing for lb.kind === "application" (both checks are gated on "network").
    // Judgement: real gap (medium): the 5xx-during-deploys case is classically an ALB one (LBC #1719, #1124).
    // Fix: in rolloutFindings(), run the readiness-gate check for any ELBv2 ip target group owned by the LBC; for
    // ALB ip run the exit check with required = the delay (in-flight requests drain until it ends).
    const s: Snapshot = structuredClone(snapshot("alb-canary"));
    for (const p of s.kubernetes.pods) p.spec = { ...(p.spec ?? {}), terminationGracePeriodSeconds: 30, containers: [{ name: "web" }] };
    const t = buildIngressTopology(s, { namespace: "default", name: "web" })!;
    expect(t.paths.every((p) => p.targetGroup?.targetType === "ip")).toBe(true);
    expect(t.paths.every((p) => p.pods.length > 0)).toBe(true); // the pods are on the paths: only the check is missing
    expect(codes(t)).toContain("READINESS_GATE_MISSING");
  });
});

describe("CloudWatch: missing data is not zero when the query failed or was not made", () => {
  it("D3 a zone whose query came back InternalError/Forbidden is not judged as 'no traffic'", () => {
    // Source: CloudWatch API MetricDataResult.StatusCode: "`Complete` indicates that all data points in the requested
    // time range were returned. `PartialData` means that an incomplete set of data points were returned … `InternalError`
    // indicates that an error occurred." Valid values "Complete | InternalError | PartialData | Forbidden".
    // model/observed.ts keeps it: "statusCode?: MetricDataResult.StatusCode: Complete, PartialData, Forbidden, InternalError".
    // Input: zone-silent, a and b 100 flows/min (Complete); c has no data point and statusCode "InternalError".
    // Expected: c not judged (divergence not high, no ZONE_NO_OBSERVED_TRAFFIC), as for a load balancer not read.
    // Actual: observedFor() ignores statusCode; c reads 0 flows → level high + ZONE_NO_OBSERVED_TRAFFIC (a false alarm
    // that points the user at security groups and NACLs).
    // Judgement: real (medium; needs a CloudWatch error, rare). Fix: in observedFor(), treat a series whose statusCode
    // is InternalError or Forbidden (or PartialData with no points) as not read: skip the zone, or return a divergence
    // "not judged: CloudWatch returned <code> for <zone>".
    const s = withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100, [Z("c")]: 0 });
    s.metrics!.series[2].statusCode = "InternalError";
    const t = web(s);
    expect(codes(t)).not.toContain("ZONE_NO_OBSERVED_TRAFFIC");
    expect(t.paths[0].observed!.divergence.level).not.toBe("high");
  });

  it("D4 a zone that was never queried (series absent) is 'not read', not 'no traffic'", () => {
    // Source: the project's own contract, model/observed.ts Metrics.series: "One per query, also those that returned no
    // data point (so 'queried, nothing there' differs from 'not read')"; AWS: "If there are no requests flowing through
    // the load balancer or no data for a metric, the metric is not reported" (absence = zero only for a query made).
    // Input: zone-silent; series for a and b only (e.g. zone c enabled after the last metrics read; metricQueries()
    // asks per lb.availabilityZones at read time).
    // Expected: c not judged (no ZONE_NO_OBSERVED_TRAFFIC). Actual: onGrid(undefined) gives zeros → c "got no new
    // flows" → high. observedFor() only returns null when NO zone was read.
    // Judgement: real (low–medium; transient after a subnet is added). Fix: in observedFor(), mark zones whose
    // findSeries() is undefined as unread (newFlows null or excluded from total/judge()).
    const t = web(withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100 }));
    expect(codes(t)).not.toContain("ZONE_NO_OBSERVED_TRAFFIC");
  });

  it("D5a a window not aligned to the minute keeps the first data point CloudWatch returns", () => {
    // Source: GetMetricData StartTime: "The value specified is inclusive … CloudWatch rounds the specified time stamp as
    // follows: Start time less than 15 days ago - Round down to the nearest whole minute. For example, 12:32:34 is
    // rounded down to 12:32:00."
    // Input: window 09:45:30 → 10:00:30 (period 60); CloudWatch returns points stamped 09:45:00 … 09:59:00 + 10:00:00.
    // Expected: the 09:45:00 point (rounded-down start) counted: 16 × 100 = 1,600 flows for zone a.
    // Actual: onGrid() computes k = floor((t − start)/period) = −1 for 09:45:00 and drops it: 1,500.
    // Judgement: cosmetic/low (metricsWindow() in the live reader always aligns to whole minutes; only hand-made or
    // future windows hit it). Fix: in onGrid(), floor `start` to the period before bucketing.
    const w = { start: "2026-11-20T09:45:30Z", end: "2026-11-20T10:00:30Z", periodSeconds: 60 };
    const s = withFlows("zone-silent", { [Z("a")]: 100, [Z("b")]: 100, [Z("c")]: 100 }, w);
    const whole = Array.from({ length: 16 }, (_, i) => new Date(Date.parse("2026-11-20T09:45:00Z") + i * 60_000).toISOString().replace(/\.000Z$/, "Z"));
    for (const x of s.metrics!.series) { x.timestamps = whole; x.values = whole.map(() => 100); }
    expect(web(s).paths[0].observed!.zones[0].newFlows).toBe(1600);
  });

  it("D5b a window shorter than the period still counts the data point CloudWatch returns for it", () => {
    // Source: as D5a (start rounded down to the minute; data point stamped at the period's start).
    // Input: window 09:45:00 → 09:45:20 (20 s, period 60 s); one point per zone at 09:45:00: a 300, b 300, c 300.
    // Expected: 900 flows, split ⅓ each (or an explicit "window shorter than the period").
    // Actual: n = round(20/60) = 0 grid cells, every point dropped → "No new flows in the window" although there were.
    // Judgement: low (the live window is 15 whole minutes). Fix: in onGrid(), n = max(1, ceil(span / period)).
    const w = { start: "2026-11-20T09:45:00Z", end: "2026-11-20T09:45:20Z", periodSeconds: 60 };
    const s = withFlows("zone-silent", { [Z("a")]: 300, [Z("b")]: 300, [Z("c")]: 300 }, w);
    for (const x of s.metrics!.series) { x.timestamps = [w.start]; x.values = [300]; }
    const o = web(s).paths[0].observed!;
    expect(o.zones.reduce((n, z) => n + z.newFlows, 0)).toBe(900);
  });
});

describe("divergence thresholds", () => {
  it("D6 a zone at exactly 1.2× its ⅓ share is ok ('≤ 1.2 ok'), not warn", () => {
    // Source: observed.ts's documented rule: "the busiest zone's observed/expected ratio is judged … (≤ 1.2 ok, < 2.0
    // warn, ≥ 2.0 high …)". Three zones in DNS: expected 1/3 each (DST-5/DST-6).
    // Input: zone-silent, a 80/min, b 60/min, c 60/min → a 0.4 = 1.2 × 1/3.
    // Expected: ok. Actual: warn, because expectedShare is zones[].share rounded to 3 places (0.333): 0.4/0.333 = 1.2012
    // ("us-east-1a got 40.0% against 33.3% expected (1.2×)" — the message even prints 1.2×).
    // Judgement: cosmetic (boundary only). Fix: in judge(), compare with a small tolerance (ratio > RATIO_WARN + 1e-3)
    // or compute the ratio from unrounded shares.
    const o = web(withFlows("zone-silent", { [Z("a")]: 80, [Z("b")]: 60, [Z("c")]: 60 })).paths[0].observed!;
    expect(o.divergence.level).toBe("ok");
  });
});

// Window used by the helpers (documented here so a reader sees the numbers): 15 one-minute periods.
void WINDOW;
