import { describe, expect, it } from "vitest";
import { awsProblem, kubernetesProblem, ProblemLog } from "@/server/sources/live/problems";
import { eksFromArn, eksFromExecArgs, regionFromNodes, regionFromZone, zoneFromProviderId } from "@/server/sources/live/region";
import { reshapeNode, reshapePod, reshapeService, rfc3339 } from "@/server/sources/live/reshapeKubernetes";
import { trimSnapshot } from "@/server/sources/live/reshapeSnapshot";
import { keepAwsTag, keepLabel, targetNodeLabelKeys } from "@/server/sources/live/trim";
import { FIXTURE, loadSnapshot, scenarioFiles } from "./helpers";

describe("region (K7, A4)", () => {
  it("derives the region from zones, including Local Zones", () => {
    expect(regionFromZone("us-east-1a")).toBe("us-east-1");
    expect(regionFromZone("us-west-2-lax-1a")).toBe("us-west-2");
    expect(regionFromZone("us-gov-west-1b")).toBe("us-gov-west-1");
    expect(regionFromZone("garbage")).toBeUndefined();
    expect(zoneFromProviderId("aws:///eu-central-1b/i-0abc")).toBe("eu-central-1b");
    expect(zoneFromProviderId("aws:////i-0abc")).toBeUndefined();
  });

  it("takes the most common region of the Nodes, from the zone label or else the providerID", () => {
    expect(regionFromNodes([
      { metadata: { name: "a", labels: { "topology.kubernetes.io/zone": "eu-west-1a" } } },
      { metadata: { name: "b" }, spec: { providerID: "aws:///eu-west-1b/i-1" } },
      { metadata: { name: "c" }, spec: { providerID: "aws:///us-east-1a/i-2" } },
    ])).toBe("eu-west-1");
    expect(regionFromNodes([{ metadata: { name: "x" } }])).toBeUndefined();
  });

  it("reads EKS cluster name and region from an ARN or from `aws eks get-token` arguments", () => {
    expect(eksFromArn("arn:aws:eks:ap-south-1:123456789012:cluster/payments")).toEqual({ region: "ap-south-1", clusterName: "payments" });
    expect(eksFromArn("kind-kind")).toBeUndefined();
    expect(eksFromExecArgs(["--region", "us-east-2", "eks", "get-token", "--cluster-name", "prod", "--output", "json"])).toEqual({ region: "us-east-2", clusterName: "prod" });
    expect(eksFromExecArgs(["token", "-i", "legacy"])).toEqual({ clusterName: "legacy" });
  });
});

