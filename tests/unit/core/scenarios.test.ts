import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { summarizeServices } from "@/server/core/summaries";
import type { Snapshot } from "@/server/core/model/snapshot";
import { expectations } from "./scenarioExpectations";

/**
 * Every demo scenario against the outcome derived by hand from the reference (scenarioExpectations.ts):
 * two independent readings of the rules must agree. Shares to 0.001.
 */
const DIR = join(process.cwd(), "server/sources/demo/scenarios");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const load = (f: string) => JSON.parse(readFileSync(join(DIR, f), "utf8")) as Snapshot;

describe("demo scenarios match their hand-derived expectations", () => {
  it("every scenario file has expectations", () => {
    const missing = files.map((f) => f.replace(/\.json$/, "")).filter((id) => !expectations[id]);
    expect(missing).toEqual([]);
  });

  for (const file of files) {
    const id = file.replace(/\.json$/, "");
    const exp = expectations[id];
    if (!exp) continue;
    describe(id, () => {
      const snapshot = load(file);
      const list = summarizeServices(snapshot);
      it("lists exactly the LoadBalancer Services", () => {
        // Ingress and Gateway rows (issue 13) carry a kind; Service rows do not.
        const serviceRows = list.services.filter((s) => !s.kind).map((s) => `${s.namespace}/${s.name}`);
        for (const name of exp.notListed) expect(serviceRows).not.toContain(name);
        for (const name of Object.keys(exp.services)) expect(serviceRows).toContain(name);
      });
      for (const [svcKey, se] of Object.entries(exp.services)) {
        const [namespace, name] = svcKey.split("/");
        const t = buildTopology(snapshot, { namespace, name })!;
        it(`${svcKey}: status ${se.status}, controller ${se.controller}`, () => {
          const summary = list.services.find((s) => !s.kind && s.namespace === namespace && s.name === name)!;
          expect(summary.status).toBe(se.status);
          expect(t.service.controller).toBe(se.controller);
          const serviceCodes = t.findings.filter((f) => f.pathId === null).map((f) => f.code);
          for (const code of se.findings) expect(serviceCodes, `service finding ${code}`).toContain(code);
          if (se.loadBalancerNames) expect([...new Set(t.paths.map((p) => p.loadBalancer.name))].sort()).toEqual([...se.loadBalancerNames].sort());
        });
        for (const [port, pe] of Object.entries(se.paths)) {
          it(`${svcKey} :${port}`, () => {
            const path = t.paths.find((p) => p.listener?.port === Number(port));
            expect(path, `path for listener ${port}`).toBeDefined();
            const got = {
              pods: Object.fromEntries(path!.pods.map((p) => [p.name, { share: Math.round(p.share * 1000) / 1000, seenAs: p.sourceIp.seenAs, header: p.sourceIp.header }])),
              targets: Object.fromEntries(path!.targets.map((x) => [x.id, { verdict: x.verdict, code: x.code }])),
              dropped: Math.round(path!.dropped * 1000) / 1000,
              rejected: Math.round(path!.rejected * 1000) / 1000,
              imbalanceLevel: path!.imbalance.level,
            };
            const want = { pods: pe.pods, targets: pe.targets, dropped: pe.dropped, rejected: pe.rejected, imbalanceLevel: pe.imbalanceLevel };
            for (const p of Object.values(want.pods)) p.share = Math.round(p.share * 1000) / 1000;
            expect(got).toEqual(want);
            const codes = t.findings.filter((f) => f.pathId === path!.id).map((f) => f.code);
            for (const code of pe.findings) expect(codes, `finding ${code}`).toContain(code);
          });
        }
      }
    });
  }
});
