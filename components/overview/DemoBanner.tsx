import type { ClusterInfo } from "@/lib/api/topology";

/** Shown when any cluster comes from the built-in demo, so nobody mistakes scenarios for their cluster. */
export function DemoBanner({ clusters }: { clusters: readonly ClusterInfo[] }) {
  if (!clusters.some((c) => c.source === "demo")) return null;
  return (
    <p role="status" className="mb-3 rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100">
      <strong>Demo mode:</strong> no kubeconfig found — showing built-in scenarios; see README to connect a cluster.
    </p>
  );
}
