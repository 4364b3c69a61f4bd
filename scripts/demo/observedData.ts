import type { Snapshot } from "../../server/core/model/snapshot";
import type { MetricSeries, Metrics } from "../../server/core/model/observed";
import { buildTopology } from "../../server/core/buildTopology";
import { subjectTopologies } from "../../server/core/alb/subjects";
import { CLASSIC_NAMESPACE, loadBalancerDimension, metricQueries, targetGroupDimension } from "../../server/core/analysis/metricKeys";
import { instanceIdOf, zoneOfNode } from "../../server/core/index/snapshotIndex";
import { Rng } from "../../bench/prng";
import type { ObservedDef, ScenarioDef } from "./model";
import { CAPTURED_AT } from "./world";

/**
 * CloudWatch data for a demo scenario (issue 12): exactly the series the live reader asks for
 * (metricQueries), over the 15 minutes before capturedAt. Each load balancer's new flows follow the expected zone
 * split the analysis computes for its Service, perturbed per minute by a fixed-seed PRNG (bench/prng.ts), so most
 * scenarios observe what they expect within a few per cent; `observed.zoneFactor` bends a zone on purpose. Host
 * counts are the targets' current states. Nothing here is a hand-derived expectation: it is the data.
 */

const WINDOW_MINUTES = 15;
const BYTES_PER_FLOW = 24_000;
const FLOW_MINUTES = 3.5;

export function demoMetrics(snap: Snapshot, def: ScenarioDef): Metrics {
  const o: ObservedDef = def.observed ?? {};
  const end = Date.parse(CAPTURED_AT);
  const minutes = Array.from({ length: WINDOW_MINUTES }, (_, i) => end - (WINDOW_MINUTES - i) * 60_000);
  const window = { start: new Date(minutes[0]).toISOString().replace(/\.000Z$/, "Z"), end: CAPTURED_AT, periodSeconds: 60 };

  // Expected zone shares per load balancer, from the analysis of the scenario as built (DST-5, DST-6).
  const expected = new Map<string, Map<string, number>>();
  for (const svc of snap.kubernetes.services.filter((s) => s.spec.type === "LoadBalancer")) {
    for (const p of buildTopology(snap, { namespace: svc.metadata.namespace, name: svc.metadata.name })?.paths ?? []) {
      if (!expected.has(p.loadBalancer.name)) expected.set(p.loadBalancer.name, new Map(p.zones.filter((z) => z.enabled).map((z) => [z.name, z.share])));
    }
  }
  // ALBs of Ingresses and Gateways (issue 13): their paths' split, before a weighted forward scaled it.
  for (const t of subjectTopologies(snap))
    for (const p of t.paths)
      if (!expected.has(p.loadBalancer.name)) expected.set(p.loadBalancer.name, new Map(p.zones.filter((z) => z.enabled).map((z) => [z.name, z.share / (p.weight ?? 1)])));
  const zoneOfInstance = new Map(snap.kubernetes.nodes.map((n) => [instanceIdOf(n) ?? "", zoneOfNode(n) ?? ""]));

  /** New flows per minute and zone for one load balancer: the expected split with noise and the scenario's bends. */
  const flowsOf = (name: string, zones: string[]): Map<string, number[]> => {
    const rng = new Rng(`${def.id}/metrics/${name}`);
    const exp = expected.get(name) ?? new Map(zones.map((z) => [z, 1 / zones.length]));
    const out = new Map(zones.map((z) => [z, [] as number[]]));
    for (let m = 0; m < minutes.length; m++) {
      const total = Math.round((o.flowsPerMinute ?? 600) * (0.9 + 0.2 * rng.next()));
      const residual = new Map(zones.filter((z) => (exp.get(z) ?? 0) === 0).map((z) => [z, (o.outOfDnsShare ?? 0.005) * (0.8 + 0.4 * rng.next())]));
      const rest = 1 - [...residual.values()].reduce((a, b) => a + b, 0);
      const weights = new Map(zones.filter((z) => !residual.has(z)).map((z) => [z, (exp.get(z) ?? 0) * (o.zoneFactor?.[z.slice(-1) as "a"] ?? 1) * (0.92 + 0.16 * rng.next())]));
      const sum = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
      for (const z of zones) out.get(z)!.push(Math.round(total * (residual.get(z) ?? (rest * (weights.get(z) ?? 0)) / sum)));
    }
    return out;
  };

  const series: MetricSeries[] = [];
  const byLb = new Map<string, Map<string, number[]>>();
  const healthyIn = (tgArn: string, zone: string, healthy: boolean) => {
    const tg = snap.aws.targetGroups.find((t) => t.targetGroupArn === tgArn);
    return (tg?.targetHealthDescriptions ?? []).filter((d) => (d.target.availabilityZone ?? zoneOfInstance.get(d.target.id)) === zone && (healthy ? d.targetHealth.state === "healthy" : d.targetHealth.state === "unhealthy")).length;
  };
  for (const q of metricQueries(snap.aws)) {
    const classic = q.namespace === CLASSIC_NAMESPACE;
    const lb = classic ? snap.aws.classicLoadBalancers.find((c) => c.loadBalancerName === q.dimensions.LoadBalancerName)! : snap.aws.loadBalancers.find((l) => loadBalancerDimension(l.loadBalancerArn) === q.dimensions.LoadBalancer)!;
    const name = lb.loadBalancerName;
    const zones = classic ? [...(lb as { availabilityZones: string[] }).availabilityZones].sort() : (lb as Snapshot["aws"]["loadBalancers"][number]).availabilityZones.map((z) => z.zoneName).sort();
    if (!byLb.has(name)) byLb.set(name, flowsOf(name, zones));
    const flows = byLb.get(name)!.get(q.dimensions.AvailabilityZone) ?? [];
    let values: number[];
    let always = false;
    if (q.metricName === "NewFlowCount" || q.metricName === "RequestCount") values = flows;
    else if (q.metricName === "ActiveFlowCount") values = flows.map((f) => Math.round(f * FLOW_MINUTES));
    else if (q.metricName === "ProcessedBytes") values = flows.map((f) => f * BYTES_PER_FLOW);
    else {
      // Reported whenever health checks run, zeros included.
      always = true;
      const zone = q.dimensions.AvailabilityZone;
      const healthy = q.metricName === "HealthyHostCount";
      const n = classic
        ? (lb as Snapshot["aws"]["classicLoadBalancers"][number]).instanceStates?.filter((s) => s.state === "InService" && zoneOfInstance.get(s.instanceId) === zone).length ?? 0
        : healthyIn(snap.aws.targetGroups.find((t) => targetGroupDimension(t.targetGroupArn) === q.dimensions.TargetGroup)!.targetGroupArn, zone, healthy);
      values = minutes.map(() => n);
    }
    // ELB reports a metric only while it has a value (a zone without flows has no data points).
    const keep = values.map((v, i) => [minutes[i], v] as const).filter(([, v]) => always || v !== 0);
    series.push({ ...q, timestamps: keep.map(([t]) => new Date(t).toISOString().replace(/\.000Z$/, "Z")), values: keep.map(([, v]) => v), statusCode: "Complete" });
  }
  return { window, series };
}
