import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildGatewayTopology } from "@/server/core/alb/buildGatewayTopology";
import type * as crd from "@/server/core/model/crds";
import type { Snapshot } from "@/server/core/model/snapshot";

/**
 * GW-4: the controller's LoadBalancerConfiguration / TargetGroupConfiguration, resolved as its guide documents
 * ("TargetGroupConfiguration — Configuration Resolution Order", "GatewayClass + Gateway Default TGC Merging",
 * "Route Matching Logic"), against what AWS has. Both demo target groups are ip; the ALB is internet-facing.
 */
const load = (id: string) => JSON.parse(readFileSync(join(process.cwd(), "server/sources/demo/scenarios", `${id}.json`), "utf8")) as Snapshot;
const REF = { namespace: "default", name: "shop-gw" };
const meta = (name: string, namespace = "default") => ({ name, namespace });
const lbcRef = (name: string) => ({ group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name });

/** gateway-httproute with the given objects; the Gateway points at `gatewayLbc`, the class at `classLbc` (in kube-system). */
function world(o: { gatewayLbc?: crd.LoadBalancerConfiguration; classLbc?: crd.LoadBalancerConfiguration; tgcs?: crd.TargetGroupConfiguration[]; gatewayRef?: string }): Snapshot {
  const s = structuredClone(load("gateway-httproute"));
  const k = s.kubernetes;
  k.loadBalancerConfigurations = [o.gatewayLbc, o.classLbc].filter((x): x is crd.LoadBalancerConfiguration => !!x);
  k.targetGroupConfigurations = o.tgcs ?? [];
  const ref = o.gatewayRef ?? o.gatewayLbc?.metadata.name;
  if (ref) k.gateways![0].spec.infrastructure = { parametersRef: lbcRef(ref) };
  if (o.classLbc) k.gatewayClasses![0].spec.parametersRef = { ...lbcRef(o.classLbc.metadata.name), namespace: o.classLbc.metadata.namespace };
  return s;
}
const tgc = (name: string, targetType: string, extra: Partial<crd.TargetGroupConfiguration["spec"]> = {}, namespace = "default"): crd.TargetGroupConfiguration => ({ metadata: meta(name, namespace), spec: { defaultConfiguration: { targetType }, ...extra } });
/** Service → the message of its GATEWAY_CONFIG_NOT_APPLIED finding (undefined: none). */
function flagged(s: Snapshot): Record<string, string> {
  const t = buildGatewayTopology(s, REF)!;
  const out: Record<string, string> = {};
  for (const f of t.findings.filter((x) => x.code === "GATEWAY_CONFIG_NOT_APPLIED")) {
    const p = t.paths.find((x) => x.id === f.pathId);
    out[p ? p.backendService!.name : "load balancer"] = f.message;
  }
  return out;
}

