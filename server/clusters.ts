import "server-only";
import type { ClusterInfo } from "@/lib/api/topology";
import { getRegistry } from "./sources/registry";

export interface ClusterListing {
  mode: "demo" | "live";
  /** Why lbpath runs on the demo (banner text), or null. */
  demoReason: string | null;
  clusters: ClusterInfo[];
}

/** Every cluster with its title/story (demo and snapshot files) or the error that keeps it from loading. */
export async function listClusters(): Promise<ClusterListing> {
  const registry = await getRegistry();
  const clusters = await Promise.all(
    registry.sources.map(async (s): Promise<ClusterInfo> => {
      const base: ClusterInfo = { name: s.name, source: s.kind };
      if (s.kind !== "demo" && s.kind !== "snapshot") return base;
      try {
        const snap = await s.snapshot();
        return { ...base, title: snap.meta?.title, story: snap.meta?.story };
      } catch (e) {
        return { ...base, error: e instanceof Error ? e.message : String(e) };
      }
    }),
  );
  return { mode: registry.mode, demoReason: registry.reason, clusters };
}
