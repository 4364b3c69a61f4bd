import { afterEach, describe, expect, it } from "vitest";
import { join } from "node:path";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { metricQueries } from "@/server/core/analysis/metricKeys";
import { SharedCacheReader, type SharedCacheOptions } from "@/server/sources/live/sharedCache";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { syntheticSnapshot } from "@/tests/fixtures/emulator/synthetic";
import { SCENARIO_DIR, emulatorAwsClients, emulatorKubeConfig, loadSnapshot } from "./helpers";
import { until } from "./until";

/**
 * Observed traffic through the real @aws-sdk/client-cloudwatch against the emulator's GetMetricData (JSON 1.0,
 * awsQuery-compatible errors, NextToken paging): the minimum number of calls, paging, and AccessDenied as a partial
 * answer naming the missing action (issue 12).
 */

const LONG = 600_000;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => { for (const o of open.splice(0).reverse()) await o.close(); });

async function setup(snapshot: Snapshot, opts: { metricsPageSize?: number; aws?: Partial<SharedCacheOptions["aws"]>; before?: (e: Emulator) => void } = {}) {
  const emulator = await startEmulator({ snapshot, metricsPageSize: opts.metricsPageSize });
  open.push(emulator);
  opts.before?.(emulator);
  const reader = new SharedCacheReader({
    cluster: snapshot.cluster.name, kubeconfig: emulatorKubeConfig(emulator), env: {}, regionHint: "us-east-1", awsClusterName: snapshot.cluster.awsClusterName,
    timeoutMs: 5_000, pageSize: 500, makeClients: () => emulatorAwsClients(emulator),
    aws: { timeoutMs: 5_000, concurrency: 4, callsPerSecond: 1_000, structureMs: LONG, healthMs: LONG, tagsMs: LONG, metricsMs: LONG, metricsWindowMinutes: 15, ...opts.aws },
    informer: { backoff: { baseMs: 50, maxMs: 200 } },
  });
  open.push(reader);
  return { emulator, reader };
}

const zoneSilent = loadSnapshot(join(SCENARIO_DIR, "zone-silent.json"));
const observedOf = (s: Snapshot) => buildTopology(s, { namespace: "default", name: "web" })!.paths[0].observed;

