"use client";
import type { Finding, Severity } from "@/lib/api/topology";
import { PATH_CODES, TARGET_CODES } from "@/lib/api/codes";
import { Badge } from "@/components/ui/Badge";
import { ruleText } from "@/lib/graph/ruleText";

const ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const LOOK = {
  critical: { tone: "bad", icon: "‼", word: "critical" },
  warning: { tone: "warn", icon: "⚠", word: "warning" },
  info: { tone: "info", icon: "ℹ", word: "info" },
} as const;

/** Findings for this path and the whole Service, most severe first (stable within a severity). */
export function findingsFor(findings: Finding[], pathId: string | null): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.pathId == null || pathId == null || f.pathId === pathId)
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * The findings in plain words: what is going on (message), why (rules), what to change (action).
 * Picking one highlights the elements it is about (finding.refs) in the graph; picking it again clears.
 */
export function FindingsPanel({ findings, active, onPick }: { findings: Finding[]; active: string | null; onPick?: (code: string | null) => void }) {
  if (!findings.length) return <p className="text-sm text-slate-600 dark:text-slate-300">No findings for this path.</p>;
  return (
    <ol className="space-y-2" aria-label="Findings, most severe first" data-testid="findings">
      {findings.map((f, i) => {
        const look = LOOK[f.severity];
        const picked = active === f.code;
        const codeText = (PATH_CODES as Record<string, string>)[f.code] ?? (TARGET_CODES as Record<string, string>)[f.code];
        const body = (
          <>
            <div className="flex flex-wrap items-center gap-1.5">
              <Badge tone={look.tone} icon={look.icon}>
                {look.word}
              </Badge>
              <span className="font-mono text-xs text-slate-600 dark:text-slate-400" title={codeText}>
                {f.code}
              </span>
              {f.refs.length && onPick ? <span className="text-xs text-slate-500 dark:text-slate-400">· {picked ? "highlighted" : `highlight ${f.refs.length}`}</span> : null}
            </div>
            <p className="mt-1 text-sm">{f.message}</p>
            {f.action ? (
              <p className="mt-1 text-sm">
                <span className="font-semibold">What to change: </span>
                {f.action}
              </p>
            ) : null}
            {f.rules.length ? (
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                Why:{" "}
                {f.rules.map((r, j) => (
                  <span key={r} title={ruleText(r) ?? undefined}>
                    {j ? ", " : ""}
                    <span className="font-mono">{r}</span>
                  </span>
                ))}
              </p>
            ) : null}
          </>
        );
        const frame = `block w-full rounded-md border p-2 text-left ${picked ? "border-amber-500 bg-amber-50 ring-2 ring-amber-400 dark:bg-amber-950" : "border-slate-200 dark:border-slate-700"}`;
        return (
          <li key={`${f.code}-${i}`} data-severity={f.severity}>
            {onPick && f.refs.length ? (
              <button type="button" aria-pressed={picked} className={`${frame} hover:border-sky-500`} onClick={() => onPick(picked ? null : f.code)}>
                {body}
              </button>
            ) : (
              <div className={frame}>{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
