/**
 * Where the service page's main thread spends the time until the interactive graph: loads one page in Chromium with
 * a performance trace and prints the renderer main thread's work by kind and by script, with the page's own marks
 * (lib/perfMark.ts). For finding the longest pole of "time to interactive graph" (docs/benchmarks.md).
 *
 *   npx tsx bench/tools/trace-page.ts --url http://127.0.0.1:3411/clusters/…/services/… [--until 5000]
 */
import { parseArgs } from "node:util";
import { launchBrowser } from "../measure/browser";

const { values } = parseArgs({ options: { url: { type: "string" }, until: { type: "string", default: "4000" }, runs: { type: "string", default: "2" } } });
if (!values.url || new URL(values.url).hostname !== "127.0.0.1") throw new Error("--url http://127.0.0.1:… is required (loopback only)");

type Ev = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; cat: string; args?: { data?: { url?: string; frame?: string; functionName?: string; name?: string } ; name?: string } };

const browser = await launchBrowser();
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // Tracing events are not in Playwright's typed CDP event list.
    const on = cdp as unknown as { on(e: string, f: (x: { value: Ev[] }) => void): void; once(e: string, f: () => void): void };
    const events: Ev[] = [];
    on.on("Tracing.dataCollected", (e) => events.push(...e.value));
    const done = new Promise<void>((r) => on.once("Tracing.tracingComplete", () => r()));
    await cdp.send("Tracing.start", { categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing,toplevel,loading", transferMode: "ReportEvents" });
    await page.goto(values.url, { waitUntil: "commit" });
    await page.waitForSelector(".react-flow__node", { timeout: 20_000 });
    await page.waitForTimeout(Number(values.until) / 4);
    await cdp.send("Tracing.end");
    await done;
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])));
    const nav = await page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming; return { ttfb: Math.round(n.responseStart), dcl: Math.round(n.domContentLoadedEventEnd), origin: performance.timeOrigin }; });
    await context.close();

    // The renderer main thread is the one with the most RunTask time among CrRendererMain threads.
    const names = new Map<string, string>();
    for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
    const mainKeys = [...names].filter(([, n]) => n === "CrRendererMain").map(([k]) => k);
    const busy = new Map<string, number>();
    for (const e of events) if (e.name === "RunTask" && mainKeys.includes(`${e.pid}:${e.tid}`)) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
    const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
    const navStart = events.find((e) => e.name === "navigationStart" && `${e.pid}:${e.tid}` === main)?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
    const onMain = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === "X" && e.dur);
    const endMs = (marks["lbpath:graph-mounted"] ?? Number(values.until)) + 50;
    const by = (key: (e: Ev) => string | null) => {
      const m = new Map<string, number>();
      for (const e of onMain) {
        const k = key(e);
        if (!k || (e.ts - navStart) / 1000 > endMs) continue;
        m.set(k, (m.get(k) ?? 0) + (e.dur ?? 0) / 1000);
      }
      return [...m].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${Math.round(v)} ms  ${k}`);
    };
    const kinds = new Set(["EvaluateScript", "v8.compile", "v8.compileModule", "FunctionCall", "ParseHTML", "Layout", "UpdateLayoutTree", "Paint", "TimerFire", "EventDispatch", "FireAnimationFrame", "v8.parseOnBackground", "MajorGC", "MinorGC", "V8.GCScavenger", "V8.GCFinalizeMC", "RunMicrotasks", "XHRReadyStateChange", "ResourceReceivedData", "Decode Image", "PrePaint", "Commit"]);
    const tasks = onMain.filter((e) => e.name === "RunTask" && (e.ts - navStart) / 1000 <= endMs);
    const long = tasks.filter((e) => (e.dur ?? 0) > 50_000).map((e) => `${Math.round((e.ts - navStart) / 1000)}+${Math.round((e.dur ?? 0) / 1000)}`);
    console.log(`\nrun ${run + 1}: ttfb ${nav.ttfb} ms, DCL ${nav.dcl} ms; marks ${JSON.stringify(marks)}`);
    console.log(`main thread busy until graph mounted (${endMs} ms): ${Math.round(tasks.reduce((n, e) => n + (e.dur ?? 0), 0) / 1000)} ms; long tasks (start+ms): ${long.join(", ")}`);
    console.log("by kind:\n  " + by((e) => (kinds.has(e.name) ? e.name : null)).join("\n  "));
    console.log("by script (EvaluateScript / compile):\n  " + by((e) => (e.name === "EvaluateScript" || e.name.startsWith("v8.compile") ? (e.args?.data?.url ?? "?").replace(/^.*\/_next\//, "") : null)).join("\n  "));
    console.log("function calls by script:\n  " + by((e) => (e.name === "FunctionCall" ? `${(e.args?.data?.url ?? "?").replace(/^.*\/_next\//, "")} ${e.args?.data?.functionName ?? ""}` : null)).join("\n  "));
  }
} finally {
  await browser.close();
}
