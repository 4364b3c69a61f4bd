import { describe, expect, it } from "vitest";
import { DEFAULT_OVERVIEW } from "@/lib/summary/overviewQuery";
import { filterRows, healthRank, overviewView, paginate, sortRows, type OverviewRow } from "@/lib/summary/overviewRows";
import { DEFAULT_TRIAGE } from "@/lib/summary/triageQuery";
import { triageView, type TriageItem } from "@/lib/summary/triageRows";
import { SCENARIOS, servicesOf, triageOf } from "./scenario";

const rows: OverviewRow[] = SCENARIOS.flatMap((id) => {
  const list = servicesOf(id);
  return list.services.map((svc) => ({ cluster: `demo-${id}`, capturedAt: list.age.capturedAt, svc }));
});
const names = (rs: OverviewRow[]) => rs.map((r) => `${r.cluster}/${r.svc.namespace}/${r.svc.name}`);

describe("overview rows", () => {
  it("the default sort puts failing-open and faulty Services before expected-only and healthy ones", () => {
    const sorted = sortRows(rows, "health", "desc");
    const ranks = sorted.map((r) => healthRank(r.svc));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(sorted[0].svc.failOpen).toBe(true);
    const blog = sorted.findIndex((r) => r.cluster === "demo-blog-local");
    const mixed = sorted.findIndex((r) => r.cluster === "demo-mixed-health");
    expect(mixed).toBeLessThan(blog);
  });

  it("filters by verdict: fault means at least one faulty target", () => {
    const faulty = filterRows(rows, { ...DEFAULT_OVERVIEW, verdict: "fault" });
    expect(faulty.length).toBeGreaterThan(0);
    expect(faulty.every((r) => r.svc.health.fault > 0)).toBe(true);
    expect(names(faulty)).toContain("demo-mixed-health/default/web");
    expect(names(faulty)).not.toContain("demo-blog-local/default/web");
  });

  it("shows a Service whose LB is not found under that status filter", () => {
    const nf = filterRows(rows, { ...DEFAULT_OVERVIEW, verdict: "not-found" });
    expect(nf.length).toBeGreaterThan(0);
    expect(nf.every((r) => r.svc.status === "not-found")).toBe(true);
  });

  it("searches names, labels (key=value) and DNS names", () => {
    const byName = filterRows(rows, { ...DEFAULT_OVERVIEW, q: "statsd" });
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((r) => r.svc.name.includes("statsd"))).toBe(true);

    const labelled = rows.find((r) => Object.keys(r.svc.labels).length > 0)!;
    const [k, v] = Object.entries(labelled.svc.labels)[0];
    const byLabel = filterRows(rows, { ...DEFAULT_OVERVIEW, q: `${k}=${v}` });
    expect(names(byLabel)).toContain(names([labelled])[0]);
    expect(byLabel.every((r) => r.svc.labels[k] === v)).toBe(true);
    expect(filterRows(rows, { ...DEFAULT_OVERVIEW, q: `${k}=no-such-value` })).toEqual([]);

    const withDns = rows.find((r) => r.svc.dnsNames.length > 0)!;
    const dns = withDns.svc.dnsNames[0];
    const byDns = filterRows(rows, { ...DEFAULT_OVERVIEW, q: dns.toUpperCase() });
    expect(names(byDns)).toEqual(names([withDns]));
  });

  it("paginates and clamps a page past the end", () => {
    const many = Array.from({ length: 250 }, (_, i) => i);
    expect(paginate(many, 2).items[0]).toBe(100);
    expect(paginate(many, 9)).toMatchObject({ page: 3, pages: 3, total: 250 });
    expect(paginate(many, 9).items).toHaveLength(50);
    const v = overviewView(rows, { ...DEFAULT_OVERVIEW, ns: "telemetry" });
    expect(v.matched).toBe(v.items.length);
    expect(v.items.every((r) => r.svc.namespace === "telemetry")).toBe(true);
  });
});

describe("triage rows", () => {
  const items: TriageItem[] = ["mixed-health", "blog-local", "ppv2-local-broken-hc", "zone-not-enabled"].flatMap((id) =>
    triageOf(id).targets.map((row) => ({ cluster: `demo-${id}`, row })),
  );

  it("ranks fail-open, then faults, then transient; expected-by-design collapsed with a count", () => {
    const v = triageView(items, DEFAULT_TRIAGE);
    const ranks = v.items.map((i) => i.row.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks.every((r) => r < 5)).toBe(true);
    expect(v.hiddenExpected).toBe(items.filter((i) => i.row.rank === 5).length);
    expect(v.hiddenExpected).toBeGreaterThan(0);
    const fault = v.items.findIndex((i) => i.row.code === "HC_BLOCKED");
    const transient = v.items.findIndex((i) => i.row.verdict === "transient");
    expect(fault).toBeGreaterThanOrEqual(0);
    expect(fault).toBeLessThan(transient);
  });

  it("expands the expected group when asked in the URL, after everything else", () => {
    const v = triageView(items, { ...DEFAULT_TRIAGE, expected: true });
    expect(v.hiddenExpected).toBe(0);
    expect(v.items.at(-1)!.row.rank).toBe(5);
    expect(v.items.length).toBe(items.length);
  });

  it("filters by code, verdict and cluster", () => {
    expect(triageView(items, { ...DEFAULT_TRIAGE, code: "HC_BLOCKED" }).items.every((i) => i.row.code === "HC_BLOCKED")).toBe(true);
    const exp = triageView(items, { ...DEFAULT_TRIAGE, verdict: "expected" });
    expect(exp.expectedShown).toBe(true);
    expect(exp.items.length).toBeGreaterThan(0);
    expect(exp.items.every((i) => i.row.verdict === "expected")).toBe(true);
    const one = triageView(items, { ...DEFAULT_TRIAGE, cluster: "demo-mixed-health", expected: true });
    expect(one.items.every((i) => i.cluster === "demo-mixed-health")).toBe(true);
  });
});
