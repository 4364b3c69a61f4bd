import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulateGatewayRoute } from "@/server/core/alb/simulate";
import { RouteRequest, RouteResult } from "@/lib/api/route";
import type { Snapshot } from "@/server/core/model/snapshot";

/**
 * The Gateway simulator beyond the hand-worked ALB cases in albPaths.ts: the Gateways it cannot evaluate say why
 * instead of inventing a winner.
 */
const load = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;
const req = RouteRequest.parse({ host: "shop.example.com", path: "/store" });

describe("simulateGatewayRoute", () => {
  it("an NLB Gateway has no rules: no winner, no pods, and the answer says why", () => {
    const r = simulateGatewayRoute(load("gateway-nlb-tcproute"), { namespace: "iot", name: "iot-gw" }, req)!;
    expect(RouteResult.parse(r).subject).toEqual({ kind: "Gateway", namespace: "iot", name: "iot-gw" });
    expect(r.winner).toBeNull();
    expect(r.targetPods).toEqual([]);
    expect(r.loadBalancer?.name).toMatch(/^k8s-iot-iotgw-/);
    expect(r.summary).toMatch(/NLB Gateway has no listener rules/);
  });

  it("no such Gateway: null (the route answers 404)", () => {
    expect(simulateGatewayRoute(load("gateway-httproute"), { namespace: "default", name: "nope" }, req)).toBeNull();
  });

  it("a class of another controller: no AWS load balancer evaluates it", () => {
    const s = load("gateway-httproute");
    s.kubernetes.gatewayClasses = s.kubernetes.gatewayClasses!.map((c) => ({ ...c, spec: { controllerName: "example.com/other" } }));
    const r = simulateGatewayRoute(s, { namespace: "default", name: "shop-gw" }, req)!;
    expect(r.winner).toBeNull();
    expect(r.loadBalancer).toBeNull();
    expect(r.summary).toMatch(/not the AWS Load Balancer Controller's/);
  });

  it("the load balancer gone from AWS: nothing to evaluate, said plainly", () => {
    const s = load("gateway-httproute");
    s.aws.loadBalancers = s.aws.loadBalancers.filter((l) => l.type !== "application");
    const r = simulateGatewayRoute(s, { namespace: "default", name: "shop-gw" }, req)!;
    expect(r.winner).toBeNull();
    expect(r.summary).toMatch(/load balancer is not known/);
  });
});
