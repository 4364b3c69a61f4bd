import { expect, test } from "@playwright/test";

/**
 * Issue 13 in Chromium (demo mode): the overview lists Ingresses and Gateways beside Services; the Ingress page
 * shows the listener's rules in evaluation order with the shadowed ones marked, the graph, and the rule simulator,
 * whose inputs go into the URL so a shared link answers the same question again. Keyboard only where a person would.
 */
const CLUSTER = "demo-alb-ingress-group";
const ingressPage = `/clusters/${CLUSTER}/namespaces/shop/ingresses/api`;

test("the overview lists the group's Ingresses and links to the Ingress page", async ({ page }) => {
  await page.goto(`/?cluster=${CLUSTER}`);
  const row = page.locator(`[data-testid="service-row"][data-cluster="${CLUSTER}"][data-service="shop/api"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId("row-kind")).toHaveText("Ingress");
  await expect(row.getByText(/^ETP /)).toHaveCount(0); // an Ingress has no externalTrafficPolicy
  await row.getByRole("link", { name: "shop/api" }).click();
  await expect(page).toHaveURL(new RegExp(`${ingressPage}$`));
  await expect(page.getByTestId("rules-table")).toBeVisible();
});

test("rules in evaluation order, shadowed ones marked; the graph draws the path", async ({ page }) => {
  await page.goto(ingressPage);
  const rows = page.getByTestId("rule-row");
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toHaveAttribute("data-priority", "1");
  await expect(rows.nth(3)).toHaveAttribute("data-priority", "default");
  await expect(rows.nth(1).getByTestId("shadowed")).toHaveText(/never wins: rule 1/);
  await expect(rows.nth(2).getByTestId("shadowed")).toBeVisible();
  await expect(rows.nth(0).getByTestId("shadowed")).toHaveCount(0);
  await expect(page.getByTestId("subject-line")).toContainText("IngressGroup shop");
  // An Ingress is named as one, with the path's backend Service, never with an externalTrafficPolicy it does not have.
  await expect(page.getByRole("heading", { name: "Ingress shop/api" })).toBeVisible();
  await expect(page.getByText("backend Service shop/api · ETP Cluster")).toBeVisible();
  await expect(page.getByText(/^ETP /)).toHaveCount(0);
  await expect(page.getByTestId("topology-graph")).toBeVisible();
  await expect(page.getByText("RULE_SHADOWED").first()).toBeVisible();
});

test("the graph draws the rules column: the shadowed rule faded and saying why; selecting it opens its inspector and goes into the URL", async ({ page }) => {
  await page.goto(ingressPage);
  const card = page.locator('.react-flow__node[data-id^="Rule:"]');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText("Rule 3"); // /api: after the api Ingress's longer Prefix path /admin (rule 2)
  await expect(card).toContainText("never wins: rule 1");
  await card.click();
  const inspector = page.getByTestId("inspector-element");
  await expect(inspector).toContainText("Never wins: rule 1");
  await expect(inspector).toContainText("ALB-R9");
  await expect(inspector).toContainText("forward to");
  await expect(page).toHaveURL(/sel=Rule%3A[^&]+%3A80%3A3|sel=Rule:[^&]+:80:3/);
  // The link reproduces the selection.
  await page.reload();
  await expect(page.getByTestId("inspector-element")).toContainText("Never wins: rule 1");
});

test("the simulator answers, keeps its inputs in the URL, and a reload answers again", async ({ page }) => {
  await page.goto(ingressPage);
  await page.getByTestId("sim-host").fill("shop.example.com");
  await page.getByTestId("sim-path").fill("/api/orders");
  await page.getByTestId("sim-path").press("Enter");
  await expect(page.getByTestId("sim-summary")).toContainText("Rule 1 wins (Ingress shop/storefront)");
  await expect(page.getByTestId("sim-summary")).toContainText("rule(s) 3 match too");
  await expect(page.getByTestId("sim-pod")).toHaveCount(2);
  await expect(page.locator('[data-testid="rule-row"][data-priority="1"]')).toHaveClass(/font-semibold/);
  await expect(page).toHaveURL(/rhost=shop\.example\.com/);
  await expect(page).toHaveURL(/rpath=%2Fapi%2Forders/);
  await page.reload();
  await expect(page.getByTestId("sim-summary")).toContainText("Rule 1 wins");
});

test("a bad simulator input gets the API's message naming the field", async ({ page }) => {
  await page.goto(ingressPage);
  await page.getByTestId("sim-host").fill("shop.example.com");
  await page.getByTestId("sim-sourceIp").fill("not-an-ip");
  await page.getByTestId("route-simulator").getByRole("button", { name: "Evaluate", exact: true }).click();
  await expect(page.getByTestId("sim-error")).toContainText("sourceIp");
});

test("the Gateway page shows its HTTPRoute's rules, and its simulator names the route that wins", async ({ page }) => {
  await page.goto("/clusters/demo-gateway-httproute/namespaces/default/gateways/shop-gw");
  const rows = page.getByTestId("rule-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("HTTPRoute default/shop");
  await expect(page.getByRole("heading", { name: "Gateway default/shop-gw" })).toBeVisible();
  await page.getByTestId("sim-host").fill("shop.example.com");
  await page.getByTestId("sim-path").fill("/store/cart");
  await page.getByTestId("sim-path").press("Enter");
  await expect(page.getByTestId("sim-summary")).toContainText("Rule 1 wins (HTTPRoute default/shop)");
  await expect(page.getByTestId("sim-pod")).toHaveCount(1);
  await expect(page.getByTestId("sim-pod")).toContainText("default/store-");
  await expect(page).toHaveURL(/rpath=%2Fstore%2Fcart/);
});

test("an NLB Gateway page: the TCPRoute's listener forwards to the NodePort Service's nodes, pods see a node IP, no simulator", async ({ page, request }) => {
  await page.goto("/clusters/demo-gateway-nlb-tcproute/namespaces/iot/gateways/iot-gw");
  await expect(page.getByRole("heading", { name: "Gateway iot/iot-gw" })).toBeVisible();
  await expect(page.getByTestId("subject-line")).toContainText("gateway.k8s.aws/nlb");
  await expect(page.getByTestId("rules-table").getByRole("heading")).toContainText("an NLB listener has no rules");
  await expect(page.getByTestId("rule-row")).toHaveCount(1);
  await expect(page.getByTestId("rule-row")).toContainText("TCPRoute iot/broker");
  await expect(page.getByText("CLIENT_IP_SNAT_KUBE_PROXY").first()).toBeVisible();
  await expect(page.getByTestId("route-simulator")).toHaveCount(0);
  // The API says the same thing to a script that tries.
  const r = await request.post("/api/v1/clusters/demo-gateway-nlb-tcproute/namespaces/iot/gateways/iot-gw/route", { data: { host: "x.example.com", path: "/" } });
  expect(r.status()).toBe(200);
  expect((await r.json()).summary).toMatch(/NLB Gateway has no listener rules/);
  const missing = await request.post("/api/v1/clusters/demo-gateway-nlb-tcproute/namespaces/iot/gateways/nope/route", { data: { host: "x.example.com" } });
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("GATEWAY_NOT_FOUND");
});

test("an Ingress page's timeline shows its ALB targets (its own API route); what-if, which changes Services, is not offered", async ({ page, request }) => {
  const base = "/api/v1/clusters/demo-alb-instance/namespaces/default/ingresses";
  const tl = await (await request.get(`${base}/web/timeline?window=1h`)).json();
  expect(tl.rows.length).toBeGreaterThan(0);
  const missing = await request.get(`${base}/nope/timeline`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("INGRESS_NOT_FOUND");
  expect((await request.get(`${base}/web/timeline?window=banana`)).status()).toBe(400);

  await page.goto("/clusters/demo-alb-instance/namespaces/default/ingresses/web?view=timeline");
  await expect(page.locator('[data-testid=timeline-row][data-target*="i-09ba9c2c9f47660bc"]')).toBeVisible();
  await expect(page.getByTestId("timeline-row")).toHaveCount(3);
  await expect(page.getByRole("button", { name: /What if/ })).toHaveCount(0);
});

test("a Gateway page lists the controller's configuration objects and flags the one AWS does not follow (GW-4)", async ({ page }) => {
  await page.goto("/clusters/demo-gateway-config-not-applied/namespaces/default/gateways/shop-gw");
  const items = page.getByTestId("gateway-configuration");
  await expect(items).toHaveCount(3);
  await expect(items.nth(2)).toContainText("TargetGroupConfiguration default/store-tg: target groups of Service default/store");
  await expect(page.getByText("GATEWAY_CONFIG_NOT_APPLIED").first()).toBeVisible();
  await expect(page.getByText(/asks for instance targets for Service default\/store/).first()).toBeVisible();
});

test("paths of one listener are told apart by their backend Service and weight (a weighted canary)", async ({ page }) => {
  await page.goto("/clusters/demo-alb-canary/namespaces/default/ingresses/web");
  const buttons = page.getByTestId("path-selector").getByRole("button");
  await expect(buttons).toHaveCount(2);
  await expect(buttons.nth(0)).toContainText(/HTTP:80 → web-stable:80 \(90%\)/);
  await expect(buttons.nth(1)).toContainText(/HTTP:80 → web-canary:80 \(10%\)/);
});
