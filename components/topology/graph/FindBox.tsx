"use client";
import { useEffect, useRef, useState } from "react";
import { plural } from "@/lib/graph/format";

/** How long typing pauses before the search runs: one layout per pause, not per key. */
const DEBOUNCE_MS = 300;

/**
 * "Find targets": draws the targets whose instance, IP, node, pod, state or code contains the text, worst first,
 * in every zone, and rings them (lib/graph/window.ts). The text is the URL's `find`, so a link reproduces it.
 */
export function FindBox({ find, matches, onFind }: { find: string | null; matches: number | null; onFind: (text: string | null) => void }) {
  const [text, setText] = useState(find ?? "");
  const [pending, setPending] = useState(false);
  const [prevFind, setPrevFind] = useState(find);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Follow the URL when it changes from elsewhere (a link, another tab's Clear), unless the user is mid-typing.
  if (find !== prevFind) {
    setPrevFind(find);
    if (!pending) setText(find ?? "");
  }
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const submit = (value: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setPending(false);
    onFind(value.trim() ? value : null);
  };
  return (
    <form
      role="search"
      className="flex items-center gap-1 rounded border border-slate-300 bg-white/90 px-1 py-0.5 text-xs dark:border-slate-700 dark:bg-slate-900/90"
      onSubmit={(e) => {
        e.preventDefault();
        submit(text);
      }}
    >
      <input
        type="search"
        value={text}
        maxLength={100}
        aria-label="Find targets by instance, IP, node, pod, state or code"
        placeholder="Find targets…"
        data-testid="find-targets"
        className="w-44 bg-transparent px-1 outline-none"
        onKeyDown={(e) => e.stopPropagation() /* arrows and Escape edit the text, not the graph */}
        onChange={(e) => {
          const value = e.target.value;
          setText(value);
          setPending(true);
          if (timer.current) clearTimeout(timer.current);
          timer.current = setTimeout(() => submit(value), DEBOUNCE_MS);
        }}
      />
      {find != null && matches != null ? (
        <span role="status" data-testid="find-count" className={matches ? "text-slate-600 dark:text-slate-300" : "font-semibold text-amber-800 dark:text-amber-300"}>
          {matches ? plural(matches, "match", "matches") : "no match"}
        </span>
      ) : null}
    </form>
  );
}
