import { expect, test, type APIRequestContext } from "@playwright/test";
import { Topology } from "@/lib/api/topology";
import { ServiceTimeline } from "@/lib/api/timeline";
import { formatShare } from "@/lib/graph/format";
import { LIVE_CLUSTER, control } from "@/tests/fixtures/emulator/e2eLive";

/**
 * Issue 12 in live mode (playwright.live.config.ts): `next start` reads CloudWatch through the real client from the
 * emulator (which replays blog-local's metrics), and records target health and pod changes as they happen.
 *
 * lbpath's history outlives the emulator's reset: the target changes made by earlier specs in the same server stay
 * on its timeline (and 3 in 15 minutes make it flap). So the assertions here tolerate earlier changes, and the file
 * is named to run after live.spec.ts, whose first test expects a target without recent changes.
 */

const base = `/api/v1/clusters/${LIVE_CLUSTER}/namespaces/default/services/web`;
const pagePath = `/clusters/${LIVE_CLUSTER}/namespaces/default/services/web`;
const POD = "web-4brkz9ljrj-plk9m";
const INSTANCE = "i-01c08e7219ab92c20";

async function topologyWhen(request: APIRequestContext, ok: (t: Topology) => boolean, timeout = 30_000): Promise<Topology> {
  let last: Topology | undefined;
  await expect.poll(async () => ok((last = Topology.parse(await (await request.get(`${base}/topology`)).json()))), { timeout, intervals: [250] }).toBe(true);
  return last!;
}

test.beforeEach(async ({ request }) => {
  await control("reset");
  await topologyWhen(request, (t) => t.warnings.length === 0 && t.paths[0]?.pods[0]?.ready === true && t.paths[0].targets.find((x) => x.id === INSTANCE)?.state === "healthy", 40_000);
});

test("the live page shows observed vs expected from CloudWatch, read through the real client", async ({ page, request }) => {
  const t = await topologyWhen(request, (x) => !!x.paths[0].observed);
  const o = t.paths[0].observed!;
  expect(o.metric).toBe("NewFlowCount");
  expect(o.zones.map((z) => z.zone)).toEqual(["us-east-1a", "us-east-1b"]);
  expect(o.divergence.level).toBe("ok");
  // The reset zeroed the emulator's counts; the metrics stage reads again within its interval (4 s here).
  await expect.poll(async () => Number((await control("counts") as { aws: Record<string, number> }).aws["cloudwatch:GetMetricData"] ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
  await page.goto(`${pagePath}?view=table`);
  const table = page.getByTestId("observed-table");
  await expect(table).toBeVisible({ timeout: 20_000 });
  await expect(table.locator("tr[data-zone=us-east-1a] [data-testid=observed-share]")).toHaveText(formatShare(o.zones[0].share));
});

test("a target turning unhealthy and the pod behind it turning not ready appear on the live timeline", async ({ page, request }) => {
  await control("pod-ready", { namespace: "default", name: POD, ready: false });
  await control("target-health", { id: INSTANCE, state: "unhealthy", reason: "Target.FailedHealthChecks" });
  const t = await topologyWhen(request, (x) => x.paths[0].targets.find((y) => y.id === INSTANCE)?.state === "unhealthy");
  // Known exactly: lbpath saw it change (not "at least since it began watching").
  expect(t.paths[0].targets.find((y) => y.id === INSTANCE)!.since).toMatchObject({ atLeast: false });
  let tl: ServiceTimeline | undefined;
  await expect.poll(async () => {
    tl = ServiceTimeline.parse(await (await request.get(`${base}/timeline?window=15m`)).json());
    const row = tl.rows.find((r) => r.id === INSTANCE);
    return !!row && row.spans.at(-1)?.state === "unhealthy" && tl.events.some((e) => e.kind === "pod-not-ready" && e.rows.includes(row.key));
  }, { timeout: 20_000, intervals: [500] }).toBe(true);
  await page.goto(`${pagePath}?view=timeline&tw=15m`);
  const row = page.locator(`[data-testid=timeline-row][data-target="${tl!.rows.find((r) => r.id === INSTANCE)!.target}"]`);
  await expect(row.locator("[data-testid=timeline-span][data-state=unhealthy]").last()).toBeVisible({ timeout: 20_000 });
  await expect(row.locator("[data-testid=timeline-span]").last()).toHaveAttribute("data-state", "unhealthy");
  await expect(row.locator("[data-testid=timeline-mark][data-kind=pod-not-ready]").last()).toBeVisible();
  await expect(page.getByTestId("timeline-changes")).toContainText("pod not Ready");
});
