/**
 * TanStack Query key factory: one place that names every cached API read, so pages can share and
 * invalidate them (`queryClient.invalidateQueries({ queryKey: queryKeys.cluster("prod") })` refreshes all of
 * a cluster's reads). Keys are hierarchical arrays, most general first.
 */
export const queryKeys = {
  all: ["lbpath"] as const,
  clusters: () => [...queryKeys.all, "clusters"] as const,
  cluster: (cluster: string) => [...queryKeys.all, "cluster", cluster] as const,
  services: (cluster: string) => [...queryKeys.cluster(cluster), "services"] as const,
  triage: (cluster: string) => [...queryKeys.cluster(cluster), "triage"] as const,
  topology: (cluster: string, namespace: string, name: string, kind: "Service" | "Ingress" | "Gateway" = "Service") =>
    kind === "Service" ? ([...queryKeys.cluster(cluster), "topology", namespace, name] as const) : ([...queryKeys.cluster(cluster), "topology", kind, namespace, name] as const),
  whatIf: (cluster: string, namespace: string, name: string, changes: readonly string[]) => [...queryKeys.topology(cluster, namespace, name), "what-if", ...changes] as const,
  // The kind is part of the key: an Ingress and its backend Service often share a namespace and a name.
  timeline: (cluster: string, namespace: string, name: string, window: string, end: string | null, kind: "Service" | "Ingress" | "Gateway" = "Service") =>
    [...queryKeys.cluster(cluster), "timeline", kind, namespace, name, window, end ?? "now"] as const,
};

/** How often the service page refetches its topology (issue 3: "refreshes by itself"). */
export const TOPOLOGY_REFETCH_MS = 5_000;
