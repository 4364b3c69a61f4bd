import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { generate } from "@/bench/generate";
import { buildTopology } from "@/server/core/buildTopology";
import type { Topology } from "@/lib/api/topology";
import { worstFirst } from "@/lib/graph/window";

/**
 * Big Services (issue 3, "Big services"): no demo scenario has hundreds of targets, so this test builds the
 * benchmark's size-L cluster (bench/generate.ts: a 500-instance-target Local Service and a 3,000-pod ip
 * Service), runs the real analysis on it (server/core/buildTopology), and hands the result to the page in
 * place of the API's answer. Everything in the browser is real: the worker layout, collapsing, React Flow.
 */

const generated = generate("L");
const probes = [generated.probes.bigInstance!, generated.probes.bigIp!];
const topologies = new Map<string, Topology>(probes.map((p) => [p.name, buildTopology(generated.snapshot, p)!]));

async function open(page: Page, p: { namespace: string; name: string }) {
  const body = JSON.stringify(topologies.get(p.name));
  await page.route(`**/api/v1/clusters/bench-l/namespaces/${p.namespace}/services/${p.name}/topology`, (route) => route.fulfill({ status: 200, contentType: "application/json", body }));
  await page.goto(`/clusters/bench-l/namespaces/${p.namespace}/services/${p.name}`);
  await expect(page.locator(".react-flow__node").first()).toBeVisible({ timeout: 20_000 });
}

/** Screenshots for review, with E2E_SCREENSHOTS=1 only (as in service-scenarios.spec.ts). */
async function shoot(page: Page, name: string, dark = false) {
  if (!process.env.E2E_SCREENSHOTS) return;
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}__light.png` });
  if (!dark) return;
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `test-results/screenshots/${name}__dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
}

const modelCount = async (page: Page) => Number(await page.getByTestId("topology-graph").getAttribute("data-element-count"));
const domCount = (page: Page) => page.evaluate(() => document.querySelectorAll(".react-flow__node, .react-flow__edge").length);

const drawnTargets = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.react-flow__node[data-id^="Target:"]')].map((n) => n.dataset.id!));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

for (const p of probes) {
  test(`big Service ${p.namespace}/${p.name} (${p.targets} targets) renders within the element budget; an opened zone draws its worst targets first and pages through the rest`, async ({ page }) => {
    test.setTimeout(90_000);
    const t = topologies.get(p.name)!;
    expect(t.paths[0].targets.length).toBe(p.targets);
    await open(page, p);
    const graph = page.getByTestId("topology-graph");
    await expect(graph).toHaveAttribute("data-level", "2");
    const before = await modelCount(page);
    expect(before).toBeLessThanOrEqual(500);
    expect(await domCount(page)).toBeLessThanOrEqual(500);
    await shoot(page, `bench-l__${p.namespace}-${p.name}`, true);

    // Open the first zone with its "+N" button: a zone of hundreds (or 1,000) targets draws one page of them.
    const group = page.locator('.react-flow__node[data-id^="Targets:"]').first();
    const zoneKey = (await group.getAttribute("data-id"))!;
    const zone = zoneKey.slice("Targets:".length);
    await group.getByRole("button", { name: /^\+\d+/ }).click();
    await expect(page).toHaveURL(new RegExp(`expand=${escape(zoneKey)}`));
    const more = page.locator(`.react-flow__node[data-id="MoreTargets:${zone}"]`);
    await expect(more).toBeVisible();
    const expanded = await modelCount(page);
    expect(expanded).toBeLessThanOrEqual(500);
    expect(await domCount(page)).toBeLessThanOrEqual(500);
    const first = await drawnTargets(page);
    expect(first.length).toBeGreaterThan(5);
    // Worst verdicts first: the drawn targets are the zone's first ones in the triage order.
    const nodeZone = new Map(t.nodes.map((n) => [n.name, n.zone]));
    const inZone = t.paths[0].targets.filter((x) => (x.zone ?? (x.node ? nodeZone.get(x.node) : null)) === zone).sort(worstFirst);
    expect(new Set(first)).toEqual(new Set(inZone.slice(0, first.length).map((x) => x.key)));
    await shoot(page, `bench-l__${p.namespace}-${p.name}__expanded`);

    // The rest is reachable by paging: the next page draws other targets, still within the budget.
    await more.getByTestId("page-next").click();
    await expect(page).toHaveURL(new RegExp(`page=${escape(zoneKey)}:2`));
    await expect.poll(async () => (await drawnTargets(page)).some((k) => first.includes(k))).toBe(false);
    const second = await drawnTargets(page);
    expect(new Set(second)).toEqual(new Set(inZone.slice(first.length, first.length + second.length).map((x) => x.key)));
    expect(await domCount(page)).toBeLessThanOrEqual(500);

    // … and by search: a target far down the list is drawn and ringed.
    const wanted = inZone[inZone.length - 1];
    const name = wanted.node ?? wanted.id;
    await page.getByTestId("find-targets").fill(name);
    await page.getByTestId("find-targets").press("Enter");
    await expect(page).toHaveURL(new RegExp(`find=${escape(encodeURIComponent(name))}`));
    await expect(page).not.toHaveURL(/page=/);
    const found = page.locator(`.react-flow__node[data-id="${wanted.key}"]`);
    await expect(found).toBeVisible();
    await expect(found.locator("[data-highlighted]")).toHaveCount(1);
    await expect(page.getByTestId("find-count")).toContainText("match");
    expect(await domCount(page)).toBeLessThanOrEqual(500);

    // The opened zone's inspector offers to collapse it again; the URL loses the key and its page.
    await page.getByTestId("find-targets").fill("");
    await page.getByTestId("find-targets").press("Enter");
    await expect(page).not.toHaveURL(/find=/);
    await expect.poll(() => modelCount(page)).toBe(expanded); // the first page again
    await page.locator('.react-flow__node[data-id^="Target:"]').first().click();
    await page.getByRole("button", { name: "Collapse group" }).click();
    await expect(page).not.toHaveURL(/expand=/);
    await expect.poll(() => modelCount(page)).toBe(before);
  });
}
