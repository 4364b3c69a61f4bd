import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build";
import { layoutGraph } from "@/lib/graph/layout";
import { neighbour } from "@/lib/graph/navigation";
import { graphToSvg } from "@/lib/graph/exportSvg";
import { computeGraph } from "@/lib/graph/pipeline";
import { makeTopology, type Spec } from "./fixtures";

const spec: Spec = {
  etp: "Local",
  nodes: [
    { name: "n1", zone: "us-east-1a", pods: 2 },
    { name: "n2", zone: "us-east-1b", pods: 1 },
  ],
};

describe("keyboard navigation", () => {
  const t = makeTopology(spec);
  const g = buildGraph(t, t.paths[0]);
  const l = layoutGraph(g);

  it("moves right along the packet's way and left back", () => {
    let at = "Client";
    const seen = [at];
    for (let i = 0; i < 6; i++) {
      const next = neighbour(g, l, at, "right");
      if (!next) break;
      seen.push((at = next));
    }
    expect(seen.slice(0, 4)).toEqual(["Client", "LoadBalancer:k8s-shop-web", "Listener:k8s-shop-web:80", "TargetGroup:k8s-shop-web"]);
    expect(seen[4]).toMatch(/^Target:/);
    expect(seen[5]).toMatch(/^KubeProxy:/);
    expect(seen[6]).toMatch(/^Pod:/);
    expect(neighbour(g, l, seen[6], "right")).toBeNull();
    expect(neighbour(g, l, "LoadBalancer:k8s-shop-web", "left")).toBe("Client");
  });

  it("moves up and down within a column, and stops at the ends", () => {
    const t1 = "Target:i-n1:31000";
    const t2 = "Target:i-n2:31000";
    expect(neighbour(g, l, t1, "down")).toBe(t2);
    expect(neighbour(g, l, t2, "up")).toBe(t1);
    expect(neighbour(g, l, t1, "up")).toBeNull();
  });
});

describe("SVG export", () => {
  it("escapes cluster text, so a hostile name cannot inject markup", () => {
    const t = makeTopology(spec);
    t.paths[0].pods[0].name = `<script>alert("x")</script>&`;
    const r = computeGraph({ topology: t, pathId: t.paths[0].id, expand: [], previous: null })!;
    const svg = graphToSvg(r.graph, r.layout, { title: `a<b & "c"` });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("a&lt;b &amp; &quot;c&quot;");
    // Well-formed enough for a browser: one root element, balanced groups.
    expect(svg.match(/<svg /g)).toHaveLength(1);
    expect(svg.trim().endsWith("</g></svg>")).toBe(true);
  });

  it("draws every visible node and edge of the current view, replaced-IP edges dashed", () => {
    const t = makeTopology({ etp: "Cluster", nodes: spec.nodes });
    const r = computeGraph({ topology: t, pathId: t.paths[0].id, expand: [], previous: null })!;
    const svg = graphToSvg(r.graph, r.layout);
    const rects = svg.match(/<rect /g)!.length;
    expect(rects).toBe(r.graph.nodes.length + 1); // + background
    const paths = svg.match(/<path /g)!.length;
    expect(paths).toBe(r.graph.edges.length);
    const dashed = svg.match(/<path [^>]*stroke-dasharray/g)?.length ?? 0;
    expect(dashed).toBe(r.graph.edges.filter((e) => e.seen !== "client").length);
    expect(dashed).toBeGreaterThan(0);
  });
});

describe("pipeline", () => {
  it("returns null for a path id that is not in the topology (stale link)", () => {
    const t = makeTopology(spec);
    expect(computeGraph({ topology: t, pathId: "nope", expand: [], previous: null })).toBeNull();
  });
});
