import Link from "next/link";
import type { OverviewRow } from "@/lib/summary/overviewRows";
import { matchesVerdict } from "@/lib/summary/overviewRows";
import type { OverviewQuery, OverviewVerdict } from "@/lib/summary/overviewQuery";
import { VERDICT } from "@/lib/vocabulary";

const ITEMS: [OverviewVerdict, string, string][] = [
  ["fail-open", "failing open", "text-red-800 border-red-400 dark:text-red-200"],
  ["fault", `with ${VERDICT.fault.label}`, "text-red-700 border-red-300 dark:text-red-200"],
  ["not-found", "LB not found", "text-red-700 border-red-300 dark:text-red-200"],
  ["transient", `with ${VERDICT.transient.label}`, "text-amber-800 border-amber-300 dark:text-amber-200"],
  ["pending", "LB pending", "text-slate-700 border-slate-300 dark:text-slate-200"],
  ["expected", `with ${VERDICT.expected.label}`, "text-slate-600 border-dashed border-slate-400 dark:text-slate-300"],
  ["healthy", `all ${VERDICT.healthy.label}`, "text-emerald-800 border-emerald-300 dark:text-emerald-200"],
];

/**
 * The first answer on the page: how many Services are broken and how. Each count filters the table to them;
 * the triage link lists the targets behind them.
 */
export function OverviewHeadline({ rows, onVerdict, active }: { rows: readonly OverviewRow[]; onVerdict: (v: OverviewQuery["verdict"]) => void; active: OverviewQuery["verdict"] }) {
  const counts = ITEMS.map(([v, label, cls]) => [v, label, cls, rows.filter((r) => matchesVerdict(r.svc, v)).length] as const);
  const broken = counts.filter(([v, , , n]) => n > 0 && (v === "fail-open" || v === "fault" || v === "not-found")).length > 0;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2 text-sm" data-testid="headline">
      <span className="font-medium">{rows.length} LoadBalancer Services:</span>
      {counts
        .filter(([v, , , n]) => n > 0 || v === "fault")
        .map(([v, label, cls, n]) => (
          <button
            key={v}
            type="button"
            aria-pressed={active === v}
            onClick={() => onVerdict(active === v ? "" : v)}
            className={`rounded border px-2 py-0.5 ${cls} ${active === v ? "ring-2 ring-blue-500" : ""}`}
          >
            <strong>{n}</strong> {label}
          </button>
        ))}
      <Link href="/triage" className="ml-auto rounded bg-slate-900 px-2.5 py-1 text-white hover:bg-slate-700 dark:bg-slate-100 dark:text-slate-900">
        {broken ? "Triage: what to fix first →" : "Triage →"}
      </Link>
    </div>
  );
}
