"use client";
import { useEffect, useState } from "react";
import { mergeQuery, parseViewState } from "@/lib/url/viewState";

/**
 * Copies the page's full URL (which holds the whole view state). Falls back to showing the link selected
 * in a text field when the clipboard API is missing or refused.
 */
export function CopyLinkButton() {
  const [state, setState] = useState<"idle" | "copied" | "fallback">("idle");
  const [href, setHref] = useState("");
  useEffect(() => {
    if (state !== "copied") return;
    const id = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(id);
  }, [state]);
  const copy = async () => {
    // The live view's link must not claim an old moment: drop any asOf/digest pin (issue 4). Rebuilt with
    // the view's own serialiser, so keys stay readable (`sel=Pod:shop/web-1`).
    const u = new URL(window.location.href);
    u.searchParams.delete("asOf");
    u.searchParams.delete("digest");
    const url = `${u.origin}${u.pathname}${mergeQuery(parseViewState(u.searchParams), u.searchParams)}`;
    setHref(url);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(url);
      setState("copied");
    } catch {
      setState("fallback");
    }
  };
  return (
    <span className="relative inline-block">
      <button type="button" onClick={() => void copy()} data-testid="copy-link" className="rounded border border-slate-300 bg-white px-2.5 py-1 text-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800">
        {state === "copied" ? "Link copied ✓" : "Copy link"}
      </button>
      <span role="status" aria-live="polite" className="sr-only">
        {state === "copied" ? "Link to this view copied to the clipboard" : ""}
      </span>
      {state === "fallback" ? (
        <span className="absolute right-0 z-20 mt-1 block w-[32rem] max-w-[90vw] rounded border border-slate-300 bg-white p-2 shadow-lg dark:border-slate-600 dark:bg-slate-900">
          <label className="block text-xs text-slate-600 dark:text-slate-300">
            The clipboard is not available here; copy the link by hand:
            <input readOnly value={href} autoFocus onFocus={(e) => e.currentTarget.select()} data-testid="copy-link-fallback" className="mt-1 block w-full rounded border border-slate-300 p-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-950" />
          </label>
          <button type="button" className="mt-1 text-xs underline" onClick={() => setState("idle")}>
            Close
          </button>
        </span>
      ) : null}
    </span>
  );
}
