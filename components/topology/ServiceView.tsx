"use client";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, type ReactNode } from "react";
import { Topology } from "@/lib/api/topology";
import { ApiRequestError, fetchApi } from "@/lib/query/fetchApi";
import { queryKeys, TOPOLOGY_REFETCH_MS } from "@/lib/query/keys";
import { topologyApiPath } from "@/lib/url/paths";
import type { ViewState } from "@/lib/url/viewState";
import { topologyDigest } from "@/lib/summary/digest";
import { perfMark } from "@/lib/perfMark";
import type { GraphPreview } from "@/lib/graph/preview";
import { AsOfNote, useAsOfFromUrl } from "@/components/share/AsOfNote";
import { Banner } from "@/components/ui/Banner";
import { findingsFor } from "./FindingsPanel";
import { ServiceHeader } from "./ServiceHeader";
import { TableView } from "./TableView";
import { EmptyState, LoadingState, TopologyErrorState, type ServiceName } from "./TopologyStates";
import { useViewState } from "./useViewState";
import { warmLayoutWorker } from "./graph/layoutWorker";
import { LazyGraphView, loadGraphView } from "./lazyGraphView";
import { WhatIfPanel } from "./whatIf/WhatIfPanel";
import { useWhatIfUrl } from "./whatIf/useWhatIfUrl";
import { TimelineView } from "./TimelineView";

/**
 * The service page: fetches the topology (refreshing every 5 s), keeps the last good data on screen when a
 * refresh fails (with a stale marker), and shows the selected path as a graph or as tables.
 */
export function ServiceView({ preview, aside, ...svc }: ServiceName & { preview?: GraphPreview | null; aside?: (topology: Topology, path: Topology["paths"][number] | null) => ReactNode }) {
  const [view, setViewState] = useViewState();
  const [whatIf, setWhatIf] = useWhatIfUrl();
  const setView = useCallback((f: (v: ViewState) => ViewState) => setViewState(f), [setViewState]);
  const asOf = useAsOfFromUrl();
  // Load the graph code and start the layout worker while the topology is still on its way, not after it
  // arrives (issue 6, time to graph). Once, at mount: later switches to the graph view load on demand.
  useEffect(() => {
    perfMark("lbpath:hydrated");
    if (view.view !== "graph") return;
    loadGraphView().catch(() => undefined); // LazyGraphView reports a failure when it renders
    warmLayoutWorker();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const q = useQuery({
    queryKey: queryKeys.topology(svc.cluster, svc.namespace, svc.name, svc.kind),
    queryFn: async ({ signal }) => {
      const t = await fetchApi(topologyApiPath(svc), Topology, signal);
      perfMark("lbpath:topology");
      return t;
    },
    refetchInterval: TOPOLOGY_REFETCH_MS,
    // A 404 or 400 will not change by asking again; outages might.
    retry: (count, err) => !(err instanceof ApiRequestError && err.permanent) && count < 1,
  });

  const topology = q.data;
  const path = topology ? (topology.paths.find((p) => p.id === view.path) ?? topology.paths[0] ?? null) : null;
  // Stable while the data is: a refetch that brings the same answer must not redraw a 3,000-element graph.
  // Keyed on the findings array, not the topology: structural sharing keeps it while unchanged, and every refetch
  // brings a new topology object (its `age`).
  const allFindings = topology?.findings;
  const findings = useMemo(() => (allFindings ? findingsFor(allFindings, path?.id ?? null) : []), [allFindings, path?.id]);

  if (q.isPending) return <LoadingState svc={svc} preview={preview} />;
  if (!topology) return <TopologyErrorState error={q.error} svc={svc} onRetry={() => void q.refetch()} />;

  const stale = q.isError;
  const isService = (svc.kind ?? "Service") === "Service";
  const staleReason = stale ? (q.error instanceof Error ? q.error.message : "refresh failed") : undefined;

  return (
    // In the graph view the page is exactly one screen tall: header and banners take what they need, the graph
    // the rest (75 px: the layout's top bar and padding).
    // With the what-if open the page scrolls instead: the panel needs room, and the graph keeps its own height.
    <div className={view.view === "graph" && path && !(isService && whatIf.open) ? "flex h-[calc(100vh-75px)] min-h-[560px] flex-col gap-3" : "space-y-3"} data-testid="service-view">
      <ServiceHeader
        topology={topology}
        path={path}
        stale={stale}
        staleReason={staleReason}
        fetchedAt={q.dataUpdatedAt}
        view={view}
        setView={setView}
        // What-if changes a Service's settings (docs/what-if.md); an Ingress's or Gateway's rules are not modelled yet.
        whatIf={isService ? { open: whatIf.open, toggle: () => setWhatIf({ open: !whatIf.open, changes: whatIf.open ? [] : whatIf.changes }) } : undefined}
      />
      {/* The digest hashes every target: worked out only for a link that pins a moment. */}
      <AsOfNote asOf={asOf} live={asOf ? { capturedAt: topology.age.capturedAt, digest: topologyDigest(topology) } : null} />
      {stale ? (
        <Banner tone="warning" title="Showing the last data that could be read" testId="stale-banner">
          Refreshing failed: {staleReason}. This page keeps trying every {TOPOLOGY_REFETCH_MS / 1000} s.
        </Banner>
      ) : null}
      {topology.warnings.length ? (
        <Banner tone="warning" title="Partial data: part of the picture could not be read" testId="warnings-banner">
          <ul className="list-disc space-y-1 pl-5">
            {topology.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`}>
                <span className="font-semibold">{w.source === "aws" ? "AWS" : w.source === "kubernetes" ? "Kubernetes" : "Source"}:</span> {w.message}
                {w.fix ? (
                  <>
                    {" "}
                    <span className="font-semibold">Fix:</span> {w.fix}
                  </>
                ) : null}{" "}
                <span className="font-mono text-xs opacity-75">{w.code}</span>
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {isService && whatIf.open && path ? <WhatIfPanel topology={topology} path={path} /> : null}
      {/* Ingress / Gateway pages: the listener's rules and the simulator (issue 13). */}
      {aside ? aside(topology, path) : null}
      {!path ? (
        <EmptyState topology={topology} findings={findings} picture={view.view === "graph"} />
      ) : view.view === "table" ? (
        <TableView topology={topology} path={path} findings={findings} view={view} setView={setView} />
      ) : view.view === "timeline" ? (
        <TimelineView svc={svc} path={path} now={topology.age.capturedAt} view={view} setView={setView} />
      ) : (
        <LazyGraphView topology={topology} path={path} findings={findings} view={view} setView={setView} preview={preview?.pathId === path.id ? preview : null} />
      )}
    </div>
  );
}
