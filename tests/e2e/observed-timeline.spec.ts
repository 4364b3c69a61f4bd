import { expect, test } from "@playwright/test";
import { Topology } from "@/lib/api/topology";
import { ServiceTimeline } from "@/lib/api/timeline";

/**
 * Issue 12 on the demo, in Chromium: observed vs expected per zone (graph bands with a sparkline, the table view,
 * the zone inspector), no per-target numbers, the rollout finding, and the timeline tab (zoom and pan by keyboard
 * and buttons, both in the URL, a copied URL reproducing the window).
 */

const SILENT = "/clusters/demo-zone-silent/namespaces/default/services/web";
const FLAP = "/clusters/demo-flapping-target/namespaces/default/services/web";
const ROLLOUT = "/clusters/demo-rollout-drain-gap/namespaces/shop/services/checkout";
const api = (page: string, what: string) => `/api/v1${page.replace(/^\/clusters/, "/clusters")}/${what}`;

test("the zone bands show observed next to expected, with a sparkline; the silent zone is flagged", async ({ page, request }) => {
  const t = Topology.parse(await (await request.get(api(SILENT, "topology"))).json());
  const o = t.paths[0].observed!;
  expect(o.divergence.level).toBe("high");
  await page.goto(SILENT);
  const bands = page.getByTestId("zone-band");
  await expect(bands).toHaveCount(3);
  const silent = bands.filter({ hasText: "us-east-1c" }).getByTestId("zone-observed");
  await expect(silent).toContainText("expected 33.3% · ⚠ observed 0%");
  await expect(silent).toHaveAttribute("data-off", "true");
  await expect(bands.first().getByTestId("sparkline")).toBeVisible();
  await expect(page.getByRole("button", { name: /ZONE_NO_OBSERVED_TRAFFIC/ })).toBeVisible();
  // The zone's inspector has the observed numbers; a target's says there is no per-target metric.
  await page.locator('.react-flow__node[data-id="Zone:us-east-1c"]').click();
  await expect(page.getByTestId("inspector-zone")).toContainText("Observed (CloudWatch)");
  await expect(page.getByTestId("inspector-zone")).toContainText("0% of new flows (0)");
  await page.goto(`${SILENT}?sel=${t.paths[0].targets[0].key}`);
  await expect(page.getByTestId("no-target-metrics")).toContainText("There is no per-target metric for NLBs");
  await expect(page.getByTestId("inspector-target")).toContainText(/In this state.*for at least 6 h/);
});

test("the table view lists observed against expected per zone with the divergence", async ({ page }) => {
  await page.goto(`${SILENT}?view=table`);
  const table = page.getByTestId("observed-table");
  await expect(table).toBeVisible();
  await expect(table.getByTestId("divergence")).toContainText("us-east-1c got no new flows, expected 33.3%");
  await expect(table.locator("tr[data-zone=us-east-1c] [data-testid=observed-share]")).toHaveText("0%");
  await expect(table.locator("tr[data-zone=us-east-1a] [data-testid=observed-share]")).toHaveText("50%");
  await expect(table).toContainText("no per-target metric");
  await expect(page.getByTestId("targets-table").getByTestId("target-since").first()).toContainText("for at least");
});

test("the rollout check names pods that exit before their targets stop draining", async ({ page }) => {
  await page.goto(ROLLOUT);
  const finding = page.getByRole("button", { name: /POD_EXITS_BEFORE_DEREGISTRATION/ });
  await expect(finding).toBeVisible();
  await expect(page.locator("aside")).toContainText("can stop serving 10 s after they are deleted");
});

