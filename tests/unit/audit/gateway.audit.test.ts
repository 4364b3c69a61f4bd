import { describe, expect, it } from "vitest";
import { buildGatewayTopology, gatewayLoadBalancer, routesOf } from "@/server/core/alb/buildGatewayTopology";
import { gatewayConfig } from "@/server/core/alb/gatewayConfig";
import { simulateGatewayRoute } from "@/server/core/alb/simulate";
import { albIndex } from "@/server/core/alb/albIndex";
import { indexSnapshot } from "@/server/core/index/snapshotIndex";
import { GATEWAY_CONTROLLER_ALB, GATEWAY_CONTROLLER_NLB } from "@/server/core/model/crds";
import { RouteRequest } from "@/lib/api/route";
import { buildScenario } from "@/scripts/demo/scenario";
import { gatewayHttpRoute } from "@/scripts/demo/scenarios/alb";
import type { HttpRouteDef } from "@/scripts/demo/model";
import { controllerOrder, controllerPathPatterns, listenerOf, loadDemo, pathValues } from "./gateway.helpers";

/**
 * Audit of lbpath's Gateway API model (GW-1..GW-4) against the AWS Load Balancer Controller's own code and docs
 * (kubernetes-sigs/aws-load-balancer-controller, pkg/gateway/…, controllers/gateway/…, docs/guide/gateway/…).
 * This file holds the AGREEMENTS: each test cites the source it checks. Disagreements (expected to fail):
 * gateway.fixes.test.ts.
 */

describe("GW-1: GatewayClass controllerName", () => {
  /*
   * Source: pkg/gateway/constants/controller_constants.go — `NLBGatewayController = "gateway.k8s.aws/nlb"`,
   *   `ALBGatewayController = "gateway.k8s.aws/alb"`; controllers/gateway/gateway_controller.go reconcileHelper:
   *   `if string(gwClass.Spec.ControllerName) != r.controllerName { // ignore this gateway event … return nil }`.
   */
  it("the controller names lbpath recognises are the controller's", () => {
    expect(GATEWAY_CONTROLLER_ALB).toBe("gateway.k8s.aws/alb");
    expect(GATEWAY_CONTROLLER_NLB).toBe("gateway.k8s.aws/nlb");
  });
});

describe("GW-2: Gateway → load balancer by status address", () => {
  /*
   * Source: controllers/gateway/gateway_controller.go updateGatewayStatusSuccess — `if len(gw.Status.Addresses) != 1
   *   || gw.Status.Addresses[0].Value != lbStatus.DNSName { ipAddressType := gwv1.HostnameAddressType;
   *   gw.Status.Addresses = []gwv1.GatewayStatusAddress{{Type: &ipAddressType, Value: lbStatus.DNSName}} … }`.
   *   So the one status address is the load balancer's DNS name, of type Hostname.
   */
  it("the status address (any case) names the Gateway's load balancer", () => {
    const s = loadDemo("gateway-httproute");
    const gw = s.kubernetes.gateways![0];
    gw.status!.addresses = [{ type: "Hostname", value: gw.status!.addresses![0].value.toUpperCase() }];
    expect(gatewayLoadBalancer(gw, indexSnapshot(s))?.lb.loadBalancerArn).toBe(s.aws.loadBalancers[0].loadBalancerArn);
  });
});

