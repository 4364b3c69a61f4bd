import type { TimelineRow, TimelineSpan } from "@/lib/api/timeline";
import { windowSeconds } from "@/lib/api/timeline";
import { TARGET_STATE } from "@/lib/vocabulary";

/**
 * Pure arithmetic of the timeline panel (issue 12): where spans and marks sit (per cent of the window), the zoom
 * steps, panning, tick marks and what each state looks like. No React, so it is unit-tested.
 */

/** Zoom steps, smallest first. */
export const ZOOMS = ["15m", "30m", "1h", "3h", "6h"] as const;

export function zoomIn(tw: string): string {
  const s = windowSeconds(tw) ?? 3600;
  return [...ZOOMS].reverse().find((z) => windowSeconds(z)! < s) ?? ZOOMS[0];
}

export function zoomOut(tw: string): string {
  const s = windowSeconds(tw) ?? 3600;
  return ZOOMS.find((z) => windowSeconds(z)! > s) ?? ZOOMS[ZOOMS.length - 1];
}

/**
 * Move the window by half its length; `null` means "ends at the data's time". Never past the data's time, never
 * before the history can go (`earliest`, the end of the oldest window worth showing).
 */
export function pan(tend: string | null, tw: string, now: string, direction: -1 | 1, earliest?: string): string | null {
  const len = (windowSeconds(tw) ?? 3600) * 1000;
  const nowMs = Date.parse(now);
  const end = tend ? Math.min(Date.parse(tend), nowMs) : nowMs;
  let next = end + (direction * len) / 2;
  if (earliest) next = Math.max(next, Date.parse(earliest) + len);
  return next >= nowMs ? null : new Date(next).toISOString();
}

export interface Placed { left: number; width: number }

/** A time range as left/width in per cent of [start, end], clipped. */
export function place(from: string, to: string, start: string, end: string): Placed {
  const s = Date.parse(start), e = Date.parse(end);
  const len = Math.max(1, e - s);
  const a = Math.max(s, Date.parse(from)), b = Math.min(e, Date.parse(to));
  return { left: ((a - s) / len) * 100, width: (Math.max(0, b - a) / len) * 100 };
}

export function at(time: string, start: string, end: string): number {
  const s = Date.parse(start), e = Date.parse(end);
  return Math.min(100, Math.max(0, ((Date.parse(time) - s) / Math.max(1, e - s)) * 100));
}

/** 4–7 round tick times across the window. */
export function ticks(start: string, end: string): string[] {
  const s = Date.parse(start), e = Date.parse(end);
  const steps = [60_000, 2 * 60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000, 3600_000, 2 * 3600_000];
  const step = steps.find((x) => (e - s) / x <= 7) ?? 3 * 3600_000;
  const out: string[] = [];
  for (let t = Math.ceil(s / step) * step; t <= e; t += step) out.push(new Date(t).toISOString());
  return out;
}

/** How a state is drawn: a symbol and words (colour is never the only signal) and a style class. */
const STATE_CLASS: Record<string, string> = {
  healthy: "bg-emerald-500/80 text-white",
  InService: "bg-emerald-500/80 text-white",
  unhealthy: "bg-red-600/85 text-white",
  OutOfService: "bg-red-600/85 text-white",
  "unhealthy.draining": "bg-red-400 text-white bg-[repeating-linear-gradient(135deg,transparent_0_4px,rgba(255,255,255,.35)_4px_8px)]",
  initial: "bg-amber-400 text-slate-900",
  draining: "bg-slate-400 text-slate-900 bg-[repeating-linear-gradient(135deg,transparent_0_4px,rgba(255,255,255,.45)_4px_8px)]",
  unused: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
  unavailable: "bg-slate-300 text-slate-800",
};

/** Symbol and words from the vocabulary (colour is never the only signal), plus the span's style class. */
export function styleOf(state: string): { symbol: string; words: string; className: string } {
  const v = TARGET_STATE[state];
  return { symbol: v?.symbol ?? "?", words: v?.word ?? state, className: STATE_CLASS[state] ?? "bg-slate-300 text-slate-800" };
}

export const MARK: Record<string, { symbol: string; words: string }> = {
  "pod-ready": { symbol: "▲", words: "pod Ready" },
  "pod-not-ready": { symbol: "▽", words: "pod not Ready" },
  "pod-terminating": { symbol: "⏏", words: "pod terminating" },
  "pod-deleted": { symbol: "✖", words: "pod deleted" },
  "endpoint-serving": { symbol: "●", words: "endpoint serving" },
  "endpoint-not-serving": { symbol: "○", words: "endpoint not serving" },
  "endpoint-terminating": { symbol: "◐", words: "endpoint terminating" },
  "node-tainted": { symbol: "◆", words: "node tainted" },
  "node-untainted": { symbol: "◇", words: "node untainted" },
  "node-ready": { symbol: "◆", words: "node Ready" },
  "node-not-ready": { symbol: "◇", words: "node not Ready" },
  "node-removed": { symbol: "✖", words: "node removed" },
};

/** Rows that need a look first: faults, then anything not healthy now, then by changes in the window. */
export function sortRows(rows: TimelineRow[]): TimelineRow[] {
  const rank = (r: TimelineRow) => (r.verdict === "fault" ? 0 : r.verdict === "transient" ? 1 : r.verdict === "unknown" ? 2 : r.verdict === "expected" ? 3 : 4);
  return [...rows].sort((a, b) => rank(a) - rank(b) || b.spans.length - a.spans.length || (a.zone ?? "").localeCompare(b.zone ?? "") || a.key.localeCompare(b.key));
}

/** Every state change inside the window, newest first, for the text list under the chart. */
export function changes(rows: TimelineRow[], start: string): { at: string; row: TimelineRow; from: TimelineSpan | null; to: TimelineSpan }[] {
  const out: { at: string; row: TimelineRow; from: TimelineSpan | null; to: TimelineSpan }[] = [];
  for (const r of rows) r.spans.forEach((s, i) => { if (s.from > start || (i === 0 && r.observedSince && r.observedSince >= start)) out.push({ at: s.from, row: r, from: i > 0 ? r.spans[i - 1] : null, to: s }); });
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
