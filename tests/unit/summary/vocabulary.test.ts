import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Verdict, type Finding } from "@/lib/api/topology";
import { buildGraph } from "@/lib/graph/build";
import { cardLines } from "@/lib/graph/cardText";
import { targetAria } from "@/lib/graph/aria";
import { topologySummaryMarkdown } from "@/lib/summary/markdown";
import { findingsFor } from "@/components/topology/FindingsPanel";
import { SEVERITY, VERDICT, VERDICT_ORDER, VERDICTS, verdictText } from "@/lib/vocabulary";
import { sortTriage } from "@/lib/summary/triageRows";
import { SCENARIOS, topologyOf, triageOf } from "./scenario";

const ROOT = join(__dirname, "../../..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(join(ROOT, p)).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

describe("one vocabulary (lib/vocabulary.ts)", () => {
  it("orders every verdict worst first, the same everywhere", () => {
    expect([...VERDICTS].sort()).toEqual([...Verdict.options].sort());
    expect(VERDICTS).toEqual(["fault", "unknown", "transient", "expected", "healthy"]);
    expect(VERDICTS.map((v) => VERDICT_ORDER[v])).toEqual([0, 1, 2, 3, 4]);
  });

  it("gives each verdict its own symbol, none shared with a severity (a fault is not a warning)", () => {
    const symbols = VERDICTS.map((v) => VERDICT[v].symbol);
    expect(new Set(symbols).size).toBe(symbols.length);
    for (const s of Object.values(SEVERITY)) expect(symbols).not.toContain(s.symbol);
  });

  it("no page, summary or export defines its own verdict, load-balancer, controller or source-IP words", () => {
    const offenders = ["app", "components", "lib", "server"]
      .flatMap(sources)
      .filter((p) => p !== join("lib", "vocabulary.ts"))
      .filter((p) => /[◌◔]|"(expected \(by design\)|by design|Classic ELB)"|VERDICT_(LABEL|RANK|STYLE)\b|const (SHORT_SEEN|SEEN_WORDS|HEADER_WORDS|LB_KIND|CONTROLLER)\b/.test(readFileSync(join(ROOT, p), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the card (and SVG export), the screen-reader label and the Markdown summary name a verdict alike", () => {
    const t = topologyOf("mixed-health");
    const path = t.paths[0];
    const g = buildGraph(t, path, { expand: path.targets.map((x) => `Targets:${x.zone}`) });
    const md = topologySummaryMarkdown(t, { link: "http://x/" });
    const seen = new Set<Verdict>();
    for (const target of path.targets) {
      const v = VERDICT[target.verdict];
      seen.add(target.verdict);
      const card = g.nodes.find((n) => n.key === target.key);
      if (card) expect(cardLines(card).join("\n")).toContain(`${v.symbol} ${v.word}`);
      expect(targetAria(target, target.zone ?? "?")).toContain(verdictText(target.verdict));
      if (target.verdict !== "healthy") expect(md).toContain(`${v.symbol} ${v.word.toUpperCase()} \`${target.code}\` \`${target.id}\``);
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it("the page keeps the server's finding order instead of sorting again", () => {
    const f = (severity: Finding["severity"], code: Finding["code"]): Finding => ({ severity, code, message: code, rules: [], pathId: null, refs: [] });
    const server = [f("warning", "ZONAL_SHIFT"), f("warning", "PODS_STARVED"), f("info", "CLIENT_IP_PRESERVED")];
    expect(findingsFor(server, "p").map((x) => x.code)).toEqual(["ZONAL_SHIFT", "PODS_STARVED", "CLIENT_IP_PRESERVED"]);
  });

  it("the triage API lists, within one rank, a fault before transient before expected: the first row is the thing to fix", () => {
    for (const id of SCENARIOS) {
      const rows = triageOf(id).targets;
      for (let i = 1; i < rows.length; i++)
        if (rows[i].rank === rows[i - 1].rank) expect(VERDICT_ORDER[rows[i].verdict], `${id}: ${rows[i - 1].key} then ${rows[i].key}`).toBeGreaterThanOrEqual(VERDICT_ORDER[rows[i - 1].verdict]);
    }
    // PPv2 breaks every health check, so the LB fails open: the by-design node and the faults share rank 1.
    const failOpen = triageOf("ppv2-local-broken-hc").targets.filter((r) => r.rank === 1);
    expect(failOpen.map((r) => r.verdict)).toContain("expected");
    expect(failOpen[0].verdict).toBe("fault");
  });

  it("triage sorts within a rank by the same verdict order", () => {
    const row = (verdict: Verdict, key: string) => ({ cluster: "c", row: { rank: 1, verdict, key, service: { namespace: "n", name: "s" } } as never });
    const sorted = sortTriage([row("expected", "a"), row("transient", "b"), row("fault", "c"), row("unknown", "d")], "rank", "asc");
    expect(sorted.map((i) => (i.row as { verdict: Verdict }).verdict)).toEqual(["fault", "unknown", "transient", "expected"]);
  });
});