describe("GW-3 (ALB): HTTPRoute → listener rules", () => {
  /*
   * Source: pkg/gateway/routeutils/route_rule_condition.go buildHttpPathCondition — "for prefixType, we'll generate two
   *   path pattern … a special case is "/", which matches all paths, thus we generate the path pattern as "/*"";
   *   BuildHttpRuleConditions — route hostnames → one host-header condition with all of them.
   */
  it("PathPrefix → path-pattern and hostnames → host-header, as the demo's rules have them", () => {
    const s = loadDemo("gateway-httproute");
    const route = s.kubernetes.routes![0];
    const rules = listenerOf(s).rules!.filter((r) => !r.isDefault);
    const order = controllerOrder(routesOf(s.kubernetes.gateways![0], s));
    for (const o of order) {
      const m = route.spec.rules![o.ruleIndex].matches![o.matchIndex];
      const r = rules.find((x) => x.priority === String(o.priority))!;
      expect(pathValues(r)).toEqual(controllerPathPatterns(m));
      expect(r.conditions.find((c) => c.field === "host-header")?.values).toEqual(route.spec.hostnames);
    }
  });

  /*
   * Source: route_rule_precedence.go compareHttpRulePrecedence — same hostnames, both PathPrefix, "compare path length"
   *   (`PathLength > …` first); model_build_listener.go buildListenerRules numbers the sorted rules from priority 1.
   *   For the demo route (/store, /): /store gets priority 1, / priority 2.
   */
  it("the demo's priorities follow the controller's precedence (longest prefix first)", () => {
    const s = loadDemo("gateway-httproute");
    const order = controllerOrder(s.kubernetes.routes!);
    expect(order.map((o) => s.kubernetes.routes![0].spec.rules![o.ruleIndex].matches![0].path!.value)).toEqual(["/store", "/"]);
    const byPriority = listenerOf(s).rules!.filter((r) => !r.isDefault).map((r) => [r.priority, pathValues(r)[0]]);
    expect(byPriority).toEqual([["1", "/store"], ["2", "/*"]]);
  });

  /*
   * Source: route_rule_precedence.go compareHttpRulePrecedence ("compare path length") — the order of the route's rules
   *   does not matter, only their specificity. Input: the demo Gateway with its two rules written / first, /store
   *   second. lbpath's demo builder sorts the paths like the Ingress controller (sortIngressPaths: longest Prefix first),
   *   which for one route of PathPrefix matches gives the same order; the simulator then sends /store to store.
   */
  it("the longer PathPrefix gets the lower priority whatever the route's rule order", () => {
    const g = gatewayHttpRoute.gateways![0];
    const route = g.route as HttpRouteDef;
    const s = buildScenario({ ...gatewayHttpRoute, id: "gateway-httproute-reversed", gateways: [{ ...g, route: { ...route, rules: [...route.rules].reverse() } }] });
    expect(controllerOrder(s.kubernetes.routes!).map((o) => s.kubernetes.routes![0].spec.rules![o.ruleIndex].matches![0].path!.value)).toEqual(["/store", "/"]);
    expect(listenerOf(s).rules!.filter((r) => !r.isDefault).map((r) => pathValues(r)[0])).toEqual(["/store", "/*"]);
    const r = simulateGatewayRoute(s, { namespace: "default", name: "shop-gw" }, RouteRequest.parse({ host: "shop.example.com", path: "/store" }))!;
    expect(r.targetPods.length).toBeGreaterThan(0);
    expect(r.targetPods.every((p) => p.name.startsWith("store-"))).toBe(true);
  });

  /*
   * Source: pkg/gateway/model/model_build_listener.go — "// L7 listeners will always have 404 as default actions since
   *   we don't have dedicated backend": `Type: ActionTypeFixedResponse, ContentType: "text/plain", StatusCode: "404"`.
   */
  it("the listener's default action is a fixed 404 text/plain, and the simulator answers it for an unmatched host", () => {
    const s = loadDemo("gateway-httproute");
    expect(listenerOf(s).defaultActions).toEqual([{ type: "fixed-response", fixedResponseConfig: { statusCode: "404", contentType: "text/plain" } }]);
    const r = simulateGatewayRoute(s, { namespace: "default", name: "shop-gw" }, RouteRequest.parse({ host: "other.example.com", path: "/" }))!;
    expect(r.winner?.isDefault).toBe(true);
    expect(r.action?.fixedResponse?.statusCode).toBe("404");
  });

  it("a request the controller's rule 1 matches lands on store's pods, credited to the HTTPRoute", () => {
    const s = loadDemo("gateway-httproute");
    const r = simulateGatewayRoute(s, { namespace: "default", name: "shop-gw" }, RouteRequest.parse({ host: "shop.example.com", path: "/store/cart" }))!;
    expect(r.winner?.priority).toBe("1");
    expect(r.winner?.source).toEqual({ kind: "HTTPRoute", namespace: "default", name: "shop" });
    expect(r.targetPods.every((p) => p.name.startsWith("store-"))).toBe(true);
  });
});

