import type { LoadBalancer, TargetGroup, TargetHealthDescription } from "../../server/core/model/elbv2";
import type { TargetGroupBinding, Gateway, GatewayClass, LoadBalancerConfiguration, Route, TargetGroupConfiguration } from "../../server/core/model/crds";
import { elbv2Health, lbcEligible } from "./health";
import { hex } from "./ids";
import { buildAlb } from "./alb";
import { nlbTargetGroupDefaults, nlbAttributes } from "./controllers";
import type { ExternalTargetGroupDef, GatewayDef, HttpRouteDef, L4RouteDef, ScenarioDef, ServiceDef } from "./model";
import { buildNlb } from "./elbv2";
import { ACCOUNT, REGION, type World } from "./world";

const ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;

/**
 * An NLB and target group made outside the cluster (as Terraform would: no controller tags), bound to a Service by a
 * TargetGroupBinding written by hand (L9). The controller registers this cluster's eligible nodes on the nodePort
 * (L7); `foreignTargets` are registered by something else (TGB-2).
 */
export function buildExternal(def: ScenarioDef, e: ExternalTargetGroupDef, world: World): { lb: LoadBalancer; tg: TargetGroup; binding: TargetGroupBinding } {
  const svc = def.services.find((s) => s.namespace === e.service.namespace && s.name === e.service.name);
  const sp = svc?.ports.find((p) => p.port === e.service.port);
  if (!svc || !sp) throw new Error(`${def.id}: ${e.name} binds a missing Service port`);
  const seed = `${world.seed}/external/${e.name}`;
  const lbName = `tf-${e.name}`.slice(0, 32);
  const lbId = hex(`${seed}/lb`, 16);
  const lbArn = `${ARN}:loadbalancer/net/${lbName}/${lbId}`;
  const tgArn = `${ARN}:targetgroup/${e.name}/${hex(`${seed}/tg`, 16)}`;
  const targets: TargetHealthDescription[] = [];
  for (const n of world.nodes.filter((x) => lbcEligible(x.def)))
    targets.push({ target: { id: n.instanceId, port: sp.nodePort }, healthCheckPort: String(sp.nodePort), targetHealth: elbv2Health(e.zones.includes(n.def.zone) ? "healthy" : "not-in-use") });
  for (const f of e.foreignTargets) targets.push({ target: { id: f.id, port: sp.nodePort }, healthCheckPort: String(sp.nodePort), targetHealth: elbv2Health("healthy") });
  const tg: TargetGroup = {
    targetGroupArn: tgArn, targetGroupName: e.name, protocol: "TCP", port: sp.nodePort, targetType: "instance",
    healthCheckEnabled: true, healthCheckProtocol: "TCP", healthCheckPort: "traffic-port", healthCheckIntervalSeconds: 30, healthCheckTimeoutSeconds: 10,
    healthyThresholdCount: 5, unhealthyThresholdCount: 2, loadBalancerArns: [lbArn], ipAddressType: "ipv4",
    attributes: nlbTargetGroupDefaults(false, false), tags: {}, targetHealthDescriptions: targets,
  };
  const lb: LoadBalancer = {
    loadBalancerArn: lbArn, loadBalancerName: lbName, dnsName: `${lbName}-${hex(`${seed}/dns`, 16)}.elb.${REGION}.amazonaws.com`,
    type: "network", scheme: "internet-facing", state: "active", vpcId: world.vpcId, ipAddressType: "ipv4",
    availabilityZones: e.zones.map((z) => ({ zoneName: `${REGION}${z}`, subnetId: world.lbSubnet(z, false), loadBalancerAddresses: [] })),
    attributes: nlbAttributes("lbc", svc), tags: {},
    listeners: [{ listenerArn: `${ARN}:listener/net/${lbName}/${lbId}/${hex(`${seed}/listener`, 16)}`, port: sp.port, protocol: "TCP", defaultActions: [{ type: "forward", targetGroupArn: tgArn, forwardConfig: { targetGroups: [{ targetGroupArn: tgArn, weight: 1 }] } }] }],
  };
  const binding: TargetGroupBinding = {
    metadata: { name: e.name, namespace: svc.namespace },
    spec: { targetGroupARN: tgArn, targetType: "instance", serviceRef: { name: svc.name, port: sp.port }, ...(e.multiCluster ? { multiClusterTargetGroup: true } : {}) },
  };
  return { lb, tg, binding };
}

export interface BuiltGateway { gatewayClass: GatewayClass; gateway: Gateway; route: Route; lb: LoadBalancer; targetGroups: TargetGroup[]; bindings: TargetGroupBinding[]; lbcs: LoadBalancerConfiguration[]; tgcs: TargetGroupConfiguration[] }

