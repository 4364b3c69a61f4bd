import { describe, expect, it } from "vitest";
import type { Topology } from "@/lib/api/topology";
import { buildGraph, DEFAULT_BUDGET } from "@/lib/graph/build";
import { elementCount, type GraphModel } from "@/lib/graph/model";
import { layoutGraph } from "@/lib/graph/layout";
import { worstFirst } from "@/lib/graph/window";
import { bigSpec, makeTopology, type Spec } from "./fixtures";

/**
 * Issue 10, item 6: expanding a zone of 1,000 targets drew all of them (about 3,000 elements). Now an opened zone
 * draws one page of its targets, worst verdicts first, within the 500-element budget; the rest stay in a group
 * that pages (`page=`) and a search (`find=`) reaches.
 */

/** 3,000 nodes over three zones (1,000 targets each), with a sprinkle of faults, unknowns and transients. */
function spec(etp: "Local" | "Cluster", targetType: "instance" | "ip" = "instance", nodes = 3000, podsPerNode = 2): Spec {
  const s = bigSpec(nodes, podsPerNode, etp);
  s.targetType = targetType;
  s.nodes.forEach((n, i) => {
    if (i % 97 === 5) n.verdict = "fault";
    else if (i % 113 === 7) n.verdict = "unknown";
    else if (i % 51 === 3) n.verdict = "transient";
  });
  return s;
}

const ZONE = "us-east-1a";
const zoneTargets = (t: Topology) => t.paths[0].targets.filter((x) => x.zone === ZONE);
const drawnTargets = (g: GraphModel) => g.nodes.filter((n) => n.data.kind === "target" && n.band === ZONE).map((n) => n.key);
const more = (g: GraphModel) => g.nodes.find((n) => n.key === `MoreTargets:${ZONE}`);

const cases: [string, Topology][] = [
  ["Local", makeTopology(spec("Local"))],
  ["Cluster", makeTopology(spec("Cluster"))],
  // ip targets: one target per pod, so 1,000 pods in the zone.
  ["ip", makeTopology(spec("Cluster", "ip", 1000, 3))],
];

describe("expanding a 1,000-target zone", () => {
  for (const [name, t] of cases) {
    const path = t.paths[0];
    const inZone = zoneTargets(t);

    it(`${name}: renders ≤ ${DEFAULT_BUDGET} elements, worst verdicts first, the rest in a group`, () => {
      expect(inZone.length).toBeGreaterThanOrEqual(1000);
      const g = buildGraph(t, path, { expand: [`Targets:${ZONE}`] });
      expect(elementCount(g)).toBeLessThanOrEqual(DEFAULT_BUDGET);
      const drawn = drawnTargets(g);
      expect(drawn.length).toBeGreaterThan(10);
      // The first page is the zone's worst targets, in the triage order.
      const worst = [...inZone].sort(worstFirst).slice(0, drawn.length).map((x) => x.key);
      expect(new Set(drawn)).toEqual(new Set(worst));
      expect(inZone.filter((x) => x.verdict === "fault").every((x) => drawn.includes(x.key))).toBe(true);
      // The rest: one group that says which page is drawn and stands for every target not drawn.
      const rest = more(g)!;
      expect(rest.data).toMatchObject({ kind: "targetZoneGroup", count: inZone.length - drawn.length, window: { page: 0, total: inZone.length, shown: drawn.length } });
      expect(rest.collapseKey).toBe(`Targets:${ZONE}`);
      for (const x of inZone) expect(g.representative[x.key]).toBe(drawn.includes(x.key) ? x.key : rest.key);
      // Every pod is still represented by something drawn.
      const visible = new Set(g.nodes.map((n) => n.key));
      for (const p of path.pods) expect(visible.has(g.representative[p.key])).toBe(true);
      // It lays out (the layout signature carries the page and the search).
      expect(Object.keys(layoutGraph(g).positions)).toHaveLength(g.nodes.length);
    });

    it(`${name}: every target of the zone is on exactly one page, and each page stays within the budget`, () => {
      const first = buildGraph(t, path, { expand: [`Targets:${ZONE}`] });
      const pages = (more(first)!.data as { window: { pages: number } }).window.pages;
      const seen = new Map<string, number>();
      for (let p = 0; p < pages; p++) {
        const g = buildGraph(t, path, { expand: [`Targets:${ZONE}`], page: p ? [`Targets:${ZONE}:${p + 1}`] : [] });
        expect(elementCount(g)).toBeLessThanOrEqual(DEFAULT_BUDGET);
        expect(g.pages).toEqual(p ? [`Targets:${ZONE}:${p + 1}`] : []);
        for (const k of drawnTargets(g)) seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      expect(seen.size).toBe(inZone.length);
      expect([...seen.values()].every((n) => n === 1)).toBe(true);
    });

    it(`${name}: a search draws the matching targets wherever they are, and rings them`, () => {
      const wanted = [...path.targets].sort((a, b) => (a.key < b.key ? -1 : 1))[1234 % path.targets.length];
      const needle = (wanted.node ?? wanted.id).toUpperCase(); // the search ignores case
      const g = buildGraph(t, path, { find: needle });
      expect(elementCount(g)).toBeLessThanOrEqual(DEFAULT_BUDGET);
      expect(g.nodes.some((n) => n.key === wanted.key)).toBe(true);
      expect(g.found).toContain(wanted.key);
      expect(g.findMatches).toBeGreaterThanOrEqual(1);
    });
  }

  it("a page past the end shows the last page; a search that finds nothing in an opened zone says so", () => {
    const t = cases[0][1];
    const g = buildGraph(t, t.paths[0], { expand: [`Targets:${ZONE}`], page: [`Targets:${ZONE}:9999`] });
    const w = (more(g)!.data as { window: { page: number; pages: number } }).window;
    expect(w.page).toBe(w.pages - 1);
    const none = buildGraph(t, t.paths[0], { expand: [`Targets:${ZONE}`], find: "no-such-node" });
    expect(none.findMatches).toBe(0);
    expect(drawnTargets(none)).toHaveLength(0);
    expect(more(none)!.data).toMatchObject({ count: zoneTargets(t).length, window: { candidates: 0, find: "no-such-node" } });
  });

  it("finds by verdict or code: every fault of the Service, worst first, within the budget", () => {
    const t = cases[0][1];
    const faults = t.paths[0].targets.filter((x) => x.verdict === "fault");
    const g = buildGraph(t, t.paths[0], { find: "fault" });
    expect(elementCount(g)).toBeLessThanOrEqual(DEFAULT_BUDGET);
    expect(g.findMatches).toBe(faults.length);
    for (const x of faults) expect(g.nodes.some((n) => n.key === x.key)).toBe(true);
  });

  it("a zone that fits the budget whole is drawn whole, with no group left over", () => {
    const t = makeTopology(spec("Cluster", "instance", 150, 3));
    const g = buildGraph(t, t.paths[0], { expand: [`Targets:${ZONE}`] });
    expect(g.level).toBe(2);
    expect(drawnTargets(g)).toHaveLength(zoneTargets(t).length);
    expect(more(g)).toBeUndefined();
  });
});
