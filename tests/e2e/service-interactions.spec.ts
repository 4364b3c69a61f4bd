import { expect, test, type Page } from "@playwright/test";
import { Topology } from "@/lib/api/topology";
import { VERDICT } from "@/lib/vocabulary";

/**
 * The service page's behaviour: inspector, findings highlight, shareable links, keyboard, table view,
 * export, and the designed loading / error / empty / stale / partial states. Demo mode, real server.
 */

const BLOG = "/clusters/demo-blog-local/namespaces/default/services/web";
const BLOG_API = "/api/v1/clusters/demo-blog-local/namespaces/default/services/web/topology";
const FIVE = "/clusters/demo-five-nodes-local/namespaces/default/services/web";
const node = (page: Page, key: string) => page.locator(`.react-flow__node[data-id="${key}"]`);

async function blog(page: Page) {
  const topology = Topology.parse(await (await page.request.get(BLOG_API)).json());
  await page.goto(BLOG);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  return topology;
}

test("selecting a target opens the inspector with its diagnosis, and the selection goes into the URL", async ({ page }) => {
  const t = await blog(page);
  const unhealthy = t.paths[0].targets.find((x) => x.verdict === "expected")!;
  await node(page, unhealthy.key).click();
  const inspector = page.getByTestId("inspector-target");
  await expect(inspector).toBeVisible();
  await expect(inspector).toContainText(unhealthy.diagnosis);
  await expect(inspector).toContainText("HLT-C1");
  await expect(inspector).toContainText("What to change");
  await expect(page).toHaveURL(new RegExp(`sel=${unhealthy.key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  await expect(node(page, unhealthy.key)).toHaveClass(/selected/);
});

test("selecting a pod shows the source IP it sees and why", async ({ page }) => {
  const t = await blog(page);
  const pod = t.paths[0].pods[0];
  await node(page, pod.key).click();
  await expect(page.getByTestId("pod-sees")).toHaveText(/client's own IP/);
  await expect(page.getByTestId("inspector-pod")).toContainText(pod.sourceIp.row);
});

test("the load balancer inspector lists DNS name, scheme, zones and attributes", async ({ page }) => {
  const t = await blog(page);
  const lb = t.paths[0].loadBalancer;
  await node(page, `LoadBalancer:${lb.name}`).click();
  const ins = page.getByTestId("inspector-load-balancer");
  await expect(ins).toContainText(lb.dnsName);
  await expect(ins).toContainText("internet-facing");
  await expect(ins).toContainText("Cross-zone");
  await ins.getByText(/Attributes \(\d+\)/).click();
  await expect(ins).toContainText("load_balancing.cross_zone.enabled");
});

test("clicking a finding highlights the elements it is about", async ({ page }) => {
  await blog(page);
  await page.getByRole("button", { name: /ZONE_NO_HEALTHY/ }).click();
  await expect(page).toHaveURL(/finding=ZONE_NO_HEALTHY/);
  await expect(node(page, "Zone:us-east-1b").locator("[data-highlighted]")).toBeVisible();
  const target = page.locator(".react-flow__node").filter({ has: page.locator('[data-testid=card-target][data-highlighted]') });
  await expect(target).toHaveCount(1);
  // Picking it again clears the highlight.
  await page.getByRole("button", { name: /ZONE_NO_HEALTHY/ }).click();
  await expect(page.locator("[data-highlighted]")).toHaveCount(0);
});

test("a copied link reproduces the view in a fresh browser context", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  await page.goto(FIVE);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  const pod = page.getByTestId("card-pod").filter({ hasText: "50%" });
  await pod.click();
  await page.getByRole("tab", { name: "Findings" }).click();
  await page.getByRole("button", { name: /UNEVEN_TRAFFIC/ }).click();
  await page.getByTestId("copy-link").click();
  await expect(page.getByTestId("copy-link")).toHaveText("Link copied ✓");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/sel=Pod:default\/web-/);
  expect(link).toMatch(/finding=UNEVEN_TRAFFIC/);
  const selected = new URL(link).searchParams.get("sel")!;
  await ctx.close();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.locator(`.react-flow__node.selected[data-id="${selected}"]`)).toBeVisible();
  await expect(other.getByTestId("inspector-pod")).toContainText(selected.split("/")[1]);
  await expect(other.locator(`.react-flow__node[data-id="${selected}"] [data-highlighted]`)).toBeVisible();
  await other.getByRole("tab", { name: "Findings" }).click();
  await expect(other.getByRole("button", { name: /UNEVEN_TRAFFIC/ })).toHaveAttribute("aria-pressed", "true");
  await fresh.close();
});

test("keyboard: Tab reaches the graph elements, arrows move between them, Enter selects", async ({ page }) => {
  await blog(page);
  await page.getByRole("heading", { name: /Service default\/web/ }).click();
  let focused = "";
  for (let i = 0; i < 40 && !focused; i++) {
    await page.keyboard.press("Tab");
    focused = await page.evaluate(() => (document.activeElement?.classList.contains("react-flow__node") ? (document.activeElement as HTMLElement).dataset.id ?? "" : ""));
  }
  expect(focused).not.toBe("");
  const label = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
  expect(label?.length).toBeGreaterThan(10);
  // The focus ring is visible (globals.css :focus-visible outline).
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe("none");
  // Arrow right goes to the next column, following the packet.
  await page.keyboard.press("ArrowRight");
  const next = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.id);
  expect(next).toBeTruthy();
  expect(next).not.toBe(focused);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`sel=${encodeURIComponent(next!).replace(/%3A/g, ":").replace(/%2F/g, "/").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  await expect(page.getByTestId("inspector")).toBeVisible();
});

test("the table view shows the same path as tables, with a verdict filter in the URL", async ({ page }) => {
  const t = await blog(page);
  await page.getByRole("tab", { name: "Table" }).click();
  await expect(page).toHaveURL(/view=table/);
  const rows = page.getByTestId("targets-table").locator("tbody tr");
  await expect(rows).toHaveCount(t.paths[0].targets.length);
  await expect(page.getByTestId("pods-table").locator("tbody tr")).toHaveCount(t.paths[0].pods.length);
  await expect(page.getByTestId("facts-load-balancer")).toContainText(t.paths[0].loadBalancer.dnsName);
  await page.getByRole("button", { name: /expected \(by design\) \(1\)/ }).click();
  await expect(page).toHaveURL(/verdict=expected/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-verdict", "expected");
  // The view survives a reload (the URL holds it).
  await page.reload();
  await expect(page.getByTestId("targets-table").locator("tbody tr")).toHaveCount(1);
  // "Show in graph" from a row selects it in the graph.
  await rows.first().getByRole("button").click();
  await expect(page.getByTestId("inspector-target")).toBeVisible();
});

test("legend is one click away and explains the marks", async ({ page }) => {
  await blog(page);
  await page.getByRole("tab", { name: "Legend" }).click();
  const legend = page.getByTestId("legend");
  await expect(legend).toContainText("by design");
  await expect(legend).toContainText("SNAT");
  await expect(legend).toContainText("PROXY v2");
});

test("export SVG downloads the current view as a standalone SVG with escaped text", async ({ page }) => {
  await blog(page);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export SVG" }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.svg$/);
  const svg = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain(`${VERDICT.expected.symbol} ${VERDICT.expected.word}`);
  const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export PNG" }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
});

test("unknown Service: the error names it and links back to the overview", async ({ page }) => {
  await page.goto("/clusters/demo-blog-local/namespaces/default/services/nope");
  const err = page.getByTestId("error-state");
  await expect(err).toContainText("Service default/nope not found in demo-blog-local");
  await expect(err).toContainText("SERVICE_NOT_FOUND");
  await err.getByRole("link", { name: /Back to all clusters/ }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("unknown cluster and malformed names get their own designed errors", async ({ page }) => {
  await page.goto("/clusters/demo-nope/namespaces/default/services/web");
  await expect(page.getByTestId("error-state")).toContainText("Cluster “demo-nope” not found");
  await page.goto("/clusters/demo-blog-local/namespaces/Bad_NS/services/web");
  await expect(page.getByTestId("error-state")).toContainText("Not a valid Service address");
  await expect(page.getByTestId("error-state")).toContainText("namespace");
});

test("a Service whose load balancer is <pending> explains that it is being provisioned, and still draws the Kubernetes half", async ({ page }) => {
  const t = Topology.parse(await (await page.request.get("/api/v1/clusters/demo-shop/namespaces/shop/services/search/topology")).json());
  await page.goto("/clusters/demo-shop/namespaces/shop/services/search");
  await expect(page.getByTestId("empty-pending")).toContainText("being provisioned");
  await expect(page.getByTestId("empty-pending")).toContainText("kubectl -n shop describe service search");
  // Issue 10 item 3: clients → a placeholder that says "pending" → nodes by zone → kube-proxy → pods.
  await expect(page.getByTestId("skeleton")).toHaveAttribute("data-reason", "pending");
  await expect(page.getByTestId("skeleton-picture")).toBeVisible();
  await expect(page.getByTestId("skeleton-picture")).toHaveAttribute("alt", /pending/);
  await expect(page.getByTestId("nodes-table").locator("tbody tr")).toHaveCount(t.skeleton!.nodes.length);
  await expect(page.getByTestId("skeleton-source-ip")).toContainText("node IP (kube-proxy SNAT)");
  // The table view lists the same, without the picture.
  await page.goto("/clusters/demo-shop/namespaces/shop/services/search?view=table");
  await expect(page.getByTestId("skeleton-pods").locator("tbody tr")).toHaveCount(t.skeleton!.pods.length);
  await expect(page.getByTestId("skeleton-picture")).toHaveCount(0);
});

test("when refreshes fail the last good graph stays, marked stale", async ({ page }) => {
  await blog(page);
  await page.route("**/topology", (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "CLUSTER_UNAVAILABLE", message: "The Kubernetes API did not answer.", fix: "Check the cluster." } }) }));
  await expect(page.getByTestId("stale-marker")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("stale-banner")).toContainText("The Kubernetes API did not answer.");
  await expect(page.getByTestId("card-target")).toHaveCount(2);
  // And recovers by itself.
  await page.unroute("**/topology");
  await expect(page.getByTestId("stale-marker")).toHaveCount(0, { timeout: 20_000 });
});

test("partial data: warnings name cause and fix, and the rest is still drawn", async ({ page }) => {
  const t = await blog(page);
  const partial = { ...t, warnings: [{ code: "AWS_ACCESS_DENIED", message: "elasticloadbalancing:DescribeTargetHealth was denied.", fix: "Allow elasticloadbalancing:DescribeTargetHealth for lbpath's role.", source: "aws" }] };
  await page.route("**/topology", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(partial) }));
  await page.reload();
  const banner = page.getByTestId("warnings-banner");
  await expect(banner).toContainText("DescribeTargetHealth was denied");
  await expect(banner).toContainText("Allow elasticloadbalancing:DescribeTargetHealth");
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
});

test("loading is designed: a labelled progress bar while the topology is read", async ({ page }) => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route("**/topology", async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(BLOG);
  await expect(page.getByTestId("loading-state")).toBeVisible();
  await expect(page.getByRole("progressbar")).toBeVisible();
  release();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
});

test("the graph is built and laid out in a Web Worker, not on the main thread", async ({ page }) => {
  const worker = page.waitForEvent("worker");
  await page.goto(BLOG);
  const w = await worker;
  expect(w.url()).toMatch(/\.js/);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
});

test("the table view does not load React Flow (the graph chunk loads only with the graph)", async ({ page }) => {
  const scripts: string[] = [];
  page.on("response", async (r) => {
    if (r.request().resourceType() === "script") scripts.push(await r.text().catch(() => ""));
  });
  await page.goto(`${BLOG}?view=table`);
  await expect(page.getByTestId("targets-table")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(scripts.some((s) => s.includes("react-flow__pane"))).toBe(false);
  await page.getByRole("tab", { name: "Graph" }).click();
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  expect(scripts.some((s) => s.includes("react-flow__pane"))).toBe(true);
});

test("AWS unreadable: the AWS half is marked unknown, the Kubernetes half is shown", async ({ page }) => {
  const t = await blog(page);
  // The server's skeleton for this case is unit-tested (tests/unit/core/skeleton.test.ts); here, that the page draws it.
  const skeleton = {
    reason: "aws-unreadable", message: "AWS unreadable (AWS_ACCESS_DENIED)", since: null, region: "us-east-1", expected: { kind: "network", targetType: "instance" }, hostname: t.service.ingress[0] ?? null,
    sourceIp: { decided: false, seenAs: null, snatAtKubeProxy: false, rules: ["SRC-9", "SRC-3"], explanation: "externalTrafficPolicy Local: kube-proxy does not SNAT." },
    nodes: t.nodes.map((n) => ({ key: n.key, name: n.name, zone: n.zone, ready: n.ready, excluded: n.excluded, registered: true, readyLocalEndpoints: 0 })),
    pods: [],
  };
  const noAws = { ...t, paths: [], findings: [], skeleton, warnings: [{ code: "AWS_ACCESS_DENIED", message: "elasticloadbalancing:DescribeLoadBalancers was denied.", fix: "Grant lbpath's role elasticloadbalancing:Describe*.", source: "aws" }] };
  await page.route("**/topology", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(noAws) }));
  await page.reload();
  await expect(page.getByTestId("warnings-banner")).toContainText("Grant lbpath's role");
  await expect(page.getByTestId("partial-aws-unknown")).toContainText("The AWS half is unknown");
  await expect(page.getByTestId("nodes-table").locator("tbody tr")).toHaveCount(t.nodes.length);
  await expect(page.getByTestId("skeleton-picture")).toHaveAttribute("alt", /AWS unreadable/);
});

test("a zone shifted away by a zonal shift is marked on the graph as administratively out, not as unhealthy", async ({ page }) => {
  await page.goto("/clusters/demo-zonal-shift/namespaces/default/services/web");
  const status = page.locator('[data-testid="zone-status"][data-zonal-shift="active"]');
  await expect(status).toHaveCount(1);
  await expect(status).toContainText("shifted away");
  await expect(status).toContainText("administrative");
  await expect(page.getByTestId("findings")).toContainText("ZONAL_SHIFT");
  await expect(page.getByTestId("findings")).toContainText("cancel-zonal-shift");
});
