"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type KeyboardEvent } from "react";
import { ServiceTimeline, type TimelineMark, type TimelineRow } from "@/lib/api/timeline";
import type { Path } from "@/lib/api/topology";
import { fetchApi } from "@/lib/query/fetchApi";
import { queryKeys } from "@/lib/query/keys";
import { timelineApiPath, type ServiceRef } from "@/lib/url/paths";
import type { ViewState } from "@/lib/url/viewState";
import { clockUtc, formatDuration, sinceText } from "@/lib/graph/sinceText";
import { MARK, ZOOMS, at, pan, place, sortRows, styleOf, ticks, zoomIn, zoomOut } from "@/lib/graph/timelineLayout";
import { Banner } from "@/components/ui/Banner";
import { Spinner } from "@/components/ui/Spinner";
import { TimelineChanges } from "./TimelineChanges";

const PAGE = 150;
const btn = "rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-600 disabled:opacity-40";

/**
 * The timeline tab (issue 12): the path's targets as rows of health spans over a window, the pod, endpoint and node
 * changes that concern them as marks, zoomable (window and end in the URL: `tw`, `tend`) by buttons or keys
 * (+ − ← → Home on the chart). Reads GET …/timeline, not the topology, so the graph's first paint stays small.
 */
export function TimelineView({ svc, path, now, view, setView }: { svc: ServiceRef; path: Path; now: string; view: ViewState; setView: (f: (v: ViewState) => ViewState) => void }) {
  const [all, setAll] = useState(false);
  const q = useQuery({
    queryKey: queryKeys.timeline(svc.cluster, svc.namespace, svc.name, view.tw, view.tend, svc.kind),
    queryFn: ({ signal }) => fetchApi(timelineApiPath(svc, { window: view.tw, end: view.tend }), ServiceTimeline, signal),
    refetchInterval: view.tend ? false : 15_000,
    placeholderData: keepPreviousData,
  });
  const zoomTo = (tw: string) => setView((v) => ({ ...v, tw }));
  const move = (dir: -1 | 1) => setView((v) => ({ ...v, tend: pan(v.tend, v.tw, now, dir, q.data?.coverage?.start) }));
  const onKey = (e: KeyboardEvent) => {
    const act: Record<string, () => void> = { "+": () => zoomTo(zoomIn(view.tw)), "=": () => zoomTo(zoomIn(view.tw)), "-": () => zoomTo(zoomOut(view.tw)), ArrowLeft: () => move(-1), ArrowRight: () => move(1), Home: () => setView((v) => ({ ...v, tend: null })) };
    if (act[e.key]) { e.preventDefault(); act[e.key](); }
  };

  if (q.isPending) return <div className="py-8"><Spinner showLabel label="Reading the timeline…" /></div>;
  if (!q.data) return <Banner tone="warning" title="The timeline could not be read">{q.error instanceof Error ? q.error.message : "unknown error"}</Banner>;
  const tl = q.data;
  const { start, end } = tl.window;
  const rows = sortRows(tl.rows.filter((r) => r.pathId === path.id));
  const shown = all ? rows : rows.slice(0, PAGE);
  const marksOf = (r: TimelineRow) => tl.events.filter((e) => e.rows.includes(r.key));

  return (
    <section className="space-y-3" data-testid="timeline-view" aria-label="Target health over time">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="mr-2 text-base font-semibold">Target health over time</h2>
        <div role="group" aria-label="Window" className="flex gap-1">
          {ZOOMS.map((z) => (
            <button key={z} type="button" aria-pressed={view.tw === z} onClick={() => zoomTo(z)} className={`${btn} ${view.tw === z ? "border-sky-600 bg-sky-50 font-semibold dark:bg-sky-950" : ""}`}>{z}</button>
          ))}
        </div>
        <button type="button" className={btn} onClick={() => zoomTo(zoomIn(view.tw))} aria-label="Zoom in">+ zoom in</button>
        <button type="button" className={btn} onClick={() => zoomTo(zoomOut(view.tw))} aria-label="Zoom out">− zoom out</button>
        <button type="button" className={btn} onClick={() => move(-1)} aria-label="Earlier">◀ earlier</button>
        <button type="button" className={btn} onClick={() => move(1)} disabled={!view.tend} aria-label="Later">later ▶</button>
        <button type="button" className={btn} onClick={() => setView((v) => ({ ...v, tend: null }))} disabled={!view.tend}>now</button>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="timeline-window">
          {clockUtc(start, end)} – {clockUtc(end)} ({formatDuration(Date.parse(end) - Date.parse(start))}){q.isFetching ? " · updating…" : ""}
        </span>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="timeline-coverage">
        {tl.coverage
          ? `lbpath has recorded target health and Kubernetes changes since ${clockUtc(tl.coverage.start, end)}; earlier is not known (hatched). Spans start when lbpath saw the change (within one health read).`
          : "This source records no history (a snapshot without a timeline): only the current state is known."}
      </p>
      <div tabIndex={0} onKeyDown={onKey} aria-label="Timeline chart. Plus and minus zoom, left and right arrows move the window, Home returns to now." data-testid="timeline-chart" className="rounded border border-slate-200 p-2 focus:outline focus:outline-2 focus:outline-sky-600 dark:border-slate-800">
        <div className="relative ml-[16rem] h-5 text-[10px] text-slate-500" aria-hidden="true">
          {ticks(start, end).map((t) => <span key={t} className="absolute -translate-x-1/2" style={{ left: `${at(t, start, end)}%` }}>{clockUtc(t).slice(0, 5)}</span>)}
        </div>
        <ul className="space-y-1" aria-label={`${rows.length} targets`}>
          {shown.map((r) => <Row key={r.key} r={r} start={start} end={end} now={now} marks={marksOf(r)} onShow={() => setView((v) => ({ ...v, view: "graph", sel: r.target }))} />)}
        </ul>
        {rows.length > shown.length ? <button type="button" className={`${btn} mt-2`} onClick={() => setAll(true)}>Show all {rows.length} targets (showing {shown.length})</button> : null}
        {!rows.length ? <p className="text-sm">This path has no registered targets.</p> : null}
      </div>
      <TimelineChanges rows={rows} events={tl.events.filter((e) => e.rows.some((k) => k.startsWith(`${path.id}|`)))} start={start} end={end} />
    </section>
  );
}

