import { expect, test } from "@playwright/test";

/**
 * The service page's first load (issue 6, time to graph): the server draws a picture of the graph into the HTML,
 * the topology request starts from the HTML's head, and the interactive graph then takes the picture's place.
 */

const BLOG = "/clusters/demo-blog-local/namespaces/default/services/web";
const BLOG_API = "/api/v1/clusters/demo-blog-local/namespaces/default/services/web/topology";

test("the graph is in the HTML as a picture: it shows with JavaScript off", async ({ browser, request }) => {
  // Warm the server first: a render slower than the first flush streams the page behind loading.tsx's fallback,
  // and revealing it takes React's inline script, which this context does not run.
  await request.get(BLOG);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(BLOG);
  const picture = page.getByTestId("graph-preview");
  await expect(picture).toBeVisible();
  await expect(picture).toHaveAttribute("src", /^data:image\/svg\+xml;base64,/);
  await expect(picture).toHaveAttribute("alt", /Traffic path of default\/web through .+: \d+ elements/);
  const box = await picture.boundingBox();
  expect(box!.width).toBeGreaterThan(200); // an image that decoded, not a broken-image icon
  await context.close();
});

test("the interactive graph replaces the picture", async ({ page }) => {
  await page.goto(BLOG);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expect(page.getByTestId("graph-preview")).toHaveCount(0);
});

test("the interactive graph first draws the server's layout: it is on screen before the layout worker answers", async ({ page }) => {
  await page.goto(BLOG);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName("lbpath:layout-result").length)).toBe(1);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, m.startTime])));
  expect(marks["lbpath:layout-from-server"]).toBeDefined();
  expect(marks["lbpath:graph-mounted"]).toBeLessThan(marks["lbpath:layout-result"]);
  // The graph code was asked for before the page hydrated (instrumentation-client.ts), not after.
  expect(marks["lbpath:graph-code-early"]).toBeLessThan(marks["lbpath:hydrated"]);
});

test("the table view and other paths' pictures are not drawn", async ({ page }) => {
  const html = await (await page.request.get(`${BLOG}?view=table`)).text();
  expect(html).not.toContain('data-testid="graph-preview"');
  const graph = await (await page.request.get(BLOG)).text();
  expect(graph).toContain('data-testid="graph-preview"');
});

test("the first topology request starts from the HTML and is not made twice", async ({ page }) => {
  const requests: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === BLOG_API) requests.push(r.url());
  });
  await page.goto(BLOG);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  // The page refetches every 5 s; well before that, the early request must have been the only one.
  await page.waitForTimeout(1_500);
  expect(requests).toHaveLength(1);
  const early = await page.evaluate(() => performance.getEntriesByName("lbpath:early-fetch").length);
  expect(early).toBe(1);
});

test("a refresh that brings the same answer does not redo the layout", async ({ page }) => {
  await page.goto(BLOG);
  await expect(page.locator(".react-flow__node").first()).toBeVisible();
  const layouts = () => page.evaluate(() => performance.getEntriesByName("lbpath:layout-request").length);
  expect(await layouts()).toBe(1);
  // The page refetches every 5 s; the demo's answer is the same apart from its `age`.
  const refetch = page.waitForResponse((r) => new URL(r.url()).pathname === BLOG_API, { timeout: 10_000 });
  await (await refetch).finished();
  await page.waitForTimeout(500);
  expect(await layouts()).toBe(1);
  // (A change that matters, such as expanding a group, lays out again: tests/e2e/service-big.spec.ts.)
});
