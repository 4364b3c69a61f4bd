import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { RouteResult } from "@/lib/api/route";
import { ServiceList, Topology, Triage } from "@/lib/api/topology";
import { CONTEXT, TOKEN, startLiveApi, until, type LiveApi } from "./apiHarness";
import { SCENARIO_DIR, loadSnapshot } from "./helpers";

/**
 * Issue 13's API, through the real route handlers in live mode against the emulator (real clients): the Ingress
 * topology, the rule simulator (zod-validated body, JSON 400 naming the field), the overview rows and triage.
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const group = loadSnapshot(join(SCENARIO_DIR, "alb-ingress-group.json"));
let api: LiveApi;
let topo: Handler, route: Handler, gateway: Handler, gatewayRoute: Handler;
const base = `/api/v1/clusters/${CONTEXT}/namespaces/shop/ingresses`;
const call = async (h: Handler, params: Record<string, string>, init: RequestInit = {}) => {
  const res = await h(new Request(`http://127.0.0.1${base}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", ...init.headers } }), { params: Promise.resolve({ cluster: CONTEXT, ...params }) });
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  api = await startLiveApi(group);
  topo = (await import("@/app/api/v1/clusters/[cluster]/namespaces/[namespace]/ingresses/[name]/topology/route")).GET as Handler;
  route = (await import("@/app/api/v1/clusters/[cluster]/namespaces/[namespace]/ingresses/[name]/route/route")).POST as Handler;
  gateway = (await import("@/app/api/v1/clusters/[cluster]/namespaces/[namespace]/gateways/[name]/topology/route")).GET as Handler;
  gatewayRoute = (await import("@/app/api/v1/clusters/[cluster]/namespaces/[namespace]/gateways/[name]/route/route")).POST as Handler;
});
afterAll(() => api.close());

describe("Ingress API (live mode, emulator)", () => {
  it("GET …/ingresses/{name}/topology: the contract, with rules and their shadowing", async () => {
    const r = await until(() => call(topo, { namespace: "shop", name: "api" }), (x) => x.status === 200 && x.body.paths?.length > 0);
    const t = Topology.parse(r.body);
    expect(t.subject).toMatchObject({ kind: "Ingress", namespace: "shop", name: "api", group: { name: "shop", explicit: true } });
    expect(t.paths[0].loadBalancer.kind).toBe("application");
    expect(t.paths[0].rules!.map((x) => [x.priority, x.shadowedBy])).toEqual([["1", null], ["2", "1"], ["3", "1"], ["default", null]]);
    expect(t.findings.map((f) => f.code)).toContain("RULE_SHADOWED");
    expect(typeof r.body.age.servedAt).toBe("string");
  });

  it("unknown Ingress → 404 JSON; malformed name → 400 naming the parameter", async () => {
    const missing = await call(topo, { namespace: "shop", name: "nope" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("INGRESS_NOT_FOUND");
    const bad = await call(topo, { namespace: "shop", name: "Not_Valid" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/name:/);
  });

  it("POST …/route: the winning rule and the pods", async () => {
    const r = await call(route, { namespace: "shop", name: "api" }, { method: "POST", body: JSON.stringify({ host: "shop.example.com", path: "/api/orders", headers: { "X-Debug": "1" } }) });
    expect(r.status).toBe(200);
    const res = RouteResult.parse(r.body);
    expect(res.winner?.priority).toBe("1");
    expect(res.alsoMatching).toEqual(["3"]); // /api is rule 3, after the longer Prefix /admin
    expect(res.targetPods.map((p) => p.share)).toEqual([0.5, 0.5]);
  });

  it("POST …/route: a bad body is a JSON 400 that names the field", async () => {
    const noHost = await call(route, { namespace: "shop", name: "api" }, { method: "POST", body: JSON.stringify({ path: "/x" }) });
    expect(noHost.status).toBe(400);
    expect(noHost.body.error).toMatchObject({ code: "INVALID_BODY" });
    expect(noHost.body.error.message).toMatch(/host/);
    const badPath = await call(route, { namespace: "shop", name: "api" }, { method: "POST", body: JSON.stringify({ host: "a.example", path: "no-slash" }) });
    expect(badPath.body.error.message).toMatch(/path: must start with \//);
    const extra = await call(route, { namespace: "shop", name: "api" }, { method: "POST", body: JSON.stringify({ host: "a.example", path: "/", evil: 1 }) });
    expect(extra.status).toBe(400);
    const notJson = await call(route, { namespace: "shop", name: "api" }, { method: "POST", body: "host=a" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.fix).toMatch(/JSON/);
  });

  it("GET …/gateways/{name}/topology and POST …/route: 404 JSON when there is no such Gateway (CRD not installed)", async () => {
    const r = await call(gateway, { namespace: "shop", name: "gw" });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("GATEWAY_NOT_FOUND");
    const sim = await call(gatewayRoute, { namespace: "shop", name: "gw" }, { method: "POST", body: JSON.stringify({ host: "shop.example.com" }) });
    expect(sim.status).toBe(404);
    expect(sim.body.error.code).toBe("GATEWAY_NOT_FOUND");
    // The body is checked before the cluster is read: a bad one is a 400 naming the field, Gateway or not.
    const bad = await call(gatewayRoute, { namespace: "shop", name: "gw" }, { method: "POST", body: JSON.stringify({ host: "" }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/host/);
  });

  it("the overview lists the Ingresses (kind Ingress) with the same columns, and triage includes their paths", async () => {
    const got = await api.get(`/api/v1/clusters/${CONTEXT}/services`);
    if (got.status !== 200) throw new Error(JSON.stringify(got.body));
    const list = ServiceList.parse(got.body);
    const rows = list.services.filter((s) => s.kind === "Ingress").map((s) => `${s.namespace}/${s.name}`);
    expect(rows).toEqual(["shop/api", "shop/storefront"]);
    const api2 = list.services.find((s) => s.name === "api" && s.kind === "Ingress")!;
    expect(api2).toMatchObject({ controller: "aws-load-balancer-controller", loadBalancerKind: "application", targetType: "ip", status: "ok" });
    expect(api2.findings.map((f) => f.code)).toContain("RULE_SHADOWED");
    const triage = Triage.parse((await api.get(`/api/v1/clusters/${CONTEXT}/triage`)).body);
    expect(triage.targets).toEqual([]); // every ALB target is healthy in this scenario
  });
});
