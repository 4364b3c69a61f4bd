import "server-only";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { basename, delimiter, join } from "node:path";
import { z } from "zod";
import { FileCluster } from "./snapshotFile";
import type { ClusterSource } from "./types";

/**
 * The only place that reads the environment to choose sources (checked once with zod):
 * - LBPATH_MODE=demo|live|auto (default auto: live when a kubeconfig or in-cluster service account is found,
 *   else the built-in demo);
 * - LBPATH_SNAPSHOT=file.json[,file2.json]: serve saved snapshots as clusters (in any mode).
 */
const Env = z.object({
  LBPATH_MODE: z.enum(["demo", "live", "auto"]).default("auto"),
  LBPATH_SNAPSHOT: z.string().optional(),
  LBPATH_DEMO_DIR: z.string().optional(),
  KUBECONFIG: z.string().optional(),
  KUBERNETES_SERVICE_HOST: z.string().optional(),
});

export interface Registry {
  mode: "demo" | "live";
  /** Why demo mode was chosen, for the banner. */
  reason: string | null;
  sources: ClusterSource[];
}

const DEMO_DIR = join(process.cwd(), "server", "sources", "demo", "scenarios");

function kubeconfigFound(env: z.infer<typeof Env>): boolean {
  if (env.KUBERNETES_SERVICE_HOST) return true;
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(homedir(), ".kube", "config")];
  return files.some((f) => existsSync(f));
}

function demoSources(dir: string): ClusterSource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => new FileCluster(`demo-${basename(f, ".json")}`, "demo", join(dir, f)));
}

function snapshotSources(list: string): ClusterSource[] {
  return list
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new FileCluster(`snapshot-${basename(p, ".json").replace(/[^A-Za-z0-9._-]/g, "-")}`, "snapshot", p));
}

async function build(): Promise<Registry> {
  const parsed = Env.safeParse(process.env);
  const env = parsed.success ? parsed.data : Env.parse({});
  const snapshots = env.LBPATH_SNAPSHOT ? snapshotSources(env.LBPATH_SNAPSHOT) : [];
  const wantLive = env.LBPATH_MODE === "live" || (env.LBPATH_MODE === "auto" && kubeconfigFound(env));
  if (wantLive) {
    // Imported lazily so demo mode never loads the Kubernetes and AWS clients.
    const { liveClusterSources } = await import("./live/clusters");
    return { mode: "live", reason: null, sources: [...(await liveClusterSources()), ...snapshots] };
  }
  if (snapshots.length > 0 && env.LBPATH_MODE === "auto") return { mode: "live", reason: null, sources: snapshots };
  const reason = env.LBPATH_MODE === "demo" ? "LBPATH_MODE=demo" : "no kubeconfig found";
  return { mode: "demo", reason, sources: [...demoSources(env.LBPATH_DEMO_DIR ?? DEMO_DIR), ...snapshots] };
}

// One registry per server process (shared by every request and viewer), kept across dev hot reloads.
const g = globalThis as unknown as { __lbpathRegistry?: Promise<Registry> };

export function getRegistry(): Promise<Registry> {
  g.__lbpathRegistry ??= build();
  return g.__lbpathRegistry;
}

export async function listClusterSources(): Promise<ClusterSource[]> {
  return (await getRegistry()).sources;
}

export async function getClusterSource(name: string): Promise<ClusterSource | undefined> {
  return (await listClusterSources()).find((s) => s.name === name);
}
