import type { Controller } from "@/lib/api/topology";
import { DIRS, first, oneOf, page, serialise, text, type Dir, type ParamSource } from "./params";

/**
 * The overview's URL is its API (issue 4: "every filter lives in the URL"):
 *   /?q=&cluster=&ns=&verdict=&controller=&sort=&dir=&page=
 * Parsing never fails (bad values fall back to defaults); serialising omits defaults.
 */

/** Health filter: a target verdict the Service has at least one of, or a load-balancer status. */
export const OVERVIEW_VERDICTS = ["fault", "transient", "expected", "unknown", "healthy", "fail-open", "pending", "not-found", "unsupported"] as const;
export type OverviewVerdict = (typeof OVERVIEW_VERDICTS)[number];

export const OVERVIEW_CONTROLLERS = ["legacy", "aws-load-balancer-controller", "eks-auto-mode", "unknown"] as const satisfies readonly Controller[];

export const OVERVIEW_SORTS = ["health", "name", "cluster", "controller", "lb", "sourceIp", "imbalance", "age"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

/** The natural direction of each column: worst or biggest first for health/imbalance/age, A→Z for names. */
export const DEFAULT_DIR: Record<OverviewSort, Dir> = {
  health: "desc",
  name: "asc",
  cluster: "asc",
  controller: "asc",
  lb: "asc",
  sourceIp: "desc",
  imbalance: "desc",
  age: "desc",
};

export interface OverviewQuery {
  q: string;
  cluster: string;
  ns: string;
  verdict: OverviewVerdict | "";
  controller: Controller | "";
  sort: OverviewSort;
  dir: Dir;
  page: number;
}

export const DEFAULT_OVERVIEW: OverviewQuery = { q: "", cluster: "", ns: "", verdict: "", controller: "", sort: "health", dir: "desc", page: 1 };

export function parseOverviewQuery(src: ParamSource): OverviewQuery {
  const sort = oneOf(first(src, "sort"), OVERVIEW_SORTS, DEFAULT_OVERVIEW.sort);
  return {
    q: text(first(src, "q")),
    cluster: text(first(src, "cluster"), 300),
    ns: text(first(src, "ns"), 63),
    verdict: oneOf<OverviewVerdict | "">(first(src, "verdict"), OVERVIEW_VERDICTS, ""),
    controller: oneOf<Controller | "">(first(src, "controller"), OVERVIEW_CONTROLLERS, ""),
    sort,
    dir: oneOf(first(src, "dir"), DIRS, DEFAULT_DIR[sort]),
    page: page(first(src, "page")),
  };
}

/** "?q=…&sort=…" (or "" for the default view). Parameter order is fixed so equal states give equal links. */
export function serialiseOverviewQuery(s: OverviewQuery): string {
  return serialise([
    ["q", s.q, ""],
    ["cluster", s.cluster, ""],
    ["ns", s.ns, ""],
    ["verdict", s.verdict, ""],
    ["controller", s.controller, ""],
    ["sort", s.sort, DEFAULT_OVERVIEW.sort],
    ["dir", s.dir, DEFAULT_DIR[s.sort]],
    ["page", s.page, 1],
  ]);
}
