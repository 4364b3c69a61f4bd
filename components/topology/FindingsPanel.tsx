"use client";
import type { Finding, Severity } from "@/lib/api/topology";
import { PATH_CODES, TARGET_CODES } from "@/lib/api/codes";
import { Badge, type Tone } from "@/components/ui/Badge";
import { SEVERITY } from "@/lib/vocabulary";
import { ruleText } from "@/lib/api/rules";

const TONE: Record<Severity, Tone> = { critical: "bad", warning: "warn", info: "info" };

/**
 * Findings for this path and the whole Service, in the server's order (most severe first; within a severity the
 * order the analysis found them in, which puts a zone's cause before its consequences). Never sorted again here.
 */
export function findingsFor(findings: Finding[], pathId: string | null): Finding[] {
  return findings.filter((f) => f.pathId == null || pathId == null || f.pathId === pathId);
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
        const look = { tone: TONE[f.severity], icon: SEVERITY[f.severity].symbol, word: SEVERITY[f.severity].word };
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
                  // Text, not links: the finding itself may be a button (nested controls are not allowed); the rule's
                  // words are in the title, and the inspector and /rules link to the full text.
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
