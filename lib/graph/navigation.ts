import { COLUMNS, type GraphModel } from "./model";
import type { Layout } from "./layout";

export type Direction = "up" | "down" | "left" | "right";

/**
 * Arrow-key navigation between graph elements (Tab walks them in packet order; arrows move spatially):
 * up/down to the neighbour in the same column, left/right to the nearest element of the next non-empty
 * column. Zone bands are reachable with Tab but skipped by arrows (they sit behind everything).
 */
export function neighbour(graph: GraphModel, layout: Layout, from: string, dir: Direction): string | null {
  const cy = (k: string) => {
    const r = layout.positions[k];
    return r ? r.y + r.height / 2 : 0;
  };
  const nodes = graph.nodes.filter((n) => n.data.kind !== "zone" && layout.positions[n.key]);
  const here = nodes.find((n) => n.key === from);
  if (!here) return nodes[0]?.key ?? null;
  const col = COLUMNS.indexOf(here.column);
  if (dir === "up" || dir === "down") {
    const same = nodes.filter((n) => n.column === here.column).sort((a, b) => cy(a.key) - cy(b.key) || (a.key < b.key ? -1 : 1));
    const i = same.findIndex((n) => n.key === from);
    return same[dir === "up" ? i - 1 : i + 1]?.key ?? null;
  }
  const step = dir === "left" ? -1 : 1;
  for (let c = col + step; c >= 0 && c < COLUMNS.length; c += step) {
    const inCol = nodes.filter((n) => COLUMNS.indexOf(n.column) === c);
    if (!inCol.length) continue;
    const y = cy(from);
    return inCol.reduce((best, n) => (Math.abs(cy(n.key) - y) < Math.abs(cy(best.key) - y) ? n : best)).key;
  }
  return null;
}
