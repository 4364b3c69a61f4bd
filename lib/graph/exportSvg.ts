import { cardLines } from "./cardText";
import { formatShare } from "./format";
import type { Layout } from "./layout";
import type { GraphModel, GraphNode } from "./model";

/**
 * The current graph view as a standalone SVG (no foreignObject, no external fonts), so it can be saved as
 * .svg or drawn onto a canvas for .png without tainting it. All cluster text is XML-escaped.
 */

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const LIGHT = { bg: "#ffffff", band: "#f1f5f9", bandText: "#334155", card: "#ffffff", text: "#0f172a", sub: "#475569", edge: "#64748b", bad: "#dc2626", ok: "#059669", warn: "#d97706", muted: "#94a3b8" };
const DARK = { bg: "#020617", band: "#0f172a", bandText: "#cbd5e1", card: "#1e293b", text: "#f1f5f9", sub: "#cbd5e1", edge: "#94a3b8", bad: "#f87171", ok: "#34d399", warn: "#fbbf24", muted: "#64748b" };

function border(n: GraphNode, c: typeof LIGHT): { stroke: string; dash: string; width: number } {
  const d = n.data;
  if (d.kind === "target") {
    switch (d.target.verdict) {
      case "healthy":
        return { stroke: c.ok, dash: "", width: 1.5 };
      case "expected":
        return { stroke: c.muted, dash: "5 3", width: 2 };
      case "transient":
        return { stroke: c.warn, dash: "2 2", width: 2 };
      case "fault":
        return { stroke: c.bad, dash: "", width: 2.5 };
      default:
        return { stroke: c.muted, dash: "1 3", width: 2 };
    }
  }
  if (d.kind === "sink") return { stroke: d.sink === "unknown" ? c.muted : c.bad, dash: "", width: 2 };
  if (d.kind === "lbMissing") return { stroke: c.warn, dash: "6 4", width: 2 };
  if (d.kind === "rule" && d.shadowed) return { stroke: c.warn, dash: "6 4", width: 1.5 };
  return { stroke: c.edge, dash: "", width: 1 };
}

export function graphToSvg(graph: GraphModel, layout: Layout, opts: { dark?: boolean; title?: string } = {}): string {
  const c = opts.dark ? DARK : LIGHT;
  const pad = 24;
  const head = opts.title ? 28 : 0;
  const w = Math.ceil(layout.width + 2 * pad);
  const h = Math.ceil(layout.height + 2 * pad + head);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="${c.bg}"/>`);
  if (opts.title) out.push(`<text x="${pad}" y="${pad + 6}" font-size="15" font-weight="600" fill="${c.text}">${esc(opts.title)}</text>`);
  out.push(`<g transform="translate(${pad},${pad + head})">`);
  for (const n of graph.nodes) {
    if (n.data.kind !== "zone") continue;
    const r = layout.positions[n.key];
    out.push(`<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="8" fill="${c.band}" stroke="${c.muted}" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${r.x + 10}" y="${r.y + 19}" fill="${c.bandText}" font-weight="600">${esc(cardLines(n)[0])}</text>`);
  }
  for (const e of graph.edges) {
    const s = layout.positions[e.source];
    const t = layout.positions[e.target];
    if (!s || !t) continue;
    const sx = s.x + s.width, sy = s.y + s.height / 2, tx = t.x, ty = t.y + t.height / 2;
    const mx = (sx + tx) / 2;
    const colour = e.kind === "flow" ? c.edge : e.kind === "unknown" ? c.muted : c.bad;
    const width = e.share == null ? 1.5 : 1.5 + 10 * Math.min(1, e.share);
    const dash = e.seen === "client" ? "" : ` stroke-dasharray="7 5"`;
    out.push(`<path d="M${sx},${sy} C${mx},${sy} ${mx},${ty} ${tx},${ty}" fill="none" stroke="${colour}" stroke-width="${width.toFixed(1)}"${dash} opacity="0.8"/>`);
    if (e.labelled && e.share != null) {
      // As on screen: right-aligned just before the arrow.
      const label = `${formatShare(e.share)}${e.note ? ` ${e.note.replace("src: ", "")}` : ""}`;
      out.push(`<text x="${(tx - 10).toFixed(1)}" y="${(ty - 6).toFixed(1)}" text-anchor="end" font-size="10" font-weight="600" fill="${c.sub}" stroke="${c.bg}" stroke-width="3" paint-order="stroke">${esc(label)}</text>`);
    }
  }
  for (const n of graph.nodes) {
    if (n.data.kind === "zone") continue;
    const r = layout.positions[n.key];
    if (!r) continue;
    const b = border(n, c);
    out.push(`<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" rx="6" fill="${c.card}" stroke="${b.stroke}" stroke-width="${b.width}"${b.dash ? ` stroke-dasharray="${b.dash}"` : ""}/>`);
    cardLines(n).forEach((line, i) => {
      if (!line || 16 + i * 15 > r.height) return;
      const max = Math.floor(r.width / 6.3);
      const text = line.length > max ? `${line.slice(0, max - 1)}…` : line;
      out.push(`<text x="${r.x + 8}" y="${r.y + 16 + i * 15}" fill="${i === 0 ? c.text : c.sub}"${i === 0 ? ` font-weight="600"` : ""}>${esc(text)}</text>`);
    });
  }
  out.push(`</g></svg>`);
  return out.join("\n");
}
