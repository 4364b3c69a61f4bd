import type { MetricSeries, Metrics } from "../model/observed";
import type { Snapshot } from "../model/snapshot";

/**
 * CloudWatch's names for the load balancers lbpath reads (AWS/NetworkELB, AWS/ApplicationELB and AWS/ELB metric dimensions). The live
 * reader asks for these series and the analysis looks them up, so both sides use this one definition.
 * Dimension values: `LoadBalancer` = "net/<name>/<id>" or "app/<name>/<id>" (the final part of the LB ARN), `TargetGroup` =
 * "targetgroup/<name>/<id>" (the final part of the TG ARN), `LoadBalancerName` = the Classic ELB's name.
 */

export const NLB_NAMESPACE = "AWS/NetworkELB";
export const ALB_NAMESPACE = "AWS/ApplicationELB";
export const CLASSIC_NAMESPACE = "AWS/ELB";

/** "arn:aws:elasticloadbalancing:…:loadbalancer/net/web/50dc6c495c0c9188" → "net/web/50dc6c495c0c9188". */
export function loadBalancerDimension(arn: string): string {
  const i = arn.indexOf(":loadbalancer/");
  return i >= 0 ? arn.slice(i + ":loadbalancer/".length) : arn;
}

/** "arn:aws:elasticloadbalancing:…:targetgroup/web-tg/73e2d6bc24d8a067" → "targetgroup/web-tg/73e2d6bc24d8a067". */
export function targetGroupDimension(arn: string): string {
  const i = arn.lastIndexOf(":");
  return i >= 0 ? arn.slice(i + 1) : arn;
}

/**
 * The metrics lbpath reads, with the statistic AWS recommends for each (NLB and Classic metric pages): Sum for
 * counts of flows, requests and bytes; Average for concurrent flows; Maximum of HealthyHostCount and Minimum of
 * UnHealthyHostCount ("we recommend that you monitor … using either the maximum of HealthyHostCount or the minimum
 * of UnHealthyHostCount").
 */
export const NLB_ZONE_METRICS = [
  { metricName: "NewFlowCount", stat: "Sum" },
  { metricName: "ActiveFlowCount", stat: "Average" },
  { metricName: "ProcessedBytes", stat: "Sum" },
] as const;
export const NLB_TARGET_GROUP_METRICS = [
  { metricName: "HealthyHostCount", stat: "Maximum" },
  { metricName: "UnHealthyHostCount", stat: "Minimum" },
] as const;
/**
 * ALB (issue 13): `RequestCount` per load balancer and zone (requests its node in that zone received; health checks
 * excluded), and the target group's host counts per zone, with the statistics the ALB metric page gives.
 */
export const ALB_ZONE_METRICS = [{ metricName: "RequestCount", stat: "Sum" }] as const;
export const ALB_TARGET_GROUP_METRICS = NLB_TARGET_GROUP_METRICS;
export const CLASSIC_ZONE_METRICS = [
  { metricName: "RequestCount", stat: "Sum" },
  { metricName: "HealthyHostCount", stat: "Maximum" },
] as const;

/** A stable key for one series: namespace, metric, statistic and its dimensions (sorted). */
export function seriesKey(namespace: string, metricName: string, stat: string, dimensions: Record<string, string>): string {
  const dims = Object.keys(dimensions).sort().map((k) => `${k}=${dimensions[k]}`).join(",");
  return `${namespace}|${metricName}|${stat}|${dims}`;
}

const indexes = new WeakMap<Metrics, Map<string, MetricSeries>>();

/** The series of one query, or undefined when it was not read. Indexed once per Metrics object. */
export function findSeries(metrics: Metrics, namespace: string, metricName: string, stat: string, dimensions: Record<string, string>): MetricSeries | undefined {
  let index = indexes.get(metrics);
  if (!index) {
    index = new Map(metrics.series.map((s) => [seriesKey(s.namespace, s.metricName, s.stat, s.dimensions), s]));
    indexes.set(metrics, index);
  }
  return index.get(seriesKey(namespace, metricName, stat, dimensions));
}

export interface MetricQuery {
  namespace: string;
  metricName: string;
  stat: string;
  dimensions: Record<string, string>;
}

/**
 * Pure: the series lbpath reads for every NLB, ALB and Classic ELB of a region, in a stable order (the live reader
 * asks for exactly these; demo scenarios carry exactly these).
 */
export function metricQueries(aws: Snapshot["aws"]): MetricQuery[] {
  const out: MetricQuery[] = [];
  const byArn = <T extends { loadBalancerArn?: string; targetGroupArn?: string }>(a: T, b: T) => ((a.loadBalancerArn ?? a.targetGroupArn ?? "") < (b.loadBalancerArn ?? b.targetGroupArn ?? "") ? -1 : 1);
  for (const lb of [...aws.loadBalancers].filter((l) => l.type === "network" || l.type === "application").sort(byArn)) {
    const [namespace, zoneMetrics, tgMetrics] = lb.type === "network" ? [NLB_NAMESPACE, NLB_ZONE_METRICS, NLB_TARGET_GROUP_METRICS] : [ALB_NAMESPACE, ALB_ZONE_METRICS, ALB_TARGET_GROUP_METRICS];
    const LoadBalancer = loadBalancerDimension(lb.loadBalancerArn);
    const zones = lb.availabilityZones.map((z) => z.zoneName).sort();
    for (const zone of zones) for (const m of zoneMetrics) out.push({ namespace, ...m, dimensions: { LoadBalancer, AvailabilityZone: zone } });
    const tgs = aws.targetGroups.filter((tg) => tg.loadBalancerArns.includes(lb.loadBalancerArn)).sort(byArn);
    for (const tg of tgs) {
      const TargetGroup = targetGroupDimension(tg.targetGroupArn);
      for (const zone of zones) for (const m of tgMetrics) out.push({ namespace, ...m, dimensions: { LoadBalancer, TargetGroup, AvailabilityZone: zone } });
    }
  }
  for (const clb of [...aws.classicLoadBalancers].sort((a, b) => (a.loadBalancerName < b.loadBalancerName ? -1 : 1))) {
    for (const zone of [...clb.availabilityZones].sort())
      for (const m of CLASSIC_ZONE_METRICS) out.push({ namespace: CLASSIC_NAMESPACE, ...m, dimensions: { LoadBalancerName: clb.loadBalancerName, AvailabilityZone: zone } });
  }
  return out;
}

