"use client";
import Link from "next/link";
import type { UseQueryResult } from "@tanstack/react-query";
import type { Triage } from "@/lib/api/topology";
import { rankLabel, VERDICT } from "@/lib/vocabulary";
import { servicePageHref } from "@/lib/summary/links";
import { DEFAULT_TRIAGE, serialiseTriageQuery } from "@/lib/summary/triageQuery";
import { triageView, type TriageItem } from "@/lib/summary/triageRows";
import { CodeLink } from "./CodeLink";
import { VerdictBadge } from "./HealthCounts";

const SHOWN = 5;

/**
 * The first screen's answer to "what is broken, and where": the most urgent non-healthy targets (triage
 * ranks 1–4: fail-open, zone out of DNS, faults, transient), each with its code, diagnosis and a link to the
 * target on the service page. Expected-by-design targets never appear here.
 */
export function UrgentTargets({ results, cluster, namespace }: { results: readonly UseQueryResult<Triage>[]; cluster: string; namespace: string }) {
  const items: TriageItem[] = results.flatMap((r) => (r.data ? r.data.targets.map((row) => ({ cluster: r.data.cluster, row })) : []));
  const q = { ...DEFAULT_TRIAGE, cluster, ns: namespace };
  const view = triageView(items, q, SHOWN);
  const loading = results.some((r) => r.isPending);
  if (!loading && view.total === 0) {
    return (
      <p className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100" data-testid="urgent-none">
        ✓ No target needs a human{view.expectedTotal ? ` (${view.expectedTotal} targets are ${VERDICT.expected.label}: unhealthy on purpose)` : ""}.
      </p>
    );
  }
  return (
    <section aria-label="Targets that need a human" data-testid="urgent-targets" className="mb-3 rounded border border-red-200 px-3 py-2 dark:border-red-900">
      <h2 className="mb-1 flex items-baseline gap-2 text-sm font-semibold">
        Needs a human first: {loading && view.total === 0 ? "…" : `${view.total} target${view.total === 1 ? "" : "s"}`}
        <Link href={`/triage${serialiseTriageQuery(q)}`} className="ml-auto text-xs font-normal text-blue-700 underline dark:text-blue-300">
          all in triage →
        </Link>
      </h2>
      <ul className="space-y-0.5 text-xs">
        {view.items.map(({ cluster: c, row }) => (
          <li key={`${c}/${row.service.namespace}/${row.service.name}/${row.pathId}/${row.key}`} className="flex items-baseline gap-2" data-testid="urgent-row">
            <VerdictBadge verdict={row.verdict} />
            <span className="shrink-0 font-semibold text-red-800 dark:text-red-300">{row.rank < 3 ? rankLabel(row.rank) : ""}</span>
            <Link href={servicePageHref(c, row.service.namespace, row.service.name, { path: row.pathId, sel: row.key, kind: row.service.kind })} className="shrink-0 text-blue-700 hover:underline dark:text-blue-300">
              {row.service.namespace}/{row.service.name} › {row.node ?? (row.pod ? row.pod.name : row.id)}
              {row.zone ? ` (${row.zone})` : ""}
            </Link>
            <span className="shrink-0 text-slate-500">{c}</span>
            <CodeLink code={row.code} />
            <span className="truncate" title={row.diagnosis}>
              {row.diagnosis}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
