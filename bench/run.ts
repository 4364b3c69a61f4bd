/**
 * `npm run bench` (issue 6): generate synthetic clusters, then measure cold load through the live reader, the warm
 * API of `next start`, server memory and the service page in Chromium. Prints a table per size and writes
 * bench/results.json. A tool, not a test: it reports goals met or missed and never fails on them.
 *
 *   npx tsx --conditions=react-server bench/run.ts [--sizes S,M,L,XL] [--quick] [--skip-browser] [--skip-cold]
 *       [--seed s] [--reuse-build] [--keep-build] [--dist-dir .next-bench] [--aws-rate N] [--out bench/results.json]
 *
 * --skip-cold: skip both cold loads (for iterating on the server or the page). --quick: size S only, fewer samples (CI smoke run). --reuse-build: use the build already in the dist dir
 * (e.g. CI's: --reuse-build --dist-dir .next). Loopback only; dummy AWS credentials. A build the bench made
 * itself is removed at the end unless --keep-build; one it reused is never touched. --aws-rate: AWS calls per second
 * for the shared-cache cold start (default: the product's, LBPATH_AWS_CALLS_PER_SECOND's default of 5).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Browser } from "playwright";

// Before any AWS SDK code loads: dummy credentials, never the EC2 metadata endpoint.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: "AKIDTEST", AWS_SECRET_ACCESS_KEY: "test-secret", AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", NEXT_TELEMETRY_DISABLED: "1",
});

const { DEFAULT_SEED, generate } = await import("./generate");
const { parseSizes, SIZES } = await import("./sizes");
const { formatSize, goalChecks } = await import("./report");
const { buildApp, hasBuild, removeBuild, setDistDir, startServer, DEFAULT_DIST_DIR } = await import("./measure/server");
const { measureApi, measureMemoryOnly } = await import("./measure/api");
const { closeAgent } = await import("./measure/http");
const { initialJs, launchBrowser, measureGraph } = await import("./measure/browser");
const { servicePagePath } = await import("@/lib/url/paths");
type SizeResult = import("./report").SizeResult;

const { values } = parseArgs({
  options: {
    sizes: { type: "string" },
    quick: { type: "boolean", default: false },
    "skip-browser": { type: "boolean", default: false },
    "skip-cold": { type: "boolean", default: false },
    seed: { type: "string", default: DEFAULT_SEED },
    "reuse-build": { type: "boolean", default: false },
    "keep-build": { type: "boolean", default: false },
    "dist-dir": { type: "string", default: DEFAULT_DIST_DIR },
    "aws-rate": { type: "string" },
    out: { type: "string", default: join("bench", "results.json") },
  },
});
const quick = values.quick!;
setDistDir(values["dist-dir"]!);
let builtHere = false;
const cleanUp = () => { if (builtHere && !values["keep-build"]) removeBuild(); };
const sizes = parseSizes(values.sizes ?? (quick ? "S" : "S,M,L,XL"));
const samples = quick ? 10 : 30;
const outDir = join("bench", "out");
mkdirSync(outDir, { recursive: true });

const git = (() => { try { return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim(); } catch { return null; } })();
const results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? null, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadavgAtStart: loadavg().map((x) => Math.round(x * 100) / 100) },
  git,
  options: { sizes, quick, skipBrowser: values["skip-browser"], seed: values.seed, samples },
  buildMs: null as number | null,
  sizes: [] as SizeResult[],
  goals: [] as { size: string; goal: string; value: string; met: boolean }[],
  finishedAt: null as string | null,
};
const save = () => writeFileSync(values.out!, JSON.stringify(results, null, 2) + "\n");

let browser: Browser | null = null;
let stopServer: (() => Promise<void>) | null = null;
let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  console.error("\ninterrupted: stopping the server and browser…");
  void (async () => { await stopServer?.(); await browser?.close(); cleanUp(); process.exit(130); })();
});

try {
  if (values["reuse-build"] && hasBuild()) console.log(`using the existing build in ${values["dist-dir"]}`);
  else {
    console.log(`next build → ${values["dist-dir"]} …`);
    builtHere = true;
    results.buildMs = await buildApp();
    console.log(`built in ${Math.round(results.buildMs / 1000)} s`);
  }

  for (const size of sizes) {
    const spec = SIZES[size];
    console.log(`\n[${size}] generating…`);
    const t = performance.now();
    const gen = generate(size, values.seed);
    const genMs = performance.now() - t;
    const text = JSON.stringify(gen.snapshot);
    const file = join(outDir, `bench-${size.toLowerCase()}.json`);
    writeFileSync(file, text);
    const s = gen.snapshot;
    const load = () => Math.round(loadavg()[0] * 100) / 100;
    const r: SizeResult = {
      size, spec, seed: gen.seed, loadavg: { start: load(), end: NaN },
      generate: {
        ms: genMs, fileBytes: Buffer.byteLength(text),
        counts: {
          pods: s.kubernetes.pods.length, nodes: s.kubernetes.nodes.length, services: s.kubernetes.services.length, endpointSlices: s.kubernetes.endpointSlices.length,
          loadBalancers: s.aws.loadBalancers.length, classicLoadBalancers: s.aws.classicLoadBalancers.length, targetGroups: s.aws.targetGroups.length,
          targets: s.aws.targetGroups.reduce((n, tg) => n + (tg.targetHealthDescriptions?.length ?? 0), 0),
        },
      },
    };

    if (spec.memoryOnly) r.cold = r.coldShared = { skipped: "memory-only size" };
    else if (values["skip-cold"]) r.cold = r.coldShared = { skipped: "--skip-cold" };
    else {
      console.log(`[${size}] cold load through the live reader…`);
      // Imported here: the live source and the emulator may not exist in every checkout.
      try {
        const { measureColdLoad } = await import("./measure/cold");
        r.cold = await measureColdLoad(JSON.parse(text), quick ? 1 : size === "L" ? 2 : 3);
      } catch (e) {
        r.cold = { skipped: `cold load unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
      }
      console.log(`[${size}] cold start of the shared cache (default live mode)…`);
      try {
        const { measureSharedColdStart } = await import("./measure/coldShared");
        r.coldShared = await measureSharedColdStart(JSON.parse(text), values["aws-rate"] ? Number(values["aws-rate"]) : undefined);
      } catch (e) {
        r.coldShared = { skipped: `shared cache unavailable: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` };
      }
    }

    console.log(`[${size}] next start with ${file}…`);
    const server = await startServer(file);
    stopServer = server.stop;
    try {
      r.server = spec.memoryOnly ? await measureMemoryOnly(server) : await measureApi(server, JSON.parse(text), gen.probes, samples);
      if (spec.memoryOnly) r.browser = { skipped: "memory-only size" };
      else if (values["skip-browser"]) r.browser = { skipped: "--skip-browser" };
      else {
        console.log(`[${size}] Chromium…`);
        try {
          browser ??= await launchBrowser();
          const pages = [];
          const probes = [["small", gen.probes.small], ["big-instance", gen.probes.bigInstance], ["big-ip", gen.probes.bigIp]] as const;
          for (const [role, probe] of probes) {
            if (!probe) continue;
            const url = server.base + servicePagePath({ cluster: server.cluster, namespace: probe.namespace, name: probe.name });
            pages.push({ role, targets: probe.targets, ...(await measureGraph(browser, url, quick ? 2 : 3)) });
          }
          const small = gen.probes.small;
          const smallUrl = server.base + servicePagePath({ cluster: server.cluster, namespace: small.namespace, name: small.name });
          r.browser = { pages, initialJs: await initialJs(smallUrl).catch(() => null) };
        } catch (e) {
          r.browser = { error: e instanceof Error ? e.message.split("\n")[0] : String(e) };
        }
      }
    } catch (e) {
      r.server = { error: e instanceof Error ? e.message : String(e) };
    } finally {
      await server.stop();
      stopServer = null;
    }
    r.loadavg!.end = load();
    results.sizes.push(r);
    results.goals.push(...goalChecks(r).map((g) => ({ size, ...g })));
    console.log(formatSize(r));
    save();
  }
} finally {
  await browser?.close();
  closeAgent();
  cleanUp();
  results.finishedAt = new Date().toISOString();
  save();
}
const missed = results.goals.filter((g) => !g.met);
console.log(`\nwrote ${values.out}; goals met ${results.goals.length - missed.length}/${results.goals.length}${missed.length ? `; missed: ${missed.map((g) => `${g.size} ${g.goal}`).join("; ")}` : ""}`);
