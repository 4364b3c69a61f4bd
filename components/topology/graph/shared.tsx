"use client";
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { createContext, useContext, type ReactNode } from "react";
import type { GraphNode } from "@/lib/graph/model";
import type { Verdict } from "@/lib/api/topology";
import { HEADER_SYMBOL, VERDICT, VERDICTS, verdictCounts } from "@/lib/vocabulary";

export type CardData = { g: GraphNode; hl: boolean; dim: boolean; sel: boolean };
export type CardNodeType = Node<CardData>;
export type CardProps = NodeProps<CardNodeType>;

/** Graph-wide actions the cards can trigger (expand a group from its "+N" button, page through an opened zone). */
export const GraphActions = createContext<{ expand: (key: string) => void; collapse: (key: string) => void; page: (group: string, page: number) => void }>({
  expand: () => {},
  collapse: () => {},
  page: () => {},
});
export const useGraphActions = () => useContext(GraphActions);

/** Edges attach to invisible handles at the middle of each side: packets enter left, leave right. */
export function Handles() {
  return (
    <>
      <Handle type="target" position={Position.Left} isConnectable={false} className="!pointer-events-none !h-1 !min-h-0 !w-1 !min-w-0 !border-0 !bg-transparent" />
      <Handle type="source" position={Position.Right} isConnectable={false} className="!pointer-events-none !h-1 !min-h-0 !w-1 !min-w-0 !border-0 !bg-transparent" />
    </>
  );
}

/** The frame every card shares: selection ring, finding highlight, dimming when a finding is focused. */
export function Card({ data, className = "", children, testId }: { data: CardData; className?: string; children: ReactNode; testId?: string }) {
  const ring = data.sel ? "ring-2 ring-sky-600 ring-offset-2 ring-offset-white dark:ring-sky-400 dark:ring-offset-slate-950" : data.hl ? "ring-4 ring-amber-400 dark:ring-amber-300" : "";
  return (
    <div
      data-testid={testId ?? `card-${data.g.data.kind}`}
      data-highlighted={data.hl || undefined}
      className={`h-full w-full overflow-hidden rounded-md bg-white px-2 py-1 text-[12px] leading-[14px] text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100 ${ring} ${data.dim ? "opacity-35" : ""} ${className}`}
    >
      <Handles />
      {children}
    </div>
  );
}

export function Title({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div className="truncate font-semibold" title={title}>
      {children}
    </div>
  );
}

/** A title that may wrap onto two lines (long AWS names in narrow cards), breaking anywhere. */
export function WrapTitle({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <div className="line-clamp-2 break-all font-semibold" title={title}>
      {children}
    </div>
  );
}

export function Line({ children, className = "", title }: { children: ReactNode; className?: string; title?: string }) {
  return (
    <div className={`truncate text-slate-600 dark:text-slate-300 ${className}`} title={title}>
      {children}
    </div>
  );
}

/** The SNAT marker: what the next hop sees instead of the client (always words, never colour alone). */
export function SnatMarker({ children }: { children: ReactNode }) {
  return (
    <div data-testid="snat-marker" className="mt-0.5 rounded border border-orange-600 bg-orange-50 px-1 font-semibold text-orange-900 dark:border-orange-400 dark:bg-orange-950 dark:text-orange-100">
      <span aria-hidden="true">⇄ </span>
      {children}
    </div>
  );
}

export function HeaderBadge({ children }: { children: ReactNode }) {
  return (
    <div data-testid="header-badge" className="mt-0.5 rounded border border-violet-600 bg-violet-50 px-1 font-semibold text-violet-900 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100">
      <span aria-hidden="true">{HEADER_SYMBOL} </span>
      {children}
    </div>
  );
}

const COUNT_CLASS: Record<Verdict, string> = { fault: "font-bold text-red-700 dark:text-red-300", unknown: "", transient: "text-amber-800 dark:text-amber-300", expected: "", healthy: "" };

/** Compact target counts by verdict ("2✕ 3✓"), worst first, zeros left out (the title lists them all). */
export function VerdictCounts({ counts }: { counts: Record<"healthy" | "expected" | "transient" | "fault" | "unknown", number> }) {
  const all = verdictCounts(counts, { symbols: false, zeros: true, sep: ", " });
  const shown = VERDICTS.filter((k) => counts[k] > 0).map((k) => [k, VERDICT[k].symbol, COUNT_CLASS[k]] as const);
  return (
    <div className="truncate text-[11px] text-slate-600 dark:text-slate-300" title={all}>
      {shown.length === 0 ? "no targets" : null}
      {shown.map(([k, mark, cls], i) => (
        <span key={k} className={cls}>
          {i ? " " : ""}
          {counts[k]}
          {mark}
        </span>
      ))}
    </div>
  );
}
