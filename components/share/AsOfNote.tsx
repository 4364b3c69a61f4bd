"use client";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { compareAsOf, parseAsOf, type AsOf } from "@/lib/summary/asOf";

/** The asOf/digest pin of the current URL, or null (most links carry none). */
export function useAsOfFromUrl(): AsOf | null {
  const params = useSearchParams();
  return useMemo(() => parseAsOf(params), [params]);
}

function utc(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

/**
 * For a link that pins a moment (`asOf` + `digest`): shows the link's time beside the live data's time, and
 * whether the live state (target verdicts and finding codes, lib/summary/digest.ts) still matches.
 *
 *   <AsOfNote asOf={useAsOfFromUrl()} live={topology ? { capturedAt: topology.age.capturedAt, digest: topologyDigest(topology) } : null}
 *             liveHref={urlWithoutAsOf} />
 * Renders nothing when the URL carries no pin.
 */
export function AsOfNote({ asOf, live, liveHref }: { asOf: AsOf | null; live: { capturedAt: string; digest: string } | null; liveHref?: string }) {
  if (!asOf) return null;
  const cmp = live ? compareAsOf(asOf, live) : null;
  const tone = cmp?.changed
    ? "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100"
    : "border-slate-300 bg-slate-50 text-slate-800 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100";
  return (
    <div role="note" data-testid="as-of-note" data-changed={cmp ? String(cmp.changed) : "pending"} className={`mb-3 rounded border px-3 py-2 text-sm ${tone}`}>
      <div>
        This link shows the state as of <time dateTime={asOf.asOf}>{utc(asOf.asOf)}</time>
        {live ? (
          <>
            {" "}
            · live data: <time dateTime={live.capturedAt}>{utc(live.capturedAt)}</time>
            {cmp && Math.abs(cmp.deltaMs) >= 1000 ? ` (${duration(cmp.deltaMs)} ${cmp.deltaMs > 0 ? "later" : "earlier"})` : " (same moment)"}
          </>
        ) : (
          " · live data loading…"
        )}
      </div>
      {cmp ? (
        cmp.changed ? (
          <div className="font-medium">⚠ The state has changed since this link was made: target verdicts or findings differ. The page shows the live state.</div>
        ) : (
          <div>✓ Unchanged since the link was made: the same targets, verdicts and findings.</div>
        )
      ) : null}
      {liveHref ? (
        <Link href={liveHref} className="text-xs underline">
          Drop the pin and follow the live view
        </Link>
      ) : null}
    </div>
  );
}
