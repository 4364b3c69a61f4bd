import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { ClusterSource } from "@/server/sources/types";
import { startEmulator, type Emulator } from "@/tests/fixtures/emulator";
import { kubeconfigYaml } from "@/tests/fixtures/emulator/kubeconfig";

/**
 * The live API end to end inside vitest: an emulator, kubeconfig files, the environment `next start` would get
 * (LBPATH_MODE=live, AWS_ENDPOINT_URL → emulator, dummy credentials from vitest.config.ts), the real registry
 * and the real route handlers, called with a bearer token (LBPATH_AUTH=token). Nothing is stubbed: the registry
 * builds the shared cache, whose informers and AWS loops talk to the emulator over HTTP.
 *
 * The registry is a per-process singleton on globalThis; start() replaces it and close() closes its sources,
 * so each test gets a cold start (vitest runs each test file in its own process).
 */

export const TOKEN = "live-api-test-token-0123456789";
export const CONTEXT = "live";
export const BROKEN = "broken";

export interface ApiAnswer<T = Record<string, unknown>> { status: number; body: T }

export interface LiveApi {
  emulator: Emulator;
  get<T = Record<string, unknown>>(path: string): Promise<ApiAnswer<T>>;
  sources(): Promise<ClusterSource[]>;
  close(): Promise<void>;
}

type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

const G = globalThis as unknown as { __lbpathRegistry?: Promise<{ sources: ClusterSource[] }> };

/** Fast schedules so a test sees several refreshes in a few seconds. */
export const FAST_ENV: Record<string, string> = {
  // Not faster: answers are served from a 250 ms cache, and a loaded machine slows the runs; 2× 1 s leaves room.
  LBPATH_HEALTH_SECONDS: "1",
  LBPATH_AWS_STRUCTURE_SECONDS: "1",
  LBPATH_TAGS_SECONDS: "2",
  // CloudWatch (issue 12) on a schedule like the others', so its faults clear as quickly.
  LBPATH_METRICS_SECONDS: "2",
  // Short enough for the hang tests, long enough for a loaded 2-core machine.
  LBPATH_TIMEOUT_SECONDS: "2",
  LBPATH_AWS_CALLS_PER_SECOND: "200",
};

export async function startLiveApi(snapshot: Snapshot, opts: { env?: Record<string, string>; broken?: boolean; beforeStart?: (e: Emulator) => void } = {}): Promise<LiveApi> {
  const emulator = await startEmulator({ snapshot });
  opts.beforeStart?.(emulator);
  const dir = mkdtempSync(join(tmpdir(), "lbpath-live-api-"));
  const kubeconfigs = [join(dir, "emulator.yaml")];
  writeFileSync(kubeconfigs[0], kubeconfigYaml(emulator.url, CONTEXT));
  if (opts.broken) {
    // A context naming a cluster and user that no file defines: K8S_CONFIG for that cluster only.
    kubeconfigs.push(join(dir, "broken.yaml"));
    writeFileSync(kubeconfigs[1], ["apiVersion: v1", "kind: Config", "clusters: []", "users: []",
      "contexts:", `- name: ${BROKEN}`, "  context: {cluster: gone, user: gone}", `current-context: ${BROKEN}`, ""].join("\n"));
  }
  writeFileSync(join(dir, "token"), TOKEN);
  const env: Record<string, string> = {
    LBPATH_MODE: "live",
    KUBECONFIG: kubeconfigs.join(":"),
    AWS_ENDPOINT_URL: emulator.url,
    LBPATH_AWS_CLUSTER_NAME: snapshot.cluster.awsClusterName ?? "",
    LBPATH_AUTH: "token",
    LBPATH_TOKEN_FILE: join(dir, "token"),
    ...FAST_ENV,
    ...opts.env,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  G.__lbpathRegistry = undefined;

  const clusters = (await import("@/app/api/v1/clusters/route")).GET as Handler;
  const services = (await import("@/app/api/v1/clusters/[cluster]/services/route")).GET as Handler;
  const triage = (await import("@/app/api/v1/clusters/[cluster]/triage/route")).GET as Handler;
  const topology = (await import("@/app/api/v1/clusters/[cluster]/namespaces/[namespace]/services/[name]/topology/route")).GET as Handler;
  const readyz = (await import("@/app/api/readyz/route")).GET as Handler;
  const whatIf = (await import("@/app/api/v1/clusters/[cluster]/namespaces/[namespace]/services/[name]/what-if/route")).GET as Handler;
  const { listClusterSources } = await import("@/server/sources/registry");

  const route = (path: string): [Handler, Record<string, string>] => {
    const seg = path.split("?")[0].split("/").filter(Boolean).map(decodeURIComponent);
    if (path === "/api/readyz") return [readyz, {}];
    if (seg.length === 3) return [clusters, {}];
    if (seg.length === 5 && seg[4] === "services") return [services, { cluster: seg[3] }];
    if (seg.length === 5 && seg[4] === "triage") return [triage, { cluster: seg[3] }];
    if (seg.length === 9 && seg[8] === "topology") return [topology, { cluster: seg[3], namespace: seg[5], name: seg[7] }];
    if (seg.length === 9 && seg[8] === "what-if") return [whatIf, { cluster: seg[3], namespace: seg[5], name: seg[7] }];
    throw new Error(`no route for ${path}`);
  };

  return {
    emulator,
    async get(path) {
      const [handler, params] = route(path);
      const res = await handler(new Request(`http://127.0.0.1${path}`, { headers: { authorization: `Bearer ${TOKEN}` } }), { params: Promise.resolve(params) });
      return { status: res.status, body: await res.json() };
    },
    sources: () => listClusterSources(),
    async close() {
      const registry = G.__lbpathRegistry;
      G.__lbpathRegistry = undefined;
      if (registry) await Promise.all((await registry).sources.map((s) => s.close?.()));
      await emulator.close();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const topologyPath = (namespace: string, name: string, cluster = CONTEXT) =>
  `/api/v1/clusters/${encodeURIComponent(cluster)}/namespaces/${namespace}/services/${name}/topology`;

export { until } from "./until";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
