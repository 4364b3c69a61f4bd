"use client";
import type { TimelineMark, TimelineRow } from "@/lib/api/timeline";
import { clockUtc } from "@/lib/graph/sinceText";
import { MARK, changes, styleOf } from "@/lib/graph/timelineLayout";

const th = "border-b border-slate-300 px-2 py-1 text-left text-xs font-semibold text-slate-600 dark:border-slate-700 dark:text-slate-300";
const td = "border-b border-slate-100 px-2 py-1 align-top text-xs dark:border-slate-800";

/**
 * The window's changes as text, newest first: every health transition and every Kubernetes change on these
 * targets. For screen readers, keyboard users and copying into a ticket (the chart says the same in pictures).
 */
export function TimelineChanges({ rows, events, start, end }: { rows: TimelineRow[]; events: TimelineMark[]; start: string; end: string }) {
  const items = [
    ...changes(rows, start).map((c) => ({ at: c.at, what: `${c.from ? `${styleOf(c.from.state).words} → ` : ""}${styleOf(c.to.state).words}${c.to.reason ? ` (${c.to.reason})` : ""}`, who: c.row.pod ?? c.row.node ?? c.row.id, kind: "target" })),
    ...events.map((e) => ({ at: e.at, what: `${MARK[e.kind]?.symbol ?? "•"} ${MARK[e.kind]?.words ?? e.kind}${e.detail ? ` (${e.detail})` : ""}`, who: e.pod ?? e.node ?? e.ip ?? "", kind: "kubernetes" })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <details open={items.length > 0 && items.length <= 30} className="text-sm">
      <summary className="cursor-pointer font-semibold">Changes in this window ({items.length})</summary>
      {items.length ? (
        <div className="mt-1 max-h-80 overflow-auto">
          <table className="w-full border-collapse" data-testid="timeline-changes">
            <thead><tr>{["Time", "Source", "Target / object", "Change"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
            <tbody>
              {items.map((i, n) => (
                <tr key={`${i.at}-${n}`} data-kind={i.kind}>
                  <td className={`${td} whitespace-nowrap font-mono`}>{clockUtc(i.at, end)}</td>
                  <td className={td}>{i.kind === "target" ? "load balancer" : "Kubernetes"}</td>
                  <td className={`${td} break-all font-mono`}>{i.who}</td>
                  <td className={td}>{i.what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Nothing changed between {clockUtc(start, end)} and {clockUtc(end)}.</p>}
    </details>
  );
}
