/** Page controls; pages are 1-based and live in the URL (`page=`). */
export function Pager({ page, pages, total, noun, onPage }: { page: number; pages: number; total: number; noun: string; onPage: (p: number) => void }) {
  if (pages <= 1) return <p className="mt-2 text-xs text-slate-500">{total} {noun}</p>;
  const btn = "rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-40 dark:border-slate-600";
  return (
    <nav aria-label="Pages" className="mt-2 flex items-center gap-2 text-sm">
      <button type="button" className={btn} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Previous
      </button>
      <span>
        Page {page} of {pages} · {total} {noun}
      </span>
      <button type="button" className={btn} disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next →
      </button>
    </nav>
  );
}
