import { Verdict } from "@/lib/api/topology";
import { DIRS, first, oneOf, page, serialise, text, type Dir, type ParamSource } from "./params";

/**
 * The triage page's URL state: /triage?cluster=&ns=&verdict=&code=&sort=&dir=&expected=1&page=
 * `expected=1` expands the expected-by-design group, which is collapsed by default (issue 4).
 */

export const TRIAGE_SORTS = ["rank", "service", "cluster", "zone", "node", "code"] as const;
export type TriageSort = (typeof TRIAGE_SORTS)[number];

export interface TriageQuery {
  cluster: string;
  ns: string;
  verdict: Verdict | "";
  code: string;
  sort: TriageSort;
  dir: Dir;
  expected: boolean;
  page: number;
}

export const DEFAULT_TRIAGE: TriageQuery = { cluster: "", ns: "", verdict: "", code: "", sort: "rank", dir: "asc", expected: false, page: 1 };

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

export function parseTriageQuery(src: ParamSource): TriageQuery {
  const code = text(first(src, "code"), 64);
  return {
    cluster: text(first(src, "cluster"), 300),
    ns: text(first(src, "ns"), 63),
    verdict: oneOf<Verdict | "">(first(src, "verdict"), Verdict.options, ""),
    code: CODE.test(code) ? code : "",
    sort: oneOf(first(src, "sort"), TRIAGE_SORTS, DEFAULT_TRIAGE.sort),
    dir: oneOf(first(src, "dir"), DIRS, DEFAULT_TRIAGE.dir),
    expected: first(src, "expected") === "1",
    page: page(first(src, "page")),
  };
}

export function serialiseTriageQuery(s: TriageQuery): string {
  return serialise([
    ["cluster", s.cluster, ""],
    ["ns", s.ns, ""],
    ["verdict", s.verdict, ""],
    ["code", s.code, ""],
    ["sort", s.sort, DEFAULT_TRIAGE.sort],
    ["dir", s.dir, DEFAULT_TRIAGE.dir],
    ["expected", s.expected ? "1" : "", ""],
    ["page", s.page, 1],
  ]);
}
