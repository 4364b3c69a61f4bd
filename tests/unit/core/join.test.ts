import { describe, expect, it } from "vitest";
import { owningController } from "@/server/core/join/owningController";
import { loadBalancersForService, legacyLoadBalancerName } from "@/server/core/join/loadBalancerForService";
import { indexSnapshot, instanceIdOf, zoneOfNode } from "@/server/core/index/snapshotIndex";
import { buildTopology } from "@/server/core/buildTopology";
import type * as k8s from "@/server/core/model/kubernetes";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildCase } from "./caseBuilder";

const svc = (annotations: Record<string, string>, loadBalancerClass?: string): k8s.Service => ({
  metadata: { namespace: "shop", name: "web", annotations },
  spec: { type: "LoadBalancer", ...(loadBalancerClass ? { loadBalancerClass } : {}) },
});
const T = "service.beta.kubernetes.io/aws-load-balancer-type";
const TT = "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type";

describe("JOIN-1: which controller owns a Service", () => {
  it.each([
    ["no annotation → legacy Classic ELB", {}, undefined, "legacy", "classic", "instance"],
    ["type nlb → legacy NLB", { [T]: "nlb" }, undefined, "legacy", "network", "instance"],
    ["nlb-ip → LBC ip", { [T]: "nlb-ip" }, undefined, "aws-load-balancer-controller", "network", "ip"],
    ["external + ip → LBC ip", { [T]: "external", [TT]: "ip" }, undefined, "aws-load-balancer-controller", "network", "ip"],
    ["external without target type → legacy (annotation not understood)", { [T]: "external" }, undefined, "legacy", "classic", "instance"],
    ["class service.k8s.aws/nlb wins over type nlb", { [T]: "nlb" }, "service.k8s.aws/nlb", "aws-load-balancer-controller", "network", "instance"],
    ["EKS Auto Mode class", {}, "eks.amazonaws.com/nlb", "eks-auto-mode", "network", "instance"],
    ["other class → unknown", {}, "example.com/other", "unknown", null, null],
  ] as const)("%s", (_n, ann, cls, controller, kind, targetType) => {
    expect(owningController(svc({ ...ann }, cls))).toEqual({ controller, kind, targetType });
  });
});

describe("JOIN-2: strict Service → load balancer join", () => {
  const base = () => buildCase({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }] });
  const withDecoys = (s: Snapshot, mutate?: (s: Snapshot) => void): Snapshot => {
    const real = s.aws.loadBalancers[0];
    const svc = s.kubernetes.services[0];
    // Same Service name and namespace, another cluster.
    s.aws.loadBalancers.push({ ...real, loadBalancerArn: real.loadBalancerArn + "-other", loadBalancerName: "other-cluster", dnsName: "other-cluster-1.elb.us-east-1.amazonaws.com", tags: { "kubernetes.io/service-name": "shop/web", "kubernetes.io/cluster/other": "owned" } });
    // Same cluster, another Service.
    s.aws.loadBalancers.push({ ...real, loadBalancerArn: real.loadBalancerArn + "-api", loadBalancerName: "api", dnsName: "api-1.elb.us-east-1.amazonaws.com", tags: { "kubernetes.io/service-name": "shop/api", "kubernetes.io/cluster/case": "owned" } });
    real.tags = { "kubernetes.io/service-name": "shop/web", "kubernetes.io/cluster/case": "owned" };
    mutate?.(s);
    void svc;
    return s;
  };

  it("the DNS name in the Service status is authoritative", () => {
    const s = withDecoys(base());
    const j = loadBalancersForService(s.kubernetes.services[0], indexSnapshot(s));
    expect(j.loadBalancers.map((x) => [x.lb.loadBalancerName, x.joinedBy])).toEqual([["web", "dns-name"]]);
  });

  it("without a hostname (pending) only this cluster's LB for this Service is joined by tags", () => {
    const s = withDecoys(base(), (s) => (s.kubernetes.services[0].status = {}));
    const j = loadBalancersForService(s.kubernetes.services[0], indexSnapshot(s));
    expect(j.loadBalancers.map((x) => [x.lb.loadBalancerName, x.joinedBy])).toEqual([["web", "tags"]]);
  });

  it("with the cluster identity unknown, tags alone are refused; the UID-derived legacy name is accepted", () => {
    const s = withDecoys(base(), (s) => {
      s.kubernetes.services[0].status = {};
      s.cluster.awsClusterName = undefined;
    });
    const svc = s.kubernetes.services[0];
    let j = loadBalancersForService(svc, indexSnapshot(s));
    expect(j.loadBalancers).toEqual([]);
    expect(j.notes.join(" ")).toContain("LBPATH_AWS_CLUSTER_NAME");
    const s2 = withDecoys(base(), (s) => {
      s.kubernetes.services[0].status = {};
      s.cluster.awsClusterName = undefined;
      s.aws.loadBalancers[0].loadBalancerName = legacyLoadBalancerName(s.kubernetes.services[0])!;
    });
    j = loadBalancersForService(s2.kubernetes.services[0], indexSnapshot(s2));
    expect(j.loadBalancers.map((x) => x.joinedBy)).toEqual(["name"]);
  });

  it("C1: legacy LB name is 'a' + UID without dashes, 32 chars", () => {
    expect(legacyLoadBalancerName(svc({}))).toBeUndefined();
    const s = svc({});
    s.metadata.uid = "11111111-2222-3333-4444-555555555555";
    expect(legacyLoadBalancerName(s)).toBe("a1111111122223333444455555555555");
  });

  it("a hostname that matches nothing gives LB_NOT_FOUND; no hostname gives LB_PENDING", () => {
    const s = base();
    s.aws.loadBalancers = [];
    s.aws.targetGroups = [];
    expect(buildTopology(s, { namespace: "shop", name: "web" })!.findings.map((f) => f.code)).toContain("LB_NOT_FOUND");
    // Snapshots are immutable (topologies are memoised per snapshot object): change a copy.
    const pending = structuredClone(s);
    pending.kubernetes.services[0].status = {};
    expect(buildTopology(pending, { namespace: "shop", name: "web" })!.findings.map((f) => f.code)).toContain("LB_PENDING");
  });
});

