import type { Snapshot } from "@/server/core/model/snapshot";

export type ClusterSourceKind = "kubeconfig" | "in-cluster" | "demo" | "snapshot";

/** How often a live source refreshes each half, in seconds (the API's `age.refreshSeconds`). */
export interface RefreshSeconds {
  kubernetes: number;
  aws: number;
}

/**
 * One cluster the dashboard can show. Demo scenarios, snapshot files and live clusters all implement it,
 * so the analysis never knows where its data came from.
 */
export interface ClusterSource {
  readonly name: string;
  readonly kind: ClusterSourceKind;
  readonly title?: string;
  readonly story?: string;
  /**
   * The current snapshot. Live sources answer from their cache and may return a snapshot with `problems`
   * (partial data); they throw only when nothing at all can be shown (then the error names cause and fix).
   * Return the same object while the data has not changed, so per-snapshot indexes are reused.
   */
  snapshot(): Promise<Snapshot>;
  /** True once the first full read has completed (readiness). */
  ready?(): boolean;
  /** Stop background work (informers, refresh loops). */
  close?(): Promise<void>;
  /** Live sources: the refresh interval of each half; data older than twice it is stale. Absent: never refreshed. */
  readonly refreshSeconds?: RefreshSeconds;
}
