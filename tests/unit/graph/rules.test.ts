import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build";
import { layoutGraph } from "@/lib/graph/layout";
import { cardLines } from "@/lib/graph/cardText";
import { neighbour } from "@/lib/graph/navigation";
import { graphToSvg } from "@/lib/graph/exportSvg";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { makeTopology, overlaps } from "./fixtures";

/** The rules column of ALB graphs (issue 13): listener → rules (priority order) → target group. */
const load = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;
const ingress = (id: string, namespace: string, name: string) => buildIngressTopology(load(id), { namespace, name })!;


describe("rule cards", () => {
  it("draw the rules that forward to the path's target group, between the listener and the target group", () => {
    const t = ingress("alb-ingress-group", "shop", "storefront");
    const path = t.paths[0];
    const g = buildGraph(t, path, {});
    const rules = g.nodes.filter((n) => n.data.kind === "rule");
    // Rule 1 (`/*` → web) forwards here; rule 2 forwards to api, rule 3 is the 503 fixed response, the default a 404.
    expect(rules.map((n) => n.key)).toEqual([`Rule:${path.loadBalancer.name}:80:1`]);
    const listener = g.nodes.find((n) => n.data.kind === "listener")!.key;
    const tg = g.nodes.find((n) => n.data.kind === "targetGroup")!.key;
    expect(g.edges.filter((e) => e.source === listener).map((e) => e.target)).toEqual([rules[0].key]);
    expect(g.edges.filter((e) => e.target === tg).map((e) => e.source)).toEqual([rules[0].key]);
    expect(cardLines(rules[0])).toEqual(["Rule 1", "host shop.example.com · path /*", "forward"]);
  });

  it("a shadowed rule (ALB-R9) is drawn, says which rule wins instead, and its edges carry nothing", () => {
    const t = ingress("alb-ingress-group", "shop", "api");
    const path = t.paths.find((p) => p.backendService?.name === "api")!;
    const g = buildGraph(t, path, {});
    const rule = g.nodes.find((n) => n.data.kind === "rule")!;
    expect(rule.key).toBe(`Rule:${path.loadBalancer.name}:80:3`);
    expect(rule.data.kind === "rule" && rule.data.shadowed).toBe(true);
    expect(cardLines(rule)[2]).toBe("⚠ never wins: rule 1");
    expect(rule.ariaLabel).toContain("Never wins: rule 1");
    const touching = g.edges.filter((e) => e.source === rule.key || e.target === rule.key);
    expect(touching).toHaveLength(2);
    for (const e of touching) expect(e.share).toBe(0);
  });

  it("a weighted forward says what fraction of the rule's requests come to this target group", () => {
    const t = ingress("alb-canary", "default", "web");
    const shares = t.paths.map((p) => {
      const rule = buildGraph(t, p, {}).nodes.find((n) => n.data.kind === "rule")!;
      return [p.backendService!.name, rule.data.kind === "rule" ? rule.data.share : null, cardLines(rule)[2]];
    });
    expect(shares.sort()).toEqual([
      ["web-canary", 0.1, "forward · 10% here"],
      ["web-stable", 0.9, "forward · 90% here"],
    ]);
  });

  it("the layout puts the rules column between the listener and the target group, stacked in order, overlapping nothing", () => {
    const t = ingress("alb-ingress-group", "shop", "storefront");
    // Every rule forwarding to one group: fake it by pointing all forwards at this path's target group.
    const path = structuredClone(t.paths[0]);
    const arn = path.targetGroup!.arn;
    for (const r of path.rules!) r.actions = [{ type: "forward", targetGroups: [{ arn, name: path.targetGroup!.name, share: 1, service: null }] } as (typeof r.actions)[number]];
    const g = buildGraph(t, path, {});
    const l = layoutGraph(g);
    const rules = g.nodes.filter((n) => n.data.kind === "rule");
    expect(rules.length).toBe(path.rules!.length);
    const x = (k: string) => l.positions[k].x;
    const listener = g.nodes.find((n) => n.data.kind === "listener")!.key;
    const tg = g.nodes.find((n) => n.data.kind === "targetGroup")!.key;
    for (const r of rules) {
      expect(x(r.key)).toBeGreaterThan(x(listener) + l.positions[listener].width);
      expect(x(r.key) + l.positions[r.key].width).toBeLessThan(x(tg));
    }
    const ys = rules.map((r) => l.positions[r.key].y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(overlaps(l, g.nodes.filter((n) => n.data.kind !== "zone").map((n) => n.key))).toBeNull();
    // Zone bands start right of the rules and the target group.
    for (const z of g.nodes.filter((n) => n.data.kind === "zone")) expect(l.positions[z.key].x).toBeGreaterThan(x(tg));
  });

  it("more rules than the graph draws: the last card says how many more the rules table lists", () => {
    const t = ingress("alb-ingress-group", "shop", "storefront");
    const path = structuredClone(t.paths[0]);
    const base = path.rules![0];
    path.rules = Array.from({ length: 8 }, (_, i) => ({ ...base, arn: `${base.arn}-${i}`, priority: String(i + 1), shadowedBy: null }));
    const g = buildGraph(t, path, {});
    const rules = g.nodes.filter((n) => n.data.kind === "rule");
    expect(rules).toHaveLength(5);
    expect(cardLines(rules[4]).at(-1)).toBe("+3 more rules (rules table)");
  });

  it("NLB graphs have no rule column and keep their geometry", () => {
    const t = makeTopology({ etp: "Local", nodes: [{ name: "n1", zone: "us-east-1a", pods: 1 }] });
    const g = buildGraph(t, t.paths[0], {});
    expect(g.nodes.some((n) => n.column === "rule")).toBe(false);
    const l = layoutGraph(g);
    expect(l.positions["TargetGroup:k8s-shop-web"].x).toBe(356);
    expect(l.signature.endsWith("|rules")).toBe(false);
  });

  it("a layout with rules is never merged into one without (different geometry)", () => {
    const t = ingress("alb-ingress-group", "shop", "storefront");
    const path = t.paths[0];
    const withRules = buildGraph(t, path, {});
    const without = buildGraph(t, { ...path, rules: [] }, {});
    const a = layoutGraph(withRules);
    const b = layoutGraph(without, a);
    expect(b.signature).not.toBe(a.signature);
    const tg = without.nodes.find((n) => n.data.kind === "targetGroup")!.key;
    expect(b.positions[tg].x).toBeLessThan(a.positions[tg].x);
  });

  it("keyboard: right from the listener reaches the rule, then the target group; the export draws the rule", () => {
    const t = ingress("alb-ingress-group", "shop", "api");
    const path = t.paths.find((p) => p.backendService?.name === "api")!;
    const g = buildGraph(t, path, {});
    const l = layoutGraph(g);
    const listener = g.nodes.find((n) => n.data.kind === "listener")!.key;
    const rule = neighbour(g, l, listener, "right");
    expect(rule).toBe(`Rule:${path.loadBalancer.name}:80:3`);
    expect(neighbour(g, l, rule!, "right")).toBe(g.nodes.find((n) => n.data.kind === "targetGroup")!.key);
    const svg = graphToSvg(g, l);
    expect(svg).toContain("⚠ never wins: rule 1");
    expect(svg).toContain("Rule 3");
  });
});
