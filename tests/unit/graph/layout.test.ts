import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build";
import { layoutGraph } from "@/lib/graph/layout";
import { bigSpec, makeTopology, overlaps, type Spec } from "./fixtures";

const spec: Spec = {
  etp: "Local",
  nodes: [
    { name: "n1", zone: "us-east-1a", pods: 2 },
    { name: "n2", zone: "us-east-1a", pods: 1 },
    { name: "n3", zone: "us-east-1b", pods: 1 },
    { name: "n4", zone: "us-east-1b", pods: 0 },
  ],
};

function graphOf(s: Spec, expand: string[] = []) {
  const t = makeTopology(s);
  return buildGraph(t, t.paths[0], { expand });
}


describe("layoutGraph", () => {
  it("is deterministic: same input, same positions", () => {
    const a = layoutGraph(graphOf(spec));
    const b = layoutGraph(graphOf(spec));
    expect(b).toEqual(a);
  });

  it("places columns left to right in packet order and never overlaps two elements", () => {
    const g = graphOf(spec);
    const l = layoutGraph(g);
    const x = (k: string) => l.positions[k].x;
    expect(x("Client")).toBeLessThan(x("LoadBalancer:k8s-shop-web"));
    expect(x("LoadBalancer:k8s-shop-web")).toBeLessThan(x("Listener:k8s-shop-web:80"));
    expect(x("Listener:k8s-shop-web:80")).toBeLessThan(x("TargetGroup:k8s-shop-web"));
    expect(x("TargetGroup:k8s-shop-web")).toBeLessThan(x("Target:i-n1:31000"));
    expect(x("Target:i-n1:31000")).toBeLessThan(x("KubeProxy:n1"));
    expect(x("KubeProxy:n1")).toBeLessThan(x("Pod:shop/web-n1-0"));
    const solid = g.nodes.filter((n) => n.data.kind !== "zone").map((n) => n.key);
    expect(overlaps(l, solid)).toBeNull();
    // Each element sits inside its zone band.
    for (const n of g.nodes.filter((n) => n.band && n.data.kind !== "zone")) {
      const band = l.positions[`Zone:${n.band}`];
      const r = l.positions[n.key];
      expect(r.y).toBeGreaterThanOrEqual(band.y);
      expect(r.y + r.height).toBeLessThanOrEqual(band.y + band.height);
    }
  });

  it("keeps the Cluster kube-proxy hub off every zone band's header (it covered the observed share)", () => {
    const shapes: Spec[] = [
      { etp: "Cluster", nodes: [{ name: "n1", zone: "us-east-1a", pods: 1 }, { name: "n2", zone: "us-east-1b", pods: 1 }] },
      { etp: "Cluster", nodes: [{ name: "n1", zone: "us-east-1a", pods: 1 }, { name: "n2", zone: "us-east-1b", pods: 1 }, { name: "n3", zone: "us-east-1b", pods: 0 }] },
      { etp: "Cluster", nodes: [{ name: "n1", zone: "a", pods: 1 }, { name: "n2", zone: "b", pods: 1 }, { name: "n3", zone: "c", pods: 1 }] },
    ];
    for (const s of shapes) {
      const g = graphOf(s);
      const l = layoutGraph(g);
      const hub = g.nodes.find((n) => n.data.kind === "kubeProxyHub")!;
      const r = l.positions[hub.key];
      for (const band of l.bands) expect(r.y + r.height <= band.y || r.y >= band.y + 26, `hub over ${band.zone}'s header`).toBe(true);
    }
  });

  it("puts each Local kube-proxy on its target's row", () => {
    const l = layoutGraph(graphOf(spec));
    for (const n of ["n1", "n2", "n3", "n4"]) {
      const t = l.positions[`Target:i-${n}:31000`], k = l.positions[`KubeProxy:${n}`];
      expect(k.y + k.height / 2).toBeCloseTo(t.y + t.height / 2, 0);
    }
  });

  it("adding a target moves no other element", () => {
    const before = graphOf(spec);
    const l1 = layoutGraph(before);
    const grown = graphOf({ ...spec, nodes: [...spec.nodes, { name: "n0", zone: "us-east-1a", pods: 1 }] });
    const l2 = layoutGraph(grown, l1);
    for (const n of before.nodes) expect(l2.positions[n.key]).toEqual(l1.positions[n.key]);
    expect(l2.positions["Target:i-n0:31000"]).toBeDefined();
    expect(overlaps(l2, grown.nodes.filter((n) => n.data.kind !== "zone").map((n) => n.key))).toBeNull();
    // Without the previous layout, n0 would sort first and push n1 down: the memory is what keeps it still.
    expect(layoutGraph(grown).positions["Target:i-n1:31000"]).not.toEqual(l1.positions["Target:i-n1:31000"]);
  });

  it("removing a target (and its pods) moves no other element", () => {
    const before = graphOf(spec);
    const l1 = layoutGraph(before);
    const shrunk = graphOf({ ...spec, nodes: spec.nodes.filter((n) => n.name !== "n1") });
    const l2 = layoutGraph(shrunk, l1);
    for (const n of shrunk.nodes) expect(l2.positions[n.key]).toEqual(l1.positions[n.key]);
    expect(l2.positions["Target:i-n1:31000"]).toBeUndefined();
  });

  it("a rolling update (one pod replaced by a new name) keeps every other position", () => {
    const t1 = makeTopology(spec);
    const g1 = buildGraph(t1, t1.paths[0]);
    const l1 = layoutGraph(g1);
    const t2 = structuredClone(t1);
    const p = t2.paths[0].pods.find((x) => x.name === "web-n1-0")!;
    p.name = "web-n1-9";
    p.key = "Pod:shop/web-n1-9";
    const g2 = buildGraph(t2, t2.paths[0]);
    const l2 = layoutGraph(g2, l1);
    for (const n of g2.nodes) if (l1.positions[n.key]) expect(l2.positions[n.key]).toEqual(l1.positions[n.key]);
    expect(overlaps(l2, g2.nodes.filter((n) => n.data.kind !== "zone").map((n) => n.key))).toBeNull();
  });

  it("lays out afresh when the expanded groups change (a user action, not a refresh)", () => {
    const t = makeTopology(bigSpec(1000, 3, "Cluster"));
    const g1 = buildGraph(t, t.paths[0]);
    const l1 = layoutGraph(g1);
    const g2 = buildGraph(t, t.paths[0], { expand: ["Targets:us-east-1b"] });
    const l2 = layoutGraph(g2, l1);
    expect(l2.signature).not.toBe(l1.signature);
    expect(l2.bands.find((b) => b.zone === "us-east-1b")!.height).toBeGreaterThan(l1.bands.find((b) => b.zone === "us-east-1b")!.height);
  });

  it("lays out the big collapsed graph quickly", () => {
    const t = makeTopology(bigSpec(1000, 3, "Local"));
    const g = buildGraph(t, t.paths[0], { expand: ["Targets:us-east-1a"] });
    const start = performance.now();
    const l = layoutGraph(g);
    const ms = performance.now() - start;
    expect(Object.keys(l.positions)).toHaveLength(g.nodes.length);
    expect(ms).toBeLessThan(1000); // generous: a 2-core CI box; typically a few ms
  });
});
