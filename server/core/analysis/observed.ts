import type { Divergence, Finding, Observed, ObservedZone, Path, Severity } from "@/lib/api/topology";
import type { PathCode } from "@/lib/api/codes";
import type { MetricSeries, Metrics } from "../model/observed";
import { ALB_NAMESPACE, CLASSIC_NAMESPACE, NLB_NAMESPACE, findSeries, loadBalancerDimension, targetGroupDimension } from "./metricKeys";
import type { RuleId } from "@/lib/api/rules";

/**
 * Observed traffic per zone (CloudWatch) against the expected split of the path (DST-5, DST-6), and the findings
 * when they disagree. Pure: the window comes with the metrics, never from a clock.
 *
 * What is compared: the share of new flows entering each zone's load-balancer node. NLB `NewFlowCount` and Classic
 * `RequestCount` exist per load balancer and zone (all listeners together), never per target, so the observed side
 * is per zone only; the expected side is `zones[].share`, the same for every listener of a load balancer (DNS
 * failover is per load balancer, DST-5).
 *
 * Thresholds (this project's choice; no source gives one): the busiest zone's observed/expected ratio is judged
 * with §3.1's cut-offs for pods (≤ 1.2 ok, < 2.0 warn, ≥ 2.0 high; 1.2 has P9's 20 % overload precedent), a zone
 * expected to take new flows that takes none is high, a zone out of DNS that still takes ≥ 5 % is warn. Fewer than
 * 100 new flows in the window are not judged: DST-6's equal split is a model (UNVERIFIED), and a few clients behind
 * NAT or a resolver that caches one address skew a small sample whatever the load balancer does.
 */

export const MIN_FLOWS = 100;
export const RATIO_WARN = 1.2;
export const RATIO_HIGH = 2.0;
/** A zone out of DNS taking at least this share of new flows is reported. */
export const OUT_OF_DNS_SHARE = 0.05;
/** "Got none" is only judged when the zone should have seen at least this many new flows in the window. */
export const MIN_EXPECTED_FLOWS = 20;
/** Expected shares come rounded to 6 digits: a ratio within this of a cut-off is on the cut-off. */
const TOLERANCE = 1e-4;

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
const num = (x: number) => Math.round(x).toLocaleString("en-US");
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The series of one metric on a period grid over the window (0 where CloudWatch has no data point). CloudWatch rounds
 * the start down to the whole minute (GetMetricData StartTime), so the grid starts at the period boundary at or
 * before the window's start and has at least one cell.
 */
function onGrid(s: MetricSeries | undefined, metrics: Metrics): number[] {
  const period = metrics.window.periodSeconds * 1000;
  const start = Math.floor(Date.parse(metrics.window.start) / period) * period;
  const n = Math.max(1, Math.ceil((Date.parse(metrics.window.end) - start) / period));
  const out = new Array<number>(n).fill(0);
  if (!s) return out;
  s.timestamps.forEach((t, i) => {
    const k = Math.floor((Date.parse(t) - start) / period);
    if (k >= 0 && k < n && Number.isFinite(s.values[i])) out[k] += s.values[i];
  });
  return out;
}

/** A zone's flows were read: its query was made and CloudWatch did not answer it with an error. */
const READ_STATUSES = new Set(["Complete", "PartialData"]);
const unreadWhy = (s: MetricSeries | undefined): string | null => (!s ? "not queried" : s.statusCode && !READ_STATUSES.has(s.statusCode) ? s.statusCode : null);

const last = (s: MetricSeries | undefined): number | null => (s && s.values.length ? s.values[s.values.length - 1] : null);
const mean = (s: MetricSeries | undefined): number | null => (s && s.values.length ? sum(s.values) / s.values.length : null);

/**
 * `paths[].observed`: null when the snapshot has no metrics for this load balancer (not read). An ALB's zones are
 * compared by `RequestCount` (issue 13), the requests each zone's ALB node received: the same per-zone question.
 */
