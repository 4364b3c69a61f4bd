import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { ClusterInfo, ServiceList, Triage } from "@/lib/api/topology";
import { fetchApi, ApiRequestError } from "@/lib/query/fetchApi";
import { queryKeys } from "@/lib/query/keys";

/** Reads for the overview and triage pages. Keys come from the shared factory, so other pages reuse the cache. */

const ClusterListing = z.object({ clusters: z.array(ClusterInfo) });

/** The lists refresh by themselves; an incident page must not show minutes-old health. */
export const LIST_REFETCH_MS = 15_000;

const seg = encodeURIComponent;

/** Retry a failed read once unless the answer is permanent (unknown cluster, bad name). */
function retry(count: number, err: Error): boolean {
  return !(err instanceof ApiRequestError && err.permanent) && count < 1;
}

export const clustersQuery = () =>
  queryOptions({
    queryKey: queryKeys.clusters(),
    queryFn: ({ signal }) => fetchApi("/api/v1/clusters", ClusterListing, signal),
    staleTime: 60_000,
    retry,
  });

export const servicesQuery = (cluster: string) =>
  queryOptions({
    queryKey: queryKeys.services(cluster),
    queryFn: ({ signal }) => fetchApi(`/api/v1/clusters/${seg(cluster)}/services`, ServiceList, signal),
    refetchInterval: LIST_REFETCH_MS,
    retry,
  });

export const triageQuery = (cluster: string) =>
  queryOptions({
    queryKey: queryKeys.triage(cluster),
    queryFn: ({ signal }) => fetchApi(`/api/v1/clusters/${seg(cluster)}/triage`, Triage, signal),
    refetchInterval: LIST_REFETCH_MS,
    retry,
  });

/** What an error row says: the cause and the fix (ApiRequestError carries both). */
export function explainError(err: unknown): { code: string; message: string; fix?: string } {
  if (err instanceof ApiRequestError) return { code: err.code, message: err.message, fix: err.fix };
  return { code: "ERROR", message: err instanceof Error ? err.message : String(err) };
}
