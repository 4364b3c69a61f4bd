"use client";
import Link from "next/link";
import type { Path, Topology } from "@/lib/api/topology";
import { CONTROLLER, HEADER, LB_KIND, SEEN_AS } from "@/lib/vocabulary";
import { formatShare } from "@/lib/graph/format";
import type { ViewState } from "@/lib/url/viewState";
import { CopySummaryButton } from "@/components/share/CopySummaryButton";
import { Badge } from "@/components/ui/Badge";
import { DataAge } from "@/components/ui/DataAge";
import { CopyLinkButton } from "./CopyLinkButton";
import { pinnedTopologySummary } from "@/lib/summary/share";


/** The path selector's words. ALB paths of one listener differ only by their backend (and weight), so name it. */
export function pathLabel(p: Path): string {
  const head = `${LB_KIND[p.loadBalancer.kind].word} ${p.loadBalancer.name} ${p.listener ? `${p.listener.protocol}:${p.listener.port}` : "(no listener)"}`;
  if (p.backendService) return `${head} → ${p.backendService.name}:${p.servicePort.port}${p.weight != null && p.weight < 1 ? ` (${formatShare(p.weight)})` : ""}`;
  return `${head} → port ${p.servicePort.port}/${p.servicePort.protocol}`;
}

/** Title, what kind of Service this is, how the client IP fares, data age, and the share buttons. */
export function ServiceHeader({ topology, path, stale, staleReason, fetchedAt, view, setView, whatIf }: { topology: Topology; path: Path | null; stale: boolean; staleReason?: string; fetchedAt: number; view: ViewState; setView: (f: (v: ViewState) => ViewState) => void; whatIf?: { open: boolean; toggle: () => void } }) {
  const s = topology.service;
  const kind = topology.subject?.kind ?? "Service";
  const ip = path?.clientIp;
  const seen = path ? [...new Set(path.pods.map((p) => p.sourceIp.seenAs))] : [];
  const tabs = (
    <div role="tablist" aria-label="View" className="flex rounded border border-slate-300 text-sm dark:border-slate-600">
      {(["graph", "table", "timeline"] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view.view === v}
          onClick={() => setView((s) => ({ ...s, view: v }))}
          className={`px-3 py-0.5 ${view.view === v ? "bg-slate-800 font-semibold text-white dark:bg-slate-200 dark:text-slate-900" : ""}`}
        >
          {v === "graph" ? "Graph" : v === "table" ? "Table" : "Timeline"}
        </button>
      ))}
    </div>
  );
  return (
    <header className="space-y-1.5">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <div className="min-w-0 space-y-1">
          <nav aria-label="Breadcrumb" className="text-xs text-slate-600 dark:text-slate-400">
            <Link href="/" className="underline">
              Clusters
            </Link>{" "}
            / {topology.cluster} / {s.namespace}
            {path && topology.paths.length === 1 ? <span className="ml-2">· {pathLabel(path)}</span> : null}
          </nav>
          <div className="flex flex-wrap items-center gap-1.5">
            <h1 className="mr-1 break-all text-xl font-semibold">
              {kind} {s.namespace}/{s.name}
            </h1>
            {kind === "Service" ? (
              <Badge title="spec.externalTrafficPolicy">ETP {s.externalTrafficPolicy}</Badge>
            ) : path?.backendService ? (
              // An Ingress or Gateway has no externalTrafficPolicy of its own; the backend Service of the path does.
              <Badge title="The Service behind this path's target group, and its spec.externalTrafficPolicy">
                backend Service {path.backendService.namespace}/{path.backendService.name}
                {path.backendService.externalTrafficPolicy ? ` · ETP ${path.backendService.externalTrafficPolicy}` : ""}
              </Badge>
            ) : null}
            <Badge title={s.loadBalancerClass ?? `type ${s.type}`}>{CONTROLLER[s.controller].label}</Badge>
            {ip ? (
              ip.snatAt ? (
                <Badge tone="warn" icon="⇄" title={ip.summary}>
                  pods see {seen.map((x) => SEEN_AS[x].short).join(" / ") || "no client IP"} · SNAT at {ip.snatAt === "load-balancer" ? "the LB" : "kube-proxy"}
                </Badge>
              ) : (
                <Badge tone="ok" icon="◎" title={ip.summary}>
                  pods see the client IP
                </Badge>
              )
            ) : null}
            {ip?.header ? (
              <Badge tone="info" icon="✉" title="The client IP travels in this header; the application must read it.">
                client IP in {HEADER[ip.header]}
              </Badge>
            ) : null}
          </div>
        </div>
        <div className="flex flex-col items-end gap-1">
          <div className="flex flex-wrap items-center gap-2">
            {tabs}
            {whatIf && path ? (
              <button
                type="button"
                aria-expanded={whatIf.open}
                data-testid="what-if-toggle"
                onClick={whatIf.toggle}
                className={`rounded border px-2.5 py-1 text-sm ${whatIf.open ? "border-sky-600 bg-sky-50 font-semibold dark:bg-sky-950" : "border-slate-300 bg-white hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900"}`}
              >
                What if…
              </button>
            ) : null}
            <CopyLinkButton />
            <CopySummaryButton getText={() => pinnedTopologySummary(topology, window.location.href)} />
          </div>
          <DataAge capturedAt={topology.age.capturedAt} age={topology.age} fetchedAt={fetchedAt} stale={stale} staleReason={staleReason} />
        </div>
      </div>
      {topology.paths.length > 1 ? (
        <div role="group" aria-label="Load balancer path" className="flex flex-wrap gap-1" data-testid="path-selector">
          {topology.paths.map((p) => (
            <button
              key={p.id}
              type="button"
              aria-pressed={p.id === path?.id}
              onClick={() => setView((v) => ({ ...v, path: p.id, sel: null, expand: [], finding: null }))}
              className={`rounded border px-2 py-0.5 text-sm ${p.id === path?.id ? "border-sky-600 bg-sky-50 font-semibold dark:bg-sky-950" : "border-slate-300 dark:border-slate-600"}`}
            >
              {pathLabel(p)}
            </button>
          ))}
        </div>
      ) : null}
    </header>
  );
}
