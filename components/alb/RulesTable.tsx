"use client";
import { actionText, conditionText } from "@/lib/alb/ruleText";
import type { Path } from "@/lib/api/topology";

/**
 * The listener's rules in evaluation order (ALB-R1): lowest priority number first, the default rule last. Every
 * value is cluster/AWS text, rendered as text. A shadowed rule (ALB-R9) is marked with the rule that hides it.
 */
export function RulesTable({ path, highlight }: { path: Path; highlight?: string | null }) {
  const rules = path.rules ?? [];
  if (rules.length === 0) return null;
  return (
    <section aria-labelledby="rules-heading" className="rounded border border-slate-300 p-3 dark:border-slate-700" data-testid="rules-table">
      <h2 id="rules-heading" className="mb-2 text-sm font-semibold">
        {path.loadBalancer.kind === "network"
          ? `Listener ${path.listener?.protocol}:${path.listener?.port} — an NLB listener has no rules: its default action takes every flow`
          : `Rules of listener ${path.listener?.protocol}:${path.listener?.port} — evaluated top to bottom, the first match wins`}
      </h2>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-xs">
          <thead className="border-b border-slate-300 text-left text-slate-600 dark:border-slate-700 dark:text-slate-300">
            <tr>
              <th scope="col" className="px-2 py-1">Priority</th>
              <th scope="col" className="px-2 py-1">Conditions (all must match)</th>
              <th scope="col" className="px-2 py-1">Action</th>
              <th scope="col" className="px-2 py-1">From</th>
              <th scope="col" className="px-2 py-1">Note</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.arn} data-testid="rule-row" data-priority={r.priority} className={`border-b border-slate-100 align-top dark:border-slate-800 ${r.priority === highlight ? "bg-blue-50 font-semibold dark:bg-blue-950/40" : ""} ${r.shadowedBy ? "text-slate-500" : ""}`}>
                <td className="px-2 py-1 font-mono">{r.priority}</td>
                <td className="px-2 py-1">{r.isDefault ? <span className="italic">none (default rule)</span> : r.conditions.map((c, i) => <div key={i}>{conditionText(c)}</div>)}</td>
                <td className="px-2 py-1">{r.actions.map((a, i) => <div key={i}>{actionText(a)}</div>)}</td>
                <td className="px-2 py-1">{r.source ? `${r.source.kind} ${r.source.namespace}/${r.source.name}` : "—"}</td>
                <td className="px-2 py-1">
                  {r.shadowedBy ? (
                    <span className="font-semibold text-amber-800 dark:text-amber-300" data-testid="shadowed">⚠ never wins: rule {r.shadowedBy} matches first</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