describe("CloudWatch metrics in the shared cache", () => {
  it("reads every series of the region in ⌈queries / 500⌉ GetMetricData calls, at most 500 queries each", async () => {
    // 34 NLBs × (3 zones × 3 metrics + 1 target group × 3 zones × 2) = 510, plus 2 Classic ELBs × 3 zones × 2 = 12.
    const source = syntheticSnapshot({ nlbServices: 34, classicServices: 2 });
    expect(metricQueries(source.aws)).toHaveLength(522);
    const { emulator, reader } = await setup(source);
    const s = await until(() => reader.read(), (x) => !!x.metrics, 20_000);
    expect(s.metrics!.series).toHaveLength(522);
    expect(emulator.awsCount("cloudwatch:GetMetricData")).toBe(2);
    const sizes = emulator.awsRequests.filter((r) => r.service === "cloudwatch").map((r) => Number(r.params.queries)).sort((a, b) => a - b);
    expect(sizes).toEqual([22, 500]);
    expect(s.metrics!.window.periodSeconds).toBe(60);
    expect(Date.parse(s.metrics!.window.end) - Date.parse(s.metrics!.window.start)).toBe(15 * 60_000);
    expect(s.problems ?? []).toEqual([]);
    // A re-read of the snapshot does not call CloudWatch: viewers never do.
    for (let i = 0; i < 5; i++) await reader.read();
    expect(emulator.awsCount("cloudwatch:GetMetricData")).toBe(2);
  });

  it("what the real client reads from the emulator gives the scenario's own observed split (zone-silent: none in us-east-1c)", async () => {
    const { emulator, reader } = await setup(zoneSilent);
    const s = await until(() => reader.read(), (x) => !!x.metrics, 20_000);
    expect(emulator.awsCount("GetMetricData")).toBe(1); // 15 queries
    const live = observedOf(s)!;
    const file = observedOf(zoneSilent)!;
    expect(live.zones.map(({ zone, newFlows, share, series }) => ({ zone, newFlows, share, series }))).toEqual(file.zones.map(({ zone, newFlows, share, series }) => ({ zone, newFlows, share, series })));
    expect(live.divergence).toEqual(file.divergence);
    expect(live.divergence.level).toBe("high");
    expect(buildTopology(s, { namespace: "default", name: "web" })!.findings.map((f) => f.code)).toContain("ZONE_NO_OBSERVED_TRAFFIC");
  });

  it("follows NextToken when an answer is cut: one call per page, the same series as unpaged", async () => {
    // zone-silent's 15 series hold 180 data points: NewFlowCount, ActiveFlowCount and ProcessedBytes in two zones
    // (6 × 15; the silent zone reports none) and HealthyHostCount and UnHealthyHostCount in three (6 × 15).
    const { emulator, reader } = await setup(zoneSilent, { metricsPageSize: 7 });
    const s = await until(() => reader.read(), (x) => !!x.metrics, 30_000);
    expect(emulator.awsCount("GetMetricData")).toBe(Math.ceil(180 / 7));
    const tokens = emulator.awsRequests.filter((r) => r.service === "cloudwatch").map((r) => r.params.NextToken ?? null);
    expect(tokens[0]).toBeNull();
    expect(tokens.slice(1).every((t) => typeof t === "string")).toBe(true);
    // The region's AWS cache is shared per process: release it before reading the unpaged emulator.
    await reader.close();
    const { emulator: e2, reader: r2 } = await setup(zoneSilent);
    const unpaged = await until(() => r2.read(), (x) => !!x.metrics, 20_000);
    expect(e2.awsCount("GetMetricData")).toBe(1);
    const strip = (m: Snapshot["metrics"]) => m!.series.map(({ metricName, dimensions, values }) => ({ metricName, dimensions, values }));
    expect(strip(s.metrics)).toEqual(strip(unpaged.metrics));
    expect(s.metrics!.series.reduce((n, x) => n + x.values.length, 0)).toBe(180);
  });

  it("AccessDenied: a partial answer naming cloudwatch:GetMetricData; the load balancers and targets are all there", async () => {
    const { emulator, reader } = await setup(zoneSilent, { before: (e) => void e.fault({ aws: "GetMetricData", code: "AccessDenied" }) });
    const s = await until(() => reader.read(), (x) => (x.problems ?? []).some((p) => p.detail === "cloudwatch:GetMetricData"), 20_000);
    expect(emulator.awsCount("GetMetricData")).toBe(1);
    expect(s.metrics).toBeUndefined();
    const p = s.problems!.find((x) => x.detail === "cloudwatch:GetMetricData")!;
    expect(p).toMatchObject({ code: "AWS_ACCESS_DENIED", source: "aws" });
    expect(p.message).toMatch(/AWS denied cloudwatch:GetMetricData in us-east-1: User: .* is not authorized to perform: cloudwatch:GetMetricData/);
    expect(p.fix).toBe("allow cloudwatch:GetMetricData for the dashboard's IAM identity (see deploy/iam-policy.json)");
    const t = buildTopology(s, { namespace: "default", name: "web" })!;
    expect(t.paths[0].observed).toBeNull();
    expect(t.paths[0].targets.map((x) => x.verdict)).toEqual(["healthy", "healthy", "healthy"]);
    expect(t.warnings.map((w) => w.code)).toEqual(["AWS_ACCESS_DENIED"]);
    expect(t.findings.map((f) => f.code)).toContain("PARTIAL_DATA");
  });

  it("CloudWatch throttling stops only the metrics read: target health goes on", async () => {
    const { emulator, reader } = await setup(zoneSilent, { aws: { healthMs: 200 }, before: (e) => void e.fault({ aws: "cloudwatch:GetMetricData", code: "Throttling" }) });
    const s = await until(() => reader.read(), (x) => (x.problems ?? []).some((p) => p.code === "AWS_THROTTLED"), 30_000);
    expect(s.problems!.find((p) => p.code === "AWS_THROTTLED")!.detail).toBe("cloudwatch:GetMetricData");
    const before = emulator.awsCount("DescribeTargetHealth");
    await until(() => emulator.awsCount("DescribeTargetHealth"), (n) => n >= before + 3, 10_000);
    expect(emulator.awsCount("DescribeTargetHealth")).toBeGreaterThanOrEqual(before + 3);
  }, 60_000);
});

describe("the timeline in the shared cache", () => {
  it("records a target's change of health and the pod change behind it; the topology says since when", async () => {
    const blog = loadSnapshot(join(SCENARIO_DIR, "blog-local.json"));
    const { emulator, reader } = await setup({ ...blog, metrics: undefined, timeline: undefined }, { aws: { healthMs: 200 } });
    const first = await reader.read();
    const healthy = buildTopology(first, { namespace: "default", name: "web" })!.paths[0].targets.find((t) => t.state === "healthy")!;
    expect(healthy.since?.atLeast).toBe(true); // present since lbpath began watching
    const pod = first.kubernetes.pods[0];
    emulator.setPodReady(pod.metadata.namespace, pod.metadata.name, false);
    emulator.setTargetHealth({ id: healthy.id, state: "unhealthy", reason: "Target.FailedHealthChecks" });
    const s = await until(() => reader.read(), (x) => {
      const t = buildTopology(x, { namespace: "default", name: "web" })!.paths[0].targets.find((y) => y.id === healthy.id)!;
      return t.state === "unhealthy" && !!t.since && !t.since.atLeast && x.timeline!.events.some((e) => e.kind === "pod-not-ready");
    }, 15_000);
    const t = buildTopology(s, { namespace: "default", name: "web" })!.paths[0].targets.find((y) => y.id === healthy.id)!;
    expect(t.since!.atLeast).toBe(false);
    expect(t.recentChanges).toBe(1);
    const history = s.timeline!.targets.find((h) => h.id === healthy.id)!;
    expect(history.spans.map((x) => x.state)).toEqual(["healthy", "unhealthy"]);
    const events = s.timeline!.events.filter((e) => e.pod === `${pod.metadata.namespace}/${pod.metadata.name}`).map((e) => e.kind);
    expect(events).toContain("pod-not-ready");
    expect(events).toContain("endpoint-not-serving");
  });
});
