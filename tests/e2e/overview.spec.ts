import { expect, test, type Page } from "@playwright/test";
import { ServiceList, Triage } from "@/lib/api/topology";

// Overview (`/`) on the demo: every scenario's Service with its verdict counts, and URL-kept filters.

const SHOTS = "test-results/screenshots";

interface RowSeen {
  cluster: string;
  service: string;
  /** verdict → the count its badge shows */
  badges: Record<string, number>;
  status: string | null;
}

/** Reads every service row of the table at once: its cluster, Service and the text of each verdict badge. */
async function readRows(page: Page): Promise<RowSeen[]> {
  return page.$$eval('[data-testid="service-row"]', (rows) =>
    rows.map((r) => {
      const badges: Record<string, number> = {};
      r.querySelectorAll("[data-testid=health-counts] [data-verdict]").forEach((b) => {
        // The badge's visible words must agree with its count attribute, e.g. "1 expected".
        const n = Number(b.getAttribute("data-count"));
        if (!(b.textContent ?? "").includes(`${n} `)) throw new Error(`badge text ${b.textContent} ≠ count ${n}`);
        badges[b.getAttribute("data-verdict")!] = n;
      });
      return {
        cluster: r.getAttribute("data-cluster")!,
        service: r.getAttribute("data-service")!,
        badges,
        status: r.querySelector("[data-testid=lb-status]")?.getAttribute("data-status") ?? null,
      };
    }),
  );
}

async function waitLoaded(page: Page) {
  await expect(page.getByTestId("cluster-status")).toHaveAttribute("data-state", "loaded", { timeout: 20_000 });
}

test("lists every scenario's Service with the API's verdict counts", async ({ page, request }) => {
  const { clusters } = (await (await request.get("/api/v1/clusters")).json()) as { clusters: { name: string }[] };
  expect(clusters.length).toBeGreaterThan(10);
  const expected = new Map<string, ServiceList["services"][number]>();
  let urgent = 0;
  for (const c of clusters) {
    const list = ServiceList.parse(await (await request.get(`/api/v1/clusters/${encodeURIComponent(c.name)}/services`)).json());
    for (const s of list.services) expected.set(`${c.name} ${s.namespace}/${s.name}`, s);
    const t = Triage.parse(await (await request.get(`/api/v1/clusters/${encodeURIComponent(c.name)}/triage`)).json());
    urgent += t.targets.filter((r) => r.rank < 5).length;
  }

  await page.goto("/");
  await expect(page.getByText("Demo mode: no kubeconfig found")).toBeVisible();
  await waitLoaded(page);
  const rows = await readRows(page);
  expect(rows.map((r) => `${r.cluster} ${r.service}`).sort()).toEqual([...expected.keys()].sort());

  for (const r of rows) {
    const s = expected.get(`${r.cluster} ${r.service}`)!;
    for (const v of ["healthy", "expected", "transient", "fault", "unknown"] as const) {
      const n = s.health[v];
      // Zero counts are left out, except "0 healthy" on a Service whose load balancer was read.
      if (n > 0 || (v === "healthy" && s.status === "ok")) expect(r.badges[v], `${r.cluster} ${r.service} ${v}`).toBe(n);
      else expect(r.badges[v], `${r.cluster} ${r.service} ${v}`).toBeUndefined();
    }
    expect(r.status, `${r.cluster} ${r.service} status`).toBe(s.status === "ok" ? null : s.status);
  }

  // By hand, from the scenario stories: the blog's example is 1 healthy + 1 expected (Local, a node without a
  // pod), and mixed-health has a fault, two transient targets and two healthy ones.
  const blog = rows.find((r) => r.cluster === "demo-blog-local" && r.service === "default/web")!;
  expect(blog.badges).toEqual({ expected: 1, healthy: 1 });
  const mixed = rows.find((r) => r.cluster === "demo-mixed-health" && r.service === "default/web")!;
  expect(mixed.badges).toEqual({ fault: 1, transient: 2, healthy: 2 });
  // A Service whose load balancer is gone is listed as such, not dropped.
  expect(rows.find((r) => r.cluster === "demo-shop" && r.service === "shop/legacy-api")?.status).toBe("not-found");

  // The first screen names the targets that need a human (triage ranks 1–4), with their codes.
  await expect(page.getByTestId("urgent-targets")).toContainText(`Needs a human first: ${urgent} targets`);
  await expect(page.getByTestId("urgent-row")).toHaveCount(Math.min(5, urgent));
  await expect(page.getByTestId("urgent-row").first()).toContainText("Load balancer failing open");

  // Default sort is by urgency: the first row fails open or has a fault; the blog's expected-only row comes later.
  const firstRow = page.getByTestId("service-row").first();
  await expect(firstRow.getByText(/FAILING OPEN|fault/).first()).toBeVisible();
  const order = rows.map((r) => `${r.cluster} ${r.service}`);
  expect(order.indexOf("demo-mixed-health default/web")).toBeLessThan(order.indexOf("demo-blog-local default/web"));
  await page.screenshot({ path: `${SHOTS}/overview.png` });
  await page.screenshot({ path: `${SHOTS}/overview-full.png`, fullPage: true });
});