describe("Gateway configuration (GW-4)", () => {
  it("the demo: store's own TargetGroupConfiguration (instance) wins over the Gateway default (ip); its ip target group is flagged, web's is not", () => {
    const t = buildGatewayTopology(load("gateway-config-not-applied"), REF)!;
    const f = t.findings.filter((x) => x.code === "GATEWAY_CONFIG_NOT_APPLIED");
    expect(f).toHaveLength(1);
    expect(t.paths.find((p) => p.id === f[0].pathId)!.backendService!.name).toBe("store");
    expect(f[0].message).toContain("TargetGroupConfiguration default/store-tg (Service) asks for instance targets");
    expect(f[0].severity).toBe("warning");
    expect(f[0].rules).toEqual(["GW-4"]);
    expect(f[0].refs).toEqual([`TargetGroup:${t.paths.find((p) => p.id === f[0].pathId)!.targetGroup!.name}`]);
    expect(t.subject!.configurations!.map((c) => `${c.kind} ${c.name}`)).toEqual([
      "LoadBalancerConfiguration shop-gw-lb",
      "TargetGroupConfiguration shop-gw-tg-defaults",
      "TargetGroupConfiguration store-tg",
    ]);
  });

  it("without configuration objects: nothing claimed, no configurations listed", () => {
    const t = buildGatewayTopology(load("gateway-nlb-tcproute"), { namespace: "iot", name: "iot-gw" })!;
    expect(t.findings.some((x) => x.code === "GATEWAY_CONFIG_NOT_APPLIED")).toBe(false);
    expect(t.subject!.configurations).toBeUndefined();
  });

  it("a Gateway-level default TargetGroupConfiguration applies to every Service backend", () => {
    const s = world({ gatewayLbc: { metadata: meta("lb"), spec: { defaultTargetGroupConfiguration: { name: "defaults" } } }, tgcs: [tgc("defaults", "instance")] });
    const got = flagged(s);
    expect(Object.keys(got).sort()).toEqual(["store", "web"]);
    expect(got.web).toContain("TargetGroupConfiguration default/defaults (Gateway default)");
  });

  it("GatewayClass and Gateway defaults: the class wins unless its mergingMode is prefer-gateway", () => {
    const gatewayLbc: crd.LoadBalancerConfiguration = { metadata: meta("lb"), spec: { defaultTargetGroupConfiguration: { name: "gw-defaults" } } };
    const classLbc = (mergingMode?: string): crd.LoadBalancerConfiguration => ({ metadata: meta("org", "kube-system"), spec: { ...(mergingMode ? { mergingMode } : {}), defaultTargetGroupConfiguration: { name: "org-defaults" } } });
    const tgcs = [tgc("gw-defaults", "ip"), tgc("org-defaults", "instance", {}, "kube-system")];
    const classWins = flagged(world({ gatewayLbc, classLbc: classLbc(), tgcs }));
    expect(Object.keys(classWins).sort()).toEqual(["store", "web"]);
    expect(classWins.web).toContain("kube-system/org-defaults (GatewayClass default)");
    expect(flagged(world({ gatewayLbc, classLbc: classLbc("prefer-gateway"), tgcs }))).toEqual({});
    // A field only the lower-priority default sets still applies (non-overlapping fields are kept).
    const onlyGateway = [tgc("gw-defaults", "instance"), { metadata: meta("org-defaults", "kube-system"), spec: { defaultConfiguration: {} } }];
    expect(Object.keys(flagged(world({ gatewayLbc, classLbc: classLbc(), tgcs: onlyGateway })))).toHaveLength(2);
  });

  it("route overrides: the most specific routeIdentifier that matches wins; one naming another namespace does not match", () => {
    const store = (routeConfigurations: NonNullable<crd.TargetGroupConfiguration["spec"]["routeConfigurations"]>) =>
      world({ tgcs: [tgc("store-tg", "instance", { targetReference: { name: "store" }, routeConfigurations })] });
    expect(flagged(store([{ routeIdentifier: { kind: "HTTPRoute", namespace: "default", name: "shop" }, targetGroupProps: { targetType: "ip" } }]))).toEqual({});
    expect(flagged(store([
      { routeIdentifier: { kind: "HTTPRoute" }, targetGroupProps: { targetType: "instance" } },
      { routeIdentifier: { kind: "HTTPRoute", namespace: "default" }, targetGroupProps: { targetType: "ip" } },
    ]))).toEqual({});
    const other = flagged(store([{ routeIdentifier: { kind: "HTTPRoute", namespace: "test" }, targetGroupProps: { targetType: "ip" } }]));
    expect(Object.keys(other)).toEqual(["store"]);
    expect(other.store).toContain("(Service)");
    const override = flagged(world({ tgcs: [tgc("store-tg", "ip", { targetReference: { name: "store" }, routeConfigurations: [{ routeIdentifier: { kind: "HTTPRoute", name: "shop" }, targetGroupProps: { targetType: "instance" } }] })] }));
    expect(override.store).toContain("(route override)");
  });

  it("a Service-level TargetGroupConfiguration must be in the Service's namespace and name it", () => {
    expect(flagged(world({ tgcs: [tgc("store-tg", "instance", { targetReference: { name: "store" } }, "other")] }))).toEqual({});
    expect(flagged(world({ tgcs: [tgc("store-tg", "instance", { targetReference: { name: "stor" } })] }))).toEqual({});
  });

  it("a default with a targetReference is rejected by the controller: not applied, and said so", () => {
    const s = world({ gatewayLbc: { metadata: meta("lb"), spec: { defaultTargetGroupConfiguration: { name: "bad" } } }, tgcs: [tgc("bad", "instance", { targetReference: { name: "store" } })] });
    const t = buildGatewayTopology(s, REF)!;
    expect(t.subject!.configurations!.find((c) => c.name === "bad" && c.role.includes("default"))!.role).toContain("rejects it as a default");
    // It still configures store as its Service-level TGC.
    expect(Object.keys(flagged(s))).toEqual(["store"]);
  });

  it("the scheme: a LoadBalancerConfiguration asking for internal on an internet-facing ALB is flagged on the load balancer", () => {
    const got = flagged(world({ gatewayLbc: { metadata: meta("lb"), spec: { scheme: "internal" } } }));
    expect(Object.keys(got)).toEqual(["load balancer"]);
    expect(got["load balancer"]).toContain("asks for scheme internal");
    expect(flagged(world({ gatewayLbc: { metadata: meta("lb"), spec: { scheme: "internet-facing" } } }))).toEqual({});
  });

  it("a referenced configuration that does not exist is listed as not found; a ListenerRuleConfiguration named by a route filter is listed", () => {
    const s = world({ gatewayRef: "missing" });
    s.kubernetes.routes![0].spec.rules![0].filters = [{ type: "ExtensionRef", extensionRef: { group: "gateway.k8s.aws", kind: "ListenerRuleConfiguration", name: "source-ip" } }];
    s.kubernetes.listenerRuleConfigurations = [{ metadata: meta("source-ip"), spec: { conditions: [{ field: "source-ip" }] } }];
    const t = buildGatewayTopology(s, REF)!;
    expect(t.subject!.configurations).toEqual([
      { kind: "LoadBalancerConfiguration", namespace: "default", name: "missing", role: "load balancer settings of this Gateway", found: false },
      { kind: "ListenerRuleConfiguration", namespace: "default", name: "source-ip", role: "extra conditions and actions of a rule of HTTPRoute default/shop", found: true },
    ]);
  });
});
