"use client";
import { useState } from "react";
import { graphToSvg } from "@/lib/graph/exportSvg";
import type { GraphResult } from "@/lib/graph/pipeline";

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 120);

/** Export the current view (same expansion, same marks) as SVG, or as PNG drawn from that SVG on a canvas. */
export function ExportButtons({ result, title }: { result: GraphResult; title: string }) {
  const [busy, setBusy] = useState(false);
  const svgText = () => graphToSvg(result.graph, result.layout, { dark: window.matchMedia?.("(prefers-color-scheme: dark)").matches, title });
  const exportSvg = () => download(new Blob([svgText()], { type: "image/svg+xml" }), `${safeName(title)}.svg`);
  const exportPng = async () => {
    setBusy(true);
    try {
      const svg = svgText();
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await img.decode();
      // Twice the resolution for sharp text, but stay under browsers' canvas size limits.
      const scale = Math.min(2, 16_000 / Math.max(img.width, img.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      const ctx = canvas.getContext("2d");
      if (!ctx) return;
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0);
      const blob = await new Promise<Blob | null>((res) => canvas.toBlob(res, "image/png"));
      if (blob) download(blob, `${safeName(title)}.png`);
    } finally {
      setBusy(false);
    }
  };
  const btn = "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 shadow-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800";
  return (
    <div className="flex gap-1" role="group" aria-label="Export the current view">
      <button type="button" className={btn} onClick={exportSvg}>
        Export SVG
      </button>
      <button type="button" className={btn} onClick={() => void exportPng()} disabled={busy} aria-busy={busy}>
        Export PNG
      </button>
    </div>
  );
}
