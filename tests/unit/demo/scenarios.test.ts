import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildScenario } from "@/scripts/demo/scenario";
import { scenarios } from "@/scripts/demo/scenarios";
import type { Snapshot } from "@/server/core/model/snapshot";
import { expectations } from "@/tests/unit/core/scenarioExpectations";
import { checks } from "./invariants";

/**
 * The built-in scenarios (server/sources/demo/scenarios/*.json) parse as the model, are what the builder
 * produces, and hold together like real Kubernetes and AWS data (JOIN-2..4, HC-1..8, HLT-E1/E2/E4), so they can
 * serve as demo, analysis fixtures and emulator seed. Broken copies show that each check can fail.
 */

const DIR = join(process.cwd(), "server/sources/demo/scenarios");
const files = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const load = (id: string): Snapshot => JSON.parse(readFileSync(join(DIR, `${id}.json`), "utf8")) as Snapshot;
const ids = files.map((f) => f.slice(0, -5));

describe("demo scenario files", () => {
  it("are exactly the builder's scenarios, blog-local first, each with hand-derived expectations", () => {
    expect(ids).toEqual(scenarios.map((s) => s.id).sort());
    expect(Object.keys(expectations).sort()).toEqual(ids);
    expect(ids.length).toBeGreaterThanOrEqual(30);
    expect(scenarios[0].id).toBe("blog-local");
  });

  it.each(scenarios.map((s) => [s.id, s] as const))("%s is up to date with scripts/demo (run: npx tsx scripts/demo/build.ts)", (id, def) => {
    expect(load(id)).toEqual(JSON.parse(JSON.stringify(buildScenario(def))));
  });

  it("name every expected pod and target after something in the snapshot", () => {
    for (const id of ids) {
      const snap = load(id);
      const pods = new Set(snap.kubernetes.pods.map((p) => p.metadata.name));
      const targets = new Set(snap.aws.targetGroups.flatMap((t) => (t.targetHealthDescriptions ?? []).map((d) => d.target.id)));
      for (const i of snap.aws.classicLoadBalancers.flatMap((c) => c.instances)) targets.add(i.instanceId);
      for (const svc of Object.values(expectations[id].services))
        for (const path of Object.values(svc.paths)) {
          for (const p of Object.keys(path.pods)) expect(pods.has(p), `${id}: pod ${p}`).toBe(true);
          for (const t of Object.keys(path.targets)) expect(targets.has(t), `${id}: target ${t}`).toBe(true);
          const sum = Object.values(path.pods).reduce((n, p) => n + p.share, 0) + path.dropped + path.rejected;
          // §5: pods + dropped + rejected = 100 % (rounded shares: ±0.005).
          expect(Math.abs(sum - 1), `${id}: shares sum to ${sum}`).toBeLessThan(0.005);
        }
    }
  });
});

describe.each(ids)("%s", (id) => {
  const snap = load(id);
  it.each(Object.entries(checks))("%s", (_name, check) => {
    expect(check(snap, expectations[id])).toEqual([]);
  });
});

describe("the checks catch broken data", () => {
  const broken = (mutate: (s: Snapshot) => void) => {
    const s = load("blog-local");
    mutate(s);
    return s;
  };
  const exp = expectations["blog-local"];
  const tg = (s: Snapshot) => s.aws.targetGroups[0];

  const cases: [keyof typeof checks, (s: Snapshot) => void, RegExp][] = [
    ["modelShape", (s) => { Object.assign(s.kubernetes.nodes[0].metadata, { resourceVersion: "1" }); }, /schema/],
    ["hostnameJoin", (s) => { s.kubernetes.services[0].status = { loadBalancer: { ingress: [{ hostname: "other.elb.us-east-1.amazonaws.com" }] } }; }, /matches no load balancer/],
    ["awsNaming", (s) => { s.aws.loadBalancers[0].tags.owner = "<script>"; }, /tag not accepted/],
    ["targetsJoin", (s) => { tg(s).targetHealthDescriptions![0].target.id = "i-0123456789abcdef0"; }, /no Node/],
    ["targetsJoin", (s) => { tg(s).targetHealthDescriptions![0].healthCheckPort = "31380"; }, /HealthCheckPort/],
    ["healthPossible", (s) => { tg(s).targetHealthDescriptions![1].targetHealth = { state: "healthy" }; }, /healthy against the rules/],
    ["healthChecks", (s) => { tg(s).healthCheckPort = "traffic-port"; }, /health check/],
    ["kubernetesConsistency", (s) => { s.kubernetes.endpointSlices[0].ports![0].name = "web"; }, /ports differ/],
    ["kubernetesValid", (s) => { s.kubernetes.pods[0].metadata.labels!.note = '"><script>alert(1)</script>'; }, /label note/],
    ["kubernetesValid", (s) => { s.kubernetes.services[0].spec.healthCheckNodePort = 8080; }, /node port 8080/],
  ];
  it.each(cases)("%s", (name, mutate, message) => {
    expect(checks[name](load("blog-local"), exp)).toEqual([]);
    expect(checks[name](broken(mutate), exp).join("\n")).toMatch(message);
  });
});
