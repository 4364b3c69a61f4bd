"use client";
import type { Path } from "@/lib/api/topology";
import type { GraphModel } from "@/lib/graph/model";
import { PodInspector, TargetInspector, ZoneInspector } from "./inspectorDomain";
import { GraphNodeInspector, LoadBalancerInspector, TargetGroupInspector } from "./inspectorGraph";

/**
 * Everything known about the selected element. Domain elements (targets, pods, zones) are shown even when
 * the graph draws them inside a collapsed group, so a link to a single target in a big Service still works.
 */
export function Inspector({
  selKey,
  path,
  graph,
  now,
  onClose,
  onExpand,
  onCollapse,
  onPage,
}: {
  selKey: string;
  path: Path;
  graph: GraphModel | null;
  now?: string;
  onClose: () => void;
  onExpand: (key: string) => void;
  onCollapse: (key: string) => void;
  onPage?: (group: string, page: number) => void;
}) {
  const node = graph?.nodes.find((n) => n.key === selKey) ?? null;
  const target = path.targets.find((t) => t.key === selKey);
  const pod = path.pods.find((p) => p.key === selKey);
  const zoneName = selKey.startsWith("Zone:") ? selKey.slice(5) : null;
  let body: React.ReactNode;
  if (target) body = <TargetInspector t={target} path={path} now={now} />;
  else if (pod) body = <PodInspector p={pod} path={path} />;
  else if (zoneName != null) body = <ZoneInspector z={path.zones.find((z) => z.name === zoneName || z.key === selKey) ?? null} name={zoneName} observed={path.observed?.zones.find((o) => o.zone === zoneName) ?? null} />;
  else if (selKey.startsWith("LoadBalancer:")) body = <LoadBalancerInspector path={path} />;
  else if (selKey.startsWith("TargetGroup:") || selKey.startsWith("Instances:")) body = <TargetGroupInspector path={path} />;
  else if (node) body = <GraphNodeInspector node={node} path={path} onPage={onPage} />;
  else body = <p className="text-sm">Nothing called “{selKey}” is on this path. It may have gone away since the link was made.</p>;
  // An element drawn inside a group (a collapsed zone, the rest of an opened one) offers that group's action.
  const rep = node ?? (graph?.representative[selKey] ? (graph.nodes.find((n) => n.key === graph.representative[selKey]) ?? null) : null);
  const collapseKey = rep?.collapseKey ?? null;
  const expandKey = rep?.expandKey;
  return (
    <div className="space-y-3" data-testid="inspector" aria-live="polite">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Inspector</span>
        <div className="flex gap-2">
          {expandKey ? (
            <button type="button" className="rounded border border-sky-600 px-2 text-xs font-semibold text-sky-800 dark:text-sky-200" onClick={() => onExpand(expandKey)}>
              Expand
            </button>
          ) : null}
          {collapseKey ? (
            <button type="button" className="rounded border border-slate-400 px-2 text-xs" onClick={() => onCollapse(collapseKey)}>
              Collapse group
            </button>
          ) : null}
          <button type="button" className="rounded border border-slate-300 px-2 text-xs dark:border-slate-600" onClick={onClose} aria-label="Close the inspector">
            ✕ Close
          </button>
        </div>
      </div>
      {body}
    </div>
  );
}
