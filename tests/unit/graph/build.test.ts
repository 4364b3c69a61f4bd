import { describe, expect, it } from "vitest";
import { buildGraph, DEFAULT_BUDGET } from "@/lib/graph/build";
import { elementCount } from "@/lib/graph/model";
import { bigSpec, blogSpec, makeTopology } from "./fixtures";

const only = (t: ReturnType<typeof makeTopology>) => t.paths[0];

describe("buildGraph: columns and marks", () => {
  it("draws the blog's example (TC-01) with every column of the packet's way", () => {
    const t = makeTopology(blogSpec);
    const g = buildGraph(t, only(t));
    expect(g.mode).toBe("local");
    expect(g.level).toBe(0);
    const kinds = g.nodes.map((n) => n.data.kind);
    for (const k of ["client", "loadBalancer", "listener", "targetGroup", "target", "kubeProxy", "pod", "zone"]) expect(kinds).toContain(k);
    // HLT-C1: the node without a local pod is unhealthy by design, so nothing reaches it and nothing is dropped.
    expect(kinds).not.toContain("sink");
    const pod = g.nodes.find((n) => n.data.kind === "pod")!;
    expect(pod.ariaLabel).toMatch(/100% of new flows/);
    expect(g.edges.find((e) => e.target === pod.key)!.share).toBeCloseTo(1);
  });

  it("under Cluster draws one edge per node into one kube-proxy hub, never node × pod (SRC-8)", () => {
    const t = makeTopology({ etp: "Cluster", nodes: [
      { name: "n1", zone: "a", pods: 2 }, { name: "n2", zone: "b", pods: 1 }, { name: "n3", zone: "b", pods: 3 } ] });
    const g = buildGraph(t, only(t));
    expect(g.mode).toBe("cluster");
    const hubIn = g.edges.filter((e) => e.target === "KubeProxy:cluster");
    const hubOut = g.edges.filter((e) => e.source === "KubeProxy:cluster");
    expect(hubIn).toHaveLength(3);
    expect(hubOut).toHaveLength(6);
    // No edge goes from a target straight to a pod.
    const targetKeys = new Set(only(t).targets.map((x) => x.key));
    expect(g.edges.some((e) => targetKeys.has(e.source) && e.target.startsWith("Pod:"))).toBe(false);
    // The pods see the node IP: the edges into them are marked as replaced.
    expect(hubOut.every((e) => e.seen === "node" && e.note === "src: node IP")).toBe(true);
    expect(g.nodes.find((n) => n.key === "KubeProxy:cluster")!.data).toMatchObject({ snat: true });
  });

  it("ip targets bypass kube-proxy and connect each target to its pod (SRC-11)", () => {
    const t = makeTopology({ targetType: "ip", nodes: [{ name: "n1", zone: "a", pods: 2 }, { name: "n2", zone: "b", pods: 1 }] });
    const g = buildGraph(t, only(t));
    expect(g.mode).toBe("ip");
    expect(g.nodes.some((n) => n.key === "KubeProxy:bypassed")).toBe(true);
    const toPods = g.edges.filter((e) => e.target.startsWith("Pod:"));
    expect(toPods).toHaveLength(3);
    expect(toPods.every((e) => e.source.startsWith("Target:") && e.seen === "load-balancer")).toBe(true);
  });

  it("gives the same graph whatever order the API lists targets and pods in", () => {
    const t = makeTopology(bigSpec(30, 2, "Local"));
    const shuffled = structuredClone(t);
    shuffled.paths[0].targets.reverse();
    shuffled.paths[0].pods.reverse();
    expect(buildGraph(shuffled, only(shuffled))).toEqual(buildGraph(t, only(t)));
  });

  it("keeps pod and target shares on the edges: what enters a Local kube-proxy leaves to pods or to Dropped", () => {
    const t = makeTopology({ etp: "Local", nodes: [{ name: "n1", zone: "a", pods: 2 }, { name: "n2", zone: "a", pods: 1 }] });
    const p = only(t);
    // Pretend n2 lost its pod between two reads: the flows that still reach it are dropped (DST-10).
    p.pods = p.pods.filter((x) => x.node !== "n2");
    p.dropped = 0.5;
    const g = buildGraph(t, p);
    const drop = g.edges.find((e) => e.target === "Sink:dropped")!;
    expect(drop.source).toBe("KubeProxy:n2");
    expect(drop.share).toBeCloseTo(0.5);
    expect(g.nodes.find((n) => n.key === "Sink:dropped")!.ariaLabel).toMatch(/^Dropped: 50%/);
  });

  it("adds a Rejected sink fed by the hub when the Service has no usable endpoint (HLT-C3)", () => {
    const t = makeTopology({ etp: "Cluster", nodes: [{ name: "n1", zone: "a", pods: 0 }, { name: "n2", zone: "b", pods: 0 }] });
    const p = only(t);
    p.rejected = 1;
    const g = buildGraph(t, p);
    expect(g.edges.find((e) => e.target === "Sink:rejected")).toMatchObject({ source: "KubeProxy:cluster", share: 1 });
  });
});

