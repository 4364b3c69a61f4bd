import "server-only";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { basename, delimiter, join } from "node:path";
import { KubeConfig, type Cluster, type Context, type User } from "@kubernetes/client-node";
import type { ClusterSource } from "@/server/sources/types";
import { makeAwsClients } from "./awsClients";
import { liveConfig, type LiveConfig } from "./config";
import { LiveCluster, type SnapshotReader } from "./LiveCluster";
import { LiveSourceError } from "./problems";
import { PollingReader } from "./readSnapshot";
import { SharedCacheReader } from "./sharedCache";
import { eksFromArn, eksFromExecArgs, type EksHints } from "./region";

/**
 * Find the clusters live mode shows: one per context of the kubeconfig files in $KUBECONFIG (a `:`-separated
 * list, merged like kubectl: the first file that defines a name wins) or ~/.kube/config; else, inside a Pod
 * (KUBERNETES_SERVICE_HOST set), the in-cluster service account. A broken file or context becomes a cluster
 * whose snapshot() throws an error naming cause and fix; the others are unaffected.
 */

type Env = Record<string, string | undefined>;

/**
 * Shared cache: how long one assembled snapshot is served before asking the cache again. Asking is cheap (the same
 * object while nothing changed); this only absorbs bursts, and keeps the ages it reports at most this much behind.
 */
const SHARED_SERVE_MS = 250;
/**
 * Shared cache: the Kubernetes refresh interval the API declares. The watches push changes at once and the age is
 * re-stamped every SHARED_SERVE_MS while they run; 5 s lets a watch reconnect (backoff from 0.5 s) without a stale
 * flag, and flags a broken one within 10 s (2×, perf-reliability G10).
 */
const WATCH_REFRESH_SECONDS = 5;

interface Loaded { clusters: Cluster[]; users: User[]; contexts: Context[]; broken: { path: string; error: string }[] }

export function kubeconfigPaths(env: Env): string[] {
  if (env.KUBECONFIG !== undefined) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  const home = env.HOME ?? homedir();
  const def = join(home, ".kube", "config");
  return existsSync(def) ? [def] : [];
}

