import { expect, test, type Page } from "@playwright/test";
import { Triage } from "@/lib/api/topology";

// Triage (`/triage`) on the demo: ranking, collapsed expected targets, URL filters, links into the service page,
// and the Markdown summary with an as-of link.

const SHOTS = "test-results/screenshots";

async function waitLoaded(page: Page) {
  await expect(page.getByTestId("triage-headline")).not.toContainText("loading", { timeout: 20_000 });
}

async function rowsSeen(page: Page) {
  return page.$$eval('[data-testid="triage-row"]', (rows) =>
    rows.map((r) => ({ rank: Number(r.getAttribute("data-rank")), verdict: r.getAttribute("data-verdict")!, code: r.getAttribute("data-code")!, cluster: r.getAttribute("data-cluster")! })),
  );
}

test("ranks faults above expected targets; expected-by-design is collapsed with a count and expands from the URL", async ({ page, request }) => {
  const { clusters } = (await (await request.get("/api/v1/clusters")).json()) as { clusters: { name: string }[] };
  let urgent = 0;
  let expected = 0;
  for (const c of clusters) {
    const t = Triage.parse(await (await request.get(`/api/v1/clusters/${encodeURIComponent(c.name)}/triage`)).json());
    urgent += t.targets.filter((r) => r.rank < 5).length;
    expected += t.targets.filter((r) => r.rank >= 5).length;
  }
  expect(urgent).toBeGreaterThan(0);
  expect(expected).toBeGreaterThan(0);

  await page.goto("/triage");
  await waitLoaded(page);
  let rows = await rowsSeen(page);
  expect(rows).toHaveLength(urgent);
  expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => a - b));
  expect(rows.some((r) => r.rank === 5)).toBe(false);
  await expect(page.getByTestId("toggle-expected")).toContainText(`${expected} expected (by design) targets hidden`);
  await expect(page.locator("th[scope=rowgroup]").first()).toContainText("1. Load balancer failing open");
  await page.screenshot({ path: `${SHOTS}/triage.png` });

  await page.getByTestId("toggle-expected").click();
  await expect(page).toHaveURL(/expected=1/);
  rows = await rowsSeen(page);
  expect(rows).toHaveLength(urgent + expected);
  const firstFault = rows.findIndex((r) => r.verdict === "fault" && r.rank === 3);
  const firstExpected = rows.findIndex((r) => r.rank === 5);
  expect(firstFault).toBeGreaterThanOrEqual(0);
  expect(firstFault).toBeLessThan(firstExpected);
  expect(rows.slice(firstExpected).every((r) => r.rank === 5)).toBe(true);

  await page.reload();
  await waitLoaded(page);
  expect(await rowsSeen(page)).toHaveLength(urgent + expected);
});

test("filters live in the URL; a row opens the service page with that target selected", async ({ page, request }) => {
  const api = Triage.parse(await (await request.get("/api/v1/clusters/demo-mixed-health/triage")).json());
  const fault = api.targets.find((r) => r.code === "HC_BLOCKED")!;
  expect(fault).toBeDefined();

  await page.goto("/triage");
  await waitLoaded(page);
  await page.getByLabel("Code", { exact: true }).selectOption("HC_BLOCKED");
  await page.getByLabel("Cluster", { exact: true }).selectOption("demo-mixed-health");
  await expect(page).toHaveURL(/cluster=demo-mixed-health/);
  await expect(page).toHaveURL(/code=HC_BLOCKED/);
  await page.reload();
  await waitLoaded(page);
  const rows = await rowsSeen(page);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.code === "HC_BLOCKED" && r.cluster === "demo-mixed-health")).toBe(true);
  await expect(page.getByLabel("Code", { exact: true })).toHaveValue("HC_BLOCKED");

  const row = page.getByTestId("triage-row").first();
  await expect(row).toContainText(fault.id);
  await expect(row).toContainText(fault.diagnosis);
  await row.getByTestId("open-target").click();
  await page.waitForURL(/\/clusters\/demo-mixed-health\/namespaces\/default\/services\/web\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("path")).toBe(fault.pathId);
  expect(url.searchParams.get("sel")).toBe(fault.key);
  // The service page (built in parallel) shows the selected target: its id is on the page.
  await expect(page.getByText(fault.id).first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}/triage-to-service.png` });
});

test("Copy summary puts the codes and an as-of link on the clipboard; the link reports an unchanged state", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/triage?cluster=demo-mixed-health&expected=1");
  await waitLoaded(page);
  await page.getByTestId("copy-summary").click();
  await expect(page.getByTestId("copy-summary")).toHaveText("Copied ✓");
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain("**lbpath triage: cluster `demo-mixed-health`**");
  expect(md).toContain("`HC_BLOCKED`");
  expect(md).toContain("`REGISTERING`");
  expect(md).toContain("`INITIAL_HEALTH_CHECK`");
  const link = md.match(/- Link: (\S+)/)![1];
  const u = new URL(link);
  expect(u.pathname).toBe("/triage");
  expect(u.searchParams.get("cluster")).toBe("demo-mixed-health");
  expect(u.searchParams.get("asOf")).toMatch(/^\d{4}-\d\d-\d\dT/);
  expect(u.searchParams.get("digest")).toMatch(/^[0-9a-f]{10}$/);

  await page.goto(link);
  await waitLoaded(page);
  const note = page.getByTestId("as-of-note");
  await expect(note).toHaveAttribute("data-changed", "false");
  await expect(note).toContainText("Unchanged since the link was made");

  // A link whose digest no longer matches says the state changed.
  u.searchParams.set("digest", "0000000000");
  await page.goto(u.toString());
  await waitLoaded(page);
  await expect(page.getByTestId("as-of-note")).toHaveAttribute("data-changed", "true");
  await expect(page.getByTestId("as-of-note")).toContainText("has changed since this link was made");
  await page.screenshot({ path: `${SHOTS}/triage-as-of-changed.png` });
});

test("without a clipboard API the summary is shown selected in a textarea", async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await page.goto("/triage?cluster=demo-ppv2-local-broken-hc");
  await waitLoaded(page);
  await page.getByTestId("copy-summary").click();
  const area = page.getByTestId("copy-summary-fallback");
  await expect(area).toBeVisible();
  const text = await area.inputValue();
  expect(text).toContain("`PPV2_BREAKS_HC`");
  expect(text).toContain("Load balancer failing open");
  expect(await area.evaluate((el: HTMLTextAreaElement) => el.selectionEnd - el.selectionStart)).toBe(text.length);
  await page.screenshot({ path: `${SHOTS}/triage-copy-fallback.png` });
});
