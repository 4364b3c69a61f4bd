import type { SizeName, SizeSpec } from "./sizes";
import type { ColdResult } from "./measure/cold";
import type { SharedColdResult } from "./measure/coldShared";
import type { ComputeCosts } from "./measure/compute";
import type { SideBySide } from "./measure/fixedCost";
import type { BrowserResult, InitialJs } from "./measure/browser";
import type { Summary } from "./measure/stats";
import { round } from "./measure/stats";
import { GOALS } from "./goals";

/** What one size produced; bench/results.json holds one per size. */
export interface SizeResult {
  size: SizeName;
  spec: SizeSpec;
  seed: string;
  /** 1-minute load average when the size started and finished: other work on the machine skews every timing. */
  loadavg?: { start: number; end: number };
  generate: { ms: number; fileBytes: number; counts: Record<string, number> };
  cold?: ColdResult | { skipped: string };
  /** Cold start of the default live mode (shared cache: informers + paced AWS loops). */
  coldShared?: SharedColdResult | { skipped: string };
  server?: ServerResult | { error: string };
  browser?: BrowserSection | { skipped: string } | { error: string };
}

export interface ServerResult {
  /** First GET of the Service list: reads and checks the file, indexes it, builds every LoadBalancer topology. */
  firstLoadMs: number;
  rssAfterLoadMiB: number;
  rssAfterBenchMiB: number;
  /** Fixed cost of a request: GET /api/healthz p50. */
  baselineMs: number;
  /** lbpath vs a bare node:http server sending the same bytes (healthz, the small topology). */
  fixedCost?: SideBySide[];
  services: Latency;
  triage: Latency & { rows: number };
  topology: TopologyProbe[];
}

export interface Latency extends Summary {
  bytes: number;
  wireBytes: number;
}

export interface TopologyProbe {
  role: string;
  namespace: string;
  name: string;
  targets: number;
  latency: Latency;
  compute: ComputeCosts;
  goalMs: number;
}

export interface BrowserSection {
  pages: (BrowserResult & { role: string; targets: number })[];
  initialJs: InitialJs | null;
}

const ms = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : `${round(x, x < 10 ? 2 : 0)} ms`);
const kb = (b: number) => `${round(b / 1000, 1)} KB`;
const verdict = (ok: boolean | null) => (ok === null ? "" : ok ? "met" : "MISSED");

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => (c ?? "").padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

export function goalChecks(r: SizeResult): { goal: string; value: string; met: boolean }[] {
  const out: { goal: string; value: string; met: boolean }[] = [];
  if (r.cold && "runs" in r.cold) out.push({ goal: `AWS calls ≤ ${GOALS.awsCallsRatio}× minimum`, value: `${r.cold.aws.actual}/${r.cold.aws.minimum} = ${round(r.cold.aws.ratio, 2)}×`, met: r.cold.aws.ratio <= GOALS.awsCallsRatio });
  if (r.coldShared && "awsCalls" in r.coldShared) out.push({ goal: `AWS calls ≤ ${GOALS.awsCallsRatio}× minimum (shared cache, first cycle)`, value: `${r.coldShared.awsCalls.actual}/${r.coldShared.awsCalls.minimum} = ${round(r.coldShared.awsCalls.ratio, 2)}×`, met: r.coldShared.awsCalls.ratio <= GOALS.awsCallsRatio });
  if (r.server && "topology" in r.server) {
    for (const t of r.server.topology) {
      out.push({ goal: `topology ${t.role} (${t.targets} targets) p95 ≤ ${t.goalMs} ms`, value: ms(t.latency.p95), met: t.latency.p95 <= t.goalMs });
      const ratio = t.latency.p95 / t.compute.floor.p50;
      out.push({ goal: `topology ${t.role} p95 ≤ ${GOALS.floorMultiple}× JSON.stringify floor`, value: `${round(ratio, 1)}× (floor ${ms(t.compute.floor.p50)})`, met: ratio <= GOALS.floorMultiple });
    }
    const rssGoal = GOALS.rssMiB[r.size];
    if (rssGoal) {
      const rss = Math.max(r.server.rssAfterLoadMiB, r.server.rssAfterBenchMiB);
      out.push({ goal: `server RSS ≤ ${rssGoal} MiB`, value: `${round(rss, 0)} MiB`, met: rss <= rssGoal });
    }
  }
  if (r.browser && "pages" in r.browser) {
    for (const p of r.browser.pages.filter((x) => x.role === "big-instance")) {
      const how = p.runs.some((x) => x.preview) ? `server-drawn picture; interactive at ${ms(p.interactiveMsP50 ?? null)}` : "interactive graph";
      out.push({ goal: `graph painted ≤ ${GOALS.graphMs} ms (${p.targets} targets)`, value: `${ms(p.graphMsP50)} (${how})`, met: p.graphMsP50 !== null && p.graphMsP50 <= GOALS.graphMs });
    }
    if (r.browser.initialJs) out.push({ goal: `initial JS ≤ ${GOALS.initialJsGzipBytes / 1000} KB gzip`, value: kb(r.browser.initialJs.gzipBytes), met: r.browser.initialJs.gzipBytes <= GOALS.initialJsGzipBytes });
  }
  return out;
}

