"use client";
import { useEffect, useState } from "react";
import { staleHalves } from "@/lib/api/dataAge";
import type { DataAge as ApiDataAge } from "@/lib/api/topology";

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
 * Milliseconds since the data was read, on the server's clock when the answer carries `servedAt` (so a
 * browser clock that is off does not matter), advanced by the time since the page received it.
 */
export function dataAgeMs(age: Pick<ApiDataAge, "capturedAt" | "servedAt">, fetchedAt: number, now: number): number {
  const captured = Date.parse(age.capturedAt);
  const served = age.servedAt ? Date.parse(age.servedAt) : NaN;
  const atFetch = Number.isFinite(served) ? served - captured : fetchedAt - captured;
  return atFetch + (now - fetchedAt);
}

const HALF_WORDS = { kubernetes: "Kubernetes", aws: "AWS" } as const;

/**
 * "updated 4 s ago", with a stale marker when refreshes are failing (the last good data stays on screen) or
 * when a half of the data is older than twice its refresh interval (lib/api/dataAge.ts, issue 5).
 * `capturedAt` is when the source read the data (topology.age.capturedAt), not when the page fetched it.
 * Pass the whole `age` and the time the page received it (`fetchedAt`) for server-clock ages and stale halves.
 */
export function DataAge({ capturedAt, age, fetchedAt, stale = false, staleReason }: { capturedAt: string; age?: ApiDataAge; fetchedAt?: number; stale?: boolean; staleReason?: string }) {
  const now = useNow();
  const at = Date.parse(capturedAt);
  const exact = Number.isFinite(at) ? new Date(at).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : capturedAt;
  const ms = now == null || !Number.isFinite(at) ? null : age && fetchedAt ? dataAgeMs(age, fetchedAt, now) : now - at;
  const text = ms != null ? `updated ${formatAge(ms)} ago` : `data from ${exact}`;
  const serverNow = age?.servedAt && fetchedAt && now != null ? Date.parse(age.servedAt) + (now - fetchedAt) : undefined;
  const halves = age && now != null ? staleHalves(age, serverNow) : [];
  const perHalf = age ? (["kubernetes", "aws"] as const).filter((h) => age[h]).map((h) => `${HALF_WORDS[h]} read ${age[h]}${age.refreshSeconds?.[h] ? `, refreshed every ${age.refreshSeconds[h]} s` : ""}`) : [];
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2 text-xs text-slate-600 dark:text-slate-300" data-testid="data-age">
      <time dateTime={capturedAt} title={[`captured ${exact}`, ...perHalf].join("\n")}>
        {text}
      </time>
      {halves.length ? (
        <span role="status" data-testid="stale-halves" className="rounded border border-amber-600 bg-amber-50 px-1.5 font-semibold text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-200">
          <span aria-hidden="true">⏸ </span>
          {halves.map((h) => HALF_WORDS[h]).join(" and ")} data older than twice its refresh interval
        </span>
      ) : null}
      {stale ? (
        <span role="status" title={staleReason} data-testid="stale-marker" className="rounded border border-amber-600 bg-amber-50 px-1.5 font-semibold text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-200">
          <span aria-hidden="true">⏸ </span>stale: refresh failing
        </span>
      ) : null}
    </span>
  );
}
