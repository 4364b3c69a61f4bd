import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright";
import { get } from "./http";
import { percentile } from "./stats";

/**
 * Time to graph in Chromium (Playwright library) against `next start`: from navigation start to the first frame
 * after the service page shows its graph, i.e. a `.react-flow__node` or a `[data-testid="graph-ready"]` element
 * (components/topology/graph). An init script records performance.now() (ms since navigation start) two
 * animation frames after the marker is visible, so the paint has happened. Also: rendered graph elements and the page's
 * initial JavaScript (gzip of every `<script src>` in the served HTML).
 */

export const GRAPH_SELECTOR = '.react-flow__node, [data-testid="graph-ready"]';
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface BrowserRun {
  status: number;
  /** ms from navigation start to the frame after the graph marker appeared; null if it never did. */
  graphMs: number | null;
  ttfbMs: number | null;
  domContentLoadedMs: number | null;
  /** The page's topology API call (resource timing): request start and response end, ms since navigation. */
  apiStartMs: number | null;
  apiEndMs: number | null;
  nodes: number;
  edges: number;
  /** JS bytes (decoded) fetched before the graph was ready, including lazily loaded chunks. */
  scriptBytesBeforeGraph: number;
  error?: string;
}

export interface BrowserResult {
  url: string;
  runs: BrowserRun[];
  graphMsP50: number | null;
  graphMsMax: number | null;
}

export interface InitialJs {
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  largest: { src: string; gzipBytes: number }[];
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = [process.env.LBPATH_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
  return chromium.launch({ executablePath, args: ARGS, headless: true });
}

/**
 * Runs in the page before any of its scripts. A string, not a function: tsx (esbuild keepNames) would add
 * `__name(...)` calls to a function's source that do not exist in the page. React Flow first renders nodes
 * hidden (visibility: hidden) to measure them, so a node counts only once it is visible.
 */
const WATCH_FOR_GRAPH = `(() => {
  const selector = ${JSON.stringify(GRAPH_SELECTOR)};
  const found = () => {
    if (window.__lbpathGraph) return;
    const el = document.querySelector(selector);
    if (!el || getComputedStyle(el).visibility === "hidden") return;
    const mark = { detectedAt: performance.now() };
    window.__lbpathGraph = mark;
    requestAnimationFrame(() => requestAnimationFrame(() => { mark.paintedAt = performance.now(); }));
  };
  new MutationObserver(found).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-testid", "class", "style"] });
})();`;

type GraphWindow = { __lbpathGraph?: { detectedAt: number; paintedAt?: number } };

export async function measureGraph(browser: Browser, url: string, runs: number, timeoutMs = 20_000): Promise<BrowserResult> {
  const out: BrowserRun[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Loopback only: anything else is aborted, never sent.
    await context.route("**/*", (route) => (new URL(route.request().url()).hostname === "127.0.0.1" ? route.continue() : route.abort()));
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FOR_GRAPH });
    let scriptBytes = 0;
    let graphSeen = false;
    page.on("response", (r) => {
      if (graphSeen || r.request().resourceType() !== "script") return;
      r.body().then((b) => { if (!graphSeen) scriptBytes += b.length; }, () => undefined);
    });
    const run: BrowserRun = { status: 0, graphMs: null, ttfbMs: null, domContentLoadedMs: null, apiStartMs: null, apiEndMs: null, nodes: 0, edges: 0, scriptBytesBeforeGraph: 0 };
    try {
      const resp = await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
      run.status = resp?.status() ?? 0;
      // Functions, not strings: Playwright sends functions over CDP, while string predicates need eval, which
      // the page's CSP forbids. No named inner functions here (see WATCH_FOR_GRAPH).
      await page.waitForFunction(() => (window as unknown as GraphWindow).__lbpathGraph?.paintedAt !== undefined, undefined, { timeout: timeoutMs, polling: 50 });
      graphSeen = true;
      run.scriptBytesBeforeGraph = scriptBytes;
      const m = await page.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        const api = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).find((r) => r.name.includes("/topology"));
        return { painted: (window as unknown as GraphWindow).__lbpathGraph!.paintedAt!, ttfb: nav?.responseStart ?? null, dcl: nav?.domContentLoadedEventEnd || null, apiStart: api?.startTime ?? null, apiEnd: api?.responseEnd ?? null };
      });
      run.apiStartMs = m.apiStart;
      run.apiEndMs = m.apiEnd;
      run.graphMs = m.painted;
      run.ttfbMs = m.ttfb;
      run.domContentLoadedMs = m.dcl;
      await page.waitForTimeout(500); // let the graph settle before counting
      run.nodes = await page.locator(".react-flow__node").count();
      run.edges = await page.locator(".react-flow__edge").count();
    } catch (e) {
      run.error = e instanceof Error ? e.message.split("\n")[0] : String(e);
    } finally {
      await context.close();
    }
    out.push(run);
    if (run.error) break; // a page that fails once (404, no graph) is not retried: bounded runs
  }
  const times = out.map((r) => r.graphMs).filter((x): x is number => x !== null);
  return { url, runs: out, graphMsP50: times.length ? percentile(times, 50) : null, graphMsMax: times.length ? Math.max(...times) : null };
}

/**
 * Sum of gzip sizes of the JavaScript the page's HTML makes the browser fetch: `<script src>` chunks and
 * `<link rel="preload|modulepreload">` scripts (lazily imported chunks come later and are not counted here).
 */
export async function initialJs(pageUrl: string): Promise<InitialJs> {
  const html = (await get(pageUrl)).body.toString("utf8");
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link\b[^>]*>/g)].map((m) => m[0])
    .filter((tag) => /\brel="(preload|modulepreload)"/.test(tag) && (/\bas="script"/.test(tag) || /modulepreload/.test(tag)))
    .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1])
    .filter((x): x is string => !!x);
  const srcs = [...new Set([...scripts, ...preloads].map((src) => src.replaceAll("&amp;", "&")))];
  const sizes: { src: string; raw: number; gzipBytes: number }[] = [];
  for (const src of srcs) {
    const r = await get(new URL(src, pageUrl).toString());
    if (r.status !== 200) continue;
    sizes.push({ src, raw: r.bytes, gzipBytes: gzipSync(r.body).length });
  }
  return {
    scripts: sizes.length,
    rawBytes: sizes.reduce((n, s) => n + s.raw, 0),
    gzipBytes: sizes.reduce((n, s) => n + s.gzipBytes, 0),
    largest: sizes.sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5).map(({ src, gzipBytes }) => ({ src, gzipBytes })),
  };
}
