import type { Verdict } from "@/lib/api/topology";

type Counts = Record<Verdict, number>;

/**
 * Verdict styles. Expected (by design) must look clearly different from a fault, and never by colour alone:
 * fault is solid red with "✕", expected is a dashed neutral outline with "◌", transient amber with "…".
 */
export const VERDICT_STYLE: Record<Verdict, { cls: string; mark: string; word: string }> = {
  fault: { cls: "bg-red-600 text-white border-red-700", mark: "✕", word: "fault" },
  transient: { cls: "bg-amber-100 text-amber-900 border-amber-400 dark:bg-amber-900/40 dark:text-amber-100", mark: "…", word: "transient" },
  unknown: { cls: "bg-slate-200 text-slate-800 border-slate-400 dark:bg-slate-700 dark:text-slate-100", mark: "?", word: "unknown" },
  expected: { cls: "border-dashed border-slate-400 text-slate-600 dark:text-slate-300", mark: "◌", word: "expected" },
  healthy: { cls: "bg-emerald-50 text-emerald-800 border-emerald-300 dark:bg-emerald-900/30 dark:text-emerald-200", mark: "✓", word: "healthy" },
};

const ORDER: Verdict[] = ["fault", "transient", "unknown", "expected", "healthy"];

export function VerdictBadge({ verdict, count }: { verdict: Verdict; count?: number }) {
  const s = VERDICT_STYLE[verdict];
  const label = count === undefined ? s.word : `${count} ${s.word}`;
  return (
    <span
      data-verdict={verdict}
      data-count={count}
      title={verdict === "expected" ? "unhealthy by design or by configuration: no action needed" : undefined}
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
  const shown = ORDER.filter((v) => health[v] > 0 || (v === "healthy" && showZeroHealthy));
  return (
    <span className="flex flex-wrap gap-1" data-testid="health-counts">
      {shown.map((v) => (
        <VerdictBadge key={v} verdict={v} count={health[v]} />
      ))}
    </span>
  );
}
