/** Small helpers shared by the overview and triage URL states. */

export type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

export function first(src: ParamSource, name: string): string | undefined {
  if (src instanceof URLSearchParams) return src.get(name) ?? undefined;
  const v = src[name];
  return Array.isArray(v) ? v[0] : v;
}

/** A value from a fixed set, else the fallback: a bad link degrades to the default view, never to an error. */
export function oneOf<T extends string>(raw: string | undefined, allowed: readonly T[], fallback: T): T {
  return raw !== undefined && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

/** Free text from the URL: trimmed, bounded (a pasted megabyte must not reach the filter loop). */
export function text(raw: string | undefined, max = 200): string {
  return (raw ?? "").trim().slice(0, max);
}

export function page(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export type Dir = "asc" | "desc";
export const DIRS: readonly Dir[] = ["asc", "desc"];

/** Writes entries in the given order, skipping those equal to their default, so links are short and canonical. */
export function serialise(entries: [string, string | number | boolean, string | number | boolean][]): string {
  const q = new URLSearchParams();
  for (const [k, v, d] of entries) if (v !== d && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