export function loadKubeconfigs(paths: string[]): Loaded {
  const out: Loaded = { clusters: [], users: [], contexts: [], broken: [] };
  const add = <T extends { name: string }>(list: T[], items: T[]) => {
    for (const i of items) if (!list.some((x) => x.name === i.name)) list.push(i);
  };
  for (const path of paths) {
    if (!existsSync(path)) continue; // kubectl ignores missing files in KUBECONFIG too
    try {
      const kc = new KubeConfig();
      kc.loadFromFile(path);
      add(out.clusters, kc.clusters);
      add(out.users, kc.users);
      add(out.contexts, kc.contexts);
    } catch (e) {
      out.broken.push({ path, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return out;
}

/** The AWS-side cluster name (JOIN-2 tags) and region hints of an EKS context. */
export function eksHints(ctx: Context, cluster: Cluster | undefined, user: User | undefined, env: Env): EksHints {
  const fromArn = eksFromArn(ctx.name) ?? eksFromArn(cluster?.name) ?? eksFromArn(ctx.cluster);
  const fromExec = eksFromExecArgs(user?.exec?.args as string[] | undefined);
  return {
    clusterName: env.LBPATH_AWS_CLUSTER_NAME || fromArn?.clusterName || fromExec.clusterName,
    region: fromArn?.region ?? fromExec.region,
  };
}

function brokenContext(name: string, message: string, fix: string): LiveSourceError {
  return new LiveSourceError([{ code: "K8S_CONFIG", source: "kubernetes", message, fix, detail: name }]);
}

export function discoverLiveClusters(env: Env = process.env, config: LiveConfig = liveConfig(env)): ClusterSource[] {
  const paths = kubeconfigPaths(env);
  const loaded = loadKubeconfigs(paths);
  const sources: ClusterSource[] = [];
  // Shared cache: read() is cheap (no upstream calls), so the per-viewer cache only needs to absorb bursts.
  const shared = config.cache === "shared";
  const refreshSeconds = shared
    ? { kubernetes: WATCH_REFRESH_SECONDS, aws: config.aws.healthMs / 1000 }
    : { kubernetes: config.refreshMs / 1000, aws: config.refreshMs / 1000 };
  const common = { refreshMs: shared ? SHARED_SERVE_MS : config.refreshMs, eager: config.eager, refreshSeconds };
  const readerFor = (name: string, kc: KubeConfig, hints: EksHints): SnapshotReader => shared
    ? new SharedCacheReader({
      cluster: name, kubeconfig: kc, awsClusterName: hints.clusterName, regionHint: hints.region, env,
      timeoutMs: config.timeoutMs, pageSize: config.pageSize, makeClients: makeAwsClients, watchRefreshSeconds: WATCH_REFRESH_SECONDS,
      firstAwsWaitMs: config.firstAwsReadWaitMs, events: config.events,
      aws: { timeoutMs: config.timeoutMs, concurrency: config.awsConcurrency, ...config.aws },
      // The informers' reconnect back-off (0.5 s doubling to 30 s), capped lower when LBPATH_MAX_BACKOFF_SECONDS says so.
      ...(config.maxBackoffMs !== undefined ? { informer: { backoff: { baseMs: Math.min(500, config.maxBackoffMs), maxMs: config.maxBackoffMs } } } : {}),
    })
    : new PollingReader({
      cluster: name, kubeconfig: kc, awsClusterName: hints.clusterName, regionHint: hints.region, env,
      kubernetesTimeoutMs: config.timeoutMs, pageSize: config.pageSize,
      aws: { timeoutMs: config.timeoutMs, concurrency: config.awsConcurrency },
      history: { metricsMs: config.aws.metricsMs, metricsWindowMinutes: config.aws.metricsWindowMinutes, timeline: config.aws.timeline, events: config.events },
    }, makeAwsClients);

  for (const b of loaded.broken) {
    const name = `kubeconfig:${basename(b.path)}`;
    sources.push(new LiveCluster({ ...common, name, kind: "kubeconfig", reader: () => {
      throw brokenContext(name, `cannot read kubeconfig ${b.path}: ${b.error}`, "fix the file (kubectl config view --kubeconfig <file>) or remove it from KUBECONFIG");
    } }));
  }
  for (const ctx of loaded.contexts) {
    if (config.contexts && !config.contexts.includes(ctx.name)) continue;
    const cluster = loaded.clusters.find((c) => c.name === ctx.cluster);
    const user = loaded.users.find((u) => u.name === ctx.user);
    sources.push(new LiveCluster({ ...common, name: ctx.name, kind: "kubeconfig", reader: () => {
      if (!cluster) throw brokenContext(ctx.name, `kubeconfig context "${ctx.name}" refers to cluster "${ctx.cluster}", which no file in KUBECONFIG defines`, "add the cluster entry (e.g. aws eks update-kubeconfig --name <cluster>) or delete the context");
      if (!user && ctx.user) throw brokenContext(ctx.name, `kubeconfig context "${ctx.name}" refers to user "${ctx.user}", which no file in KUBECONFIG defines`, "add the user entry (e.g. aws eks update-kubeconfig --name <cluster>) or delete the context");
      const kc = new KubeConfig();
      kc.loadFromOptions({ clusters: [cluster], users: user ? [user] : [], contexts: [ctx], currentContext: ctx.name });
      return readerFor(ctx.name, kc, eksHints(ctx, cluster, user, env));
    } }));
  }
  if (!sources.length && paths.every((p) => !existsSync(p)) && env.KUBERNETES_SERVICE_HOST) {
    const name = env.LBPATH_CLUSTER_NAME || "in-cluster";
    sources.push(new LiveCluster({ ...common, name, kind: "in-cluster", reader: () => {
      const kc = new KubeConfig();
      kc.loadFromCluster();
      return readerFor(name, kc, { clusterName: env.LBPATH_AWS_CLUSTER_NAME || undefined });
    } }));
  }
  return sources;
}

/** The registry's entry point (server/sources/registry.ts imports it lazily in live mode). */
export async function liveClusterSources(env: Env = process.env): Promise<ClusterSource[]> {
  return discoverLiveClusters(env);
}
