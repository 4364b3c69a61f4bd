"use client";
import { useEffect, useState } from "react";
import { CONTROLLER, VERDICT } from "@/lib/vocabulary";
import { OVERVIEW_CONTROLLERS, OVERVIEW_VERDICTS, type OverviewQuery, type OverviewVerdict } from "@/lib/summary/overviewQuery";
import { FilterSelect } from "./FilterSelect";

const VERDICT_TEXT: Record<OverviewVerdict, string> = {
  fault: `with ${VERDICT.fault.label}`,
  transient: `with ${VERDICT.transient.label}`,
  expected: `with ${VERDICT.expected.label}`,
  unknown: `with ${VERDICT.unknown.label}`,
  healthy: `all ${VERDICT.healthy.label}`,
  "fail-open": "failing open",
  pending: "LB pending",
  "not-found": "LB not found",
  unsupported: "controller not modelled",
};

/** Search box and filters; every value is written to the URL by the page. */
export function OverviewFilters({
  query,
  clusters,
  namespaces,
  onChange,
}: {
  query: OverviewQuery;
  clusters: readonly string[];
  namespaces: readonly string[];
  onChange: (patch: Partial<OverviewQuery>) => void;
}) {
  const [text, setText] = useState(query.q);
  // Follow the URL when it changes from outside (back button, a pasted link): adjust state while rendering.
  const [urlQ, setUrlQ] = useState(query.q);
  if (urlQ !== query.q) {
    setUrlQ(query.q);
    setText(query.q);
  }
  // Debounce typing so the URL (and the filter pass over thousands of rows) updates once per pause.
  useEffect(() => {
    if (text === query.q) return;
    const id = setTimeout(() => onChange({ q: text }), 250);
    return () => clearTimeout(id);
  }, [text, query.q, onChange]);

  return (
    <form role="search" className="mb-3 flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); onChange({ q: text }); }}>
      <label className="flex min-w-64 flex-1 flex-col text-xs text-slate-600 dark:text-slate-300">
        Search name, label (key=value) or load balancer DNS name
        <input
          type="search"
          aria-label="Search Services"
          name="q"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="e.g. web   app=checkout   k8s-shop-web…elb.amazonaws.com"
          className="mt-0.5 rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
        />
      </label>
      {clusters.length > 1 ? <FilterSelect label="Cluster" name="cluster" value={query.cluster} options={clusters} onChange={(v) => onChange({ cluster: v })} /> : null}
      <FilterSelect label="Namespace" name="ns" value={query.ns} options={namespaces} onChange={(v) => onChange({ ns: v })} />
      <FilterSelect
        label="Health"
        name="verdict"
        value={query.verdict}
        options={OVERVIEW_VERDICTS.map((v) => [v, VERDICT_TEXT[v]] as [string, string])}
        onChange={(v) => onChange({ verdict: v as OverviewQuery["verdict"] })}
      />
      <FilterSelect
        label="Controller"
        name="controller"
        value={query.controller}
        options={OVERVIEW_CONTROLLERS.map((c) => [c, CONTROLLER[c].label] as [string, string])}
        onChange={(v) => onChange({ controller: v as OverviewQuery["controller"] })}
      />
    </form>
  );
}
