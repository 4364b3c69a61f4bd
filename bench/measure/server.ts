import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { createServer } from "node:net";
import { join } from "node:path";

/**
 * The production server under test: `next build` into the bench's own dist dir, then `next start` on
 * 127.0.0.1 serving one generated snapshot file (LBPATH_SNAPSHOT → cluster `snapshot-<basename>`). Started as
 * `node …/next start` so the child's PID is the server itself (stack notes, pitfall 15) and RSS is its own.
 */

export const DEFAULT_DIST_DIR = ".next-bench";
let distDir = DEFAULT_DIST_DIR;

/** Build and serve from another dist dir (e.g. CI's existing `.next` with --reuse-build). */
export function setDistDir(dir: string): void {
  distDir = dir;
}

export const getDistDir = () => distDir;
const NEXT_BIN = join("node_modules", "next", "dist", "bin", "next");

/** Loopback only, dummy AWS credentials, no telemetry, no live clusters (KUBECONFIG points nowhere). */
export function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("LBPATH_") || k === "KUBERNETES_SERVICE_HOST") delete env[k];
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    LBPATH_DIST_DIR: distDir,
    LBPATH_MODE: "auto",
    KUBECONFIG: join(process.cwd(), "bench", "out", "no-kubeconfig"),
    AWS_ACCESS_KEY_ID: "AKIDTEST",
    AWS_SECRET_ACCESS_KEY: "test-secret",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    ...extra,
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGTERM"), timeoutMs);
    child.on("close", (code) => { clearTimeout(timer); resolve({ code, output }); });
  });
}

/**
 * `next build` adds `<distDir>/types/**` to tsconfig.json's include and points next-env.d.ts at the dist dir.
 * In a shared checkout those are other people's files: undo exactly that edit afterwards (and nothing else).
 */
function undoBuildEdits(): () => void {
  const before = { tsconfig: readFileSync("tsconfig.json", "utf8"), env: existsSync("next-env.d.ts") ? readFileSync("next-env.d.ts", "utf8") : null };
  return () => {
    const now = readFileSync("tsconfig.json", "utf8");
    if (now !== before.tsconfig && now.includes(distDir)) {
      try {
        const parsed = JSON.parse(now) as { include?: string[] };
        const had = new Set((JSON.parse(before.tsconfig) as { include?: string[] }).include ?? []);
        parsed.include = parsed.include?.filter((p) => had.has(p) || !p.includes(distDir)); // only entries the build added
        writeFileSync("tsconfig.json", isDeepStrictEqual(parsed, JSON.parse(before.tsconfig)) ? before.tsconfig : JSON.stringify(parsed, null, 2) + "\n");
      } catch { /* not plain JSON: leave it */ }
    }
    const env = existsSync("next-env.d.ts") ? readFileSync("next-env.d.ts", "utf8") : null;
    if (before.env !== null && env !== null && env !== before.env && env.includes(`./${distDir}/`)) writeFileSync("next-env.d.ts", before.env);
  };
}

/** `next build` into the dist dir; returns the wall time. Throws with the build's output on failure. */
export async function buildApp(): Promise<number> {
  const t = performance.now();
  const undo = undoBuildEdits();
  try {
    const { code, output } = await run(process.execPath, [NEXT_BIN, "build"], serverEnv(), 600_000);
    if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`);
  } finally {
    undo();
  }
  return performance.now() - t;
}

export function removeBuild(): void {
  rmSync(distDir, { recursive: true, force: true });
}

export const hasBuild = () => existsSync(join(distDir, "BUILD_ID"));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  base: string;
  pid: number;
  cluster: string;
  stop(): Promise<void>;
  log(): string;
}

/** Start `next start` serving `snapshotFile`; resolves once /api/healthz answers (bounded wait). */
export async function startServer(snapshotFile: string, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const empty = join("bench", "out", "no-demo");
  mkdirSync(empty, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: serverEnv({ LBPATH_SNAPSHOT: snapshotFile, LBPATH_DEMO_DIR: empty }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    const hard = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(hard);
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output.slice(-2000)}`);
    try {
      const r = await fetch(`${base}/api/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (i === 299) { await stop(); throw new Error(`next start did not answer within 30 s:\n${output.slice(-2000)}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  const name = snapshotFile.split("/").pop()!.replace(/\.json$/, "").replace(/[^A-Za-z0-9._-]/g, "-");
  return { base, pid: child.pid!, cluster: `snapshot-${name}`, stop, log: () => output };
}

/** VmRSS of a process and its descendants, in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
  const children = (p: number): number[] => {
    const out: number[] = [];
    for (const t of readdirSync(`/proc/${p}/task`)) {
      try {
        out.push(...readFileSync(`/proc/${p}/task/${t}/children`, "utf8").split(/\s+/).filter(Boolean).map(Number));
      } catch { /* task gone */ }
    }
    return out;
  };
  let total = 0;
  const seen = new Set<number>();
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    if (seen.has(p)) continue;
    seen.add(p);
    try {
      total += kb(p);
      stack.push(...children(p));
    } catch { /* exited */ }
  }
  return total / 1024;
}
