import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { generate } from "@/bench/generate";
import { buildTopology } from "@/server/core/buildTopology";
import type { Topology } from "@/lib/api/topology";

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

for (const p of probes) {
  test(`big Service ${p.namespace}/${p.name} (${p.targets} targets) renders within the element budget and expands on click`, async ({ page }) => {
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

    // Expand the first zone's targets with its "+N" button.
    const group = page.locator('.react-flow__node[data-id^="Targets:"]').first();
    const zoneKey = (await group.getAttribute("data-id"))!;
    await group.getByRole("button", { name: /^\+\d+/ }).click();
    await expect(page).toHaveURL(new RegExp(`expand=${zoneKey.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    await expect.poll(() => modelCount(page)).toBeGreaterThan(before);
    await expect(page.locator(`.react-flow__node[data-id="${zoneKey}"]`)).toHaveCount(0);
    await expect(page.locator('.react-flow__node[data-id^="Target:"]').first()).toBeVisible();
    await shoot(page, `bench-l__${p.namespace}-${p.name}__expanded`);

    // The expanded zone's inspector offers to collapse it again; the URL loses the key.
    await page.locator('.react-flow__node[data-id^="Target:"]').first().click();
    await page.getByRole("button", { name: "Collapse group" }).click();
    await expect(page).not.toHaveURL(/expand=/);
    await expect.poll(() => modelCount(page)).toBe(before);
  });
}