describe("JOIN-4: nodes behind instance targets", () => {
  it.each([
    ["aws:///us-east-1a/i-0abc123", "i-0abc123", "us-east-1a"],
    ["aws:////i-0abc123", "i-0abc123", undefined],
    ["i-0abc123", "i-0abc123", undefined],
    ["aws:///us-east-1a/fargate-10.0.1.5", undefined, "us-east-1a"],
    ["eks-hybrid:///us-west-2/my-cluster/node1", undefined, undefined],
  ])("%s", (providerID, id, zone) => {
    const node: k8s.Node = { metadata: { name: "n" }, spec: { providerID } };
    expect(instanceIdOf(node)).toBe(id);
    if (id) expect(zoneOfNode(node)).toBe(zone);
  });
});

describe("JOIN-4: expected target sets", () => {
  it("a Ready node hosting a Ready pod but missing from the target group is flagged", () => {
    const s = buildCase({ etp: "Local", lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1"] }, { name: "n2", zone: "a", pods: ["p2"] }] });
    s.aws.targetGroups[0].targetHealthDescriptions!.pop();
    const t = buildTopology(s, { namespace: "shop", name: "web" })!;
    const f = t.findings.find((x) => x.code === "TARGETS_MISSING");
    expect(f?.refs).toEqual(["Node:n2"]);
    expect(f?.severity).toBe("warning");
    expect(t.paths[0].imbalance.starved).toEqual(["Pod:shop/p2"]);
  });
  it("ip targets: a Ready pod whose IP is not registered is flagged; a registered set is not", () => {
    const spec = { etp: "Cluster" as const, targetType: "ip" as const, lbZones: ["a"], nodes: [{ name: "n1", zone: "a", pods: ["p1", "p2"] }] };
    expect(buildTopology(buildCase(spec), { namespace: "shop", name: "web" })!.findings.map((x) => x.code)).not.toContain("TARGETS_MISSING");
    const s = buildCase(spec);
    s.aws.targetGroups[0].targetHealthDescriptions!.pop();
    expect(buildTopology(s, { namespace: "shop", name: "web" })!.findings.find((x) => x.code === "TARGETS_MISSING")?.refs).toEqual(["Pod:shop/p2"]);
  });
});
