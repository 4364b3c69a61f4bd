import type { ClusterSource } from "@/server/sources/types";

export interface ClusterReadiness {
  name: string;
  kind: ClusterSource["kind"];
  ready: boolean;
}

export interface ReadinessReport {
  ready: boolean;
  clusters: ClusterReadiness[];
  /** Names of the clusters whose caches have not synced yet. */
  notReady: string[];
}

/**
 * Ready only when every configured cluster source says so (issue 5: "a readiness endpoint that stays
 * false until the caches have synced"). Sources without ready() (demo, snapshot files) are ready at once;
 * a ready() that throws counts as not ready. No cluster at all is not ready: there is nothing to show.
 */
export function readiness(sources: readonly ClusterSource[]): ReadinessReport {
  const clusters = sources.map((s): ClusterReadiness => {
    let ready = true;
    if (s.ready) {
      try {
        ready = s.ready() === true;
      } catch {
        ready = false;
      }
    }
    return { name: s.name, kind: s.kind, ready };
  });
  const notReady = clusters.filter((c) => !c.ready).map((c) => c.name);
  return { ready: clusters.length > 0 && notReady.length === 0, clusters, notReady };
}