function gatewayTags(clusterId: string, kind: "alb" | "nlb", g: GatewayDef, resource: string): Record<string, string> {
  return { "elbv2.k8s.aws/cluster": clusterId, [`gateway.k8s.aws.${kind}/stack`]: `${g.namespace}/${g.name}`, [`gateway.k8s.aws.${kind}/resource`]: resource };
}

/** A Gateway of the AWS Load Balancer Controller: an ALB for an HTTPRoute, an NLB for a TCPRoute or UDPRoute (GW-1). */
export function buildGateway(def: ScenarioDef, g: GatewayDef, world: World, clusterId: string): BuiltGateway {
  const r = g.route;
  return "backend" in r ? buildNlbGateway(def, g, r, world, clusterId) : buildAlbGateway(def, g, r, world, clusterId);
}

/** The ALB made like an Ingress's (rules from the HTTPRoute's rules). */
function buildAlbGateway(def: ScenarioDef, g: GatewayDef, route: HttpRouteDef, world: World, clusterId: string): BuiltGateway {
  const stack = `gateway:${g.namespace}/${g.name}`;
  // PathPrefix `/p` becomes path-pattern `/p` and `/p/*` (`/` becomes `/*`), as for an Ingress's Prefix, and rules
  // are ordered longest prefix first (pkg/gateway/routeutils route_rule_condition.go, route_rule_precedence.go).
  // One rule per match, with all of the route's hostnames in its host-header condition (route_rule_condition.go).
  const hostnames = route.hostnames ?? [];
  const asIngress = { namespace: g.namespace, name: g.name, targetType: "ip" as const, scheme: "internet-facing" as const, group: stack, rules: [{ host: hostnames[0], paths: route.rules.map((r) => ({ path: r.pathPrefix, pathType: "Prefix" as const, service: r.service, port: r.port })) }] };
  const built = buildAlb({ ...def, ingresses: [asIngress] }, { stack, zones: g.zones }, world, clusterId);
  for (const l of built.lb.listeners)
    for (const rule of l.rules ?? []) for (const c of rule.conditions) if (c.field === "host-header") Object.assign(c, { values: [...hostnames], hostHeaderConfig: { values: [...hostnames] } });
  // The gateway controller's tags (pkg/gateway/constants, pkg/deploy/tracking): the cluster, the Gateway's stack, and
  // each resource's ID; a target group's is `<gwNs>/<gw>:<routeNs>-<route>:<Kind>-<svcNs>-<svc>:<targetPort>`.
  built.lb.tags = gatewayTags(clusterId, "alb", g, "LoadBalancer");
  // The gateway controller's ALB target-group health check (model_build_target_group.go): HTTP / on the traffic port,
  // 15 s / 5 s, 3 / 3, matcher 200-399 (an Ingress's is 2 / 2 and 200).
  for (const tg of built.targetGroups) Object.assign(tg, { healthyThresholdCount: 3, unhealthyThresholdCount: 3, healthCheckIntervalSeconds: 15, healthCheckTimeoutSeconds: 5, matcher: { httpCode: "200-399" } });
  for (const tg of built.targetGroups) {
    const svcName = /-([^-:]+):[^:]+$/.exec(tg.tags["ingress.k8s.aws/resource"] ?? "")?.[1];
    const svc = def.services.find((x) => x.namespace === g.namespace && x.name === svcName);
    const rule = route.rules.find((x) => x.service === svcName);
    const target = svc?.ports.find((p) => p.port === rule?.port)?.targetPort ?? rule?.port;
    tg.tags = gatewayTags(clusterId, "alb", g, `${g.namespace}/${g.name}:${g.namespace}-${route.name}:HTTPRoute-${g.namespace}-${svcName}:${target}`);
  }
  return {
    gatewayClass: { metadata: { name: g.className }, spec: { controllerName: "gateway.k8s.aws/alb" } },
    gateway: {
      metadata: { name: g.name, namespace: g.namespace },
      spec: {
        gatewayClassName: g.className,
        listeners: [{ name: "http", port: 80, protocol: "HTTP" }],
        ...(g.config ? { infrastructure: { parametersRef: { group: "gateway.k8s.aws", kind: "LoadBalancerConfiguration", name: `${g.name}-lb` } } } : {}),
      },
      status: { addresses: [{ type: "Hostname", value: built.lb.dnsName }] },
    },
    route: {
      kind: "HTTPRoute",
      metadata: { name: route.name, namespace: g.namespace },
      spec: {
        parentRefs: [{ name: g.name }],
        ...(route.hostnames ? { hostnames: route.hostnames } : {}),
        rules: route.rules.map((r) => ({ matches: [{ path: { type: "PathPrefix" as const, value: r.pathPrefix } }], backendRefs: [{ name: r.service, port: r.port }] })),
      },
    },
    lb: built.lb,
    targetGroups: built.targetGroups,
    bindings: built.bindings,
    ...gatewayConfigObjects(g),
  };
}

