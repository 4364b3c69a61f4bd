import { expect, test } from "@playwright/test";
import { ServiceList, Topology, Triage } from "@/lib/api/topology";

// The v1 JSON API against `next start` on the demo (playwright.config.ts): real HTTP, contract-checked with zod.

test("clusters: one demo cluster per scenario, named demo-…", async ({ request }) => {
  const res = await request.get("/api/v1/clusters");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.mode).toBe("demo");
  expect(body.clusters.length).toBeGreaterThan(0);
  for (const c of body.clusters) {
    expect(c.name).toMatch(/^demo-[a-z0-9-]+$/);
    expect(c.source).toBe("demo");
    expect(c.error).toBeUndefined();
  }
  expect(body.clusters.map((c: { name: string }) => c.name)).toContain("demo-blog-local");
});

test("the blog's example: services, topology and triage agree", async ({ request }) => {
  const list = ServiceList.parse(await (await request.get("/api/v1/clusters/demo-blog-local/services")).json());
  expect(list.services).toHaveLength(1);
  const svc = list.services[0];
  expect(svc).toMatchObject({ status: "ok", externalTrafficPolicy: "Local", health: { healthy: 1, expected: 1, fault: 0 }, sourceIp: { seenAs: "client" } });

  const topo = Topology.parse(await (await request.get(`/api/v1/clusters/demo-blog-local/namespaces/${svc.namespace}/services/${svc.name}/topology`)).json());
  const path = topo.paths[0];
  expect(path.targets.map((t) => t.verdict).sort()).toEqual(["expected", "healthy"]);
  const total = path.pods.reduce((a, p) => a + p.share, 0) + path.dropped + path.rejected + path.unknown;
  expect(total).toBeCloseTo(1, 6);

  const triage = Triage.parse(await (await request.get("/api/v1/clusters/demo-blog-local/triage")).json());
  expect(triage.targets).toHaveLength(1);
  expect(triage.targets[0]).toMatchObject({ verdict: "expected", code: "LOCAL_NO_ENDPOINT", rank: 5 });
});

test("triage is ranked: every cluster's rows come most urgent first, faults before expected", async ({ request }) => {
  const { clusters } = await (await request.get("/api/v1/clusters")).json();
  const faultRanks: number[] = [];
  const expectedRanks: number[] = [];
  for (const c of clusters as { name: string }[]) {
    const t = Triage.parse(await (await request.get(`/api/v1/clusters/${c.name}/triage`)).json());
    const ranks = t.targets.map((r) => r.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const r of t.targets) {
      expect(r.verdict).not.toBe("healthy");
      // Rank 1 (the LB fails open to it) may hold any verdict; below that, faults rank above expected targets.
      if (r.rank > 1 && r.verdict === "fault") faultRanks.push(r.rank);
      if (r.rank > 1 && r.verdict === "expected") expectedRanks.push(r.rank);
    }
  }
  expect(faultRanks.length).toBeGreaterThan(0);
  expect(expectedRanks.length).toBeGreaterThan(0);
  expect(Math.max(...faultRanks)).toBeLessThan(Math.min(...expectedRanks));
});

test("bad input gets a JSON error that names the cause, never HTML", async ({ request }) => {
  const cases: [string, number, string][] = [
    ["/api/v1/clusters/demo-blog-local/namespaces/Bad_NS/services/web/topology", 400, "INVALID_PARAMETER"],
    ["/api/v1/clusters/demo-blog-local/namespaces/default/services/-web/topology", 400, "INVALID_PARAMETER"],
    ["/api/v1/clusters/demo-blog-local/namespaces/default/services/nope/topology", 404, "SERVICE_NOT_FOUND"],
    ["/api/v1/clusters/no-such-cluster/services", 404, "CLUSTER_NOT_FOUND"],
    ["/api/v1/clusters/%3Cscript%3E/triage", 400, "INVALID_PARAMETER"],
  ];
  for (const [url, status, code] of cases) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(status);
    expect(res.headers()["content-type"]).toContain("application/json");
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  }
});
