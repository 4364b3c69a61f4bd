"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef } from "react";

/**
 * A page state that lives in the URL (the URL is the page's API): parsed from the query on every render and
 * written back with router.replace, so reload, back/forward and copied links all reproduce the view.
 * Changing any filter resets `page` to 1 unless the update sets it. Two updates in quick succession both land:
 * each builds on the last state written, not on a URL the router has not applied yet.
 */
export function useUrlState<S extends { page: number }>(
  parse: (p: URLSearchParams) => S,
  serialise: (s: S) => string,
): [S, (patch: Partial<S>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parse(new URLSearchParams(params.toString())), [params, parse]);
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);
  const update = useCallback(
    (patch: Partial<S>) => {
      const next = { ...latest.current, page: 1, ...patch } as S;
      latest.current = next;
      router.replace(`${pathname}${serialise(next)}`, { scroll: false });
    },
    [router, pathname, serialise],
  );
  return [state, update];
}
