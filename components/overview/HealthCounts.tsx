import type { Verdict } from "@/lib/api/topology";
import { VERDICT, VERDICTS } from "@/lib/vocabulary";

type Counts = Record<Verdict, number>;

/**
 * Verdict styles. Expected (by design) must look clearly different from a fault, and never by colour alone:
 * fault is solid red, expected a dashed neutral outline, transient amber; the symbols and words are lib/vocabulary.ts's.
 */
export const VERDICT_CLASS: Record<Verdict, string> = {
  fault: "bg-red-600 text-white border-red-700",
  transient: "bg-amber-100 text-amber-900 border-amber-400 dark:bg-amber-900/40 dark:text-amber-100",
  unknown: "bg-slate-200 text-slate-800 border-slate-400 dark:bg-slate-700 dark:text-slate-100",
  expected: "border-dashed border-slate-400 text-slate-600 dark:text-slate-300",
  healthy: "bg-emerald-50 text-emerald-800 border-emerald-300 dark:bg-emerald-900/30 dark:text-emerald-200",
};

export function VerdictBadge({ verdict, count }: { verdict: Verdict; count?: number }) {
  const s = { cls: VERDICT_CLASS[verdict], mark: VERDICT[verdict].symbol, word: VERDICT[verdict].word };
  const label = count === undefined ? s.word : `${count} ${s.word}`;
  return (
    <span
      data-verdict={verdict}
      data-count={count}
      title={VERDICT[verdict].meaning}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-0.5 text-xs font-medium ${s.cls}`}
    >
      <span aria-hidden="true">{s.mark}</span>
      {label}
    </span>
  );
}

/** healthy / expected / transient / fault (and unknown) counts; zero counts are left out, except "0 healthy"
 *  when asked (a load balancer that was read and has no healthy target is news). */
export function HealthCounts({ health, showZeroHealthy = true }: { health: Counts; showZeroHealthy?: boolean }) {
  const shown = VERDICTS.filter((v) => health[v] > 0 || (v === "healthy" && showZeroHealthy));
  return (
    <span className="flex flex-wrap gap-1" data-testid="health-counts">
      {shown.map((v) => (
        <VerdictBadge key={v} verdict={v} count={health[v]} />
      ))}
    </span>
  );
}