/** The human-readable summary of one size, printed after it is measured. */
export function formatSize(r: SizeResult): string {
  const lines: string[] = [];
  const c = r.generate.counts;
  lines.push(`\n=== ${r.size}: ${c.pods} pods, ${c.nodes} nodes, ${c.services} Services, ${c.loadBalancers} NLB + ${c.classicLoadBalancers} CLB, ${c.targetGroups} TGs, ${c.targets} targets (seed ${r.seed}) ===`);
  lines.push(`generated in ${ms(r.generate.ms)}, snapshot file ${kb(r.generate.fileBytes)}${r.loadavg ? `; machine load average ${r.loadavg.start} → ${r.loadavg.end} (above the core count means work was waiting for CPU)` : ""}`);
  if (r.cold) {
    if ("skipped" in r.cold) lines.push(`cold load: skipped (${r.cold.skipped})`);
    else {
      const first = r.cold.runs[0];
      const rest = r.cold.runs.slice(1).map((x) => x.ms).sort((a, b) => a - b);
      lines.push(`cold load (live reader → emulator, ${r.cold.runs.length} runs): first ${ms(first.ms)} (Kubernetes ${ms(first.kubernetesMs)}, AWS ${ms(first.awsMs)})${rest.length ? `, re-read median ${ms(rest[Math.floor((rest.length - 1) / 2)])}` : ""}; read complete: ${complete(r.cold) ? "yes" : "NO"}`);
      const rows = [["requests", "actual", "minimum"], ...[...r.cold.kubernetes.rows, ...r.cold.aws.rows].map((x) => [x.action, String(x.actual), String(x.minimum)])];
      rows.push(["Kubernetes total", String(r.cold.kubernetes.actual), `${r.cold.kubernetes.minimum} (${round(r.cold.kubernetes.ratio, 2)}×)`]);
      rows.push(["AWS total", String(r.cold.aws.actual), `${r.cold.aws.minimum} (${round(r.cold.aws.ratio, 2)}×)`]);
      lines.push(table(rows));
    }
  }
  if (r.coldShared) {
    if ("skipped" in r.coldShared) lines.push(`cold start, shared cache: skipped (${r.coldShared.skipped})`);
    else {
      const c = r.coldShared;
      const watches = Object.entries(c.kubernetes).filter(([k]) => k.startsWith("watch ")).reduce((n, [, v]) => n + v, 0);
      const same = (Object.keys(c.expected) as (keyof typeof c.expected)[]).every((k) => (k === "problems" ? c.read.problems.length === 0 : c.read[k] === c.expected[k]));
      lines.push(`cold start, default live mode (shared cache, AWS paced at ${c.callsPerSecond} calls/s): Kubernetes synced in ${ms(c.kubernetesSyncedMs)}, ` +
        `first read in ${ms(c.firstReadMs ?? null)}${c.firstReadPartial ? " (Kubernetes half; AWS still being read)" : ""}, first complete snapshot in ${ms(c.firstCompleteMs)}; ` +
        `lists ${c.kubernetesLists.actual}/${c.kubernetesLists.minimum} + ${watches} watches, AWS calls ${c.awsCalls.actual}/${c.awsCalls.minimum} (${round(c.awsCalls.ratio, 2)}×); complete: ${same ? "yes" : "NO"}`);
    }
  }
  if (r.server) {
    if ("error" in r.server) lines.push(`server: ERROR ${r.server.error}`);
    else {
      const s = r.server;
      lines.push(`server: first load ${ms(s.firstLoadMs)}, RSS after load ${round(s.rssAfterLoadMiB, 0)} MiB, after bench ${round(s.rssAfterBenchMiB, 0)} MiB, request baseline (healthz p50) ${ms(s.baselineMs)}`);
      const rows = [["API", "p50", "p95", "size (gzip)", "floor p50", "p95/floor", "gzip p50", "uncached p50", "goal p95"]];
      for (const t of s.topology) {
        rows.push([`topology ${t.role} ${t.namespace}/${t.name} (${t.targets} targets)`, ms(t.latency.p50), ms(t.latency.p95), `${kb(t.latency.bytes)} (${kb(t.latency.wireBytes)})`,
          ms(t.compute.floor.p50), `${round(t.latency.p95 / t.compute.floor.p50, 1)}×`, ms(t.compute.gzip.p50), `${ms(t.compute.topology.p50)} (+index ${ms(t.compute.indexMs)})`, `${t.goalMs} ms`]);
      }
      for (const f of s.fixedCost ?? []) {
        rows.push([`same bytes, bare node:http: ${f.path.startsWith("/api/healthz") ? "healthz" : "topology small"}`, ms(f.bare.p50), ms(f.bare.p95), kb(f.wireBytes), "", "", "", "", ""]);
        rows.push([`  … from lbpath (side by side)`, ms(f.lbpath.p50), ms(f.lbpath.p95), `+${ms(f.lbpath.p50 - f.bare.p50)} p50`, "", "", "", "", ""]);
      }
      rows.push([`triage (${s.triage.rows} rows${s.triage.n === 1 ? ", one call" : ""})`, ms(s.triage.p50), ms(s.triage.p95), `${kb(s.triage.bytes)} (${kb(s.triage.wireBytes)})`, "", "", "", "", ""]);
      if (Number.isFinite(s.services.p50)) rows.push(["services list", ms(s.services.p50), ms(s.services.p95), `${kb(s.services.bytes)} (${kb(s.services.wireBytes)})`, "", "", "", "", ""]);
      lines.push(table(rows));
    }
  }
  if (r.browser) {
    if ("skipped" in r.browser) lines.push(`browser: skipped (${r.browser.skipped})`);
    else if ("error" in r.browser) lines.push(`browser: ERROR ${r.browser.error}`);
    else {
      const rows = [["page", "graph painted p50", "interactive p50", "runs", "TTFB / DCL / hydrated / API fetch / data / graph code / layout / graph mounted (first run)", "nodes", "edges", "JS before graph"]];
      for (const p of r.browser.pages) {
        const ok = p.runs.find((x) => x.graphMs !== null);
        const mk = (name: string) => ms(ok?.marks?.[`lbpath:${name}`] ?? null);
        const phases = ok
          ? `${ms(ok.ttfbMs)} / ${ms(ok.domContentLoadedMs)} / ${mk("hydrated")} / ${ms(ok.apiStartMs)}–${ms(ok.apiEndMs)} / ${mk("topology")} / ${mk("graph-code")} / ${mk("layout-request")}–${mk("layout-result")} / ${mk("graph-mounted")}`
          : "–";
        rows.push([`${p.role} (${p.targets} targets)`, `${ms(p.graphMsP50)}${p.runs.some((x) => x.preview) ? " (picture)" : ""}`, ms(p.interactiveMsP50 ?? null), p.runs.map((x) => (x.graphMs === null ? `✗ ${x.status} ${x.error ?? ""}`.trim() : ms(x.graphMs))).join(", "), phases, String(ok?.nodes ?? "–"), String(ok?.edges ?? "–"), ok ? kb(ok.scriptBytesBeforeGraph) : "–"]);
      }
      lines.push(table(rows));
      const js = r.browser.initialJs;
      if (js) lines.push(`initial JS of the service page: ${js.scripts} scripts, ${kb(js.rawBytes)} raw, ${kb(js.gzipBytes)} gzip`);
    }
  }
  const checks = goalChecks(r);
  if (checks.length) lines.push(table([["goal", "value", ""], ...checks.map((g) => [g.goal, g.value, verdict(g.met)])]));
  return lines.join("\n");
}

function complete(c: ColdResult): boolean {
  const last = c.runs[c.runs.length - 1].read;
  return (Object.keys(c.expected) as (keyof ColdResult["expected"])[]).every((k) => k === "problems" ? last.problems.length === 0 : last[k] === c.expected[k]);
}
