import { gzipSync } from "node:zlib";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology, topologyOf } from "@/server/core/buildTopology";
import { indexSnapshot, objectKey } from "@/server/core/index/snapshotIndex";
import { summarize, timeRuns, type Summary } from "./stats";

/**
 * In-process costs next to the HTTP figures, so the warm API numbers can be read honestly:
 * - floor: JSON.stringify of the same response (what any implementation must at least spend);
 * - gzip: compressing that JSON, as the server does for a browser (Accept-Encoding: gzip);
 * - uncached: the pure core without its memo (topologies are memoised per snapshot object, so warm HTTP calls
 *   measure the cached path). `indexMs` builds the per-snapshot index once; `topology` then computes the
 *   Service's topology from that index with a fresh memo key each run.
 */
export interface ComputeCosts {
  floor: Summary;
  gzip: Summary;
  indexMs: number;
  topology: Summary;
}

export async function computeCosts(snapshot: Snapshot, ref: { namespace: string; name: string }, response: unknown, n: number): Promise<ComputeCosts> {
  const floor = summarize(await timeRuns(n, () => JSON.stringify(response)));
  const text = JSON.stringify(response);
  const gzip = summarize(await timeRuns(Math.max(3, Math.ceil(n / 4)), () => gzipSync(text)));
  const fresh: Snapshot = { ...snapshot };
  const t = performance.now();
  const index = indexSnapshot(fresh);
  const indexMs = performance.now() - t;
  const svc = index.servicesByKey.get(objectKey(ref.namespace, ref.name));
  if (!svc) throw new Error(`no Service ${ref.namespace}/${ref.name}`);
  // A shallow copy of the index with a new snapshot identity misses the topology memo but reuses the lookups.
  const topology = summarize(await timeRuns(n, () => topologyOf(svc, { ...index, snapshot: { ...index.snapshot } })));
  if (!buildTopology(fresh, ref)) throw new Error("topology vanished");
  return { floor, gzip, indexMs, topology };
}
