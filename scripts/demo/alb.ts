import type { Action, LoadBalancer, Rule, RuleCondition, TargetGroup, TargetHealthDescription } from "../../server/core/model/elbv2";
import type { Ingress, IngressClass } from "../../server/core/model/ingress";
import type { TargetGroupBinding } from "../../server/core/model/crds";
import { k8sName } from "./controllers";
import { elbv2Health, lbcEligible } from "./health";
import { digits, hex } from "./ids";
import { selects } from "./kube";
import type { AlbDef, IngressDef, IngressPathDef, ScenarioDef, ServiceDef } from "./model";
import { ACCOUNT, REGION, type World } from "./world";

/**
 * What the AWS Load Balancer Controller makes of an IngressGroup (kubernetes-sigs/aws-load-balancer-controller
 * pkg/ingress): one ALB per group, one listener per listen-port, one rule per Ingress path in group order
 * (group.order, then namespace/name; within an Ingress, its rules in spec order and each rule's paths as
 * sortIngressPaths orders them) with priorities 1, 2, …,
 * one target group per Ingress × Service port (resource ID `<ns>/<ingress>-<service>:<port>`, tags
 * `ingress.k8s.aws/stack` / `ingress.k8s.aws/resource` / `elbv2.k8s.aws/cluster`) with a TargetGroupBinding, health
 * check defaults HTTP traffic-port `/` 15 s / 5 s / 2 / 2 / "200" (pkg/ingress/model_builder.go), the listener's
 * default action the group's defaultBackend or a fixed-response 404, and a fixed-response 503 "Backend service does
 * not exist" for a path whose Service is missing (LBC issue 2807).
 */

const ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;
export const ALB_CONTROLLER = "ingress.k8s.aws/alb";
export const AUTO_ALB_CONTROLLER = "eks.amazonaws.com/alb";
export const MISSING_BACKEND_BODY = "Backend service does not exist";

export interface BuiltAlb {
  lb: LoadBalancer;
  targetGroups: TargetGroup[];
  bindings: TargetGroupBinding[];
}

/** Group members in the controller's order: group.order (default 0), then namespace/name. */
export function groupMembers(def: ScenarioDef, alb: AlbDef): IngressDef[] {
  return (def.ingresses ?? [])
    .filter((i) => stackOf(i) === alb.stack)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
}

export const stackOf = (i: IngressDef) => i.group ?? `${i.namespace}/${i.name}`;

/** Prefix → `/foo` and `/foo/*` (`/` → `/*`); Exact and ImplementationSpecific as written (L ingress path conversion). */
/**
 * The controller's sortIngressPaths (pkg/ingress/model_build_listener_rules.go): Exact paths first, then Prefix
 * paths longest first, then ImplementationSpecific ones, each kept in spec order otherwise.
 */
export function sortIngressPaths(paths: IngressPathDef[]): IngressPathDef[] {
  const type = (p: IngressPathDef) => p.pathType ?? "Prefix";
  const prefix = paths.filter((p) => type(p) === "Prefix");
  return [...paths.filter((p) => type(p) === "Exact"), ...prefix.map((p, i) => ({ p, i })).sort((a, b) => b.p.path.length - a.p.path.length || a.i - b.i).map((x) => x.p), ...paths.filter((p) => type(p) === "ImplementationSpecific")];
}

export function pathPatterns(p: IngressPathDef): string[] {
  if ((p.pathType ?? "Prefix") !== "Prefix") return [p.path];
  if (p.path === "/") return ["/*"];
  const base = p.path.replace(/\/+$/, "");
  return [base, `${base}/*`];
}

interface TgKey {
  ingress: IngressDef;
  service: ServiceDef;
  port: number;
}