test("timeline: rows of health spans and marks; keyboard and buttons zoom and pan, and the URL reproduces the window", async ({ page, request, browser, baseURL }) => {
  const tl = ServiceTimeline.parse(await (await request.get(`${api(FLAP, "timeline")}?window=30m`)).json());
  const flapping = tl.rows.find((r) => (r.recentChanges ?? 0) >= 3)!;
  expect(flapping.spans).toHaveLength(5);

  await page.goto(`${FLAP}?view=timeline&tw=30m`);
  await expect(page.getByTestId("timeline-window")).toContainText("09:30:00 UTC – 10:00:00 UTC (30 min)");
  const row = page.locator(`[data-testid=timeline-row][data-target="${flapping.target}"]`);
  await expect(row).toHaveAttribute("data-verdict", "fault");
  await expect(row.getByTestId("timeline-span")).toHaveCount(5);
  await expect(row.locator("[data-testid=timeline-span][data-state=unhealthy]")).toHaveCount(2);
  await expect(row).toContainText("⚠ flapping");
  await expect(page.getByTestId("timeline-changes")).toContainText("healthy → unhealthy (Target.FailedHealthChecks)");

  // Keyboard on the chart: + zooms in, ← moves earlier, Home returns to now, − zooms out.
  const chart = page.getByTestId("timeline-chart");
  await chart.focus();
  await page.keyboard.press("+");
  await expect(page).toHaveURL(/tw=15m/);
  await expect(page.getByTestId("timeline-window")).toContainText("09:45:00 UTC – 10:00:00 UTC");
  await page.keyboard.press("ArrowLeft");
  await expect(page).toHaveURL(/tend=2026-11-20T09:52:30/);
  await expect(page.getByTestId("timeline-window")).toContainText("09:37:30 UTC – 09:52:30 UTC");
  const link = page.url();
  await page.keyboard.press("Home");
  await expect(page).not.toHaveURL(/tend=/);
  await page.keyboard.press("-");
  await expect(page).toHaveURL(/tw=30m/);

  // Buttons are reachable by keyboard too.
  await page.getByRole("button", { name: "6h", exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/tw=6h/);
  await expect(page.getByTestId("timeline-coverage")).toContainText("since 04:00:00 UTC");

  // A fresh browser with the copied link sees the same window.
  const ctx = await browser.newContext({ baseURL });
  const other = await ctx.newPage();
  await other.goto(link);
  await expect(other.getByTestId("timeline-window")).toContainText("09:37:30 UTC – 09:52:30 UTC");
  await ctx.close();
});

test("timeline marks show the Kubernetes changes on the targets they concern", async ({ page }) => {
  await page.goto(`${ROLLOUT}?view=timeline&tw=15m`);
  const draining = page.locator("[data-testid=timeline-row]").filter({ has: page.locator("[data-testid=timeline-span][data-state=draining]") });
  await expect(draining).toHaveCount(1);
  await expect(draining.locator("[data-testid=timeline-mark]")).toHaveCount(2);
  await expect(draining.locator("[data-testid=timeline-mark][data-kind=pod-terminating]")).toHaveAttribute("title", /pod terminating shop\/checkout-.* at 09:59:48 UTC/);
  // Selecting a row's label opens the target in the graph.
  await draining.getByRole("button").click();
  await expect(page).toHaveURL(/sel=Target:10\.0\.20\.24:8080/);
  await expect(page.getByTestId("inspector-target")).toContainText("draining");
});

test("triage says for how long each target has been in its state", async ({ page }) => {
  await page.goto("/triage?cluster=demo-flapping-target");
  const row = page.locator("[data-testid=triage-row][data-code=TARGET_FLAPPING]");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("⚠ 4 changes in 15 min");
  await expect(row.getByTestId("triage-since")).toContainText(/for 3 min/);
});

test("the timeline API validates its query and names unknown Services, as JSON", async ({ request }) => {
  for (const bad of ["window=7h", "window=soon", "end=yesterday"]) {
    const r = await request.get(`${api(FLAP, "timeline")}?${bad}`);
    expect(r.status(), bad).toBe(400);
    expect((await r.json()).error).toMatchObject({ code: "INVALID_PARAMETER" });
  }
  const missing = await request.get("/api/v1/clusters/demo-flapping-target/namespaces/default/services/nope/timeline");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("SERVICE_NOT_FOUND");
  const ok = ServiceTimeline.parse(await (await request.get(api(FLAP, "timeline"))).json());
  expect(ok.window.seconds).toBe(3600);
});
