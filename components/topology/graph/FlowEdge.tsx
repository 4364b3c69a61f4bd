"use client";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps } from "@xyflow/react";
import { formatShare } from "@/lib/graph/format";
import type { GraphEdge } from "@/lib/graph/model";
import { SEEN_AS } from "@/lib/vocabulary";

export type FlowEdgeData = { e: GraphEdge; hl: boolean; dim: boolean };
export type FlowEdgeType = Edge<FlowEdgeData, "flow">;

/** Mid-tones that read on both the light and the dark canvas (SVG markers need literal colours). */
export const EDGE_COLOUR = { flow: "#64748b", dropped: "#dc2626", rejected: "#dc2626", unknown: "#94a3b8", hl: "#d97706" } as const;

/** Width grows with the share of new flows: 1.5 px for nothing, 11.5 px for everything. */
export function edgeWidth(share: number | null): number {
  return share == null ? 1.5 : 1.5 + 10 * Math.max(0, Math.min(1, share));
}


/**
 * A traffic edge. Solid where the receiving hop still sees the client IP, dashed with a words label
 * ("node IP", "LB IP") where it was replaced (SRC-*), so the pattern and the words carry the meaning, not
 * the colour. The share label sits near the receiving end, where fan-outs are spread apart.
 */
export function FlowEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd }: EdgeProps<FlowEdgeType>) {
  const [path] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  if (!data) return null;
  const e = data.e;
  const colour = data.hl ? EDGE_COLOUR.hl : EDGE_COLOUR[e.kind];
  const dashed = e.seen !== "client";
  // The label sits just before the arrow, right-aligned: the curve ends horizontally, so labels of a fan-out
  // are spread by their targets' rows and never pile up at the source.
  const lx = targetX - 10;
  const ly = targetY;
  const seen = e.seen === "client" ? "" : SEEN_AS[e.seen].short;
  const share = e.share == null ? "" : `${e.kind === "flow" ? "" : e.kind === "unknown" ? "? " : "✕ "}${formatShare(e.share)}`;
  const note = dashed && e.kind === "flow" ? seen : "";
  const show = e.labelled && (share || note);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        style={{ stroke: colour, strokeWidth: edgeWidth(e.share), strokeDasharray: dashed ? "7 5" : undefined, opacity: data.dim ? 0.25 : e.share === 0 ? 0.45 : 0.85 }}
      />
      {show ? (
        <EdgeLabelRenderer>
          <div
            data-testid="edge-label"
            data-seen={e.seen}
            className={`pointer-events-none absolute rounded px-0.5 text-right text-[10px] font-semibold leading-3 shadow-sm ${dashed ? "border border-dashed border-orange-600 bg-orange-50 text-orange-900 dark:border-orange-400 dark:bg-orange-950 dark:text-orange-100" : "bg-white/90 text-slate-800 dark:bg-slate-900/90 dark:text-slate-100"} ${data.dim ? "opacity-30" : ""}`}
            style={{ transform: `translate(-100%, -50%) translate(${lx}px, ${ly}px)` }}
          >
            {share ? <div>{share}</div> : null}
            {note ? <div className="font-medium">{note}</div> : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
