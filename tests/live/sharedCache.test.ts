import { afterEach, describe, expect, it } from "vitest";
import type { Snapshot } from "@/server/core/model/snapshot";
import { RateBudget } from "@/server/sources/live/gate";
import { LiveCluster } from "@/server/sources/live/LiveCluster";
import { sortSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { SharedCacheReader, type SharedCacheOptions } from "@/server/sources/live/sharedCache";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { syntheticSnapshot } from "@/tests/fixtures/emulator/synthetic";
import { FIXTURE, emulatorAwsClients, emulatorKubeConfig, loadSnapshot } from "./helpers";
import { until } from "./until";

/** Issue 5 groundwork: informers (list + watch) and per-region AWS loops; viewers never cause upstream calls. */

const LONG = 600_000; // AWS loops that never fire on their own during a test
const fixture = loadSnapshot(FIXTURE);
const dataOf = (s: Snapshot) => { const { kubernetes, aws } = sortSnapshot(s); return { kubernetes, aws }; };


const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

async function setup(snapshot: Snapshot, opts: { pageSize?: number; cluster?: string; aws?: Partial<SharedCacheOptions["aws"]>; informer?: SharedCacheOptions["informer"]; emulator?: Emulator } = {}) {
  const emulator = opts.emulator ?? await startEmulator({ snapshot, pageSize: opts.pageSize });
  if (!opts.emulator) open.push(emulator);
  const reader = new SharedCacheReader({
    cluster: opts.cluster ?? "fixture", kubeconfig: emulatorKubeConfig(emulator), env: {}, regionHint: "us-east-1",
    timeoutMs: 2_000, pageSize: 500, makeClients: () => emulatorAwsClients(emulator),
    aws: { timeoutMs: 2_000, concurrency: 4, callsPerSecond: 1_000, structureMs: LONG, healthMs: LONG, tagsMs: LONG, ...opts.aws },
    informer: { backoff: { baseMs: 50, maxMs: 200 }, ...opts.informer },
  });
  open.push(reader);
  return { emulator, reader };
}

describe("shared cache", () => {
  it("lists (paginated) then watches; changes arrive through the watch without another list", async () => {
    const { emulator, reader } = await setup(fixture);
    const first = await reader.read();
    expect(reader.ready()).toBe(true);
    expect(dataOf(first)).toStrictEqual(dataOf(fixture));
    expect(first.problems).toBeUndefined();
    expect(await reader.read()).toBe(first); // nothing changed: same object
    const lists = emulator.kubeCount("pods", "list");
    expect(lists).toBe(1);
    await until(() => emulator.kubeCount("pods", "watch"), (n) => n === 1);

    emulator.mutate({ resource: "pods", type: "DELETED", object: fixture.kubernetes.pods[0] });
    const second = await until(() => reader.read(), (s) => s.kubernetes.pods.length === fixture.kubernetes.pods.length - 1);
    expect(second).not.toBe(first);
    expect(second.kubernetes.pods.map((p) => p.metadata.name)).not.toContain(fixture.kubernetes.pods[0].metadata.name);
    expect(emulator.kubeCount("pods", "list")).toBe(lists);
    expect(Object.keys(emulator.counts.kubernetes).filter((k) => k.includes("secrets"))).toEqual([]);
  });

  it("pages the initial list with `limit`/`continue` and trims pods on arrival", async () => {
    const source = syntheticSnapshot({ nlbServices: 3, podsPerService: 3 });
    const { emulator, reader } = await setup(source, { pageSize: 2 });
    const s = await reader.read();
    expect(dataOf(s)).toStrictEqual(dataOf(source));
    expect(emulator.counts.kubernetes["list /api/v1/pods"]).toBe(Math.ceil(9 / 2));
    expect(reader.informers.pods.calls.listPages).toBe(5);
  });

  it("relists silently when the watch's resourceVersion is gone (410)", async () => {
    const { emulator, reader } = await setup(fixture);
    await reader.read();
    emulator.fault({ kubernetes: "pods", verb: "watch", status: 410, times: 1 });
    // Drop every connection; the pods watch comes back with 410 and must relist, without a problem.
    const down = emulator.fault({ down: true });
    down.clear();
    await until(() => reader.informers.pods.calls.relists, (n) => n >= 1);
    await until(() => emulator.kubeCount("pods", "list"), (n) => n >= 2);
    const s = await until(() => reader.read(), (x) => x.problems === undefined);
    expect(s.problems).toBeUndefined();
    expect(dataOf(s)).toStrictEqual(dataOf(fixture));
  });

  it("relists silently on an ERROR 410 event (resourceVersion compacted while disconnected)", async () => {
    const { emulator, reader } = await setup(fixture);
    await reader.read();
    const down = emulator.fault({ down: true });
    // While the watches are gone: a change to pods, then compaction, so the pods informer's resourceVersion is too old.
    emulator.mutate({ resource: "pods", type: "DELETED", object: fixture.kubernetes.pods[2] });
    emulator.compact();
    down.clear();
    await until(() => reader.informers.pods.calls.relists, (n) => n >= 1);
    const s = await until(() => reader.read(), (x) => x.problems === undefined && x.kubernetes.pods.length === fixture.kubernetes.pods.length - 1);
    expect(s.problems).toBeUndefined();
    expect(s.kubernetes.pods).toHaveLength(fixture.kubernetes.pods.length - 1);
  });

  it("ready() only after every informer synced; a failing list backs off and recovers", async () => {
    const { emulator, reader } = await setup(fixture);
    const failing = emulator.fault({ kubernetes: "pods", verb: "list", status: 500 });
    const s = await reader.read();
    expect(reader.ready()).toBe(false);
    expect(s.problems).toEqual([expect.objectContaining({ code: "K8S_ERROR", detail: "list pods" })]);
    expect(s.kubernetes.services).toHaveLength(fixture.kubernetes.services.length);
    const tries = await until(() => failing.hits, (n) => n >= 3);
    expect(tries).toBeGreaterThanOrEqual(3); // retried, with backoff (50 → 100 → 200 ms, jittered)
    expect(reader.ready()).toBe(false); // a 500 may pass: wait for it
    failing.clear();
    await until(() => reader.ready(), (r) => r);
    expect(reader.ready()).toBe(true);
    const healed = await until(() => reader.read(), (x) => x.problems === undefined);
    expect(healed.kubernetes.pods).toHaveLength(fixture.kubernetes.pods.length);
  });

  it("a resource refused for good (403) settles readiness, so the page can show the RBAC fix; it still recovers", async () => {
    const { emulator, reader } = await setup(fixture);
    const forbidden = emulator.fault({ kubernetes: "pods", verb: "list", status: 403 });
    const s = await reader.read();
    expect(s.problems).toEqual([expect.objectContaining({ code: "K8S_FORBIDDEN", detail: "list pods" })]);
    expect(reader.informers.pods.synced).toBe(false);
    expect(reader.ready()).toBe(true);
    await until(() => forbidden.hits, (n) => n >= 2); // still retried: RBAC can be granted while we run
    forbidden.clear();
    const healed = await until(() => reader.read(), (x) => x.problems === undefined);
    expect(healed.kubernetes.pods).toHaveLength(fixture.kubernetes.pods.length);
  });

  it("a watch stream cut right after it connects is resumed quietly, but not in a tight loop", async () => {
    const { emulator, reader } = await setup(fixture);
    await reader.read();
    await until(() => emulator.openWatches, (n) => n === 6); // four core resources, ingresses, ingressclasses
    emulator.resetCounts();
    // A proxy that closes every watch at once: 2 s of streams cut within 50 ms of connecting.
    const end = Date.now() + 2_000;
    while (Date.now() < end) { emulator.dropWatches("pods"); await new Promise((r) => setTimeout(r, 50)); }
    expect(emulator.kubeCount("pods", "watch")).toBeLessThanOrEqual(6); // ~1 per second, jittered; not ~40
    expect(emulator.kubeCount("pods", "watch")).toBeGreaterThanOrEqual(1);
    // Cut streams are not failures: no problem, the data is current.
    const s = await reader.read();
    expect(s.problems).toBeUndefined();
    expect(reader.informers.pods.currentAt()).toBeGreaterThan(Date.now() - 1_000);
  });

  it("1 viewer and 50 concurrent viewers cause the same upstream requests", async () => {
    const { emulator, reader } = await setup(fixture, { aws: { callsPerSecond: 1_000 } });
    const cluster = new LiveCluster({ name: "fixture", kind: "kubeconfig", refreshMs: 50, eager: true, reader: () => reader });
    await cluster.snapshot();
    await until(() => emulator.kubeCount("services", "watch") + emulator.kubeCount("pods", "watch"), (n) => n === 2);
    const aws = (reader as unknown as { aws: { cache: { refresh(s: string): Promise<void> } } }).aws.cache;

    const phase = async (viewers: number, podIndex: number) => {
      emulator.resetCounts();
      let stop = false;
      const seen = new Set<Snapshot>();
      const loops = Array.from({ length: viewers }, async () => {
        while (!stop) { seen.add(await cluster.snapshot()); await new Promise((r) => setTimeout(r, 10)); }
      });
      await new Promise((r) => setTimeout(r, 150));
      emulator.mutate({ resource: "pods", type: "DELETED", object: fixture.kubernetes.pods[podIndex] });
      await aws.refresh("health");
      await until(() => cluster.snapshot(), (s) => !s.kubernetes.pods.some((p) => p.metadata.name === fixture.kubernetes.pods[podIndex].metadata.name));
      await new Promise((r) => setTimeout(r, 150));
      stop = true;
      await Promise.all(loops);
      return { counts: emulator.counts, snapshots: seen.size };
    };
    const one = await phase(1, 0);
    const fifty = await phase(50, 1);
    expect(fifty.counts).toEqual(one.counts);
    // What those requests are: one health round, no Kubernetes request at all (the watches carry the change).
    expect(one.counts.kubernetes).toEqual({});
    expect(one.counts.aws).toEqual({
      "elbv2:DescribeTargetHealth": fixture.aws.targetGroups.length,
      "elb:DescribeInstanceHealth": fixture.aws.classicLoadBalancers.length,
    });
    await cluster.close();
  });

  it("clusters in one region share one AWS cache: one set of AWS calls for both", async () => {
    const { emulator } = await setup(fixture);
    const a = (await setup(fixture, { emulator, cluster: "a" })).reader;
    const b = (await setup(fixture, { emulator, cluster: "b" })).reader;
    emulator.resetCounts();
    await Promise.all([a.read(), b.read()]);
    // One structure + tags + health cycle in all (the reader from setup() above was never started).
    expect(emulator.awsCount("elbv2:DescribeLoadBalancers")).toBe(1);
    expect(emulator.awsCount("DescribeTargetHealth")).toBe(fixture.aws.targetGroups.length);
    expect(emulator.kubeCount("pods", "list")).toBe(2); // informers are per cluster
  });

  it("keeps AWS calls within the call budget", async () => {
    const source = syntheticSnapshot({ nlbServices: 6 });
    const { emulator, reader } = await setup(source, { aws: { callsPerSecond: 10 } });
    await reader.start(); // the whole first cycle (~3 s): read() would not wait that long (sharedColdStart.test.ts)
    const times = emulator.awsRequests.map((r) => r.at).sort((x, y) => x - y);
    expect(times.length).toBeGreaterThan(20); // 3 listings + 6×2 + 6 attributes + 1 tags + 6 health
    // Arrival times only bound it from below (a busy machine adds latency): n calls at 10/s span ≥ ⌈n/10⌉−1 s.
    expect(times.at(-1)! - times[0]).toBeGreaterThanOrEqual((Math.ceil(times.length / 10) - 1) * 1000 - 50);
  });

  it("RateBudget: at most N calls start in any one-second window", async () => {
    const budget = new RateBudget(3);
    const started: number[] = [];
    await Promise.all(Array.from({ length: 8 }, async () => { await budget.take(); started.push(Date.now()); }));
    started.sort((x, y) => x - y);
    // Every 4th start is ≥ 1 s after the one 3 places before it (timers may fire a few ms early).
    for (let i = 3; i < started.length; i++) expect(started[i] - started[i - 3]).toBeGreaterThanOrEqual(995);
    expect(started.at(-1)! - started[0]).toBeLessThan(3_500); // and it does not over-wait
  });
});
