import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PATH_CODES, TARGET_CODES } from "@/lib/api/codes";
import { FINDING_DOCS, findingDoc, findingHref } from "@/lib/summary/findingDocs";
import { renderFindingsMarkdown } from "@/lib/summary/findingsMarkdown";
import { SCENARIOS, rowTopologyOf, servicesOf, triageOf } from "./scenario";

const ALL_CODES = [...Object.keys(TARGET_CODES), ...Object.keys(PATH_CODES)];
// SRC…JOIN: traffic-semantics.md; ALB, TGB, GW: docs/alb.md (issue 13).
const RULE = /^((SRC|HC|HLT|DST|JOIN|ALB|TGB|GW)-[A-Z]?\d+|§\d+(\.\d+)?)$/;
const docsFile = fileURLToPath(new URL("../../../docs/findings.md", import.meta.url));

describe("finding code docs", () => {
  it.each(ALL_CODES)("%s has a complete entry", (code) => {
    const doc = findingDoc(code);
    expect(doc, code).toBeDefined();
    expect(doc!.title.length).toBeGreaterThan(5);
    expect(doc!.meaning.length).toBeGreaterThan(30);
    expect(doc!.confirm.length).toBeGreaterThan(0);
    expect(doc!.fix.length).toBeGreaterThan(0);
    expect(doc!.rules.length).toBeGreaterThan(0);
    for (const r of doc!.rules) expect(r, `${code} rule ${r}`).toMatch(RULE);
  });

  it("documents no code that codes.ts does not define", () => {
    expect(Object.keys(FINDING_DOCS).sort()).toEqual([...ALL_CODES].sort());
    expect(findingDoc("NOT_A_CODE")).toBeUndefined();
  });

  it("target codes carry the verdict the demo analysis gives them", () => {
    // Every target code the core emits on the demo scenarios must be documented with that verdict, so the
    // docs cannot call a fault "expected" or the other way round.
    const seen = new Map<string, Set<string>>();
    for (const id of SCENARIOS) {
      for (const row of triageOf(id).targets) {
        if (!seen.has(row.code)) seen.set(row.code, new Set());
        seen.get(row.code)!.add(row.verdict);
      }
    }
    expect(seen.size).toBeGreaterThan(3);
    for (const [code, verdicts] of seen) {
      expect(findingDoc(code), code).toBeDefined();
      expect([...verdicts], code).toEqual([findingDoc(code)!.kind]);
    }
  });

  it("every code the demo scenarios produce (targets, findings, services) is documented", () => {
    const codes = new Set<string>();
    for (const id of SCENARIOS) {
      for (const svc of servicesOf(id).services) {
        for (const f of svc.findings) codes.add(f.code);
        if (svc.status === "ok" || svc.status === "unknown") {
          const t = rowTopologyOf(id, svc);
          for (const p of t.paths) for (const x of p.targets) codes.add(x.code);
          for (const f of t.findings) codes.add(f.code);
        }
      }
    }
    const undocumented = [...codes].filter((c) => !findingDoc(c));
    expect(undocumented).toEqual([]);
  });

  it("docs/findings.md is generated from the same source and has an anchor per code", () => {
    const md = readFileSync(docsFile, "utf8");
    expect(md).toBe(renderFindingsMarkdown());
    for (const code of ALL_CODES) {
      expect(md).toContain(`<a id="${code}"></a>`);
      expect(md).toContain(`### ${code}\n`);
    }
  });

  it("links a code to its in-app anchor", () => {
    expect(findingHref("HC_BLOCKED")).toBe("/findings#HC_BLOCKED");
  });
});