describe("GW-3 (NLB): one route, one backend, the listener's default action", () => {
  /*
   * Source: model_build_listener.go buildL4ListenerSpec — "For L4 Gateways we will assume that each L4 gateway Listener
   *   will have a single L4 route and each route will only have a single backendRef as weighted tgs are not supported
   *   for NLBs." … `listenerSpec.DefaultActions = buildL4ListenerDefaultActions(arn)` (one forward, one target group);
   *   buildListeners: "// build rules only for L7 gateways".
   */
  it("the NLB listener forwards to one target group, has no rules, and lbpath draws one path credited to the TCPRoute", () => {
    const s = loadDemo("gateway-nlb-tcproute");
    const l = listenerOf(s, 1883);
    expect(l.defaultActions).toHaveLength(1);
    expect(l.defaultActions[0].type).toBe("forward");
    expect((l.rules ?? []).filter((r) => !r.isDefault)).toHaveLength(0);
    const t = buildGatewayTopology(s, { namespace: "iot", name: "iot-gw" })!;
    expect(t.paths).toHaveLength(1);
    expect((t.paths[0].rules ?? []).map((r) => r.source)).toContainEqual({ kind: "TCPRoute", namespace: "iot", name: "broker" });
    const sim = simulateGatewayRoute(s, { namespace: "iot", name: "iot-gw" }, RouteRequest.parse({ host: "x", path: "/" }))!;
    expect(sim.winner).toBeNull();
  });

  /*
   * Source: pkg/gateway/model/model_build_target_group.go inferTargetGroupProtocolFromRoute — `case
   *   routeutils.TCPRouteKind: return elbv2model.ProtocolTCP`; pkg/gateway/routeutils/backend_service.go
   *   GetTargetGroupPort — `if targetType == elbv2model.TargetTypeInstance { return s.servicePort.NodePort }`;
   *   buildTargetGroupBindingSpec — instance targets use `intstr.FromInt32(backendConfig.GetServicePort().NodePort)`.
   *   Default target type: docs/guide/gateway/targetgroupconfig.md "Controller defaults — Hardcoded defaults (e.g.,
   *   `targetType: instance`) and the `--default-target-type` controller flag"; TargetType "**Default** Auto-inferred as
   *   "instance"".
   */
  it("the TCPRoute's target group: TCP, instance targets on the nodePort", () => {
    const s = loadDemo("gateway-nlb-tcproute");
    const tg = s.aws.targetGroups[0];
    expect(tg.protocol).toBe("TCP");
    expect(tg.targetType).toBe("instance");
    expect(tg.port).toBe(31883);
    expect(tg.targetHealthDescriptions!.every((d) => d.target.port === 31883)).toBe(true);
  });

  /*
   * Source: model_build_target_group.go buildTargetGroupHealthCheckProtocol — `if builder.loadBalancerType ==
   *   LoadBalancerTypeNetwork { if isServiceExternalTrafficPolicyTypeLocal { return …ForInstanceModeLocal } return
   *   elbv2model.ProtocolTCP }`; buildTargetGroupHealthCheckPath — `if hcProtocol == ProtocolTCP { return nil }`;
   *   backend_service.go GetHealthCheckPort — no config → `shared_constants.HealthCheckPortTrafficPort`;
   *   `defaultHealthCheckUnhealthyThresholdCount: 3, defaultHealthyThresholdCount: 3`.
   *   (Interval and timeout differ: see gateway.fixes.test.ts.)
   */
  it("the NLB Gateway's health check (ETP Cluster): TCP on the traffic port, no path, 3/3", () => {
    const tg = loadDemo("gateway-nlb-tcproute").aws.targetGroups[0];
    expect([tg.healthCheckProtocol, tg.healthCheckPort, tg.healthCheckPath, tg.healthyThresholdCount, tg.unhealthyThresholdCount]).toEqual(["TCP", "traffic-port", undefined, 3, 3]);
  });
});

