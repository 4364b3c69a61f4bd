import type { ReactNode } from "react";

export type Tone = "ok" | "expected" | "warn" | "bad" | "info" | "neutral";

/** Colours are a second signal only: every badge also carries a symbol or words. */
const TONES: Record<Tone, string> = {
  ok: "border-emerald-600 bg-emerald-50 text-emerald-900 dark:border-emerald-500 dark:bg-emerald-950 dark:text-emerald-200",
  expected: "border-dashed border-slate-400 bg-slate-50 text-slate-700 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-300",
  warn: "border-amber-600 bg-amber-50 text-amber-900 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-200",
  bad: "border-red-600 bg-red-50 text-red-900 dark:border-red-500 dark:bg-red-950 dark:text-red-200",
  info: "border-sky-600 bg-sky-50 text-sky-900 dark:border-sky-500 dark:bg-sky-950 dark:text-sky-200",
  neutral: "border-slate-300 bg-white text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300",
};

export function Badge({ tone = "neutral", icon, children, title, className = "" }: { tone?: Tone; icon?: string; children: ReactNode; title?: string; className?: string }) {
  return (
    <span title={title} className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-px text-xs font-medium leading-5 ${TONES[tone]} ${className}`}>
      {icon ? <span aria-hidden="true">{icon}</span> : null}
      {children}
    </span>
  );
}
