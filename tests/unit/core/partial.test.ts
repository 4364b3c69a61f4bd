import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { indexSnapshot } from "@/server/core/index/snapshotIndex";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase } from "./caseBuilder";

const spec = { etp: "Local" as const, lbZones: ["a", "b"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "b", health: "unhealthy" as const }] };
const topo = (s: Snapshot) => buildTopology(s, { namespace: "shop", name: "web" })!;

describe("partial data: draw what can be drawn, mark the rest unknown", () => {
  it("EndpointSlices forbidden: Local verdicts and pod shares become unknown, with the RBAC fix", () => {
    const s = buildCase(spec);
    s.kubernetes.endpointSlices = [];
    s.problems = [{ code: "K8S_FORBIDDEN", source: "kubernetes", message: "cluster prod: the dashboard may not list endpointslices.discovery.k8s.io", fix: "grant the ClusterRole lbpath-reader", detail: "list endpointslices.discovery.k8s.io" }];
    const t = topo(s);
    const path = t.paths[0];
    expect(path.targets.find((x) => x.node === "n2")).toMatchObject({ verdict: "unknown", code: "HEALTH_UNKNOWN" });
    expect(path.targets.find((x) => x.node === "n1")).toMatchObject({ verdict: "healthy" }); // AWS says so
    expect(path.unknown).toBeCloseTo(1, 9);
    expect(t.warnings[0]).toMatchObject({ code: "K8S_FORBIDDEN", fix: "grant the ClusterRole lbpath-reader" });
    expect(t.findings.map((f) => f.code)).toContain("PARTIAL_DATA");
  });

  it("target health unreadable: targets unknown, shares unknown, the Kubernetes half still listed", () => {
    const s = buildCase(spec);
    delete s.aws.targetGroups[0].targetHealthDescriptions;
    s.problems = [{ code: "AWS_ACCESS_DENIED", source: "aws", message: "not authorized to perform elasticloadbalancing:DescribeTargetHealth", detail: "elasticloadbalancing:DescribeTargetHealth" }];
    const path = topo(s).paths[0];
    expect(path.targets).toEqual([]);
    expect(path.unknown).toBe(1);
    expect(path.pods.map((p) => p.name)).toEqual(["p1"]);
    expect(topo(s).warnings.map((w) => w.code)).toEqual(["AWS_ACCESS_DENIED", "HEALTH_UNKNOWN"]);
    // Unknown is not "dropped", and nothing can be called starved or missing without the targets.
    expect(path.dropped).toBe(0);
    expect(path.imbalance).toMatchObject({ level: "ok", starved: [] });
    expect(topo(s).findings.map((f) => f.code)).not.toEqual(expect.arrayContaining(["TRAFFIC_DROPPED"]));
    for (const code of ["TRAFFIC_DROPPED", "PODS_STARVED", "TARGETS_MISSING", "UNEVEN_TRAFFIC"]) expect(topo(s).findings.map((f) => f.code)).not.toContain(code);
  });

  it("a problem is matched by its detail, not by words in its message (a cluster named prod-pods)", () => {
    const s = buildCase(spec);
    s.problems = [{ code: "K8S_FORBIDDEN", source: "kubernetes", message: "cluster prod-pods-endpointslices: may not list services", detail: "list services" }];
    expect(indexSnapshot(s).missing).toMatchObject({ pods: false, endpointSlices: false, services: true });
  });
});
