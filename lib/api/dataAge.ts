import type { DataAge } from "./topology";

export type Half = "kubernetes" | "aws";

/**
 * The halves of an answer that are stale: read longer ago than twice their refresh interval (issue 5). Ages are
 * compared with `servedAt`, the server's clock when it took the data from its cache, so a browser clock that is
 * off does not matter; pass `now` (ms) to age the answer further, e.g. while the page waits for the next fetch
 * (then the browser's clock counts, plus its skew). A half that was never read (null) is not stale: the answer's
 * warnings say why it is missing. Demo and snapshot answers have no intervals and are never stale.
 */
export function staleHalves(age: DataAge, now?: number): Half[] {
  const intervals = age.refreshSeconds;
  if (!intervals) return [];
  const at = now ?? (age.servedAt ? Date.parse(age.servedAt) : Date.now());
  const out: Half[] = [];
  for (const half of ["kubernetes", "aws"] as const) {
    const read = age[half];
    const every = intervals[half];
    if (read === null || every === null) continue;
    const t = Date.parse(read);
    if (Number.isFinite(t) && at - t > 2 * every * 1000) out.push(half);
  }
  return out;
}
