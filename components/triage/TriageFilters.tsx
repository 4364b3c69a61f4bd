"use client";
import { VERDICT, VERDICTS } from "@/lib/vocabulary";
import { TRIAGE_SORTS, type TriageQuery, type TriageSort } from "@/lib/summary/triageQuery";
import { FilterSelect } from "@/components/overview/FilterSelect";

const SORT_TEXT: Record<TriageSort, string> = {
  rank: "priority (issue ranking)",
  service: "Service",
  cluster: "cluster",
  zone: "zone",
  node: "node / pod",
  code: "code",
};

export function TriageFilters({
  query,
  clusters,
  namespaces,
  codes,
  onChange,
}: {
  query: TriageQuery;
  clusters: readonly string[];
  namespaces: readonly string[];
  codes: readonly string[];
  onChange: (patch: Partial<TriageQuery>) => void;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-end gap-3" role="group" aria-label="Filters">
      {clusters.length > 1 ? <FilterSelect label="Cluster" name="cluster" value={query.cluster} options={clusters} onChange={(v) => onChange({ cluster: v })} /> : null}
      <FilterSelect label="Namespace" name="ns" value={query.ns} options={namespaces} onChange={(v) => onChange({ ns: v })} />
      <FilterSelect
        label="Verdict"
        name="verdict"
        value={query.verdict}
        options={VERDICTS.filter((v) => v !== "healthy").map((v) => [v, VERDICT[v].label] as [string, string])}
        onChange={(v) => onChange({ verdict: v as TriageQuery["verdict"] })}
      />
      <FilterSelect label="Code" name="code" value={query.code} options={codes} onChange={(v) => onChange({ code: v })} />
      <label className="flex flex-col text-xs text-slate-600 dark:text-slate-300">
        Sort by
        <span className="mt-0.5 flex gap-1">
          <select
            aria-label="Sort by"
            name="sort"
            value={query.sort}
            onChange={(e) => onChange({ sort: e.target.value as TriageSort })}
            className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
          >
            {TRIAGE_SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_TEXT[s]}
              </option>
            ))}
          </select>
          <button
            type="button"
            onClick={() => onChange({ dir: query.dir === "asc" ? "desc" : "asc" })}
            aria-label={`Sort direction: ${query.dir === "asc" ? "ascending" : "descending"}`}
            className="rounded border border-slate-300 px-2 text-sm dark:border-slate-600"
          >
            {query.dir === "asc" ? "▲" : "▼"}
          </button>
        </span>
      </label>
    </div>
  );
}