export function observedFor(path: Path, metrics: Metrics | undefined): Observed | null {
  if (!metrics) return null;
  const lb = path.loadBalancer;
  const classic = lb.kind === "classic";
  const alb = lb.kind === "application";
  if (!classic && ((lb.kind !== "network" && !alb) || !lb.arn)) return null;
  const namespace = classic ? CLASSIC_NAMESPACE : alb ? ALB_NAMESPACE : NLB_NAMESPACE;
  const metric = classic || alb ? "RequestCount" : "NewFlowCount";
  const lbDims: Record<string, string> = classic ? { LoadBalancerName: lb.name } : { LoadBalancer: loadBalancerDimension(lb.arn!) };
  const tgDim = path.targetGroup ? targetGroupDimension(path.targetGroup.arn) : null;
  const zoneDims = (zone: string): Record<string, string> => ({ ...lbDims, AvailabilityZone: zone });

  const enabledZones = path.zones.filter((z) => z.enabled);
  const allFlows = enabledZones.map((z) => findSeries(metrics, namespace, metric, "Sum", zoneDims(z.name)));
  // A zone whose query was not made (enabled after the last read) or failed is not read: "no data point" would
  // otherwise read as "no traffic". Not one zone read: the load balancer was not read.
  const read = enabledZones.map((z, i) => ({ z, series: allFlows[i], why: unreadWhy(allFlows[i]) }));
  const unread = read.filter((r) => r.why).map((r) => ({ zone: r.z.name, why: r.why }));
  const enabled = read.filter((r) => !r.why).map((r) => r.z);
  const flows = read.filter((r) => !r.why).map((r) => r.series);
  if (!enabled.length) return null;

  const zones: ObservedZone[] = enabled.map((z, i) => {
    const series = onGrid(flows[i], metrics);
    const tgZone: Record<string, string> | null = tgDim ? { ...lbDims, TargetGroup: tgDim, AvailabilityZone: z.name } : null;
    return {
      zone: z.name,
      newFlows: sum(series),
      share: 0,
      expectedShare: z.share,
      series,
      activeFlows: classic || alb ? null : mean(findSeries(metrics, namespace, "ActiveFlowCount", "Average", zoneDims(z.name))),
      processedBytes: classic || alb ? null : (findSeries(metrics, namespace, "ProcessedBytes", "Sum", zoneDims(z.name))?.values.reduce((a, b) => a + b, 0) ?? null),
      healthyHosts: last(findSeries(metrics, namespace, "HealthyHostCount", "Maximum", classic ? zoneDims(z.name) : tgZone ?? {})),
      unhealthyHosts: classic || !tgZone ? null : last(findSeries(metrics, namespace, "UnHealthyHostCount", "Minimum", tgZone)),
    };
  });
  const total = sum(zones.map((z) => z.newFlows));
  for (const z of zones) z.share = total > 0 ? z.newFlows / total : 0;
  return {
    window: { start: metrics.window.start, end: metrics.window.end, periodSeconds: metrics.window.periodSeconds },
    metric,
    zones,
    divergence: withUnread(judge(path, zones, total, metric).divergence, unread),
  };
}

function withUnread(d: Divergence, unread: { zone: string; why: string | null }[]): Divergence {
  if (!unread.length) return d;
  return { ...d, message: `${d.message} Not read, so not judged: ${unread.map((u) => `${u.zone} (${u.why})`).join(", ")}.`.trim() };
}

interface Judgement {
  divergence: Divergence;
  starved: ObservedZone[];
  outOfDns: ObservedZone[];
  busiest: { zone: ObservedZone; ratio: number } | null;
}

const LEVEL = { ok: 0, warn: 1, high: 2 } as const;

function judge(path: Path, zones: ObservedZone[], total: number, metric: string): Judgement {
  const none: Judgement = { divergence: { level: "ok", message: "" }, starved: [], outOfDns: [], busiest: null };
  if (path.health.unknown > 0) return { ...none, divergence: { level: "ok", message: "The expected split is not known (target health unreadable): nothing to compare with." } };
  if (total === 0) return { ...none, divergence: { level: "ok", message: `No new flows in the window (CloudWatch reports ${metric} only while traffic flows): nothing to compare.` } };
  if (total < MIN_FLOWS) return { ...none, divergence: { level: "ok", message: `Only ${num(total)} new flows in the window: too few to judge the split (at least ${MIN_FLOWS}).` } };
  const state = new Map(path.zones.map((z) => [z.name, z]));
  // Expected shares of the zones read, renormalised: an unread zone's share is neither observed nor expected here.
  const read = zones.reduce((a, z) => a + z.expectedShare, 0) || 1;
  const expected = (z: ObservedZone) => z.expectedShare / read;
  const starved = zones.filter((z) => expected(z) * total >= MIN_EXPECTED_FLOWS && z.newFlows === 0);
  const outOfDns = zones.filter((z) => z.expectedShare === 0 && state.get(z.zone)?.inDns === false && z.share >= OUT_OF_DNS_SHARE);
  let busiest: Judgement["busiest"] = null;
  for (const z of zones) {
    if (z.expectedShare <= 0) continue;
    const ratio = z.share / expected(z);
    if (!busiest || ratio > busiest.ratio) busiest = { zone: z, ratio };
  }
  let level: Divergence["level"] = "ok";
  const raise = (l: Divergence["level"]) => { if (LEVEL[l] > LEVEL[level]) level = l; };
  if (starved.length) raise("high");
  if (outOfDns.length) raise("warn");
  if (busiest && busiest.ratio >= RATIO_HIGH - TOLERANCE) raise("high");
  else if (busiest && busiest.ratio > RATIO_WARN + TOLERANCE) raise("warn");

  const parts: string[] = [];
  for (const z of starved) parts.push(`${z.zone} got no new flows, expected ${pct(z.expectedShare)}`);
  for (const z of outOfDns) parts.push(`${z.zone} is out of DNS but got ${pct(z.share)}`);
  if (busiest && busiest.ratio > RATIO_WARN + TOLERANCE) parts.push(`${busiest.zone.zone} got ${pct(busiest.zone.share)} against ${pct(busiest.zone.expectedShare)} expected (${busiest.ratio.toFixed(1)}×)`);
  const message = parts.length
    ? `${parts.join("; ")} (${num(total)} new flows in the window).`
    : `The observed split matches the expected one within ${RATIO_WARN}× (${num(total)} new flows in the window).`;
  return { divergence: { level, message }, starved, outOfDns, busiest };
}

