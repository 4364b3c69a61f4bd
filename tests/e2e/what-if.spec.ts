import { expect, test } from "@playwright/test";
import { WhatIfResponse } from "@/lib/api/whatIf";

/**
 * What-if (issue 11) against `next start` on the demo: choose a change, see the two pictures and the differences,
 * copy the link, open it in a fresh browser context; the API's POST and GET forms and their errors.
 */

const BLOG = "/clusters/demo-blog-local/namespaces/default/services/web";
const API = "/api/v1/clusters/demo-blog-local/namespaces/default/services/web/what-if";

test("the blog's example, Local → Cluster: side by side, the unhealthy target turns healthy, the pod stops seeing the client", async ({ page, context, browser }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(BLOG);
  await page.getByTestId("what-if-toggle").click();
  const panel = page.getByTestId("what-if");
  await expect(panel).toBeVisible();
  // Keyboard: the controls are native selects.
  const etp = panel.getByRole("combobox", { name: "externalTrafficPolicy", exact: true });
  await etp.focus();
  await etp.selectOption("Cluster");
  await expect(page).toHaveURL(/change=externalTrafficPolicy:Cluster/);

  const result = panel.getByTestId("what-if-result");
  await expect(result).toBeVisible();
  await expect(panel.getByTestId("what-if-before")).toBeVisible();
  await expect(panel.getByTestId("what-if-after")).toBeVisible();
  // n2 (expected-unhealthy under Local) becomes healthy and takes half of the flows from n1.
  const targets = panel.getByTestId("what-if-targets");
  await expect(targets.locator('tr[data-verdict-after="healthy"]')).toHaveCount(2);
  await expect(targets.locator("tr").filter({ hasText: "expected (by design)" })).toContainText("50%");
  await expect(panel.getByTestId("after-sees").first()).toHaveText("node IP");
  await expect(panel.getByTestId("what-if-costs").locator('[data-code="CLIENT_IP_LOST"]')).toBeVisible();
  await expect(panel.getByTestId("apply-command").first()).toContainText(`"externalTrafficPolicy":"Cluster"`);

  // The link reproduces the proposal in a fresh context (no shared state).
  await page.getByTestId("copy-link").click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain("change=externalTrafficPolicy");
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId("what-if-result")).toBeVisible();
  await expect(other.getByTestId("what-if-targets").locator('tr[data-verdict-after="healthy"]')).toHaveCount(2);
  await expect(other.getByRole("combobox", { name: "externalTrafficPolicy", exact: true })).toHaveValue("Cluster");
  await fresh.close();
});

test("a change the controller cannot make is refused with the reason, and the option is disabled", async ({ page }) => {
  await page.goto(`${BLOG}?whatif=1&change=targetType:ip`);
  await expect(page.getByTestId("what-if-error")).toContainText("AWS Load Balancer Controller");
  await expect(page.getByRole("combobox", { name: "Target type", exact: true }).locator('option[value="ip"]')).toBeDisabled();
});

test("API: POST and GET give the same prediction; bad input is a JSON 4xx naming the field", async ({ request }) => {
  const post = await request.post(API, { data: { changes: [{ kind: "externalTrafficPolicy", value: "Cluster" }] } });
  expect(post.status()).toBe(200);
  const body = WhatIfResponse.parse(await post.json());
  expect(body.before.paths[0].targets.map((t) => t.verdict).sort()).toEqual(["expected", "healthy"]);
  expect(body.after.paths[0].targets.map((t) => t.verdict)).toEqual(["healthy", "healthy"]);
  expect(body.after.service.externalTrafficPolicy).toBe("Cluster");

  const get = WhatIfResponse.parse(await (await request.get(`${API}?change=externalTrafficPolicy:Cluster`)).json());
  expect(get.after.paths).toEqual(body.after.paths);

  const badValue = await request.post(API, { data: { changes: [{ kind: "externalTrafficPolicy", value: "Sometimes" }] } });
  expect(badValue.status()).toBe(400);
  expect((await badValue.json()).error).toMatchObject({ code: "INVALID_CHANGE", message: expect.stringContaining("changes[0].value") });
  const badKind = await request.get(`${API}?change=teleport:yes`);
  expect(badKind.status()).toBe(400);
  expect((await badKind.json()).error.message).toContain("change[0].kind");
  const notJson = await request.post(API, { data: "changes=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(notJson.status()).toBe(415);
  const refused = await request.get(`${API}?change=targetType:ip`);
  expect(refused.status()).toBe(400);
  expect((await refused.json()).error.code).toBe("CHANGE_NOT_POSSIBLE");
  const unknown = await request.get("/api/v1/clusters/demo-blog-local/namespaces/default/services/nope/what-if?change=crossZone:true");
  expect(unknown.status()).toBe(404);
});
