import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isRuleId, RULE_IDS, RULES, ruleHref, ruleText, SOURCES } from "@/lib/api/rules";
import { RuleId } from "@/lib/api/topology";
import { FINDING_DOCS } from "@/lib/summary/findingDocs";
import { renderRulesMarkdown } from "@/lib/summary/rulesMarkdown";
import { subjectTopologies } from "@/server/core/alb/subjects";
import { buildTopology } from "@/server/core/buildTopology";
import { SCENARIOS, servicesOf, snapshot } from "./scenario";

const docsFile = fileURLToPath(new URL("../../../docs/rules.md", import.meta.url));

/** Every rule ID the analysis and the docs cite, over every demo scenario. */
function citedIds(): Map<string, string> {
  const cited = new Map<string, string>();
  const add = (ids: readonly string[], where: string) => ids.forEach((id) => cited.set(id, where));
  for (const [code, doc] of Object.entries(FINDING_DOCS)) add(doc.rules, `docs of ${code}`);
  for (const id of SCENARIOS) {
    const services = servicesOf(id).services.filter((s) => (s.kind ?? "Service") === "Service").map((s) => buildTopology(snapshot(id), { namespace: s.namespace, name: s.name })!);
    // Ingresses and Gateways (issue 13) cite the ALB rules.
    for (const t of [...services, ...subjectTopologies(snapshot(id))]) {
      for (const f of t.findings) add(f.rules, `${id} finding ${f.code}`);
      for (const p of t.paths) {
        add(p.clientIp.rules, `${id} ${p.id} clientIp`);
        for (const x of p.targets) add(x.rules, `${id} target ${x.key}`);
        for (const x of p.pods) add(x.sourceIp.rules, `${id} pod ${x.key}`);
      }
    }
  }
  return cited;
}

describe("the rulebook (lib/api/rules.ts → docs/rules.md, /rules)", () => {
  it("has text and sources for every rule ID the analysis or the docs cite", () => {
    const cited = citedIds();
    expect(cited.size).toBeGreaterThan(40);
    const missing = [...cited].filter(([id]) => !ruleText(id)).map(([id, where]) => `${id} (${where})`);
    expect(missing).toEqual([]);
  });

  it("cites only rule IDs: source keys such as L7 or C3 are sources of a rule, not rules", () => {
    for (const [id, where] of citedIds()) expect(isRuleId(id), `${id} in ${where}`).toBe(true);
    expect(RuleId.safeParse("L7").success).toBe(false);
    expect(RuleId.safeParse("C3").success).toBe(false);
  });

  it("every rule says something and names sources that exist", () => {
    for (const id of RULE_IDS) {
      const r = RULES[id];
      expect(r.text.length, id).toBeGreaterThan(30);
      expect(r.sources.length, id).toBeGreaterThan(0);
      for (const s of r.sources) expect(SOURCES[s], `${id} → ${s}`).toBeDefined();
    }
  });

  it("docs/rules.md is generated from the same source, with an anchor per rule", () => {
    const md = readFileSync(docsFile, "utf8");
    expect(md).toBe(renderRulesMarkdown());
    for (const id of RULE_IDS) expect(md).toContain(`<a id="${id}"></a>`);
    expect(md).toContain(SOURCES.W16.url);
  });

  it("links a rule to its in-app anchor", () => {
    expect(ruleHref("DST-3")).toBe("/rules#DST-3");
  });
});
