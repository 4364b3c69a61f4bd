"use client";
import { useEffect, useRef, useState } from "react";

/**
 * "Copy summary": puts Markdown on the clipboard for an incident channel or a ticket. `getText` runs at click
 * time, so the text has the current data and URL. Shows "Copied ✓" for a moment; when the clipboard API is
 * missing or refused (plain-http origins, locked-down browsers), it shows the text selected in a textarea to copy
 * by hand instead of failing silently.
 *
 *   <CopySummaryButton getText={() => pinnedTopologySummary(topology, window.location.href)} />
 */
export function CopySummaryButton({ getText, label = "Copy summary", className = "" }: { getText: () => string; label?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "fallback">("idle");
  const [text, setText] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state === "copied") {
      const id = setTimeout(() => setState("idle"), 2500);
      return () => clearTimeout(id);
    }
    if (state === "fallback") area.current?.select();
  }, [state]);

  async function copy() {
    const t = getText();
    setText(t);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard API");
      await navigator.clipboard.writeText(t);
      setState("copied");
    } catch {
      setState("fallback");
    }
  }

  return (
    <span className={`relative inline-block ${className}`}>
      <button
        type="button"
        onClick={copy}
        data-testid="copy-summary"
        className="rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800"
      >
        {state === "copied" ? "Copied ✓" : label}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? "Summary copied to the clipboard" : ""}
      </span>
      {state === "fallback" ? (
        <span className="absolute right-0 z-20 mt-1 block w-[32rem] max-w-[90vw] rounded border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-600 dark:bg-slate-900">
          <span className="mb-1 block text-xs text-slate-600 dark:text-slate-300">The clipboard is not available here: the text is selected, press Ctrl+C (⌘C).</span>
          <textarea
            ref={area}
            readOnly
            value={text}
            rows={10}
            aria-label="Summary to copy"
            data-testid="copy-summary-fallback"
            className="w-full rounded border border-slate-300 p-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          />
          <button type="button" onClick={() => setState("idle")} className="mt-1 text-xs underline">
            Close
          </button>
        </span>
      ) : null}
    </span>
  );
}
