import type { GraphPreview } from "@/lib/graph/preview";

/**
 * The server-drawn picture of the graph (server/views/graphPreview.ts), shown until the interactive graph is
 * ready. An <img> of a data: URL, not inline SVG markup: an SVG image can run no script and load nothing, so
 * cluster text in it stays inert even if an escape were ever missed. Dark mode inverts the light drawing rather
 * than sending a second one.
 */
export function GraphPreviewImage({ preview }: { preview: GraphPreview }) {
  return (
    <div className="relative h-full min-h-[400px] overflow-hidden rounded-md border border-slate-200 p-2 dark:border-slate-800">
      <img
        src={preview.src}
        alt={preview.label}
        data-testid="graph-preview"
        data-path={preview.pathId}
        className="h-auto max-w-full dark:[filter:invert(1)_hue-rotate(180deg)]"
      />
      <p className="absolute bottom-2 left-2 rounded bg-white/90 px-2 py-0.5 text-xs text-slate-700 dark:bg-slate-900/90 dark:text-slate-200" role="status">
        Loading the interactive graph…
      </p>
    </div>
  );
}