test("filters and sort live in the URL and survive a reload and a copied link", async ({ page, browser }) => {
  await page.goto("/");
  await waitLoaded(page);
  await page.getByLabel("Health", { exact: true }).selectOption("fault");
  await expect(page).toHaveURL(/verdict=fault/);
  await page.getByRole("searchbox").fill("telemetry");
  await expect(page).toHaveURL(/q=telemetry/);
  await page.getByRole("button", { name: /^Service/ }).click();
  await expect(page).toHaveURL(/sort=name/);

  const check = async (p: Page) => {
    await waitLoaded(p);
    const rows = await readRows(p);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.service.startsWith("telemetry/") || r.cluster.includes("telemetry"), r.service).toBe(true);
      expect(r.badges.fault, r.service).toBeGreaterThan(0);
    }
    const names = rows.map((r) => `${r.cluster} ${r.service}`);
    expect(names).toEqual([...names].sort((a, b) => a.split(" ")[1].localeCompare(b.split(" ")[1]) || a.localeCompare(b)));
    await expect(p.getByRole("searchbox")).toHaveValue("telemetry");
    await expect(p.getByLabel("Health", { exact: true })).toHaveValue("fault");
    return names;
  };
  const before = await check(page);
  expect(before).toContain("demo-udp-cluster telemetry/statsd");
  expect(before).not.toContain("demo-udp-local telemetry/statsd"); // expected-only: filtered out by verdict=fault

  await page.reload();
  expect(await check(page)).toEqual(before);

  // A colleague opens the copied link in a fresh browser context.
  const url = page.url();
  const ctx = await browser.newContext();
  const other = await ctx.newPage();
  await other.goto(url);
  expect(await check(other)).toEqual(before);
  await other.screenshot({ path: `${SHOTS}/overview-filtered.png` });
  await ctx.close();

  // Label search (key=value) and DNS-name search also work from the URL.
  await page.goto("/?q=a166a06cb15f648da9b6d11871b52c00");
  await waitLoaded(page);
  expect((await readRows(page)).map((r) => r.cluster)).toEqual(["demo-blog-local"]);
});

test("each finding code links to its explanation", async ({ page }) => {
  await page.goto("/?q=demo-mixed-health");
  await waitLoaded(page);
  const link = page.getByTestId("service-row").first().getByRole("link", { name: "HC_BLOCKED" });
  await link.click();
  await expect(page).toHaveURL(/\/findings#HC_BLOCKED$/);
  const section = page.locator("article#HC_BLOCKED");
  await expect(section).toBeVisible();
  await expect(section).toContainText("HLT-C2");
  await expect(section).toContainText("How to fix");
});

test("a cluster that cannot be read gets its own error row with cause and fix; the others still show", async ({ page }) => {
  // Only the browser's view of our own API is altered here, to reach a state the demo cannot produce.
  await page.route("**/api/v1/clusters/demo-blog-local/services", (route) =>
    route.fulfill({
      status: 503,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "K8S_UNREACHABLE", message: "The Kubernetes API of demo-blog-local did not answer.", fix: "Check the kubeconfig server address." } }),
    }),
  );
  await page.goto("/");
  await waitLoaded(page);
  const err = page.getByTestId("cluster-errors");
  await expect(err).toContainText("demo-blog-local");
  await expect(err).toContainText("did not answer");
  await expect(err).toContainText("Fix: Check the kubeconfig server address.");
  const rows = await readRows(page);
  expect(rows.some((r) => r.cluster === "demo-blog-local")).toBe(false);
  expect(rows.some((r) => r.cluster === "demo-mixed-health")).toBe(true);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/overview-dark-error.png` });
});
