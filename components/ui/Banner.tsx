import type { ReactNode } from "react";

const TONES = {
  info: { box: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100", icon: "ℹ" },
  warning: { box: "border-amber-400 bg-amber-50 text-amber-950 dark:border-amber-600 dark:bg-amber-950 dark:text-amber-100", icon: "⚠" },
  error: { box: "border-red-400 bg-red-50 text-red-950 dark:border-red-700 dark:bg-red-950 dark:text-red-100", icon: "✕" },
} as const;

/** A page-level message: what happened (title), then the details (cause and fix). */
export function Banner({ tone = "info", title, children, testId }: { tone?: keyof typeof TONES; title: ReactNode; children?: ReactNode; testId?: string }) {
  const t = TONES[tone];
  return (
    <div role={tone === "info" ? "status" : "alert"} data-testid={testId} className={`flex gap-2 rounded-md border px-3 py-2 text-sm ${t.box}`}>
      <span aria-hidden="true" className="mt-px font-bold">
        {t.icon}
      </span>
      <div className="min-w-0 space-y-1">
        <div className="font-semibold">{title}</div>
        {children ? <div className="space-y-1">{children}</div> : null}
      </div>
    </div>
  );
}
