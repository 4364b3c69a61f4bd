import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "playwright";
import { get } from "./http";
import { percentile } from "./stats";

/**
 * Time to graph in Chromium (Playwright library) against `next start`, from navigation start:
 * - graph painted: the first frame showing the graph, either the server-drawn picture
 *   (`[data-testid="graph-preview"]`, an <img>, counted once it has loaded) or the interactive graph;
 * - interactive: the first frame after a React Flow node (`.react-flow__node`) is visible.
 * An init script records performance.now() two animation frames after each marker appears, so the paint has
 * happened. Also: rendered graph elements and the page's initial JavaScript (gzip of every `<script src>` in the
 * served HTML).
 */

export const GRAPH_SELECTOR = ".react-flow__node";
export const PREVIEW_SELECTOR = '[data-testid="graph-preview"]';
// Loopback only, without request interception: every host but 127.0.0.1 fails to resolve. Playwright's
// context.route() would do the same, but it sends every request through the driver, which adds a round trip per
// request and disables the HTTP cache: it slowed the page it was measuring.
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
];

export interface BrowserRun {
  status: number;
  /** ms from navigation start to the first frame showing the graph (picture or interactive); null if it never did. */
  graphMs: number | null;
  /** ms from navigation start to the first frame showing the interactive (React Flow) graph. */
  interactiveMs?: number | null;
  /** Whether the server-drawn picture came first. */
  preview?: boolean;
  ttfbMs: number | null;
  domContentLoadedMs: number | null;
  /** The page's topology API call (resource timing): request start and response end, ms since navigation. */
  apiStartMs: number | null;
  apiEndMs: number | null;
  nodes: number;
  edges: number;
  /** JS bytes (decoded) fetched before the interactive graph was ready, including lazily loaded chunks. */
  scriptBytesBeforeGraph: number;
  /** The page's own steps (lib/perfMark.ts): `lbpath:topology`, `lbpath:graph-code`, `lbpath:layout-request`… */
  marks?: Record<string, number>;
  error?: string;
}

export interface BrowserResult {
  url: string;
  runs: BrowserRun[];
  graphMsP50: number | null;
  graphMsMax: number | null;
  interactiveMsP50: number | null;
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
 * hidden (visibility: hidden) to measure them, so a node counts only once it is visible. Image loads do not
 * bubble, so a capturing listener sees the preview's.
 */
const WATCH_FOR_GRAPH = `(() => {
  const marks = (window.__lbpathGraph = {});
  const stamp = (name) => {
    if (marks[name]) return;
    const m = (marks[name] = { detectedAt: performance.now() });
    requestAnimationFrame(() => requestAnimationFrame(() => { m.paintedAt = performance.now(); }));
  };
  const check = () => {
    const node = document.querySelector(${JSON.stringify(GRAPH_SELECTOR)});
    if (node && getComputedStyle(node).visibility !== "hidden") { stamp("first"); stamp("interactive"); }
    const img = document.querySelector(${JSON.stringify(PREVIEW_SELECTOR)});
    if (img && img.complete && img.naturalWidth > 0) stamp("first");
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-testid", "class", "style"] });
  document.addEventListener("load", check, true);
})();`;

type Mark = { detectedAt: number; paintedAt?: number };
type GraphWindow = { __lbpathGraph?: { first?: Mark; interactive?: Mark } };

export async function measureGraph(browser: Browser, url: string, runs: number, timeoutMs = 20_000): Promise<BrowserResult> {
  const out: BrowserRun[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FOR_GRAPH });
    const run: BrowserRun = { status: 0, graphMs: null, ttfbMs: null, domContentLoadedMs: null, apiStartMs: null, apiEndMs: null, nodes: 0, edges: 0, scriptBytesBeforeGraph: 0 };
    try {
      const resp = await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
      run.status = resp?.status() ?? 0;
      // Functions, not strings: Playwright sends functions over CDP, while string predicates need eval, which
      // the page's CSP forbids. No named inner functions here (see WATCH_FOR_GRAPH).
      await page.waitForFunction(() => (window as unknown as GraphWindow).__lbpathGraph?.interactive?.paintedAt !== undefined, undefined, { timeout: timeoutMs, polling: 50 });
      // Resource timing, not CDP response bodies: reading bodies through the driver during the load slowed it.
      const m = await page.evaluate(() => {
        const g = (window as unknown as GraphWindow).__lbpathGraph!;
        const painted = g.first!.paintedAt!;
        const interactive = g.interactive!.paintedAt!;
        const previewShown = !!document.querySelector('[data-testid="graph-preview"]') || g.first!.detectedAt < g.interactive!.detectedAt;
        const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
        const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
        const api = resources.find((r) => r.name.includes("/topology"));
        const scriptBytes = resources.filter((r) => /\.js$/.test(new URL(r.name).pathname) && r.responseEnd <= interactive).reduce((n, r) => n + r.decodedBodySize, 0);
        const marks = Object.fromEntries(performance.getEntriesByType("mark").filter((e) => e.name.startsWith("lbpath:")).map((e) => [e.name, e.startTime]));
        return { painted, interactive, previewShown, marks, scriptBytes, ttfb: nav?.responseStart ?? null, dcl: nav?.domContentLoadedEventEnd || null, apiStart: api?.startTime ?? null, apiEnd: api?.responseEnd ?? null };
      });
      run.scriptBytesBeforeGraph = m.scriptBytes;
      run.marks = m.marks;
      run.apiStartMs = m.apiStart;
      run.apiEndMs = m.apiEnd;
      run.graphMs = m.painted;
      run.interactiveMs = m.interactive;
      run.preview = m.previewShown;
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
  const interactive = out.map((r) => r.interactiveMs).filter((x): x is number => x != null);
  return {
    url, runs: out,
    graphMsP50: times.length ? percentile(times, 50) : null,
    graphMsMax: times.length ? Math.max(...times) : null,
    interactiveMsP50: interactive.length ? percentile(interactive, 50) : null,
  };
}

/**
 * Sum of gzip sizes of the JavaScript the page's HTML makes the browser fetch: `<script src>` chunks (but not
 * `noModule` ones) and `<link rel="preload|modulepreload">` scripts (lazily imported chunks come later and are not
 * counted here).
 */
export async function initialJs(pageUrl: string): Promise<InitialJs> {
  const html = (await get(pageUrl)).body.toString("utf8");
  // `noModule` scripts (Next's legacy polyfills) are skipped by every browser that runs modules: Chromium never
  // downloads them, so they are not part of what the page costs.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    .filter((tag) => !/\bnomodule\b/i.test(tag))
    .map((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1])
    .filter((x): x is string => !!x);
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
