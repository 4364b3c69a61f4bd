import type { Target } from "@/lib/api/topology";
import { VERDICT_ORDER } from "@/lib/vocabulary";

/**
 * Which targets of an opened zone are drawn one by one (issue 10, item 6). A zone of 1,000 targets drawn whole
 * is about 3,000 graph elements and a frame of seconds; so an opened zone draws one page of its targets, worst
 * verdicts first, and keeps the rest in a group that can be paged (`page=` in the URL) or searched (`find=`).
 * Pure: the graph builder (build.ts) sizes the page so the whole graph stays within the element budget.
 */

export interface TargetWindow {
  zone: string;
  /** Keys of the targets drawn one by one. */
  shown: Set<string>;
  /** 0-based page, clamped to the pages there are. */
  page: number;
  pages: number;
  pageSize: number;
  /** Targets the pages run over: the zone's, or those matching `find`. */
  candidates: number;
  /** Targets in the zone. */
  total: number;
  /** The search text the candidates match, if any. */
  find: string | null;
}

/** Most urgent first (the triage order: fault, unknown, transient, expected, healthy); then fail-open receivers. */
export function worstFirst(a: Target, b: Target): number {
  return (
    VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
    Number(b.receivesFailOpenTraffic) - Number(a.receivesFailOpenTraffic) ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/** Find text as typed: trimmed, lower-cased; blank is no search. */
export function normaliseFind(find: string | null | undefined): string | null {
  const s = find?.trim().toLowerCase();
  return s ? s : null;
}

/** Whether a target matches the search: its id (instance or IP), node, pod, state, reason or code, as a substring. */
export function targetMatches(t: Target, needle: string): boolean {
  const hay = [t.id, t.node, t.pod ? `${t.pod.namespace}/${t.pod.name}` : null, t.state, t.reason, t.code, t.verdict];
  return hay.some((h) => h != null && h.toLowerCase().includes(needle));
}

/** One zone's window: page `page` (0-based, clamped) of `candidates` (already in worst-first order), `size` per page. */
export function windowOf(zone: string, candidates: Target[], total: number, size: number, page: number, find: string | null): TargetWindow {
  const pageSize = Math.max(1, Math.min(size, Math.max(1, candidates.length)));
  const pages = Math.max(1, Math.ceil(candidates.length / pageSize));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = new Set(candidates.slice(p * pageSize, (p + 1) * pageSize).map((t) => t.key));
  return { zone, shown, page: p, pages, pageSize, candidates: candidates.length, total, find };
}

/** "Targets:us-east-1a:3" (a 1-based page of an opened zone, as in the URL) → its zone group key and 0-based page. */
export function parsePageEntry(entry: string): { group: string; page: number } | null {
  const m = /^(Targets:[^\s,]+):([1-9]\d{0,3})$/.exec(entry);
  return m ? { group: m[1], page: Number(m[2]) - 1 } : null;
}

export function pageEntry(group: string, page: number): string {
  return `${group}:${page + 1}`;
}

/** The URL's page entries → group key → 0-based page. */
export function pagesByGroup(entries: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entries) {
    const p = parsePageEntry(e);
    if (p) out.set(p.group, p.page);
  }
  return out;
}
