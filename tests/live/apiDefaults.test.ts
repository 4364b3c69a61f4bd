import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ServiceList, Topology, Triage } from "@/lib/api/topology";
import { staleHalves } from "@/lib/api/dataAge";
import { BROKEN, CONTEXT, FAST_ENV, sleep, startLiveApi, topologyPath, until, type LiveApi } from "./apiHarness";
import { FIXTURE, loadSnapshot } from "./helpers";

/**
 * Issue 5 defaults through the real API: the shared cache is what live mode runs (no setting needed), each
 * cluster's informers and AWS loops start once per process whatever the number of requests, close() stops them,
 * and every answer carries its data age with the refresh intervals.
 */

const fixture = loadSnapshot(FIXTURE);
let api: LiveApi | undefined;
afterEach(async () => { await api?.close(); api = undefined; });

const RESOURCES = ["services", "endpointslices", "nodes", "pods", "ingresses", "ingressclasses"] as const;

describe("live API defaults", () => {
  it("runs the shared cache by default: one list + one watch per resource and one AWS cycle for 60 concurrent requests", async () => {
    api = await startLiveApi(fixture, { env: { LBPATH_HEALTH_SECONDS: "60", LBPATH_AWS_STRUCTURE_SECONDS: "60", LBPATH_TAGS_SECONDS: "60" } });
    const { emulator } = api;
    const requests = Array.from({ length: 20 }, () => [
      api!.get(`/api/v1/clusters/${CONTEXT}/services`),
      api!.get(`/api/v1/clusters/${CONTEXT}/triage`),
      api!.get(topologyPath("shop", "web")),
    ]).flat();
    const answers = await Promise.all(requests);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    await until(() => emulator.openWatches, (n) => n === 6); // four core resources, ingresses, ingressclasses
    for (const r of RESOURCES) {
      expect(emulator.kubeCount(r, "list"), r).toBe(1);
      expect(emulator.kubeCount(r, "watch"), r).toBe(1);
    }
    // One structure + tags + health cycle for the region, whoever asked.
    expect(emulator.awsCount("elbv2:DescribeLoadBalancers")).toBe(1);
    expect(emulator.awsCount("elbv2:DescribeTargetHealth")).toBe(fixture.aws.targetGroups.length);

    // The registry is a per-process singleton: asking again does not start a second set of informers.
    const before = structuredClone(emulator.counts);
    await Promise.all(Array.from({ length: 30 }, () => api!.get(topologyPath("shop", "api"))));
    expect(await api.sources()).toBe(await api.sources());
    expect(emulator.counts).toEqual(before);

    const list = ServiceList.parse(answers[0].body);
    expect(list.services.map((s) => `${s.namespace}/${s.name}`)).toEqual(["legacy/classic", "shop/api", "shop/web"]);
    expect(list.warnings).toEqual([]);
  });

  it("LBPATH_LIVE_CACHE=poll stays available: one full read per refresh interval, no watches, its interval in the age", async () => {
    api = await startLiveApi(fixture, { env: { LBPATH_LIVE_CACHE: "poll", LBPATH_REFRESH_SECONDS: "30" } });
    const answers = await Promise.all(Array.from({ length: 20 }, () => api!.get(topologyPath("shop", "web"))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const { age } = Topology.parse(answers[0].body);
    expect(age.refreshSeconds).toEqual({ kubernetes: 30, aws: 30 });
    for (const r of RESOURCES) expect(api.emulator.kubeCount(r, "list"), r).toBe(1);
    expect(api.emulator.kubeCount("pods", "watch")).toBe(0);
    expect(api.emulator.openWatches).toBe(0);
  });

  it("every answer carries the data age, the refresh intervals and the server's clock; fresh data is not stale", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lbpath-snap-"));
    const file = join(dir, "saved.json");
    writeFileSync(file, JSON.stringify(fixture));
    try {
      api = await startLiveApi(fixture, { env: { LBPATH_SNAPSHOT: file } });
      const t0 = Date.now();
      const topo = await api.get(topologyPath("shop", "web"));
      const { age } = Topology.parse(topo.body);
      expect(age.refreshSeconds?.kubernetes).toBe(5);
      // The health interval, or the last sweep's duration if that was longer.
      expect(age.refreshSeconds?.aws).toBeGreaterThanOrEqual(Number(FAST_ENV.LBPATH_HEALTH_SECONDS));
      for (const t of [age.servedAt!, age.kubernetes!, age.aws!, age.capturedAt]) expect(Math.abs(Date.parse(t) - t0)).toBeLessThan(5_000);
      expect(age.capturedAt <= age.kubernetes! && age.capturedAt <= age.aws!).toBe(true);
      expect(staleHalves(age)).toEqual([]);
      for (const path of [`/api/v1/clusters/${CONTEXT}/services`, `/api/v1/clusters/${CONTEXT}/triage`]) {
        const body = (await api.get(path)).body;
        const parsed = path.endsWith("triage") ? Triage.parse(body) : ServiceList.parse(body);
        expect(parsed.age.refreshSeconds).toEqual(age.refreshSeconds);
        expect(parsed.age.servedAt).toBeDefined();
      }
      // Quiet cluster, unchanged data: the same snapshot object is served, yet the ages move on (they are set per
      // answer, not memoised with the topology).
      await sleep(1_500);
      const later = Topology.parse((await api.get(topologyPath("shop", "web"))).body).age;
      expect(Date.parse(later.kubernetes!)).toBeGreaterThan(Date.parse(age.kubernetes!));
      expect(Date.parse(later.aws!)).toBeGreaterThan(Date.parse(age.aws!)); // health ran again (every 1 s)
      // A snapshot file never refreshes: no intervals, never stale.
      const saved = ServiceList.parse((await api.get(`/api/v1/clusters/snapshot-saved/services`)).body);
      expect(saved.age.refreshSeconds).toBeNull();
      expect(staleHalves(saved.age, Date.now() + 86_400_000)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a broken kubeconfig context: that cluster answers 503 K8S_CONFIG, the other works, and readiness is not held up", async () => {
    api = await startLiveApi(fixture, { broken: true });
    const listing = await api.get<{ clusters: { name: string; source: string }[] }>("/api/v1/clusters");
    expect(listing.body.clusters.map((c) => c.name).sort()).toEqual([BROKEN, CONTEXT]);
    const broken = await api.get<{ error: { code: string; message: string; fix: string } }>(`/api/v1/clusters/${BROKEN}/services`);
    expect(broken.status).toBe(503);
    expect(broken.body.error.code).toBe("K8S_CONFIG");
    expect(broken.body.error.message).toContain('refers to cluster "gone"');
    expect(broken.body.error.fix).toContain("add the cluster entry");
    expect((await api.get(`/api/v1/clusters/${CONTEXT}/services`)).status).toBe(200);
    const ready = await until(() => api!.get<{ status: string; notReady: string[] }>("/api/readyz"), (r) => r.status === 200);
    expect(ready.body).toMatchObject({ status: "ready", notReady: [] });
  });

  it("close() stops the informers and the AWS loops: no watch stays open, no call is made afterwards", async () => {
    api = await startLiveApi(fixture);
    const { emulator } = api;
    await api.get(topologyPath("shop", "web"));
    // The four core resources plus ingresses and ingressclasses (the fixture has no ALB/Gateway CRDs: no watch).
    await until(() => emulator.openWatches, (n) => n === 6);
    await until(() => emulator.awsCount("DescribeTargetHealth"), (n) => n > fixture.aws.targetGroups.length); // the loop runs
    for (const s of await api.sources()) await s.close?.();
    await until(() => emulator.openWatches, (n) => n === 0, 3_000);
    expect(emulator.openWatches).toBe(0);
    await sleep(300); // let a run that was already in flight finish
    emulator.resetCounts();
    await sleep(4 * Number(FAST_ENV.LBPATH_HEALTH_SECONDS) * 1000);
    expect(emulator.counts).toEqual({ kubernetes: {}, aws: {} });
  });
});