describe("buildGraph: collapsing for big services", () => {
  const big = makeTopology(bigSpec(1000, 3, "Local"));
  const bigCluster = makeTopology(bigSpec(1000, 3, "Cluster"));

  it("generates the size the issue names", () => {
    expect(only(big).targets).toHaveLength(1000);
    expect(only(big).pods.length).toBeGreaterThanOrEqual(3000);
  });

  for (const [name, t] of [["Local", big], ["Cluster", bigCluster]] as const) {
    it(`stays within the element budget by default (${name})`, () => {
      const g = buildGraph(t, only(t));
      expect(elementCount(g)).toBeLessThanOrEqual(DEFAULT_BUDGET);
      expect(g.level).toBe(2);
      // Every target and pod is still represented by something visible.
      const visible = new Set(g.nodes.map((n) => n.key));
      for (const x of [...only(t).targets, ...only(t).pods]) expect(visible.has(g.representative[x.key])).toBe(true);
    });
  }

  it("collapses pods per node first, keeping targets individual, when that is enough", () => {
    const t = makeTopology(bigSpec(60, 6, "Local"));
    const level0 = buildGraph(t, only(t), { budget: 10_000 });
    expect(level0.level).toBe(0);
    const g = buildGraph(t, only(t), { budget: 400 });
    expect(g.level).toBe(1);
    expect(g.nodes.filter((n) => n.data.kind === "target")).toHaveLength(60);
    const group = g.nodes.find((n) => n.key === "Pods:ip-10-0-0-0")!;
    expect(group.data).toMatchObject({ kind: "podGroup", summary: { count: 6 } });
    expect(group.expandKey).toBe("Pods:ip-10-0-0-0");
    expect(group.title).toBe("6 pods on ip-10-0-0-0");
    // The group's edge carries the aggregate share of its pods.
    const sum = only(t).pods.filter((p) => p.node === "ip-10-0-0-0").reduce((s, p) => s + p.share, 0);
    expect(g.edges.find((e) => e.target === group.key)!.share).toBeCloseTo(sum);
  });

  // 150 nodes: too many to draw whole (level 2), few enough that one zone of 50 fits the budget when opened.
  // (A zone too big for the budget draws a page of its targets: bigZone.test.ts.)
  const mid = makeTopology(bigSpec(150, 3, "Cluster"));
  const midLocal = makeTopology(bigSpec(150, 3, "Local"));

  it("expands a zone on request, showing its targets with pods still grouped per node", () => {
    const g = buildGraph(mid, only(mid), { expand: ["Targets:us-east-1a"] });
    expect(g.level).toBe(2);
    expect(elementCount(g)).toBeLessThanOrEqual(DEFAULT_BUDGET);
    const inA = only(mid).targets.filter((x) => x.zone === "us-east-1a");
    for (const x of inA) expect(g.representative[x.key]).toBe(x.key);
    expect(g.nodes.some((n) => n.key === "Targets:us-east-1b")).toBe(true);
    expect(g.nodes.some((n) => n.key === "Targets:us-east-1a")).toBe(false);
    const aNode = inA.find((x) => (only(mid).pods.filter((p) => p.node === x.node).length >= 2))!;
    expect(g.nodes.find((n) => n.key === `Pods:${aNode.node}`)).toBeTruthy();
    expect(g.nodes.find((n) => n.key === aNode.key)!.collapseKey).toBe("Targets:us-east-1a");
  });

  it("expands one node's pods inside an expanded zone", () => {
    const node = only(midLocal).targets.find((x) => x.zone === "us-east-1a" && (x.readyLocalEndpoints ?? 0) >= 2)!.node!;
    const g = buildGraph(midLocal, only(midLocal), { expand: ["Targets:us-east-1a", `Pods:${node}`] });
    const pods = only(midLocal).pods.filter((p) => p.node === node);
    for (const p of pods) {
      const n = g.nodes.find((x) => x.key === p.key)!;
      expect(n.collapseKey).toBe(`Pods:${node}`);
    }
    // Local: the pods are fed by their own node's kube-proxy.
    expect(g.edges.filter((e) => e.source === `KubeProxy:${node}` && e.target.startsWith("Pod:"))).toHaveLength(pods.length);
  });

  it("maps finding refs (Node:…, Zone:…) to visible elements", () => {
    const g = buildGraph(big, only(big));
    const n = only(big).targets[0];
    expect(g.representative[`Node:${n.node}`]).toBe(`Targets:${n.zone}`);
    expect(g.representative["Zone:us-east-1b"]).toBe("Zone:us-east-1b");
  });
});

describe("buildGraph: rounding", () => {
  it("does not invent drops from the API's 6-decimal rounding (24 nodes × 1/24)", () => {
    const t = makeTopology({ etp: "Local", nodes: Array.from({ length: 24 }, (_, i) => ({ name: `n${i}`, zone: "a", pods: 1 + (i % 2) })) });
    const p = t.paths[0];
    for (const x of [...p.targets, ...p.pods]) x.share = Math.round(x.share * 1e6) / 1e6;
    const g = buildGraph(t, p);
    expect(g.nodes.some((n) => n.key.startsWith("Sink:"))).toBe(false);
  });
});
