import { afterEach, describe, expect, it } from "vitest";
import { WhatIfResponse } from "@/lib/api/whatIf";
import { CONTEXT, startLiveApi, until, type LiveApi } from "./apiHarness";
import { loadSnapshot, SCENARIO_DIR } from "./helpers";

/**
 * Issue 11 in live mode: the what-if route predicts from the live shared cache (real clients against the
 * emulator), the same answer the demo gives for the same cluster, and without a single extra upstream call.
 */
const blog = loadSnapshot(`${SCENARIO_DIR}/blog-local.json`);
let api: LiveApi | undefined;
afterEach(async () => { await api?.close(); api = undefined; });

const path = `/api/v1/clusters/${CONTEXT}/namespaces/default/services/web/what-if?change=externalTrafficPolicy:Cluster`;

describe("what-if, live", () => {
  it("the blog's example, Local → Cluster: n2 turns healthy, the pod sees node IPs; no extra AWS or Kubernetes calls", async () => {
    api = await startLiveApi(blog);
    const first = await until(() => api!.get(path), (a) => a.status === 200 && (a.body as { before?: { paths?: unknown[] } }).before?.paths?.length === 1);
    const body = WhatIfResponse.parse(first.body);
    expect(body.before.paths[0].targets.map((t) => t.verdict).sort()).toEqual(["expected", "healthy"]);
    expect(body.after.paths[0].targets.map((t) => t.verdict)).toEqual(["healthy", "healthy"]);
    expect(body.after.paths[0].pods[0].sourceIp.seenAs).toBe("node");
    expect(body.costs.map((c) => c.code)).toContain("CLIENT_IP_LOST");

    const { emulator } = api;
    const calls = () => ({ aws: emulator.awsCount("elbv2:DescribeTargetHealth"), lists: emulator.kubeCount("pods", "list") });
    const before = calls();
    const again = await api.get(path);
    expect(again.status).toBe(200);
    // A prediction is computed from the cache: the answer does not wait for, or cause, an upstream read.
    expect(calls().lists).toBe(before.lists);
    expect(calls().aws - before.aws).toBeLessThanOrEqual(1); // at most the health loop's own tick meanwhile
  });

  it("a refusal and a malformed change are JSON 400s naming the field, live as in demo", async () => {
    api = await startLiveApi(blog);
    await until(() => api!.get(path), (a) => a.status === 200);
    const refused = await api.get(`/api/v1/clusters/${CONTEXT}/namespaces/default/services/web/what-if?change=targetType:ip`);
    expect(refused.status).toBe(400);
    expect((refused.body as { error: { code: string } }).error.code).toBe("CHANGE_NOT_POSSIBLE");
    const bad = await api.get(`/api/v1/clusters/${CONTEXT}/namespaces/default/services/web/what-if?change=replicas:many`);
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { message: string } }).error.message).toContain("change[0].value");
  });
});