describe("trim rule (one rule for live and capture)", () => {
  it("keeps only the labels, annotations and tags the analysis reads", () => {
    expect(keepLabel("topology.kubernetes.io/zone")).toBe(true);
    expect(keepLabel("node-role.kubernetes.io/control-plane")).toBe(true);
    expect(keepLabel("app")).toBe(false);
    expect(keepLabel("team", new Set(["team"]))).toBe(true);
    expect(keepAwsTag("kubernetes.io/cluster/prod")).toBe(true);
    expect(keepAwsTag("owner")).toBe(false);
    const svc = reshapeService({
      metadata: { name: "web", namespace: "shop", labels: { app: "web" }, annotations: {
        "service.beta.kubernetes.io/aws-load-balancer-type": "nlb", "kubectl.kubernetes.io/last-applied-configuration": "{…secret-ish…}",
        "service.kubernetes.io/topology-mode": "Auto",
      } },
      spec: { type: "LoadBalancer" },
    });
    // Service labels are kept whole: the overview searches Services by label.
    expect(svc.metadata).toEqual({ name: "web", namespace: "shop", labels: { app: "web" }, annotations: {
      "service.beta.kubernetes.io/aws-load-balancer-type": "nlb", "service.kubernetes.io/topology-mode": "Auto",
    } });
  });

  it("keeps node labels named by aws-load-balancer-target-node-labels (JOIN-5)", () => {
    const keys = targetNodeLabelKeys([{ metadata: { annotations: { "service.beta.kubernetes.io/aws-load-balancer-target-node-labels": "pool=edge, gpu" } } }]);
    expect([...keys]).toEqual(["pool", "gpu"]);
    const node = reshapeNode({ metadata: { name: "n", labels: { pool: "edge", gpu: "", secret: "x", "kubernetes.io/hostname": "n" } } }, keys);
    expect(node.metadata.labels).toEqual({ pool: "edge", gpu: "" });
  });

  it("pods keep identity, placement and readiness only", () => {
    const pod = reshapePod({
      metadata: { name: "p", namespace: "ns", uid: "u", labels: { app: "x" }, deletionTimestamp: new Date("2024-05-01T10:05:00Z") },
      spec: { nodeName: "n" },
      status: { phase: "Running", podIP: "10.0.0.1", conditions: [{ type: "Ready", status: "True" }] },
    });
    expect(pod).toEqual({
      metadata: { name: "p", namespace: "ns", deletionTimestamp: "2024-05-01T10:05:00Z" },
      spec: { nodeName: "n" },
      status: { phase: "Running", podIP: "10.0.0.1", conditions: [{ type: "Ready", status: "True" }] },
    });
    expect(rfc3339(new Date("2024-05-01T10:05:00.250Z"))).toBe("2024-05-01T10:05:00.250Z");
  });

  it("is idempotent on the fixture and on every demo scenario", () => {
    for (const f of [FIXTURE, ...scenarioFiles()]) {
      const once = trimSnapshot(loadSnapshot(f));
      expect(trimSnapshot(once), f).toStrictEqual(once);
    }
  });
});

describe("problems name cause and fix", () => {
  it("maps Kubernetes 403 with the apiserver's Status body", () => {
    const err = Object.assign(new Error("HTTP-Code: 403"), { code: 403, body: JSON.stringify({ kind: "Status", message: "pods is forbidden: User \"x\" cannot list resource \"pods\"" }) });
    const p = kubernetesProblem(err, { verb: "list", resource: "pods", group: "" }, { cluster: "c" });
    expect(p).toMatchObject({ code: "K8S_FORBIDDEN", detail: "list pods" });
    expect(p.message).toContain('cannot list resource "pods"');
  });

  it("maps AWS error codes to stable problem codes", () => {
    const e = (name: string, message = "m") => Object.assign(new Error(message), { name });
    expect(awsProblem(e("AccessDenied"), "DescribeTags", {}).code).toBe("AWS_ACCESS_DENIED");
    expect(awsProblem(e("Throttling", "Rate exceeded"), "DescribeTags", {}).code).toBe("AWS_THROTTLED");
    expect(awsProblem(e("ExpiredToken"), "DescribeTags", {}).code).toBe("AWS_CREDENTIALS");
    expect(awsProblem(e("CredentialsProviderError", "Could not load credentials from any providers"), "DescribeTags", {}).code).toBe("AWS_CREDENTIALS");
    expect(awsProblem(new Error("Region is missing"), "DescribeLoadBalancers", {}).code).toBe("AWS_REGION_UNKNOWN");
    expect(awsProblem(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), "DescribeTags", {}).code).toBe("AWS_UNREACHABLE");
    expect(awsProblem(e("InternalFailure"), "DescribeTags", {}).code).toBe("AWS_ERROR");
  });

  it("folds repeats of one cause into one problem that counts the affected resources", () => {
    const log = new ProblemLog();
    const p = awsProblem(Object.assign(new Error("denied"), { name: "AccessDenied" }), "DescribeTargetHealth", {});
    for (const tg of ["tg-1", "tg-2", "tg-3", "tg-4"]) log.add(p, tg);
    expect(log.list()).toHaveLength(1);
    expect(log.list()[0].message).toContain("[4 affected: tg-1, tg-2, tg-3, …]");
  });
});
