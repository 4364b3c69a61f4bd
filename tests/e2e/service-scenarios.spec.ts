import { devices, expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Topology, type Path } from "@/lib/api/topology";
import { formatShare } from "@/lib/graph/format";
import { HEADER, VERDICT } from "@/lib/vocabulary";

/**
 * Every demo scenario's service page, in Chromium, against `next start` in demo mode:
 *  - the marks the data calls for appear (SNAT marker exactly where the API says the client IP is replaced,
 *    header badge when it travels in a header, expected-vs-fault styling, shares on targets and pods, sinks,
 *    imbalance flags), and nothing the data does not call for;
 *  - a few scenarios are also checked against the reference's worked cases by hand (HAND_CHECKS);
 *  - with E2E_SCREENSHOTS=1, a screenshot of each, light and dark, at 1280×800 under test-results/screenshots/
 *    (for reviewing the pictures; off by default, they took a third of this suite's time and assert nothing).
 */

const SHOTS = "test-results/screenshots";
const DEMO_DIR = join(process.cwd(), "server", "sources", "demo", "scenarios");

interface Case {
  cluster: string;
  namespace: string;
  name: string;
}

// Read the scenario list from the shipped files, so every new scenario is covered without editing this test.
const cases: Case[] = readdirSync(DEMO_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => {
    const snap = JSON.parse(readFileSync(join(DEMO_DIR, f), "utf8")) as { kubernetes: { services: { metadata: { namespace: string; name: string }; spec: { type: string } }[] } };
    return snap.kubernetes.services.filter((s) => s.spec.type === "LoadBalancer").map((s) => ({ cluster: `demo-${f.replace(/\.json$/, "")}`, namespace: s.metadata.namespace, name: s.metadata.name }));
  });

const pageUrl = (c: Case) => `/clusters/${c.cluster}/namespaces/${c.namespace}/services/${c.name}`;
const apiUrl = (c: Case) => `/api/v1/clusters/${c.cluster}/namespaces/${c.namespace}/services/${c.name}/topology`;
const node = (page: Page, key: string) => page.locator(`.react-flow__node[data-id="${key.replace(/"/g, '\\"')}"]`);

