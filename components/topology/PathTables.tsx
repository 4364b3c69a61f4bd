"use client";
import { useState } from "react";
import type { Path, Verdict } from "@/lib/api/topology";
import { formatRatio, formatShare } from "@/lib/graph/format";
import { HEADER, SEEN_AS, VERDICT_ORDER, VERDICTS, verdictText } from "@/lib/vocabulary";
import { Badge } from "@/components/ui/Badge";
import { VERDICT_TONE } from "./inspectorDomain";
import { sinceText } from "@/lib/graph/sinceText";

const PAGE = 300;
const th = "border-b border-slate-300 px-2 py-1 text-left text-xs font-semibold text-slate-600 dark:border-slate-700 dark:text-slate-300";
const td = "border-b border-slate-100 px-2 py-1 align-top dark:border-slate-800";
const linkBtn = "whitespace-nowrap font-mono text-xs text-sky-800 underline decoration-dotted hover:decoration-solid dark:text-sky-300";

function More({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (shown >= total) return null;
  return (
    <button type="button" className="mt-2 rounded border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600" onClick={onMore}>
      Show all {total} (showing {shown})
    </button>
  );
}

/** Targets, faults first; a verdict filter that lives in the URL (`verdict=`). */
export function TargetsTable({ path, now, verdicts, onFilter, onShow }: { path: Path; now?: string; verdicts: Verdict[]; onFilter: (v: Verdict[]) => void; onShow: (key: string) => void }) {
  const [all, setAll] = useState(false);
  const rows = path.targets
    .filter((t) => !verdicts.length || verdicts.includes(t.verdict))
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || (a.zone ?? "").localeCompare(b.zone ?? "") || a.key.localeCompare(b.key));
  const shown = all ? rows : rows.slice(0, PAGE);
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-1 text-sm" role="group" aria-label="Filter targets by verdict">
        <span className="text-slate-600 dark:text-slate-300">Show:</span>
        {VERDICTS.map((v) => {
          const on = verdicts.includes(v);
          const n = path.health[v];
          return (
            <button key={v} type="button" aria-pressed={on} onClick={() => onFilter(on ? verdicts.filter((x) => x !== v) : [...verdicts, v])} className={`rounded border px-1.5 text-xs ${on ? "border-sky-600 bg-sky-50 font-semibold dark:bg-sky-950" : "border-slate-300 dark:border-slate-600"}`}>
              {verdictText(v)} ({n})
            </button>
          );
        })}
        {verdicts.length ? (
          <button type="button" className="text-xs underline" onClick={() => onFilter([])}>
            all
          </button>
        ) : null}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="targets-table">
          <thead>
            <tr>
              {["Target", "Node / pod", "Zone", "State", "Reason", "Verdict", "Diagnosis", "Action", "Share"].map((h) => (
                <th key={h} scope="col" className={th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.key} data-verdict={t.verdict}>
                <td className={td}>
                  <button type="button" className={linkBtn} onClick={() => onShow(t.key)} title="Show in the graph">
                    {t.id}
                    {t.port != null ? `:${t.port}` : ""}
                  </button>
                </td>
                <td className={td}>{t.pod ? `${t.pod.namespace}/${t.pod.name}` : (t.node ?? "–")}</td>
                <td className={`${td} whitespace-nowrap`}>{t.zone ?? "–"}</td>
                <td className={td}>
                  {t.state}
                  {t.since && now ? <div className="text-xs text-slate-600 dark:text-slate-400" data-testid="target-since">{sinceText(t.since, now)}</div> : null}
                </td>
                <td className={td}>{t.reason ?? "–"}</td>
                <td className={td}>
                  <Badge tone={VERDICT_TONE[t.verdict]}>{verdictText(t.verdict)}</Badge>
                </td>
                <td className={`${td} min-w-[16rem]`}>{t.diagnosis}</td>
                <td className={`${td} min-w-[12rem]`}>{t.action ?? "–"}</td>
                <td className={`${td} text-right font-semibold`}>{formatShare(t.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <More shown={shown.length} total={rows.length} onMore={() => setAll(true)} />
    </div>
  );
}

/** Pods: share (with imbalance flags), and what source IP each one sees, and why. */
export function PodsTable({ path, onShow }: { path: Path; onShow: (key: string) => void }) {
  const [all, setAll] = useState(false);
  const fair = path.imbalance.fair;
  const rows = [...path.pods].sort((a, b) => (a.node ?? "").localeCompare(b.node ?? "") || a.name.localeCompare(b.name));
  const shown = all ? rows : rows.slice(0, PAGE);
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="pods-table">
          <thead>
            <tr>
              {["Pod", "Node", "Zone", "Ready", "Share", "Sees as source", "Why", "Header"].map((h) => (
                <th key={h} scope="col" className={th}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => {
              const ratio = fair ? p.share / fair : null;
              return (
                <tr key={p.key}>
                  <td className={td}>
                    <button type="button" className={linkBtn} onClick={() => onShow(p.key)} title="Show in the graph">
                      {p.namespace}/{p.name}
                    </button>
                  </td>
                  <td className={td}>{p.node ?? "–"}</td>
                  <td className={`${td} whitespace-nowrap`}>{p.zone ?? "–"}</td>
                  <td className={td}>{p.terminating ? "terminating" : p.ready ? "Ready" : "not Ready"}</td>
                  <td className={`${td} whitespace-nowrap font-semibold`}>
                    {formatShare(p.share)}
                    {ratio != null && ratio > 1.2 ? <span className="ml-1 text-xs font-semibold text-amber-800 dark:text-amber-300">▲ {formatRatio(ratio)} fair</span> : null}
                    {p.starved ? <span className="ml-1 text-xs font-semibold text-red-700 dark:text-red-300">⊘ starved</span> : null}
                  </td>
                  <td className={td}>
                    {p.sourceIp.seenAs === "client" ? "client IP" : `${SEEN_AS[p.sourceIp.seenAs].label}${p.sourceIp.address ? ` (${p.sourceIp.address})` : ""}`}
                  </td>
                  <td className={`${td} min-w-[16rem]`}>
                    {p.sourceIp.explanation} <span className="text-xs text-slate-500">({[p.sourceIp.row, ...p.sourceIp.rules].join(", ")})</span>
                  </td>
                  <td className={td}>{p.sourceIp.header ? HEADER[p.sourceIp.header] : "–"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <More shown={shown.length} total={rows.length} onMore={() => setAll(true)} />
    </div>
  );
}
