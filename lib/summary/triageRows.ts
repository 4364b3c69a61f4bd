import type { TriageRow } from "@/lib/api/topology";
import { VERDICT_ORDER } from "@/lib/vocabulary";
import { paginate, PAGE_SIZE, type Paged } from "./overviewRows";
import type { TriageQuery, TriageSort } from "./triageQuery";

/** A triage row with the cluster it came from (the API answers per cluster; the page merges them). */
export interface TriageItem {
  cluster: string;
  row: TriageRow;
  /** The answer's data time (age.capturedAt): "since" durations are measured against it. */
  capturedAt?: string;
}

/** Rank 5 = expected by design (issue 4): collapsed by default. */
export const EXPECTED_RANK = 5;

type Key = (i: TriageItem) => string | number;

const SORT_KEYS: Record<TriageSort, Key[]> = {
  rank: [(i) => i.row.rank, (i) => VERDICT_ORDER[i.row.verdict]],
  service: [(i) => `${i.row.service.namespace}/${i.row.service.name}`],
  cluster: [(i) => i.cluster],
  zone: [(i) => i.row.zone ?? "~"],
  node: [(i) => i.row.node ?? i.row.pod?.name ?? "~"],
  code: [(i) => i.row.code],
};

function cmp(a: string | number, b: string | number): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

export function filterTriage(items: readonly TriageItem[], q: TriageQuery): TriageItem[] {
  return items.filter(
    (i) =>
      (!q.cluster || i.cluster === q.cluster) &&
      (!q.ns || i.row.service.namespace === q.ns) &&
      (!q.verdict || i.row.verdict === q.verdict) &&
      (!q.code || i.row.code === q.code),
  );
}

/** Sorts by the chosen column, then by rank, cluster, Service and target key (stable, deterministic). */
export function sortTriage(items: readonly TriageItem[], sort: TriageSort, dir: "asc" | "desc"): TriageItem[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    for (const k of SORT_KEYS[sort]) {
      const c = cmp(k(a), k(b));
      if (c !== 0) return sign * c;
    }
    return (
      a.row.rank - b.row.rank ||
      VERDICT_ORDER[a.row.verdict] - VERDICT_ORDER[b.row.verdict] ||
      cmp(a.cluster, b.cluster) ||
      cmp(`${a.row.service.namespace}/${a.row.service.name}`, `${b.row.service.namespace}/${b.row.service.name}`) ||
      cmp(a.row.key, b.row.key)
    );
  });
}

export interface TriageView extends Paged<TriageItem> {
  /** Expected-by-design rows hidden behind the "show" toggle (0 when shown). */
  hiddenExpected: number;
  /** Expected-by-design rows that match the filters, shown or not. */
  expectedTotal: number;
  /** Whether expected rows are listed (expanded in the URL, or asked for with verdict=expected). */
  expectedShown: boolean;
}

export function triageView(items: readonly TriageItem[], q: TriageQuery, size = PAGE_SIZE): TriageView {
  const filtered = sortTriage(filterTriage(items, q), q.sort, q.dir);
  const expected = filtered.filter((i) => i.row.rank >= EXPECTED_RANK);
  const expectedShown = q.expected || q.verdict === "expected";
  const visible = expectedShown ? filtered : filtered.filter((i) => i.row.rank < EXPECTED_RANK);
  return { ...paginate(visible, q.page, size), hiddenExpected: expectedShown ? 0 : expected.length, expectedTotal: expected.length, expectedShown };
}
