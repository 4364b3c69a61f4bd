"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { ChangeSchema, changeToParam, paramToCandidate, type Change } from "@/lib/api/whatIf";

/**
 * The what-if lives in the URL like the rest of the view (issue 11: "a link shares the proposal"): `whatif=1`
 * opens the panel, each `change=kind:value` is one proposed change. A change a link holds that does not parse is
 * counted and dropped, never guessed.
 */
export interface WhatIfUrl {
  open: boolean;
  changes: Change[];
  unreadable: number;
}

export function parseWhatIfUrl(params: URLSearchParams): WhatIfUrl {
  const raw = params.getAll("change").slice(0, 20);
  const changes: Change[] = [];
  let unreadable = 0;
  for (const r of raw) {
    const parsed = ChangeSchema.safeParse(paramToCandidate(r));
    if (parsed.success) changes.push(parsed.data);
    else unreadable++;
  }
  return { open: params.get("whatif") === "1" || changes.length > 0, changes, unreadable };
}

/** The URL with these changes (and the panel open or closed), every other parameter kept in its place. */
export function withWhatIf(search: string, next: { open: boolean; changes: Change[] }): string {
  const params = new URLSearchParams(search);
  params.delete("change");
  params.delete("whatif");
  const own = [...(next.open ? ["whatif=1"] : []), ...next.changes.map((c) => `change=${encodeURIComponent(changeToParam(c)).replace(/%3A/g, ":")}`)];
  const rest = params.toString();
  const all = [rest, ...own].filter(Boolean).join("&");
  return all ? `?${all}` : "";
}

export function useWhatIfUrl(): [WhatIfUrl, (next: { open: boolean; changes: Change[] }) => void] {
  const search = useSearchParams();
  const pathname = usePathname();
  const state = useMemo(() => parseWhatIfUrl(new URLSearchParams(search.toString())), [search]);
  const update = useCallback(
    (next: { open: boolean; changes: Change[] }) => {
      const url = `${pathname}${withWhatIf(window.location.search, next)}`;
      if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, "", url);
    },
    [pathname],
  );
  return [state, update];
}
