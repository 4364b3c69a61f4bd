import type { ServiceSummary } from "@/lib/api/topology";
import type { OverviewQuery, OverviewSort } from "./overviewQuery";

/** One table row of the overview: a LoadBalancer Service of one cluster, with that cluster's data time. */
export interface OverviewRow {
  cluster: string;
  capturedAt: string;
  /** Halves of the cluster's data older than twice their refresh interval (lib/api/dataAge.ts). */
  stale?: ("kubernetes" | "aws")[];
  svc: ServiceSummary;
}

export const PAGE_SIZE = 100;

/**
 * How urgently a Service needs a look, for the default "health" sort: fail-open first, then faults, an LB
 * that cannot be found, unreadable health, transient, pending, unsupported, expected-only, healthy.
 */
export function healthRank(s: ServiceSummary): number {
  if (s.failOpen) return 8;
  if (s.health.fault > 0) return 7;
  if (s.status === "not-found") return 6;
  if (s.status === "unknown" || s.health.unknown > 0) return 5;
  if (s.health.transient > 0) return 4;
  if (s.status === "pending") return 3;
  if (s.status === "unsupported") return 2;
  if (s.health.expected > 0) return 1;
  return 0;
}

/** Source-IP badness (SRC-*): the client IP (0) < carried in a header (1) < load balancer IP (2) < node IP (3). */
export function sourceIpRank(s: ServiceSummary): number {
  if (!s.sourceIp) return -1;
  if (s.sourceIp.seenAs === "client") return 0;
  if (s.sourceIp.header) return 1;
  return s.sourceIp.seenAs === "load-balancer" ? 2 : 3;
}

const IMBALANCE_RANK = { ok: 0, warn: 1, high: 2 } as const;

export function matchesVerdict(s: ServiceSummary, v: OverviewQuery["verdict"]): boolean {
  switch (v) {
    case "":
      return true;
    case "fault":
    case "transient":
    case "expected":
      return s.health[v] > 0;
    case "unknown":
      return s.health.unknown > 0 || s.status === "unknown";
    case "healthy":
      return s.status === "ok" && s.health.fault + s.health.transient + s.health.expected + s.health.unknown === 0;
    case "fail-open":
      return s.failOpen;
    default:
      return s.status === v;
  }
}

/**
 * Search: whitespace-separated terms, all must match. `key=value` matches a label exactly (`key=` any value);
 * any other term is a case-insensitive substring of namespace/name, a load balancer DNS name, a finding code or
 * the cluster.
 */
export function matchesSearch(row: OverviewRow, q: string): boolean {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const { svc } = row;
  const hay = [`${svc.namespace}/${svc.name}`, row.cluster, ...svc.dnsNames, ...svc.findings.map((f) => f.code)].map((s) => s.toLowerCase());
  const labels = Object.entries(svc.labels).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()] as const);
  return terms.every((t) => {
    const eq = t.indexOf("=");
    if (eq > 0) {
      const key = t.slice(0, eq);
      const value = t.slice(eq + 1);
      return labels.some(([k, v]) => k === key && (value === "" || v === value));
    }
    return hay.some((h) => h.includes(t));
  });
}

export function filterRows(rows: readonly OverviewRow[], q: OverviewQuery): OverviewRow[] {
  return rows.filter(
    (r) =>
      (!q.cluster || r.cluster === q.cluster) &&
      (!q.ns || r.svc.namespace === q.ns) &&
      (!q.controller || r.svc.controller === q.controller) &&
      matchesVerdict(r.svc, q.verdict) &&
      matchesSearch(r, q.q),
  );
}

type Key = (r: OverviewRow) => number | string;

const SORT_KEYS: Record<OverviewSort, Key[]> = {
  health: [(r) => healthRank(r.svc), (r) => r.svc.health.fault, (r) => r.svc.health.transient, (r) => r.svc.health.unknown],
  name: [(r) => `${r.svc.namespace}/${r.svc.name}`],
  cluster: [(r) => r.cluster],
  controller: [(r) => r.svc.controller],
  lb: [(r) => r.svc.loadBalancerKind ?? "~", (r) => r.svc.targetType ?? "~"],
  sourceIp: [(r) => sourceIpRank(r.svc)],
  imbalance: [(r) => IMBALANCE_RANK[r.svc.imbalance.level], (r) => r.svc.imbalance.ratio ?? 0],
  // Age: older data is "more age", so desc puts the stalest cluster first.
  age: [(r) => -Date.parse(r.capturedAt) || 0],
};

function cmp(a: number | string, b: number | string): number {
  return typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
}

/** Sorts by the column, then always by cluster, namespace and name, so equal rows keep a stable order. */
export function sortRows(rows: readonly OverviewRow[], sort: OverviewSort, dir: "asc" | "desc"): OverviewRow[] {
  const keys = SORT_KEYS[sort];
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const c = cmp(k(a), k(b));
      if (c !== 0) return sign * c;
    }
    return cmp(a.cluster, b.cluster) || cmp(a.svc.namespace, b.svc.namespace) || cmp(a.svc.name, b.svc.name);
  });
}

export interface Paged<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

/** One page of rows; a page past the end shows the last page rather than an empty table. */
export function paginate<T>(rows: readonly T[], page: number, size = PAGE_SIZE): Paged<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: rows.slice((p - 1) * size, p * size), page: p, pages, total: rows.length };
}

/** Filter, sort, paginate: everything the table shows for a URL state. */
export function overviewView(rows: readonly OverviewRow[], q: OverviewQuery): Paged<OverviewRow> & { matched: number } {
  const filtered = sortRows(filterRows(rows, q), q.sort, q.dir);
  return { ...paginate(filtered, q.page), matched: filtered.length };
}
