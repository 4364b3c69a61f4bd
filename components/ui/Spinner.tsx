/** An indeterminate spinner with a label for screen readers (and sighted users when `showLabel`). */
export function Spinner({ label = "Loading", showLabel = false, className = "" }: { label?: string; showLabel?: boolean; className?: string }) {
  return (
    <span role="status" className={`inline-flex items-center gap-2 ${className}`}>
      <span aria-hidden="true" className="inline-block h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-600 motion-reduce:animate-none dark:border-slate-600 dark:border-t-sky-400" />
      <span className={showLabel ? "text-sm text-slate-600 dark:text-slate-300" : "sr-only"}>{label}</span>
    </span>
  );
}

/** Steps of a load, shown as a labelled progress bar (the loading state is designed, not blank). */
export function Progress({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="w-full max-w-md space-y-1">
      <div className="flex justify-between text-sm text-slate-600 dark:text-slate-300">
        <span>{label}</span>
        <span aria-hidden="true">
          {value}/{max}
        </span>
      </div>
      <progress value={value} max={max} aria-label={label} className="h-2 w-full overflow-hidden rounded accent-sky-600" />
    </div>
  );
}
