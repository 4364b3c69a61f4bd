import { afterEach, describe, expect, it } from "vitest";
import { ServiceList, Topology } from "@/lib/api/topology";
import { CONTEXT, startLiveApi, topologyPath, until, type LiveApi } from "./apiHarness";
import { FIXTURE, loadSnapshot } from "./helpers";

/**
 * Permission and credential faults present from the start, as the API answers them (the designed results of
 * issue 5): a partial 200 whose `warnings` name what is missing and how to fix it, with the half that can be
 * read still drawn; or, when nothing at all can be read, a 503 whose code and fix say why.
 */

const fixture = loadSnapshot(FIXTURE);
let api: LiveApi | undefined;
afterEach(async () => { await api?.close(); api = undefined; });

const web = topologyPath("shop", "web");
const apiSvc = topologyPath("shop", "api");

/** The answer once the cache has read what it can: its warnings have exactly these codes (order kept). */
async function topologyWith(path: string, codes: string[]) {
  const r = await until(() => api!.get(path), (x) => x.status === 200 && JSON.stringify(Topology.parse(x.body).warnings.map((w) => w.code)) === JSON.stringify(codes));
  expect(r.status).toBe(200);
  const t = Topology.parse(r.body);
  expect(t.warnings.map((w) => w.code)).toEqual(codes);
  return t;
}

describe("faults through the API", () => {
  it("Kubernetes 403 on endpointslices → 200; the warning names verb, resource and ClusterRole; the rest is drawn", async () => {
    api = await startLiveApi(fixture, { beforeStart: (e) => void e.fault({ kubernetes: "endpointslices", status: 403 }) });
    const t = await topologyWith(web, ["K8S_FORBIDDEN"]);
    const w = t.warnings[0];
    expect(w.source).toBe("kubernetes");
    expect(w.message).toContain("may not list endpointslices.discovery.k8s.io");
    expect(w.message).toContain('cannot list resource "endpointslices" in API group "discovery.k8s.io"');
    expect(w.fix).toContain("ClusterRole lbpath-reader");
    expect(w.fix).toContain("deploy/rbac.yaml");
    expect(t.findings.map((f) => f.code)).toContain("PARTIAL_DATA");
    // What can be drawn is: the Service, its load balancer path and targets (AWS), the nodes.
    expect(t.service).toMatchObject({ namespace: "shop", name: "web", controller: "aws-load-balancer-controller" });
    expect(t.paths).toHaveLength(1);
    expect(t.paths[0].targets.map((x) => [x.id, x.state, x.verdict]).sort()).toEqual([["10.0.1.101", "healthy", "healthy"], ["10.0.2.102", "healthy", "healthy"]]);
    // Which pods back the Service is what EndpointSlices say: unknown, not "none" (the path's share is unknown).
    expect(t.paths[0].pods).toEqual([]);
    expect(t.paths[0].unknown).toBeCloseTo(1, 9);
    // Readiness is not held up by a refusal that waiting will not change: the page must be reachable to show the fix.
    expect((await api.get("/api/readyz")).status).toBe(200);
  });

  it("AWS AccessDenied on DescribeTargetHealth → the IAM action is named; the Kubernetes half and the LB structure render", async () => {
    api = await startLiveApi(fixture, { beforeStart: (e) => void e.fault({ aws: "DescribeTargetHealth", code: "AccessDenied" }) });
    // The core adds what the missing health means for this path (HEALTH_UNKNOWN).
    const t = await topologyWith(apiSvc, ["AWS_ACCESS_DENIED", "HEALTH_UNKNOWN"]);
    expect(t.warnings[0].source).toBe("aws");
    expect(t.warnings[0].message).toContain("is not authorized to perform: elasticloadbalancing:DescribeTargetHealth");
    expect(t.warnings[1].message).toContain("could not be read");
    expect(t.warnings[0].fix).toContain("allow elasticloadbalancing:DescribeTargetHealth");
    expect(t.warnings[0].fix).toContain("deploy/iam-policy.json");
    expect(t.service).toMatchObject({ name: "api", externalTrafficPolicy: "Local" });
    // The load balancer, listener and target group are drawn; which targets it has and their health are unknown
    // (DescribeTargetHealth is also the target list), the pods come from Kubernetes.
    expect(t.paths).toHaveLength(1);
    expect(t.paths[0].loadBalancer.name).toBe("a7a8b9c0d00004000800000000a002"); // the legacy provider's NLB of shop/api
    expect(t.paths[0].targets).toEqual([]);
    expect(t.paths[0].unknown).toBe(1);
    expect(t.paths[0].pods.map((p) => p.name).sort()).toEqual(["api-55c-x1", "api-55c-x2"]);
  });

  it("AWS AccessDenied on DescribeLoadBalancers → no path, the action is named, the Kubernetes half still renders", async () => {
    api = await startLiveApi(fixture, { beforeStart: (e) => void e.fault({ aws: "DescribeLoadBalancers", code: "AccessDenied" }) });
    const t = await topologyWith(web, ["AWS_ACCESS_DENIED"]);
    expect(t.warnings[0].message).toContain("elasticloadbalancing:DescribeLoadBalancers");
    expect(t.paths).toEqual([]);
    expect(t.service.ingress.length).toBeGreaterThan(0);
    const list = ServiceList.parse((await api.get(`/api/v1/clusters/${CONTEXT}/services`)).body);
    expect(list.services.map((s) => s.status)).toEqual(["unknown", "unknown", "unknown"]);
    expect(list.warnings.map((w) => w.code)).toEqual(["AWS_ACCESS_DENIED"]);
  });

  it("expired AWS credentials → AWS_CREDENTIALS with a clear message and fix; no call after the first few", async () => {
    api = await startLiveApi(fixture, { beforeStart: (e) => void e.fault({ aws: "*", code: "ExpiredToken", message: "The security token included in the request is expired" }) });
    const t = await topologyWith(web, ["AWS_CREDENTIALS"]);
    expect(t.warnings[0].source).toBe("aws");
    expect(t.warnings[0].message).toContain("AWS credentials are missing, invalid or expired");
    expect(t.warnings[0].message).toContain("The security token included in the request is expired");
    expect(t.warnings[0].fix).toMatch(/IRSA or EKS Pod Identity/);
    expect(t.service.name).toBe("web");
    // The breaker stops the stage at its first failures: the three listings that start together, nothing else.
    expect(api.emulator.awsRequests.filter((r) => r.action !== "DescribeLoadBalancers" && r.action !== "DescribeTargetGroups")).toEqual([]);
  });

  it("expired Kubernetes credentials (401) with nothing read yet → 503 K8S_UNAUTHORIZED naming cause and fix", async () => {
    api = await startLiveApi(fixture, { beforeStart: (e) => void e.fault({ kubernetes: "*", status: 401 }) });
    const r = await api.get<{ error: { code: string; message: string; fix: string } }>(web);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe("K8S_UNAUTHORIZED");
    expect(r.body.error.message).toContain("rejected the credentials (401 Unauthorized)");
    expect(r.body.error.fix).toMatch(/refresh the kubeconfig credentials/);
    const list = await api.get<{ error: { code: string } }>(`/api/v1/clusters/${CONTEXT}/services`);
    expect(list).toMatchObject({ status: 503, body: { error: { code: "K8S_UNAUTHORIZED" } } });
  });
});
