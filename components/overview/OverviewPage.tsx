"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { overviewView, type OverviewRow } from "@/lib/summary/overviewRows";
import { parseOverviewQuery, serialiseOverviewQuery, DEFAULT_DIR, type OverviewSort } from "@/lib/summary/overviewQuery";
import { ClusterStatusList, type ClusterStatus } from "./ClusterStatusList";
import { DemoBanner } from "./DemoBanner";
import { OverviewFilters } from "./OverviewFilters";
import { OverviewHeadline } from "./OverviewHeadline";
import { Pager } from "./Pager";
import { clustersQuery, explainError, servicesQuery, triageQuery } from "./queries";
import { ServiceTable } from "./ServiceTable";
import { UrgentTargets } from "./UrgentTargets";
import { useUrlState } from "./useUrlState";
import { staleHalves } from "@/lib/api/dataAge";

/** `/`: every cluster's LoadBalancer Services in one table; the URL holds search, filters, sort and page. */
export function OverviewPage() {
  const [query, setQuery] = useUrlState(parseOverviewQuery, serialiseOverviewQuery);
  const clusters = useQuery(clustersQuery());
  const infos = useMemo(() => clusters.data?.clusters ?? [], [clusters.data]);
  const readable = infos.filter((c) => !c.error);
  // Every cluster loads in parallel; each one's progress and error are shown on its own.
  const results = useQueries({ queries: readable.map((c) => servicesQuery(c.name)) });
  const version = results.map((r) => r.dataUpdatedAt).join();
  // Triage too, so the first screen names the targets that need a human (same cache as /triage).
  const triages = useQueries({ queries: readable.filter((c) => !query.cluster || c.name === query.cluster).map((c) => triageQuery(c.name)) });

  const rows = useMemo<OverviewRow[]>(
    () => results.flatMap((r) => (r.data ? r.data.services.map((svc) => ({ cluster: r.data.cluster, capturedAt: r.data.age.capturedAt, stale: staleHalves(r.data.age), svc })) : [])),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `results` is a new array each render; `version` changes when any data does
    [version],
  );
  const view = useMemo(() => overviewView(rows, query), [rows, query]);
  const namespaces = useMemo(() => [...new Set(rows.map((r) => r.svc.namespace))].sort(), [rows]);

  const statuses: ClusterStatus[] = infos.map((c) => {
    if (c.error) return { name: c.name, state: "error", error: { code: "CLUSTER_UNREADABLE", message: c.error } };
    const r = results[readable.indexOf(c)];
    if (!r || r.isPending) return { name: c.name, state: "loading" };
    if (r.isError && !r.data) return { name: c.name, state: "error", error: explainError(r.error) };
    return {
      name: c.name,
      state: "ok",
      capturedAt: r.data?.age.capturedAt,
      partial: r.data?.warnings.map((w) => w.code),
      href: `/${serialiseOverviewQuery({ ...query, cluster: c.name, page: 1 })}`,
    };
  });

  const onSort = useCallback(
    (col: OverviewSort) => setQuery({ sort: col, dir: query.sort === col ? (query.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[col] }),
    [query.sort, query.dir, setQuery],
  );

  return (
    <div>
      <h1 className="mb-2 text-xl font-semibold">Load balancers and their targets</h1>
      <DemoBanner clusters={infos} />
      {clusters.isError ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          Could not list clusters: {explainError(clusters.error).message} {explainError(clusters.error).fix ?? ""}
        </p>
      ) : null}
      <ClusterStatusList statuses={statuses} label="Clusters" listPending={clusters.isPending} />
      <UrgentTargets results={triages} cluster={query.cluster} namespace={query.ns} />
      <OverviewHeadline rows={rows} active={query.verdict} onVerdict={(v) => setQuery({ verdict: v })} />
      <OverviewFilters query={query} clusters={infos.map((c) => c.name)} namespaces={namespaces} onChange={setQuery} />
      {view.total === 0 && rows.length > 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No Service matches these filters.</p>
      ) : (
        <ServiceTable rows={view.items} sort={query.sort} dir={query.dir} onSort={onSort} showCluster={infos.length > 1} />
      )}
      <Pager page={view.page} pages={view.pages} total={view.matched} noun={`of ${rows.length} Services match`} onPage={(p) => setQuery({ page: p })} />
    </div>
  );
}
