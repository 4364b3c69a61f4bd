"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

/**
 * A page state that lives in the URL (the URL is the page's API): parsed from the query on every render and
 * written back with router.replace, so reload, back/forward and copied links all reproduce the view.
 * Changing any filter resets `page` to 1 unless the update sets it.
 */
export function useUrlState<S extends { page: number }>(
  parse: (p: URLSearchParams) => S,
  serialise: (s: S) => string,
): [S, (patch: Partial<S>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parse(new URLSearchParams(params.toString())), [params, parse]);
  const update = useCallback(
    (patch: Partial<S>) => {
      const next = { ...state, page: 1, ...patch } as S;
      router.replace(`${pathname}${serialise(next)}`, { scroll: false });
    },
    [state, router, pathname, serialise],
  );
  return [state, update];
}
