"use client";
import { ReactFlowProvider } from "@xyflow/react";
import { memo, useCallback, useMemo, useState } from "react";
import type { Finding, Path, Topology } from "@/lib/api/topology";
import { setFind, setPage, toggleExpanded, type ViewState } from "@/lib/url/viewState";
import { Spinner } from "@/components/ui/Spinner";
import { GraphCanvas } from "./graph/GraphCanvas";
import { useGraphLayout } from "./graph/useGraphLayout";
import { FindingsPanel } from "./FindingsPanel";
import { Inspector } from "./Inspector";
import { Legend } from "./Legend";
import { GraphPreviewImage } from "./GraphPreviewImage";
import { FindBox } from "./graph/FindBox";
import type { GraphPreview } from "@/lib/graph/preview";

type Tab = "findings" | "inspector" | "legend";

/**
 * The graph view (loaded on demand: React Flow and the layout code are not in the initial bundle): the
 * canvas, and a side panel with the findings, the inspector of the selected element, and the legend.
 */
function GraphView({
  topology,
  path,
  findings,
  view,
  setView,
  preview,
}: {
  topology: Topology;
  path: Path;
  findings: Finding[];
  view: ViewState;
  setView: (f: (v: ViewState) => ViewState) => void;
  /** The server-drawn picture of this path, shown until the first layout is ready. */
  preview?: GraphPreview | null;
}) {
  const result = useGraphLayout(topology, path, view.expand, view.page, view.find, preview?.first);
  const [tab, setTab] = useState<Tab>(view.sel ? "inspector" : "findings");
  const graph = result?.graph ?? null;

  const highlighted = useMemo(() => {
    const out = new Set<string>();
    if (!graph) return out;
    // The picked finding's elements, else the target search's matches.
    if (view.finding) {
      for (const f of findings) if (f.code === view.finding) for (const r of f.refs) if (graph.representative[r]) out.add(graph.representative[r]);
    } else for (const k of graph.found) out.add(k);
    return out;
  }, [graph, findings, view.finding]);
  const selected = view.sel && graph ? (graph.representative[view.sel] ?? (graph.nodes.some((n) => n.key === view.sel) ? view.sel : null)) : null;

  const expand = useCallback((key: string) => setView((v) => ({ ...toggleExpanded(v, key, true), sel: v.sel === key ? null : v.sel })), [setView]);
  const collapse = useCallback((key: string) => setView((v) => toggleExpanded(v, key, false)), [setView]);
  const page = useCallback((group: string, n: number) => setView((v) => setPage(v, group, n)), [setView]);
  const search = useCallback((text: string | null) => setView((v) => setFind(v, text)), [setView]);
  const activate = useCallback(
    (key: string | null) => {
      if (key == null) return setView((v) => ({ ...v, sel: null }));
      const node = graph?.nodes.find((n) => n.key === key);
      // A group's action is to open (issue 3: "expand/collapse on click").
      if (node?.expandKey) return expand(node.expandKey);
      setTab("inspector");
      setView((v) => ({ ...v, sel: key }));
    },
    [graph, setView, expand],
  );

  const tabButton = (id: Tab, label: string) => (
    <button
      type="button"
      role="tab"
      id={`side-tab-${id}`}
      aria-selected={tab === id}
      aria-controls="side-panel"
      onClick={() => setTab(id)}
      className={`rounded-t px-3 py-1 text-sm font-medium ${tab === id ? "border border-b-0 border-slate-300 bg-white dark:border-slate-700 dark:bg-slate-950" : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
    >
      {label}
    </button>
  );

  return (
    <div className="flex min-h-[400px] flex-1 gap-3">
      <div className="relative flex min-w-0 flex-1 flex-col rounded-md border border-slate-200 dark:border-slate-800">
        {/* Above the canvas, not on it: a panel there covered the first cards. */}
        <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-800">
          <FindBox find={view.find} matches={graph?.find ? graph.findMatches : null} onFind={search} />
        </div>
        <div className="relative min-h-0 flex-1">
          {result ? (
            <ReactFlowProvider key={path.id}>
              <GraphCanvas
                result={result}
                highlighted={highlighted}
                selected={selected}
                focusKey={view.finding ?? (view.find ? `find:${view.find}` : null)}
                exportTitle={`${topology.cluster} ${topology.service.namespace}/${topology.service.name} — ${path.loadBalancer.name} :${path.listener?.port ?? path.servicePort.port}`}
                onActivate={activate}
                onExpand={expand}
                onCollapse={collapse}
                onPage={page}
              />
            </ReactFlowProvider>
          ) : preview ? (
            <GraphPreviewImage preview={preview} />
          ) : (
            <div className="flex h-full items-center justify-center">
              <Spinner showLabel label={`Laying out ${path.targets.length} targets and ${path.pods.length} pods…`} />
            </div>
          )}
        </div>
      </div>
      <aside className="flex w-[320px] shrink-0 flex-col" aria-label="Findings, inspector and legend">
        <div role="tablist" aria-label="Side panel" className="flex gap-1 border-b border-slate-300 dark:border-slate-700">
          {tabButton("findings", `Findings (${findings.length})`)}
          {tabButton("inspector", "Inspector")}
          {tabButton("legend", "Legend")}
        </div>
        <div id="side-panel" role="tabpanel" aria-labelledby={`side-tab-${tab}`} className="min-h-0 flex-1 overflow-y-auto p-2">
          {tab === "findings" ? <FindingsPanel findings={findings} active={view.finding} onPick={(code) => setView((v) => ({ ...v, finding: code }))} /> : null}
          {tab === "inspector" ? (
            view.sel ? (
              <Inspector selKey={view.sel} path={path} graph={graph} now={topology.age.capturedAt} onClose={() => setView((v) => ({ ...v, sel: null }))} onExpand={expand} onCollapse={collapse} onPage={page} />
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-300">Select an element in the graph (click, or Tab to it and press Enter) to see everything known about it.</p>
            )
          ) : null}
          {tab === "legend" ? <Legend /> : null}
        </div>
      </aside>
    </div>
  );
}

// Memoised: the page re-renders on every refetch and every second (data age); the graph only when its inputs change.
export default memo(GraphView);
