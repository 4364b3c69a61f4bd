import { destroyAwsClients } from "./awsClients";
import type { AwsCache } from "./awsCache";

/** One cache per region for the whole process, counted by the clusters that use it. */
// On globalThis: Next may load this module more than once (route bundles, instrumentation), and a region must
// still have one set of loops per process.
const CACHES = Symbol.for("lbpath.awsCaches");
const g = globalThis as unknown as Record<symbol, Map<string, { cache: AwsCache; refs: number }> | undefined>;
const caches = (g[CACHES] ??= new Map());

export function acquireAwsCache(region: string | undefined, make: () => AwsCache): AwsCache {
  const key = region ?? "";
  const entry = caches.get(key) ?? { cache: make(), refs: 0 };
  entry.refs++;
  caches.set(key, entry);
  return entry.cache;
}

export function releaseAwsCache(cache: AwsCache): void {
  for (const [key, entry] of caches) {
    if (entry.cache !== cache) continue;
    if (--entry.refs <= 0) {
      entry.cache.stop();
      destroyAwsClients(entry.cache.clients);
      caches.delete(key);
    }
  }
}