export function buildAlb(def: ScenarioDef, alb: AlbDef, world: World, clusterId: string): BuiltAlb {
  const members = groupMembers(def, alb);
  if (members.length === 0) throw new Error(`${def.id}: ALB ${alb.stack} has no Ingress`);
  const seed = `${world.seed}/alb/${alb.stack}`;
  const explicitGroup = members[0].group !== undefined;
  const name = explicitGroup ? `k8s-${alb.stack.replace(/[^A-Za-z0-9]/g, "").slice(0, 17)}-${hex(`${seed}/name`, 10)}` : k8sName(members[0], `${seed}/name`);
  const lbId = hex(`${seed}/arn`, 16);
  const lbArn = `${ARN}:loadbalancer/app/${name}/${lbId}`;
  const scheme = members.find((m) => m.scheme)?.scheme ?? "internal"; // the controller's default scheme is internal
  const lbTags = { "elbv2.k8s.aws/cluster": clusterId, "ingress.k8s.aws/stack": alb.stack, "ingress.k8s.aws/resource": "LoadBalancer" };

  const service = (ns: string, n: string) => def.services.find((s) => s.namespace === ns && s.name === n);
  const tgs = new Map<string, { key: TgKey; tg: TargetGroup }>();
  const targetGroupFor = (ingress: IngressDef, svcName: string, port: number): TargetGroup | null => {
    const svc = service(ingress.namespace, svcName);
    if (!svc) return null;
    const resId = `${ingress.namespace}/${ingress.name}-${svcName}:${port}`;
    let entry = tgs.get(resId);
    if (!entry) entry = { key: { ingress, service: svc, port }, tg: buildTargetGroup(def, alb, world, clusterId, lbArn, ingress, svc, port, resId) };
    tgs.set(resId, entry);
    return entry.tg;
  };
  const forward = (arns: { arn: string; weight: number }[]): Action => ({
    type: "forward",
    ...(arns.length === 1 ? { targetGroupArn: arns[0].arn } : {}),
    forwardConfig: { targetGroups: arns.map((a) => ({ targetGroupArn: a.arn, weight: a.weight })) },
  });
  const missing: Action = { type: "fixed-response", fixedResponseConfig: { statusCode: "503", contentType: "text/plain", messageBody: MISSING_BACKEND_BODY } };
  const actionFor = (ingress: IngressDef, p: IngressPathDef): Action => {
    if (p.port === "use-annotation") {
      const weighted = ingress.weighted?.[p.service];
      if (!weighted) throw new Error(`${def.id}: ${ingress.name} has no actions.${p.service}`);
      const parts = weighted.map((w) => ({ tg: targetGroupFor(ingress, w.service, w.port), weight: w.weight }));
      if (parts.some((x) => !x.tg)) return missing;
      return forward(parts.map((x) => ({ arn: x.tg!.targetGroupArn, weight: x.weight })));
    }
    const tg = targetGroupFor(ingress, p.service, p.port);
    return tg ? forward([{ arn: tg.targetGroupArn, weight: 1 }]) : missing;
  };

  const ports: { port: number; protocol: "HTTP" | "HTTPS" }[] = members.some((m) => m.https) ? [{ port: 80, protocol: "HTTP" }, { port: 443, protocol: "HTTPS" }] : [{ port: 80, protocol: "HTTP" }];
  const listeners = ports.map(({ port, protocol }) => {
    const listenerId = hex(`${seed}/listener/${port}`, 16);
    const listenerArn = `${ARN}:listener/app/${name}/${lbId}/${listenerId}`;
    const rules: Rule[] = [];
    let priority = 0;
    for (const ingress of members) {
      for (const rule of ingress.rules) {
        for (const p of sortIngressPaths(rule.paths)) {
          priority += 1;
          const conditions: RuleCondition[] = [];
          if (rule.host) conditions.push({ field: "host-header", values: [rule.host], hostHeaderConfig: { values: [rule.host] } });
          conditions.push({ field: "path-pattern", values: pathPatterns(p), pathPatternConfig: { values: pathPatterns(p) } });
          rules.push({ ruleArn: `${ARN}:listener-rule/app/${name}/${lbId}/${listenerId}/${hex(`${seed}/rule/${port}/${priority}`, 16)}`, priority: String(priority), conditions, actions: [actionFor(ingress, p)], isDefault: false });
        }
      }
    }
    const withDefault = members.find((m) => m.defaultBackend);
    const defaultTg = withDefault ? targetGroupFor(withDefault, withDefault.defaultBackend!.service, withDefault.defaultBackend!.port) : null;
    const defaultActions: Action[] = defaultTg
      ? [forward([{ arn: defaultTg.targetGroupArn, weight: 1 }])]
      : [{ type: "fixed-response", fixedResponseConfig: { statusCode: "404", contentType: "text/plain" } }];
    rules.push({ ruleArn: `${ARN}:listener-rule/app/${name}/${lbId}/${listenerId}/${hex(`${seed}/rule/${port}/default`, 16)}`, priority: "default", conditions: [], actions: defaultActions, isDefault: true });
    return {
      listenerArn,
      port,
      protocol,
      defaultActions,
      ...(protocol === "HTTPS" ? { certificates: [{ certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/${hex(`${seed}/cert`, 8)}-${hex(`${seed}/cert2`, 4)}-4${hex(`${seed}/cert3`, 3)}-8${hex(`${seed}/cert4`, 3)}-${hex(`${seed}/cert5`, 12)}` }] } : {}),
      rules,
    };
  });

  const internal = scheme === "internal";
  const lb: LoadBalancer = {
    loadBalancerArn: lbArn,
    loadBalancerName: name,
    // ALB DNS names: [internal-]<name>-<digits>.<region>.elb.amazonaws.com.
    dnsName: `${internal ? "internal-" : ""}${name}-${digits(`${seed}/dns`, 10)}.${REGION}.elb.amazonaws.com`,
    type: "application",
    scheme,
    state: "active",
    vpcId: world.vpcId,
    ipAddressType: "ipv4",
    availabilityZones: alb.zones.map((z) => ({ zoneName: `${REGION}${z}`, subnetId: world.lbSubnet(z, internal), loadBalancerAddresses: [] })),
    attributes: albAttributes(),
    tags: lbTags,
    listeners,
  };
  const targetGroups = [...tgs.values()].map((x) => x.tg);
  const bindings = [...tgs.values()].map(({ key, tg }): TargetGroupBinding => ({
    metadata: { name: tg.targetGroupName, namespace: key.service.namespace },
    spec: { targetGroupARN: tg.targetGroupArn, targetType: tg.targetType as "instance" | "ip", serviceRef: { name: key.service.name, port: key.port }, ipAddressType: "ipv4" },
  }));
  return { lb, targetGroups, bindings };
}

/** DescribeLoadBalancerAttributes of an ALB: AWS's defaults (W1); cross-zone is always on for ALB (DST-2). */
function albAttributes(): Record<string, string> {
  return {
    "access_logs.s3.enabled": "false",
    "deletion_protection.enabled": "false",
    "idle_timeout.timeout_seconds": "60",
    "load_balancing.cross_zone.enabled": "true",
    "routing.http.drop_invalid_header_fields.enabled": "false",
    "routing.http.xff_client_port.enabled": "false",
    "routing.http.xff_header_processing.mode": "append",
    "routing.http2.enabled": "true",
    "waf.fail_open.enabled": "false",
  };
}

/** An ALB target group's attributes: AWS's defaults (W1), as DescribeTargetGroupAttributes lists them. */
function albTargetGroupAttributes(): Record<string, string> {
  return {
    "deregistration_delay.timeout_seconds": "300",
    "load_balancing.algorithm.type": "round_robin",
    "load_balancing.cross_zone.enabled": "use_load_balancer_configuration",
    "slow_start.duration_seconds": "0",
    "stickiness.enabled": "false",
    "stickiness.type": "lb_cookie",
    "target_group_health.dns_failover.minimum_healthy_targets.count": "1",
    "target_group_health.dns_failover.minimum_healthy_targets.percentage": "off",
    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count": "1",
    "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage": "off",
  };
}

function buildTargetGroup(def: ScenarioDef, alb: AlbDef, world: World, clusterId: string, lbArn: string, ingress: IngressDef, svc: ServiceDef, port: number, resId: string): TargetGroup {
  const sp = svc.ports.find((p) => p.port === port);
  if (!sp) throw new Error(`${def.id}: ${svc.name} has no port ${port}`);
  const ip = (ingress.targetType ?? "instance") === "ip";
  if (!ip && svc.type !== "NodePort" && (svc.type ?? "LoadBalancer") !== "LoadBalancer") throw new Error(`${def.id}: instance targets need a NodePort Service (${svc.name})`);
  const seed = `${world.seed}/alb-tg/${resId}`;
  const name = k8sName(svc, `${seed}/name`);
  const targetPort = ip ? sp.targetPort : sp.nodePort;
  const health = alb.health?.[`${svc.name}:${port}`] ?? {};
  const descriptions: TargetHealthDescription[] = [];
  const add = (key: string, id: string, zone: "a" | "b" | "c") => {
    const spec = health[key] ?? (alb.zones.includes(zone) ? "healthy" : "not-in-use");
    if (spec === "absent") return;
    // W1: HealthCheckPort is the resolved port (traffic-port → the target's port).
    descriptions.push({ target: { id, port: targetPort, ...(ip ? { availabilityZone: `${REGION}${zone}` } : {}) }, healthCheckPort: String(targetPort), targetHealth: elbv2Health(spec) });
  };
  if (ip) {
    for (const pod of world.pods.filter((x) => selects(svc, x))) if ((pod.def.state ?? "ready") === "ready" || health[pod.def.key]) add(pod.def.key, pod.ip, pod.node.def.zone);
  } else {
    for (const n of world.nodes) if (health[n.def.key] || lbcEligible(n.def)) add(n.def.key, n.instanceId, n.def.zone);
  }
  return {
    targetGroupArn: `${ARN}:targetgroup/${name}/${hex(`${seed}/arn`, 16)}`,
    targetGroupName: name,
    protocol: "HTTP",
    port: targetPort,
    targetType: ip ? "ip" : "instance",
    healthCheckEnabled: true,
    healthCheckProtocol: "HTTP",
    healthCheckPort: "traffic-port",
    healthCheckPath: "/",
    healthCheckIntervalSeconds: 15,
    healthCheckTimeoutSeconds: 5,
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 2,
    matcher: { httpCode: "200" },
    loadBalancerArns: [lbArn],
    ipAddressType: "ipv4",
    attributes: albTargetGroupAttributes(),
    tags: { "elbv2.k8s.aws/cluster": clusterId, "ingress.k8s.aws/stack": alb.stack, "ingress.k8s.aws/resource": resId },
    targetHealthDescriptions: descriptions,
  };
}

/** The Ingress object (with status hostname once its ALB exists). */
export function buildIngress(i: IngressDef, hostname: string | undefined): Ingress {
  const A = "alb.ingress.kubernetes.io/";
  const annotations: Record<string, string> = {
    [`${A}scheme`]: i.scheme ?? "internal",
    [`${A}target-type`]: i.targetType ?? "instance",
    ...(i.group ? { [`${A}group.name`]: i.group } : {}),
    ...(i.order !== undefined ? { [`${A}group.order`]: String(i.order) } : {}),
    ...(i.https ? { [`${A}listen-ports`]: '[{"HTTP": 80}, {"HTTPS": 443}]' } : {}),
    ...Object.fromEntries(Object.entries(i.weighted ?? {}).map(([n, parts]) => [
      `${A}actions.${n}`,
      JSON.stringify({ type: "forward", forwardConfig: { targetGroups: parts.map((p) => ({ serviceName: p.service, servicePort: String(p.port), weight: p.weight })) } }),
    ])),
  };
  return {
    metadata: { name: i.name, namespace: i.namespace, annotations, creationTimestamp: "2026-10-28T07:41:12Z" },
    spec: {
      ingressClassName: i.className ?? "alb",
      ...(i.defaultBackend ? { defaultBackend: { service: { name: i.defaultBackend.service, port: { number: i.defaultBackend.port } } } } : {}),
      rules: i.rules.map((r) => ({
        ...(r.host ? { host: r.host } : {}),
        http: {
          paths: r.paths.map((p) => ({
            path: p.path,
            pathType: p.pathType ?? "Prefix",
            backend: { service: { name: p.service, port: p.port === "use-annotation" ? { name: "use-annotation" } : { number: p.port } } },
          })),
        },
      })),
    },
    ...(hostname ? { status: { loadBalancer: { ingress: [{ hostname }] } } } : {}),
  };
}

export function buildIngressClasses(classes: Record<string, string>): IngressClass[] {
  return Object.entries(classes).map(([name, controller]) => ({ metadata: { name }, spec: { controller } }));
}
