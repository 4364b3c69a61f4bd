"use client";
import { useEffect, useState } from "react";

/** "4 s", "3 min", "2 h", "5 d". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86_400)} d`;
}

/** Re-render every `ms`; null until mounted, so server and client render the same first frame. */
export function useNow(ms = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const id = setInterval(tick, ms);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [ms]);
  return now;
}

/**
 * "updated 4 s ago", with a stale marker when refreshes are failing (the last good data stays on screen).
 * `capturedAt` is when the source read the data (topology.age.capturedAt), not when the page fetched it.
 */
export function DataAge({ capturedAt, stale = false, staleReason }: { capturedAt: string; stale?: boolean; staleReason?: string }) {
  const now = useNow();
  const at = Date.parse(capturedAt);
  const exact = Number.isFinite(at) ? new Date(at).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : capturedAt;
  const age = now != null && Number.isFinite(at) ? `updated ${formatAge(now - at)} ago` : `data from ${exact}`;
  return (
    <span className="inline-flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300" data-testid="data-age">
      <time dateTime={capturedAt} title={`captured ${exact}`}>
        {age}
      </time>
      {stale ? (
        <span role="status" title={staleReason} data-testid="stale-marker" className="rounded border border-amber-600 bg-amber-50 px-1.5 font-semibold text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-200">
          <span aria-hidden="true">⏸ </span>stale{staleReason ? `: ${staleReason}` : ""}
        </span>
      ) : null}
    </span>
  );
}
