import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildSkeletonGraph } from "@/lib/graph/buildSkeleton";
import { cardLines } from "@/lib/graph/cardText";
import { graphToSvg } from "@/lib/graph/exportSvg";
import { layoutGraph } from "@/lib/graph/layout";
import { snapshot } from "../summary/scenario";
import { buildCase } from "./caseBuilder";

/** Issue 10 item 3: without the load-balancer half, the Kubernetes half is still there to draw and list. */
const shop = (name: string, s: Snapshot = snapshot("shop")) => buildTopology(s, { namespace: "shop", name })!;

describe("the skeleton of a Service without a load-balancer path", () => {
  it("pending (LBC, instance, Cluster): placeholder says pending, nodes by zone, pods; source IP decided by Cluster (SRC-8)", () => {
    const t = shop("search");
    expect(t.paths).toEqual([]);
    const sk = t.skeleton!;
    expect(sk).toMatchObject({ reason: "pending", expected: { kind: "network", targetType: "instance" }, hostname: null });
    expect(sk.message).toContain("pending");
    expect(sk.sourceIp).toMatchObject({ decided: true, seenAs: "node", snatAtKubeProxy: true, rules: ["SRC-8"] });
    expect(sk.nodes.length).toBeGreaterThan(0);
    expect(sk.nodes.every((n) => n.registered)).toBe(true);
    expect(sk.nodes.map((n) => n.zone)).toEqual([...sk.nodes.map((n) => n.zone)].sort());
  });

  it("not found: the placeholder names the region; the legacy NLB's pods are listed", () => {
    const sk = shop("legacy-api").skeleton!;
    expect(sk.reason).toBe("not-found");
    expect(sk.message).toBe("not found in us-east-1");
    expect(sk.hostname).toMatch(/\.elb\.us-east-1\.amazonaws\.com$/);
  });

  it("an unmodelled controller: said so, and what Kubernetes knows is still drawn", () => {
    const sk = shop("partner-gw").skeleton!;
    expect(sk.reason).toBe("unknown-controller");
    expect(sk.message).toBe("unmodelled controller (example.com/other)");
  });

  it("AWS unreadable: placeholder says so with the code; Local leaves the source IP to the load balancer (SRC-9)", () => {
    const s = buildCase({ etp: "Local", lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b" }] });
    s.aws = { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] };
    s.ages = { kubernetes: s.capturedAt, aws: "2026-11-20T09:00:00Z" };
    s.problems = [{ code: "AWS_UNREACHABLE", source: "aws", message: "cannot connect", detail: "elasticloadbalancing:DescribeLoadBalancers" }];
    const sk = buildTopology(s, { namespace: "shop", name: "web" })!.skeleton!;
    expect(sk).toMatchObject({ reason: "aws-unreadable", since: "2026-11-20T09:00:00Z" });
    expect(sk.message).toContain("AWS_UNREACHABLE");
    expect(sk.sourceIp).toMatchObject({ decided: false, seenAs: null, snatAtKubeProxy: false });
    expect(sk.nodes.find((n) => n.name === "n1")?.readyLocalEndpoints).toBe(1);
    expect(sk.nodes.find((n) => n.name === "n2")?.readyLocalEndpoints).toBe(0);
  });

  it("a Service with a path has no skeleton", () => {
    expect(shop("admin").skeleton).toBeNull();
  });

  it("draws clients → the placeholder → nodes by zone → kube-proxy → pods, and says why in the picture", () => {
    const t = shop("search");
    const g = buildSkeletonGraph(t, t.skeleton!);
    const kinds = new Set(g.nodes.map((n) => n.data.kind));
    for (const k of ["client", "lbMissing", "zone", "k8sNode", "kubeProxyHub", "k8sPod"]) expect(kinds).toContain(k);
    expect(g.bands.length).toBeGreaterThan(0);
    const lb = g.nodes.find((n) => n.data.kind === "lbMissing")!;
    expect(cardLines(lb).join(" ")).toContain("pending");
    for (const n of g.nodes.filter((x) => x.data.kind === "k8sNode")) expect(g.edges.some((e) => e.source === lb.key && e.target === n.key)).toBe(true);
    // Every edge into a pod comes from the Cluster hub and is marked as SNATed (SRC-8).
    const intoPods = g.edges.filter((e) => g.nodes.find((n) => n.key === e.target)?.data.kind === "k8sPod");
    expect(intoPods.length).toBeGreaterThan(0);
    expect(intoPods.every((e) => e.seen === "node" && e.share === null)).toBe(true);
    const svg = graphToSvg(g, layoutGraph(g));
    expect(svg).toContain("pending");
    expect(svg).toContain("missing");
  });
});