function Row({ r, start, end, now, marks, onShow }: { r: TimelineRow; start: string; end: string; now: string; marks: TimelineMark[]; onShow: () => void }) {
  const label = r.pod ?? r.node ?? r.id;
  const since = sinceText(r.since, now);
  const unobserved = r.observedSince && r.observedSince > start ? place(start, r.observedSince, start, end) : r.observedSince ? null : { left: 0, width: 100 };
  const flapping = (r.recentChanges ?? 0) >= 3;
  return (
    <li className="flex items-center gap-2" data-testid="timeline-row" data-target={r.target} data-verdict={r.verdict}>
      <button type="button" onClick={onShow} title={`Show ${r.id} in the graph`} className="w-[15.5rem] shrink-0 truncate text-left text-xs">
        <span className="font-mono">{label.replace(/^.*\//, "")}</span>
        <span className="block truncate text-[10px] text-slate-500">{r.id}{r.zone ? ` · ${r.zone}` : ""}{flapping ? " · ⚠ flapping" : ""}</span>
      </button>
      <div className="relative h-6 flex-1 overflow-hidden rounded bg-slate-50 dark:bg-slate-900" aria-label={`${r.id}: ${r.spans.map((s) => `${styleOf(s.state).words} ${clockUtc(s.from, end)} to ${s.open ? "now" : clockUtc(s.to, end)}`).join("; ") || "no history"}. ${since ?? ""}`} role="img">
        {unobserved ? <div className="absolute inset-y-0 bg-[repeating-linear-gradient(45deg,transparent_0_3px,rgba(100,116,139,.25)_3px_6px)]" style={{ left: `${unobserved.left}%`, width: `${unobserved.width}%` }} title="not observed" /> : null}
        {r.spans.map((s) => {
          const p = place(s.from, s.to, start, end);
          const st = styleOf(s.state);
          return (
            <div key={s.from} data-testid="timeline-span" data-state={s.state} className={`absolute inset-y-0.5 overflow-hidden rounded-sm text-center text-[10px] leading-5 ${st.className}`} style={{ left: `${p.left}%`, width: `max(${p.width}%, 2px)` }}
              title={`${st.words}${s.reason ? ` (${s.reason})` : ""}: ${clockUtc(s.from, end)} – ${s.open ? "now" : clockUtc(s.to, end)} (${formatDuration(Date.parse(s.to) - Date.parse(s.from))})`}>
              {p.width > 4 ? `${st.symbol} ${p.width > 12 ? st.words : ""}` : ""}
            </div>
          );
        })}
        {marks.map((m) => (
          <span key={`${m.at}-${m.kind}-${m.pod ?? m.node}`} data-testid="timeline-mark" data-kind={m.kind} className="absolute top-0 -translate-x-1/2 text-[11px] leading-3 text-slate-900 drop-shadow-[0_0_2px_white] dark:text-white" style={{ left: `${at(m.at, start, end)}%` }}
            title={`${MARK[m.kind]?.words ?? m.kind}${m.pod ? ` ${m.pod}` : m.node ? ` ${m.node}` : ""}${m.detail ? ` (${m.detail})` : ""} at ${clockUtc(m.at, end)}`}>
            {MARK[m.kind]?.symbol ?? "•"}
          </span>
        ))}
      </div>
    </li>
  );
}
