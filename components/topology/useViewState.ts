"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { mergeQuery, parseViewState, type ViewState } from "@/lib/url/viewState";

/**
 * The view state lives in the URL only (one source of truth, so a copied link reproduces the view).
 * Updates use history.replaceState, which Next's router syncs into useSearchParams without a server
 * round trip and without piling up history entries for every click.
 */
export function useViewState(): [ViewState, (next: ViewState | ((prev: ViewState) => ViewState)) => void] {
  const search = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseViewState(new URLSearchParams(search.toString())), [search]);
  const update = useCallback(
    (next: ViewState | ((prev: ViewState) => ViewState)) => {
      const params = new URLSearchParams(window.location.search);
      const current = parseViewState(params);
      const value = typeof next === "function" ? next(current) : next;
      const url = `${pathname}${mergeQuery(value, params)}`;
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  return [state, update];
}
