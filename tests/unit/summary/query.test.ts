import { describe, expect, it } from "vitest";
import { DEFAULT_OVERVIEW, parseOverviewQuery, serialiseOverviewQuery, type OverviewQuery } from "@/lib/summary/overviewQuery";
import { DEFAULT_TRIAGE, parseTriageQuery, serialiseTriageQuery, type TriageQuery } from "@/lib/summary/triageQuery";

const fromSearch = (s: string) => new URLSearchParams(s.replace(/^\?/, ""));

describe("overview URL state", () => {
  it("the default view has an empty query string", () => {
    expect(serialiseOverviewQuery(DEFAULT_OVERVIEW)).toBe("");
    expect(parseOverviewQuery(new URLSearchParams())).toEqual(DEFAULT_OVERVIEW);
  });

  const cases: OverviewQuery[] = [
    { ...DEFAULT_OVERVIEW, q: "app=web elb.us-east-1", ns: "shop", verdict: "fault", controller: "legacy", sort: "name", dir: "desc", page: 3 },
    { ...DEFAULT_OVERVIEW, cluster: "arn:aws:eks:us-east-1:1:cluster/prod", verdict: "not-found" },
    { ...DEFAULT_OVERVIEW, sort: "imbalance", dir: "asc" },
    { ...DEFAULT_OVERVIEW, sort: "name" },
  ];
  it.each(cases)("round-trips %j", (s) => {
    const qs = serialiseOverviewQuery(s);
    expect(parseOverviewQuery(fromSearch(qs))).toEqual(s);
    expect(serialiseOverviewQuery(parseOverviewQuery(fromSearch(qs)))).toBe(qs);
  });

  it("omits a sort direction equal to that column's default", () => {
    expect(serialiseOverviewQuery({ ...DEFAULT_OVERVIEW, sort: "name", dir: "asc" })).toBe("?sort=name");
    expect(serialiseOverviewQuery({ ...DEFAULT_OVERVIEW, sort: "health", dir: "asc" })).toBe("?dir=asc");
  });

  it("falls back to defaults for bad values instead of failing", () => {
    const s = parseOverviewQuery(fromSearch("?verdict=broken&controller=nginx&sort=;drop&dir=up&page=-4"));
    expect(s).toEqual(DEFAULT_OVERVIEW);
    expect(parseOverviewQuery(fromSearch(`?q=${"x".repeat(5000)}`)).q.length).toBe(200);
  });

  it("reads Next's searchParams records too", () => {
    expect(parseOverviewQuery({ ns: ["a", "b"], verdict: "expected" })).toMatchObject({ ns: "a", verdict: "expected" });
  });
});

describe("triage URL state", () => {
  it("the default view has an empty query string", () => {
    expect(serialiseTriageQuery(DEFAULT_TRIAGE)).toBe("");
  });

  const cases: TriageQuery[] = [
    { ...DEFAULT_TRIAGE, cluster: "demo-blog-local", ns: "default", verdict: "fault", code: "HC_BLOCKED", sort: "zone", dir: "desc", expected: true, page: 2 },
    { ...DEFAULT_TRIAGE, expected: true },
    { ...DEFAULT_TRIAGE, code: "LOCAL_NO_ENDPOINT" },
  ];
  it.each(cases)("round-trips %j", (s) => {
    const qs = serialiseTriageQuery(s);
    expect(parseTriageQuery(fromSearch(qs))).toEqual(s);
  });

  it("rejects codes that are not code-shaped", () => {
    expect(parseTriageQuery(fromSearch("?code=<b>")).code).toBe("");
    expect(parseTriageQuery(fromSearch("?expected=yes")).expected).toBe(false);
  });
});