/**
 * An NLB Gateway (GW-1: GatewayClass controller `gateway.k8s.aws/nlb`) with one TCPRoute or UDPRoute on one listener:
 * one NLB listener on the Gateway listener's port whose default action forwards to the backend Service's target
 * group. MODEL: the target group is made as the controller makes a Service's NLB target group with its defaults —
 * instance targets (the controller's default target type, LGC "Configuration Resolution Order"), every eligible node
 * on the backend's nodePort, health check TCP on the traffic port (HC-6) — and bound to the Service by a
 * TargetGroupBinding like an Ingress's (TGB-1), tagged as the gateway controller tags them.
 */
function buildNlbGateway(def: ScenarioDef, g: GatewayDef, route: L4RouteDef, world: World, clusterId: string): BuiltGateway {
  const svc = def.services.find((s) => s.namespace === g.namespace && s.name === route.backend.service);
  const sp = svc?.ports.find((p) => p.port === route.backend.port);
  if (!svc || !sp) throw new Error(`${def.id}: ${route.name} names a missing Service port`);
  // Under Local a NodePort Service has no healthCheckNodePort for the controller to check: not modelled here.
  if (svc.externalTrafficPolicy === "Local") throw new Error(`${def.id}: NLB Gateway backends with externalTrafficPolicy Local are not modelled`);
  const udp = route.kind === "UDPRoute";
  // The load balancer's side, as buildNlb makes it for a Service named after the Gateway with one port.
  const asService: ServiceDef = {
    namespace: g.namespace,
    name: g.name,
    loadBalancerClass: "service.k8s.aws/nlb",
    annotations: { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
    ports: [{ ...sp, name: route.listener.name, port: route.listener.port, ...(udp ? { protocol: "UDP" as const } : {}) }],
  };
  const { lb, targetGroups } = buildNlb("lbc", asService, { zones: g.zones, ...(g.health ? { health: g.health } : {}) }, world, clusterId, 0);
  lb.tags = gatewayTags(clusterId, "nlb", g, "LoadBalancer");
  // The gateway controller's NLB target-group health check: TCP on the traffic port, 15 s / 5 s, 3 / 3.
  for (const tg of targetGroups) Object.assign(tg, { healthCheckIntervalSeconds: 15, healthCheckTimeoutSeconds: 5, healthyThresholdCount: 3, unhealthyThresholdCount: 3 });
  for (const tg of targetGroups) tg.tags = gatewayTags(clusterId, "nlb", g, `${g.namespace}/${g.name}:${g.namespace}-${route.name}:${route.kind}-${g.namespace}-${svc.name}:${sp.targetPort}`);
  const tg = targetGroups[0];
  return {
    gatewayClass: { metadata: { name: g.className }, spec: { controllerName: "gateway.k8s.aws/nlb" } },
    gateway: {
      metadata: { name: g.name, namespace: g.namespace },
      spec: { gatewayClassName: g.className, listeners: [{ name: route.listener.name, port: route.listener.port, protocol: udp ? "UDP" : "TCP" }] },
      status: { addresses: [{ type: "Hostname", value: lb.dnsName }] },
    },
    route: {
      kind: route.kind,
      metadata: { name: route.name, namespace: g.namespace },
      spec: { parentRefs: [{ name: g.name, sectionName: route.listener.name }], rules: [{ backendRefs: [{ name: svc.name, port: sp.port }] }] },
    },
    lb,
    targetGroups,
    bindings: [{
      metadata: { name: tg.targetGroupName, namespace: svc.namespace },
      spec: { targetGroupARN: tg.targetGroupArn, targetType: "instance", serviceRef: { name: svc.name, port: sp.port }, ipAddressType: "ipv4" },
    }],
    ...gatewayConfigObjects(g),
  };
}

/** GatewayDef.config as the controller's objects (GW-4). */
function gatewayConfigObjects(g: GatewayDef): { lbcs: LoadBalancerConfiguration[]; tgcs: TargetGroupConfiguration[] } {
  const c = g.config;
  if (!c) return { lbcs: [], tgcs: [] };
  const meta = (name: string) => ({ name, namespace: g.namespace });
  const defaults = c.defaultTargetType ? [{ metadata: meta(`${g.name}-tg-defaults`), spec: { defaultConfiguration: { targetType: c.defaultTargetType } } }] : [];
  return {
    lbcs: [{ metadata: meta(`${g.name}-lb`), spec: { ...(c.scheme ? { scheme: c.scheme } : {}), ...(defaults.length ? { defaultTargetGroupConfiguration: { name: `${g.name}-tg-defaults` } } : {}) } }],
    tgcs: [
      ...defaults,
      ...Object.entries(c.serviceTargetTypes ?? {}).map(([service, targetType]) => ({ metadata: meta(`${service}-tg`), spec: { targetReference: { name: service }, defaultConfiguration: { targetType } } })),
    ],
  };
}
