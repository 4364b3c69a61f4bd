/** A sortable column header: click sorts by it, clicking again flips the direction (aria-sort for readers). */
export function SortHeader<K extends string>({
  label,
  column,
  sort,
  dir,
  onSort,
  className = "",
}: {
  label: string;
  column: K;
  sort: K;
  dir: "asc" | "desc";
  onSort: (column: K) => void;
  className?: string;
}) {
  const active = sort === column;
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={`px-2 py-1 text-left font-medium ${className}`}>
      <button type="button" onClick={() => onSort(column)} className="inline-flex items-center gap-1 hover:underline">
        {label}
        <span aria-hidden="true" className={active ? "" : "opacity-30"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