describe("ETP Local: health classification of an NLB Gateway's instance targets", () => {
  /*
   * Source: model_build_target_group.go buildTargetGroupHealthCheckConfig — `if targetType == TargetTypeInstance &&
   *   backendConfig.GetExternalTrafficPolicy() == ServiceExternalTrafficPolicyTypeLocal && builder.loadBalancerType ==
   *   LoadBalancerTypeNetwork { isServiceExternalTrafficPolicyTypeLocal = true }`; backend_service.go GetHealthCheckPort —
   *   `if portConfigNotExist && isServiceExternalTrafficPolicyTypeLocal { return
   *   intstr.FromInt32(s.service.Spec.HealthCheckNodePort), nil }`; defaults `…ProtocolForInstanceModeLocal:
   *   ProtocolHTTP, …PathForInstanceModeLocal: "/healthz", …IntervalForInstanceModeLocal: 10, …TimeoutForInstanceModeLocal:
   *   6, …HealthyThresholdForInstanceModeLocal: 2, …UnhealthyThresholdForInstanceModeLocal: 2`.
   * Input: gateway-nlb-tcproute with broker as a LoadBalancer-type Service, externalTrafficPolicy Local,
   *   healthCheckNodePort 32123, and the target group as the controller makes it; the node with no broker pod reports
   *   unhealthy (Target.FailedHealthChecks).
   * lbpath: the engine (buildPath, HLT-C1) reads the health-check port as the healthCheckNodePort and calls that node
   *   "expected" (LOCAL_NO_ENDPOINT), the nodes with a pod healthy — the controller's design.
   */
  it("the node without a local endpoint fails the healthCheckNodePort check by design", () => {
    const s = loadDemo("gateway-nlb-tcproute");
    const svc = s.kubernetes.services[0];
    svc.spec = { ...svc.spec, type: "LoadBalancer", externalTrafficPolicy: "Local", healthCheckNodePort: 32123 };
    const tg = s.aws.targetGroups[0];
    Object.assign(tg, { healthCheckProtocol: "HTTP", healthCheckPort: "32123", healthCheckPath: "/healthz", healthCheckIntervalSeconds: 10, healthCheckTimeoutSeconds: 6, healthyThresholdCount: 2, unhealthyThresholdCount: 2 });
    const empty = s.kubernetes.nodes.find((n) => !s.kubernetes.pods.some((p) => p.spec?.nodeName === n.metadata.name))!;
    const emptyId = empty.spec!.providerID!.split("/").pop()!;
    tg.targetHealthDescriptions = tg.targetHealthDescriptions!.map((d) => ({
      ...d,
      healthCheckPort: "32123",
      targetHealth: d.target.id === emptyId ? { state: "unhealthy", reason: "Target.FailedHealthChecks", description: "Health checks failed" } : d.targetHealth,
    }));
    const t = buildGatewayTopology(s, { namespace: "iot", name: "iot-gw" })!;
    const p = t.paths[0];
    expect(p.targetGroup?.healthCheck.portMeaning).toBe("healthCheckNodePort");
    const bad = p.targets.find((x) => x.id === emptyId)!;
    expect([bad.verdict, bad.code]).toEqual(["expected", "LOCAL_NO_ENDPOINT"]);
    expect(p.health.fault).toBe(0);
  });
});

describe("GW-4: configuration resolution", () => {
  /*
   * Source: docs/guide/gateway/targetgroupconfig.md "Configuration Resolution Order": "1. Service-level
   *   TargetGroupConfiguration … 2. Gateway-level default TargetGroupConfiguration … 3. Controller defaults";
   *   pkg/gateway/routeutils/backend_service.go serviceLoader — "// Cross-TGC merge: service fields win, gateway default
   *   fields as fallback"; the same docs: "A TGC with `targetReference` set cannot be used as a
   *   `defaultTargetGroupConfiguration`".
   */
  it("a Service's TargetGroupConfiguration wins over the Gateway's default one; the default fills in for the rest", () => {
    const s = loadDemo("gateway-config-not-applied");
    const gw = s.kubernetes.gateways![0];
    const cls = albIndex(s).gatewayClassesByName.get(gw.spec.gatewayClassName);
    const routes = routesOf(gw, s);
    const c = gatewayConfig(gw, cls, routes, s);
    expect(c.targetType({ namespace: "default", name: "store" }, routes[0])).toMatchObject({ value: "instance", level: "Service" });
    expect(c.targetType({ namespace: "default", name: "web" }, routes[0])).toMatchObject({ value: "ip", level: "Gateway default" });
    const t = buildGatewayTopology(s, { namespace: "default", name: "shop-gw" })!;
    expect(t.findings.filter((f) => f.code === "GATEWAY_CONFIG_NOT_APPLIED").map((f) => f.refs[0])).toEqual([expect.stringMatching(/^TargetGroup:k8s-default-store-/)]);
  });

  /*
   * Source: same docs, "3. Controller defaults — Hardcoded defaults (e.g., `targetType: instance`) and the
   *   `--default-target-type` controller flag". lbpath cannot read the flag, so with no configuration it declares nothing
   *   and raises no GATEWAY_CONFIG_NOT_APPLIED (rather than guessing "instance").
   */
  it("no configuration object: nothing declared, no finding", () => {
    const s = loadDemo("gateway-nlb-tcproute");
    const gw = s.kubernetes.gateways![0];
    const c = gatewayConfig(gw, albIndex(s).gatewayClassesByName.get(gw.spec.gatewayClassName), routesOf(gw, s), s);
    expect(c.targetType({ namespace: "iot", name: "broker" }, null)).toBeNull();
    expect(c.scheme).toBeNull();
  });
});
