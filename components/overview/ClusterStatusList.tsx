"use client";
import Link from "next/link";
import { formatAge, useNow } from "./useNow";

export interface ClusterStatus {
  name: string;
  title?: string;
  state: "loading" | "ok" | "error";
  /** What was loaded, e.g. "3 Services". */
  summary?: string;
  capturedAt?: string;
  /** Non-fatal: the data is partial (warnings), named by code. */
  partial?: string[];
  error?: { code: string; message: string; fix?: string };
  /** Cluster filter link (keeps the other filters). */
  href?: string;
}

/**
 * Per-cluster progress while clusters load in parallel, and an error row per cluster that cannot be read,
 * naming the cause and the fix (one broken cluster never blanks the others).
 */
export function ClusterStatusList({ statuses, label, listPending }: { statuses: readonly ClusterStatus[]; label: string; listPending: boolean }) {
  const now = useNow();
  const loading = statuses.filter((s) => s.state === "loading").length;
  const errors = statuses.filter((s) => s.state === "error");
  const done = !listPending && loading === 0;
  return (
    <section aria-label={label} data-state={done ? "loaded" : "loading"} data-testid="cluster-status" className="mb-3 text-sm">
      <p className="text-xs text-slate-600 dark:text-slate-300" aria-live="polite">
        {listPending ? (
          "Loading the cluster list…"
        ) : (
          <>
            {statuses.length} cluster{statuses.length === 1 ? "" : "s"}
            {loading ? ` · loading ${loading}…` : " · all loaded"}
            {errors.length ? ` · ${errors.length} unreadable` : ""}
          </>
        )}
      </p>
      {loading > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-1" data-testid="cluster-progress">
          {statuses.map((s) => (
            <li
              key={s.name}
              data-state={s.state}
              className={`rounded border px-1.5 py-0.5 text-xs ${s.state === "loading" ? "animate-pulse border-slate-300 text-slate-500" : s.state === "error" ? "border-red-400 text-red-700" : "border-emerald-300 text-emerald-800 dark:text-emerald-200"}`}
            >
              {s.state === "loading" ? "⏳" : s.state === "error" ? "✕" : "✓"} {s.name}
            </li>
          ))}
        </ul>
      ) : null}
      {errors.length ? (
        <ul className="mt-2 space-y-1" data-testid="cluster-errors">
          {errors.map((s) => (
            <li key={s.name} role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
              <strong>{s.name}</strong>: {s.error?.message ?? "could not be read"} <span className="font-mono text-xs">({s.error?.code ?? "ERROR"})</span>
              {s.error?.fix ? <span className="block text-xs">Fix: {s.error.fix}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {statuses.some((s) => s.partial?.length) ? (
        <ul className="mt-2 space-y-1">
          {statuses
            .filter((s) => s.partial?.length)
            .map((s) => (
              <li key={s.name} className="rounded border border-amber-300 bg-amber-50 px-3 py-1 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
                <strong>{s.name}</strong>: partial data ({s.partial!.join(", ")}); affected parts show as unknown.
                {s.capturedAt ? ` Data ${formatAge(s.capturedAt, now)}.` : ""}
                {s.href ? (
                  <Link className="ml-1 underline" href={s.href}>
                    show only this cluster
                  </Link>
                ) : null}
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}
