"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Triage } from "@/lib/api/topology";
import { triageDigest } from "@/lib/summary/digest";
import { mdCode } from "@/lib/summary/mdEscape";
import { pinnedTriageSummary } from "@/lib/summary/share";
import { parseTriageQuery, serialiseTriageQuery, type TriageQuery } from "@/lib/summary/triageQuery";
import { filterTriage, triageView, type TriageItem } from "@/lib/summary/triageRows";
import { ClusterStatusList, type ClusterStatus } from "@/components/overview/ClusterStatusList";
import { DemoBanner } from "@/components/overview/DemoBanner";
import { Pager } from "@/components/overview/Pager";
import { clustersQuery, explainError, triageQuery } from "@/components/overview/queries";
import { formatAge, useNow } from "@/components/overview/useNow";
import { useUrlState } from "@/components/overview/useUrlState";
import { AsOfNote, useAsOfFromUrl } from "@/components/share/AsOfNote";
import { CopySummaryButton } from "@/components/share/CopySummaryButton";
import { TriageFilters } from "./TriageFilters";
import { TriageTable } from "./TriageTable";
import { VERDICT } from "@/lib/vocabulary";

/** `/triage`: every non-healthy target across clusters (or one, with ?cluster=), most urgent first. */
export function TriagePage() {
  const [query, setQuery] = useUrlState(parseTriageQuery, serialiseTriageQuery);
  const now = useNow();
  const pin = useAsOfFromUrl();
  const clusters = useQuery(clustersQuery());
  const infos = useMemo(() => clusters.data?.clusters ?? [], [clusters.data]);
  // ?cluster= narrows the page, so only that cluster is read.
  const wanted = infos.filter((c) => !c.error && (!query.cluster || c.name === query.cluster));
  const results = useQueries({ queries: wanted.map((c) => triageQuery(c.name)) });
  const version = results.map((r) => r.dataUpdatedAt).join();

  const triages = useMemo<Triage[]>(
    () => results.flatMap((r) => (r.data ? [r.data] : [])),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `results` is a new array each render; `version` changes when any data does
    [version],
  );
  const items = useMemo<TriageItem[]>(() => triages.flatMap((t) => t.targets.map((row) => ({ cluster: t.cluster, row, capturedAt: t.age.capturedAt }))), [triages]);
  const view = useMemo(() => triageView(items, query), [items, query]);
  const namespaces = useMemo(() => [...new Set(items.map((i) => i.row.service.namespace))].sort(), [items]);
  const codes = useMemo(() => [...new Set(items.map((i) => i.row.code))].sort(), [items]);

  // What the page shows after filters (not paging): what "Copy summary" and the as-of digest describe.
  const shown = useMemo(() => filteredTriages(triages, query), [triages, query]);
  const oldest = shown.map((t) => t.age.capturedAt).sort()[0];
  const allLoaded = clusters.isSuccess && results.every((r) => !r.isPending);

  const statuses: ClusterStatus[] = infos
    .filter((c) => !query.cluster || c.name === query.cluster)
    .map((c) => {
      if (c.error) return { name: c.name, state: "error", error: { code: "CLUSTER_UNREADABLE", message: c.error } };
      const r = results[wanted.indexOf(c)];
      if (!r || r.isPending) return { name: c.name, state: "loading" };
      if (r.isError && !r.data) return { name: c.name, state: "error", error: explainError(r.error) };
      return { name: c.name, state: "ok", capturedAt: r.data?.age.capturedAt, partial: r.data?.warnings.map((w) => w.code), href: `/triage${serialiseTriageQuery({ ...query, cluster: c.name, page: 1 })}` };
    });

  const urgent = filterTriage(items, query).filter((i) => i.row.rank < 5).length;

  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Triage{query.cluster ? `: ${query.cluster}` : ""}</h1>
        <span className="text-sm text-slate-600 dark:text-slate-300" data-testid="triage-headline">
          {allLoaded ? `${urgent} target${urgent === 1 ? "" : "s"} need a human · ${view.expectedTotal} ${VERDICT.expected.label}` : "loading…"}
          {oldest ? ` · data ${formatAge(oldest, now)}` : ""}
        </span>
        <CopySummaryButton className="ml-auto" getText={() => pinnedTriageSummary(shown, window.location.href, scopeText(query, shown))} />
      </div>
      <DemoBanner clusters={infos} />
      <AsOfNote asOf={pin} live={allLoaded && oldest ? { capturedAt: oldest, digest: triageDigest(shown) } : null} liveHref={`/triage${serialiseTriageQuery(query)}`} />
      <ClusterStatusList statuses={statuses} label="Clusters" listPending={clusters.isPending} />
      <TriageFilters query={query} clusters={infos.map((c) => c.name)} namespaces={namespaces} codes={codes} onChange={setQuery} />
      {allLoaded && view.total === 0 && view.hiddenExpected === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">Every target matching these filters is healthy.</p>
      ) : null}
      {allLoaded && view.total === 0 && view.hiddenExpected > 0 ? (
        <p className="py-3 text-sm text-emerald-800 dark:text-emerald-200">Nothing needs a human: every non-healthy target is {VERDICT.expected.label}.</p>
      ) : null}
      {view.total > 0 ? <TriageTable items={view.items} grouped={query.sort === "rank"} showCluster={wanted.length > 1} /> : null}
      <ExpectedToggle query={query} hidden={view.hiddenExpected} total={view.expectedTotal} onChange={setQuery} />
      <Pager page={view.page} pages={view.pages} total={view.total} noun="targets listed" onPage={(p) => setQuery({ page: p })} />
    </div>
  );
}

/** Expected-by-design targets are collapsed by default (issue 4); the toggle is kept in the URL (expected=1). */
function ExpectedToggle({ query, hidden, total, onChange }: { query: TriageQuery; hidden: number; total: number; onChange: (p: Partial<TriageQuery>) => void }) {
  if (total === 0 || query.verdict === "expected") return null;
  return (
    <button
      type="button"
      data-testid="toggle-expected"
      aria-expanded={query.expected}
      onClick={() => onChange({ expected: !query.expected })}
      className="mt-2 rounded border border-dashed border-slate-400 px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-50 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {query.expected ? `Hide the ${total} ${VERDICT.expected.label} targets` : `${VERDICT.expected.symbol} ${hidden} ${VERDICT.expected.label} target${hidden === 1 ? "" : "s"} hidden (no action needed): show`}
    </button>
  );
}

function filteredTriages(triages: readonly Triage[], q: TriageQuery): Triage[] {
  return triages
    .filter((t) => !q.cluster || t.cluster === q.cluster)
    .map((t) => ({ ...t, targets: filterTriage(t.targets.map((row) => ({ cluster: t.cluster, row })), q).map((i) => i.row) }));
}

function scopeText(q: TriageQuery, shown: readonly Triage[]): string {
  const parts = [q.cluster ? `cluster ${mdCode(q.cluster)}` : `${shown.length} cluster${shown.length === 1 ? "" : "s"}`];
  if (q.ns) parts.push(`namespace ${mdCode(q.ns)}`);
  if (q.verdict) parts.push(`verdict ${q.verdict}`);
  if (q.code) parts.push(`code ${mdCode(q.code)}`);
  return parts.join(", ");
}
