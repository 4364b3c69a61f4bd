import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { DEFAULT_VIEW } from "@/lib/url/viewState";
import { graphPreview, previewOf } from "@/server/views/graphPreview";
import { loadSnapshotFile } from "@/server/sources/snapshotFile";
import type { ClusterSource } from "@/server/sources/types";
import type { Snapshot } from "@/server/core/model/snapshot";
import { bigSpec, makeTopology } from "./fixtures";
import { computeGraph } from "@/lib/graph/pipeline";
import { firstRenderFits } from "@/lib/graph/preview";

const svgOf = (src: string) => {
  expect(src.startsWith("data:image/svg+xml;base64,")).toBe(true);
  return Buffer.from(src.slice("data:image/svg+xml;base64,".length), "base64").toString("utf8");
};

const twoPaths = () => {
  const a = makeTopology({ etp: "Local", nodes: [{ name: "n1", zone: "us-east-1a", pods: 1 }], pathId: "p-80" });
  const b = makeTopology({ etp: "Local", nodes: [{ name: "n2", zone: "us-east-1b", pods: 2 }], pathId: "p-443" });
  return { ...a, paths: [a.paths[0], b.paths[0]] };
};

describe("previewOf: the server-drawn picture of one graph view", () => {
  it("draws the path the URL selects, else the first, as an SVG image of the same graph the page lays out", () => {
    const t = twoPaths();
    const first = previewOf(t, { path: null, expand: [] })!;
    expect(first.pathId).toBe("p-80");
    expect(svgOf(first.src)).toContain("n1");
    const second = previewOf(t, { path: "p-443", expand: [] })!;
    expect(second.pathId).toBe("p-443");
    expect(svgOf(second.src)).toContain("n2");
    expect(svgOf(second.src)).not.toContain(">n1<");
    expect(previewOf(t, { path: "no-such-path", expand: [] })!.pathId).toBe("p-80");
    expect(first.label).toMatch(/Traffic path of .+ through .+: \d+ elements/);
  });
  it("is memoised per topology object and view", () => {
    const t = twoPaths();
    expect(previewOf(t, { path: "p-80", expand: [] })).toBe(previewOf(t, { path: "p-80", expand: [] }));
    expect(previewOf(t, { path: "p-80", expand: [] })).not.toBe(previewOf(twoPaths(), { path: "p-80", expand: [] }));
  });
  it("keeps hostile cluster text inert: escaped in the SVG, which is only ever an image", () => {
    const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const t = makeTopology({ etp: "Local", nodes: [{ name: evil, zone: "us-east-1a", pods: 1 }] });
    const svg = svgOf(previewOf(t, { path: null, expand: [] })!.src);
    expect(svg).not.toMatch(/<script|<img/); // no element from the text: only the SVG's own tags
    expect(svg).toContain("&lt;script&gt;");
  });
  it("carries the same graph and layout as data for the first interactive render, without the per-element lookups", () => {
    const t = makeTopology(bigSpec(300, 3, "Local"));
    const p = previewOf(t, { path: null, expand: ["Targets:us-east-1a"], page: ["Targets:us-east-1a:2"], find: null })!;
    const full = computeGraph({ topology: t, pathId: t.paths[0].id, expand: ["Targets:us-east-1a"], page: ["Targets:us-east-1a:2"], previous: null })!;
    expect(p.first!.layout).toEqual(full.layout);
    expect(p.first!.graph.nodes.map((n) => n.key)).toEqual(full.graph.nodes.map((n) => n.key));
    expect(p.first!.graph.representative).toEqual({});
    expect(p.first!.graph.nodes.every((n) => !("members" in n.data) || n.data.members.length === 0)).toBe(true);
    // Used only for the view it was drawn for.
    const view = { pathId: t.paths[0].id, expand: ["Targets:us-east-1a"], pages: ["Targets:us-east-1a:2"], find: null };
    expect(firstRenderFits(p.first, view)).toBe(true);
    expect(firstRenderFits(p.first, { ...view, pages: [] })).toBe(false);
    expect(firstRenderFits(p.first, { ...view, expand: [] })).toBe(false);
    expect(firstRenderFits(p.first, { ...view, find: "ip-10" })).toBe(false);
    expect(firstRenderFits(p.first, { ...view, pathId: "other" })).toBe(false);
  });
  it("has nothing to draw for a Service without paths", () => {
    expect(previewOf({ ...twoPaths(), paths: [] }, { path: null, expand: [] })).toBeNull();
  });
});

describe("graphPreview: only what is quick and certain", () => {
  const file = join(process.cwd(), "server/sources/demo/scenarios/blog-local.json");
  const source = (snapshot: () => Promise<Snapshot>): ClusterSource => ({ name: "c", kind: "snapshot", snapshot });
  const ref = async () => {
    const snap = await loadSnapshotFile(file);
    const svc = snap.kubernetes.services.find((s) => s.spec?.type === "LoadBalancer")!;
    return { snap, ref: { cluster: "c", namespace: svc.metadata!.namespace!, name: svc.metadata!.name! } };
  };

  it("draws a Service of a ready source", async () => {
    const { snap, ref: r } = await ref();
    const p = await graphPreview(r, DEFAULT_VIEW, async () => source(async () => snap));
    expect(p).not.toBeNull();
    expect(svgOf(p!.src)).toContain("<svg");
  });
  it("gives up rather than hold the page back: table view, unknown cluster or Service, a failing or slow source", async () => {
    const { snap, ref: r } = await ref();
    const ready = async () => source(async () => snap);
    expect(await graphPreview(r, { ...DEFAULT_VIEW, view: "table" }, ready)).toBeNull();
    expect(await graphPreview(r, DEFAULT_VIEW, async () => undefined)).toBeNull();
    expect(await graphPreview({ ...r, name: "no-such-service" }, DEFAULT_VIEW, ready)).toBeNull();
    expect(await graphPreview(r, DEFAULT_VIEW, async () => source(() => Promise.reject(new Error("API server down"))))).toBeNull();
    const started = performance.now();
    expect(await graphPreview(r, DEFAULT_VIEW, async () => source(() => new Promise<Snapshot>(() => undefined)))).toBeNull();
    expect(performance.now() - started).toBeLessThan(5_000); // bounded: it does not wait for a syncing cache
  });
});