async function shoot(page: Page, c: Case, suffix = "") {
  if (!process.env.E2E_SCREENSHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const base = `${SHOTS}/${c.cluster}__${c.namespace}-${c.name}${suffix}`;
  await page.emulateMedia({ colorScheme: "light" });
  await page.screenshot({ path: `${base}__light.png` });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${base}__dark.png` });
  await page.emulateMedia({ colorScheme: "light" });
}

/** What the page must show for this path, derived from the topology the API returns. */
async function checkMarks(page: Page, path: Path) {
  const graph = page.getByTestId("topology-graph");
  await expect(graph).toBeVisible();
  const count = Number(await graph.getAttribute("data-element-count"));
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(500);

  // SRC-*: a SNAT marker exactly where the client IP is first replaced, saying what the next hop sees.
  const snat = page.getByTestId("snat-marker");
  if (path.clientIp.snatAt === "kube-proxy") await expect(snat.first()).toContainText("node IP");
  else if (path.clientIp.snatAt === "load-balancer") await expect(snat.first()).toContainText("LB IP");
  else await expect(snat).toHaveCount(0);

  // SRC-10: the header that carries the client IP, named.
  const header = page.getByTestId("header-badge");
  if (path.clientIp.header) {
    await expect(header.first()).toContainText(HEADER[path.clientIp.header].replace(" header", ""));
    await expect(page.getByText(`client IP in ${HEADER[path.clientIp.header]}`).first()).toBeVisible();
  } else await expect(header).toHaveCount(0);

  // Health: every drawn target shows its state, verdict and share; expected and fault look different.
  for (const t of path.targets) {
    const card = node(page, t.key);
    if ((await card.count()) === 0) continue; // collapsed into a group on a big path
    await expect(card).toContainText(t.state);
    await expect(card.getByTestId("verdict")).toHaveAttribute("data-verdict", t.verdict);
    await expect(card.getByTestId("share")).toHaveText(formatShare(t.share));
    const frame = card.getByTestId("card-target");
    if (t.verdict === "expected") {
      await expect(frame).toHaveCSS("border-top-style", "dashed");
      await expect(card).toContainText(`${VERDICT.expected.symbol} ${VERDICT.expected.word}`);
      await expect(card.getByTestId("verdict")).toHaveAttribute("title", /by design/);
    }
    if (t.verdict === "fault") {
      await expect(frame).toHaveCSS("border-top-style", "solid");
      await expect(card).toContainText(`${VERDICT.fault.symbol} ${VERDICT.fault.word}`);
    }
  }
  // Traffic share on every drawn pod, with the imbalance and starvation flags.
  const fair = path.imbalance.fair;
  for (const p of path.pods) {
    const card = node(page, p.key);
    if ((await card.count()) === 0) continue;
    await expect(card.getByTestId("share")).toHaveText(formatShare(p.share));
    if (p.starved) await expect(card.getByTestId("starved")).toBeVisible();
    if (fair && p.share / fair > 1.2 + 1e-9) await expect(card.getByTestId("over-fair")).toBeVisible();
    else await expect(card.getByTestId("over-fair")).toHaveCount(0);
  }
  // Dropped and rejected flows as their own sinks.
  for (const sink of ["dropped", "rejected"] as const) {
    if (path[sink] > 0) await expect(page.getByTestId(`sink-${sink}`)).toContainText(formatShare(path[sink]));
    else await expect(page.getByTestId(`sink-${sink}`)).toHaveCount(0);
  }
}

/** Independent checks against the reference's worked cases (traffic-semantics.md §1.3, §3.2, §5). */
const HAND_CHECKS: Record<string, (page: Page) => Promise<void>> = {
  // TC-01: Local, one pod: it gets everything and sees the client; the pod-less node is unhealthy by design.
  "demo-blog-local": async (page) => {
    await expect(page.getByTestId("snat-marker")).toHaveCount(0);
    await expect(page.getByTestId("card-pod").getByTestId("share")).toHaveText("100%");
    await expect(page.getByTestId("card-pod")).toContainText("sees client IP");
    await expect(page.locator('[data-testid=verdict][data-verdict="expected"]')).toHaveCount(1);
  },
  // TC-03 / S5: Cluster SNATs at kube-proxy; ⅓ per pod.
  "demo-cluster-snat": async (page) => {
    await expect(page.getByTestId("snat-marker")).toHaveText(/SNAT: pod sees node IP/);
    await expect(page.getByTestId("card-pod").getByTestId("share")).toHaveText(["33.3%", "33.3%", "33.3%"]);
    await expect(page.locator('[data-testid=edge-label][data-seen="node"]')).toHaveCount(3);
  },
  // §3.2: 12.5 / 12.5 / 25 / 50 / 0 %, I = 2.0 on the 50 % pod.
  "demo-five-nodes-local": async (page) => {
    const shares = await page.getByTestId("card-pod").getByTestId("share").allTextContents();
    expect(shares.sort()).toEqual(["0%", "12.5%", "12.5%", "25%", "50%"]);
    await expect(page.getByTestId("over-fair")).toHaveText(/2\.0× fair/);
  },
  // S7: preservation off, Local: the NLB replaces the client IP.
  "demo-nlb-no-preserve-local": async (page) => {
    await expect(page.getByTestId("snat-marker")).toHaveText(/targets see the LB IP/);
    await expect(page.getByTestId("card-pod").first()).toContainText("sees LB IP");
  },
  // S9: PPv2 + Cluster: node IP at L3, the client IP in the PROXY v2 header.
  "demo-ppv2-cluster": async (page) => {
    await expect(page.getByTestId("snat-marker")).toHaveText(/node IP/);
    await expect(page.getByText("client IP in PROXY v2").first()).toBeVisible();
  },
  // S3: Classic + proxy-protocol "*": PROXY v1.
  "demo-classic-proxy-protocol": async (page) => {
    await expect(page.getByText("client IP in PROXY v1").first()).toBeVisible();
  },
  // S4: Classic HTTP listener: X-Forwarded-For.
  "demo-classic-http": async (page) => {
    await expect(page.getByText("client IP in X-Forwarded-For").first()).toBeVisible();
  },
  // TC-11: every pod not ready: all flows rejected, every target a fault.
  "demo-all-pods-not-ready": async (page) => {
    await expect(page.getByTestId("sink-rejected")).toContainText("Rejected 100%");
    await expect(page.locator('[data-testid=verdict][data-verdict="fault"]')).toHaveCount(2);
  },
  // TC-08 / S11: ip targets bypass kube-proxy; pods see the NLB's address.
  "demo-lbc-ip-targets": async (page) => {
    await expect(page.getByText("bypassed")).toBeVisible();
    await expect(page.getByTestId("snat-marker")).toHaveText(/LB IP/);
  },
};

/**
 * These tests only read, so they share one browser context (a warm HTTP and code cache: the page's JavaScript is
 * fetched and compiled once, not 45 times) and one page per cluster; each test still navigates afresh. A failing
 * test restarts the worker, and the next test opens a new context (afterAll / beforeAll run again).
 */
let shared: { context: BrowserContext; page: Page; cluster: string } | null = null;

async function pageFor(browser: Browser, c: Case): Promise<Page> {
  if (!shared) {
    const use = test.info().project.use;
    const context = await browser.newContext({ ...devices["Desktop Chrome"], viewport: use.viewport, baseURL: use.baseURL });
    shared = { context, page: await context.newPage(), cluster: c.cluster };
  } else if (shared.cluster !== c.cluster) {
    await shared.page.close();
    shared = { ...shared, page: await shared.context.newPage(), cluster: c.cluster };
  }
  return shared.page;
}

test.describe("service page: every demo scenario", () => {
  test.afterAll(async () => {
    await shared?.context.close();
    shared = null;
  });

  for (const c of cases) {
    test(`${c.cluster} ${c.namespace}/${c.name}`, async ({ browser }) => {
      const page = await pageFor(browser, c);
      const res = await page.request.get(apiUrl(c));
      expect(res.ok()).toBe(true);
      const topology = Topology.parse(await res.json());
      await page.goto(pageUrl(c));
      await expect(page.getByRole("heading", { name: `Service ${c.namespace}/${c.name}` })).toBeVisible();
      if (topology.paths.length === 0) {
        await expect(page.locator("[data-testid^=empty-], [data-testid^=partial-]")).toBeVisible();
        if (topology.service.ingress.length === 0) await expect(page.getByText("being provisioned")).toBeVisible();
        await shoot(page, c);
        return;
      }
      await expect(page.locator(".react-flow__node").first()).toBeVisible();
      for (const [i, path] of topology.paths.entries()) {
        if (i > 0) {
          await page.getByTestId("path-selector").getByRole("button").nth(i).click();
          await expect(page.getByTestId("topology-graph")).toHaveAttribute("data-path", path.id);
        }
        await checkMarks(page, path);
        if (i === 0) await HAND_CHECKS[c.cluster]?.(page);
        await shoot(page, c, i > 0 ? `__path${i + 1}` : "");
      }
    });
  }
});
