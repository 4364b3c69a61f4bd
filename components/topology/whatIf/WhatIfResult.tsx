"use client";
import { useMemo } from "react";
import type { Topology } from "@/lib/api/topology";
import type { WhatIfResponse } from "@/lib/api/whatIf";
import { computeGraph } from "@/lib/graph/pipeline";
import { graphToSvg } from "@/lib/graph/exportSvg";
import { formatRatio, formatShare } from "@/lib/graph/format";
import { diffWhatIf, type Headline } from "@/lib/whatIf/diff";
import { SEEN_AS, SEVERITY, VERDICT, verdictText } from "@/lib/vocabulary";
import { CopySummaryButton } from "@/components/share/CopySummaryButton";

const th = "border-b border-slate-300 px-2 py-1 text-left text-xs font-semibold text-slate-600 dark:border-slate-700 dark:text-slate-300";
const td = "border-b border-slate-100 px-2 py-1 align-top dark:border-slate-800";

/** The path as a static picture (the export's SVG in an <img>: cluster text stays inert). */
function Picture({ topology, pathId, caption, testId }: { topology: Topology; pathId: string | null; caption: string; testId: string }) {
  const src = useMemo(() => {
    const path = topology.paths.find((p) => p.id === pathId) ?? topology.paths[0];
    const result = path ? computeGraph({ topology, pathId: path.id, expand: [], previous: null }) : null;
    return result ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(graphToSvg(result.graph, result.layout))}` : null;
  }, [topology, pathId]);
  return (
    <figure className="min-w-0 flex-1 rounded-md border border-slate-200 p-2 dark:border-slate-800">
      <figcaption className="mb-1 text-sm font-semibold">{caption}</figcaption>
      {src ? <img src={src} alt={`${caption}: the traffic path as a picture; the tables below say the same in words.`} data-testid={testId} className="h-auto w-full dark:[filter:invert(1)_hue-rotate(180deg)]" /> : <p className="text-sm">No path to draw.</p>}
    </figure>
  );
}

const seen = (h: Headline | null) => (h ? h.seenAs.map((s) => SEEN_AS[s as keyof typeof SEEN_AS]?.short ?? s).join(", ") || "–" : "–");

/** Side by side, the differences in words, what it costs, and the exact change to apply (issue 11). */
export function WhatIfResult({ result, pathId }: { result: WhatIfResponse; pathId: string | null }) {
  const diff = useMemo(() => diffWhatIf(result.before, result.after, pathId), [result, pathId]);
  const b = diff.before;
  const a = diff.after;
  const rows: [string, string, string][] = [
    ["Imbalance", b ? `${b.imbalance.level} ${formatRatio(b.imbalance.ratio)}` : "–", a ? `${a.imbalance.level} ${formatRatio(a.imbalance.ratio)}` : "–"],
    ["Dropped / rejected", b ? `${formatShare(b.dropped)} / ${formatShare(b.rejected)}` : "–", a ? `${formatShare(a.dropped)} / ${formatShare(a.rejected)}` : "–"],
    ["Pods see", seen(b), seen(a)],
    ["Healthy targets", b ? `${b.healthy} of ${b.targets}` : "–", a ? `${a.healthy} of ${a.targets}` : "–"],
    ["Failing open", b?.failOpen ? "yes" : "no", a?.failOpen ? "yes" : "no"],
  ];
  return (
    <div className="space-y-3" data-testid="what-if-result">
      {result.costs.length ? (
        <section aria-label="What it costs" className="rounded-md border border-amber-400 bg-amber-50 px-3 py-2 text-sm dark:border-amber-700 dark:bg-amber-950">
          <h3 className="font-semibold">What it costs</h3>
          <ul className="list-disc pl-5" data-testid="what-if-costs">
            {result.costs.map((c) => (
              <li key={c.code} data-code={c.code}>
                {c.message} <span className="font-mono text-xs opacity-75">{c.code}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="flex flex-col gap-3 lg:flex-row" data-testid="what-if-pictures">
        <Picture topology={result.before} pathId={diff.pathId} caption="Now" testId="what-if-before" />
        <Picture topology={result.after} pathId={diff.pathId} caption="After the change" testId="what-if-after" />
      </div>
      <table className="w-full max-w-3xl border-collapse text-sm" data-testid="what-if-headline">
        <thead>
          <tr>
            <th scope="col" className={th}></th>
            <th scope="col" className={th}>Now</th>
            <th scope="col" className={th}>After</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([k, x, y]) => (
            <tr key={k} data-changed={x !== y || undefined}>
              <th scope="row" className={`${td} text-left font-medium`}>{k}</th>
              <td className={td}>{x}</td>
              <td className={`${td} ${x !== y ? "font-semibold" : ""}`}>{y}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="what-if-pods">
          <caption className="mb-1 text-left text-sm font-semibold">Pods: share of new flows and what they see</caption>
          <thead>
            <tr>
              {["Pod", "Node", "Share now", "After", "Sees now", "After"].map((h, i) => (
                <th key={i} scope="col" className={th}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {diff.pods.map((p) => (
              <tr key={p.key} data-pod={p.name}>
                <td className={td}>{p.name}{!p.before ? " (new)" : !p.after ? " (gone)" : ""}</td>
                <td className={td}>{p.node ?? "–"}</td>
                <td className={td}>{p.before ? formatShare(p.before.share) : "–"}</td>
                <td className={`${td} font-semibold`} data-testid="after-share">{p.after ? `${formatShare(p.after.share)}${p.after.starved ? " ⊘ starved" : ""}` : "–"}</td>
                <td className={td}>{p.before ? SEEN_AS[p.before.sourceIp.seenAs].short : "–"}</td>
                <td className={td} data-testid="after-sees">{p.after ? SEEN_AS[p.after.sourceIp.seenAs].short : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {diff.targets.length ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="what-if-targets">
            <caption className="mb-1 text-left text-sm font-semibold">Targets that change</caption>
            <thead>
              <tr>
                {["Target", "Node / zone", "Now", "After", "Code after", "Share now → after"].map((h) => (
                  <th key={h} scope="col" className={th}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {diff.targets.map((t) => (
                <tr key={t.key} data-target={t.id} data-verdict-after={t.after?.verdict ?? "gone"}>
                  <td className={`${td} font-mono text-xs`}>{t.id}</td>
                  <td className={td}>{[t.node, t.zone].filter(Boolean).join(" · ") || "–"}</td>
                  <td className={td}>{t.before ? `${t.before.state} · ${verdictText(t.before.verdict)}` : "not registered"}</td>
                  <td className={`${td} font-semibold`}>{t.after ? `${t.after.state} · ${verdictText(t.after.verdict)}` : "deregistered"}</td>
                  <td className={`${td} font-mono text-xs`}>{t.after?.code ?? "–"}</td>
                  <td className={td}>{`${t.before ? formatShare(t.before.share) : "–"} → ${t.after ? formatShare(t.after.share) : "–"}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {diff.findingsAdded.length || diff.findingsGone.length ? (
        <section aria-label="Findings that change" className="text-sm" data-testid="what-if-findings">
          <h3 className="font-semibold">Findings</h3>
          <ul className="space-y-0.5">
            {diff.findingsAdded.map((f, i) => (
              <li key={`+${f.code}${i}`} data-added={f.code}>
                <span className="font-semibold">+ appears</span> {SEVERITY[f.severity].symbol} <span className="font-mono text-xs">{f.code}</span>: {f.message}
              </li>
            ))}
            {diff.findingsGone.map((f, i) => (
              <li key={`-${f.code}${i}`} data-gone={f.code} className="text-slate-600 dark:text-slate-300">
                <span className="font-semibold">− goes</span> <span className="font-mono text-xs">{f.code}</span>: {f.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label="How to apply it" className="space-y-2" data-testid="what-if-apply">
        <h3 className="text-sm font-semibold">How to apply it</h3>
        {result.changes.map((c, i) => (
          <div key={i} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-700">
            <div className="mb-1 flex flex-wrap items-center gap-2">
              <span className="font-mono text-xs font-semibold">{c.kind}</span>
              <span className="text-xs text-slate-600 dark:text-slate-300">for the {c.apply.controller}</span>
              {c.apply.kubectlPatch ? <CopySummaryButton className="ml-auto" label="Copy command" getText={() => c.apply.kubectlPatch ?? ""} /> : null}
            </div>
            {c.apply.kubectlPatch ? <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-1.5 font-mono text-xs dark:bg-slate-900" data-testid="apply-command">{c.apply.kubectlPatch}</pre> : null}
            {c.apply.yaml ? <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-1.5 font-mono text-xs dark:bg-slate-900" data-testid="apply-yaml">{c.apply.yaml}</pre> : null}
            {c.apply.note ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{c.apply.note}</p> : null}
          </div>
        ))}
      </section>
      {result.transient.length ? (
        <section aria-label="While it settles" className="text-sm">
          <h3 className="font-semibold">While it settles</h3>
          <ul className="list-disc pl-5">
            {result.transient.map((t, i) => (
              <li key={i}>{t.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <details className="text-xs text-slate-600 dark:text-slate-300">
        <summary className="cursor-pointer">What the prediction assumes</summary>
        <ul className="mt-1 list-disc pl-5">
          {result.assumptions.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
          <li>{VERDICT.expected.symbol} marks targets unhealthy by design; the rules are at /rules (WIF-1..3 for the prediction itself).</li>
        </ul>
      </details>
    </div>
  );
}