/** Findings where observed and expected disagree, each with its evidence and what to check. */
export function observedFindings(path: Path): Finding[] {
  const o = path.observed;
  if (!o) return [];
  const total = sum(o.zones.map((z) => z.newFlows));
  const j = judge(path, o.zones, total, o.metric ?? "NewFlowCount");
  const out: Finding[] = [];
  const f = (severity: Severity, code: PathCode, message: string, action: string, refs: string[], rules: RuleId[] = ["DST-5", "DST-6"]): Finding =>
    ({ severity, code, message, action, rules, pathId: path.id, refs });
  const evidence = `CloudWatch ${o.metric ?? "NewFlowCount"} (Sum per ${o.window.periodSeconds ?? 60} s, ${o.window.start} to ${o.window.end})`;
  const targetsIn = (zone: string) => path.targets.filter((t) => t.zone === zone).map((t) => t.key);
  const zoneState = new Map(path.zones.map((z) => [z.name, z]));
  for (const z of j.starved) {
    const s = zoneState.get(z.zone);
    out.push(f("warning", "ZONE_NO_OBSERVED_TRAFFIC",
      `${z.zone} got no new flows in the window although it is in DNS with ${s?.healthyTargets ?? 0} healthy target(s) and should take ${pct(z.expectedShare)} of them; the other zones took all ${num(total)} (${evidence}).`,
      `Find what keeps clients from the load balancer's address in ${z.zone}: its security group or the subnet's network ACL (traffic they drop never shows in the metrics), a route, stale DNS or clients pinned to other addresses. \`dig +short ${path.loadBalancer.dnsName}\` should list one address per zone in DNS.`,
      [`Zone:${z.zone}`, ...targetsIn(z.zone)]));
  }
  for (const z of j.outOfDns) {
    out.push(f("warning", "ZONE_OUT_OF_DNS_TRAFFIC",
      `${z.zone} is out of DNS (no healthy target there) but took ${pct(z.share)} (${num(z.newFlows)}) of new flows: clients that cached an older DNS answer (TTL 60 s) or pin the address still reach its load-balancer node, which fails open to the zone's unhealthy targets (${evidence}).`,
      "Make a target in this zone healthy again; if the zone left DNS long ago, find the clients that keep its address (resolvers that ignore the TTL, connection pools that never re-resolve).",
      [`Zone:${z.zone}`, ...targetsIn(z.zone)], ["DST-5", "DST-6", "DST-7"]));
  }
  const b = j.busiest;
  if (!out.length && b && b.ratio > RATIO_WARN + TOLERANCE) {
    out.push(f(b.ratio >= RATIO_HIGH - TOLERANCE ? "warning" : "info", "OBSERVED_SKEW",
      `New flows are split over zones unlike the expected split: ${o.zones.map((z) => `${z.zone} ${pct(z.share)} (expected ${pct(z.expectedShare)})`).join(", ")}; ${b.zone.zone} takes ${b.ratio.toFixed(1)}× its share (${evidence}).`,
      `The expected split assumes clients spread evenly over the load balancer's DNS answers (DST-6). A few clients behind NAT, resolvers that cache one address or long-lived connection pools pin traffic to one zone.${path.loadBalancer.crossZone ? "" : " With cross-zone off, that zone's targets carry the excess: enable cross-zone load balancing, or give that zone more capacity."}`,
      [`Zone:${b.zone.zone}`]));
  }
  return out;
}
