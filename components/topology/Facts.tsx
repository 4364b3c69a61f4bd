import type { ReactNode } from "react";
import { ruleHref, ruleText } from "@/lib/api/rules";

/** A two-column list of facts; rows with a null value are left out. */
export function Facts({ rows, testId }: { rows: [string, ReactNode][]; testId?: string }) {
  const shown = rows.filter(([, v]) => v != null && v !== "");
  return (
    <dl data-testid={testId} className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-sm">
      {shown.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Rule IDs with their plain-words meaning ("cite the rule behind each conclusion"). */
export function RuleList({ rules }: { rules: string[] }) {
  if (!rules.length) return null;
  return (
    <ul className="space-y-1 text-sm" aria-label="Rules behind this conclusion">
      {rules.map((r) => (
        <li key={r}>
          <a href={ruleHref(r)} className="mr-1 rounded bg-slate-100 px-1 font-mono text-xs underline decoration-dotted dark:bg-slate-800">
            {r}
          </a>
          {ruleText(r) ?? ""}
        </li>
      ))}
    </ul>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-1.5">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {children}
    </section>
  );
}
