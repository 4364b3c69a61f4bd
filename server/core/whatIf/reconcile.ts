import type * as k8s from "../model/kubernetes";
import type * as elbv2 from "../model/elbv2";
import type * as elb from "../model/elb";
import type { Topology, Target } from "@/lib/api/topology";
import type { JoinedLoadBalancer } from "../join/loadBalancerForService";
import { endpointsForPort } from "../analysis/endpoints";
import { indexSnapshot, instanceIdOf, zoneOfNode, type SnapshotIndex } from "../index/snapshotIndex";
import { classicHealthCheckTarget, defaultPreserve, keyValues, ann, nlbHealthCheck, registersNode, type Flavour } from "./controller";
import { classicState, nodeHealth, persistentFault, podHealth, type HealthInputs } from "./health";
import type { Draft } from "./draft";
import type { Plan } from "./plan";

/**
 * The AWS half after the change, as the owning controller and the load balancer would leave it once settled:
 * load-balancer and target-group attributes, health-check settings, registered targets (JOIN-4) and their health
 * (WIF-3). Only what the planned changes touch is rewritten; the rest stays exactly as AWS reported it.
 */
export function reconcileAws(draft: Draft, joined: JoinedLoadBalancer[], svc: k8s.Service, flavour: Flavour, plan: Plan, before: Topology): void {
  const index = indexSnapshot(draft.snapshot()); // the Kubernetes half is final here
  const beforeTargets = new Map(before.paths.flatMap((p) => p.targets.map((t) => [`${p.listener?.port}|${t.id}`, t] as const)));
  for (const j of joined) {
    if (j.kind === "elbv2") reconcileNlb(draft, index, j.lb, svc, flavour as Exclude<Flavour, "legacy-clb">, plan, beforeTargets);
    else reconcileClassic(draft, index, j.lb, svc, plan, beforeTargets);
  }
}

function reconcileNlb(draft: Draft, index: SnapshotIndex, original: elbv2.LoadBalancer, svc: k8s.Service, flavour: Exclude<Flavour, "legacy-clb">, plan: Plan, beforeTargets: Map<string, Target>): void {
  let lb = draft.loadBalancers.find((l) => l.loadBalancerArn === original.loadBalancerArn)!;
  if (plan.crossZone !== undefined || plan.zonalShift) {
    lb = draft.edit(draft.loadBalancers, lb, (l) => {
      if (plan.crossZone !== undefined) l.attributes["load_balancing.cross_zone.enabled"] = String(plan.crossZone);
      // A zonal shift needs the integration on (W16); the apply step says to turn it on first.
      if (plan.zonalShift?.mode === "shift") l.attributes["zonal_shift.config.enabled"] = "true";
    });
  }
  for (const svcPort of svc.spec.ports ?? []) {
    const listener = lb.listeners.find((l) => l.port === svcPort.port);
    if (!listener) continue;
    const fwd = listener.defaultActions.find((a) => a.type === "forward") ?? listener.defaultActions[0];
    const tgArn = fwd?.targetGroupArn ?? fwd?.forwardConfig?.targetGroups?.[0]?.targetGroupArn;
    const tg = draft.targetGroups.find((t) => t.targetGroupArn === tgArn);
    if (!tg || (tg.targetType !== "instance" && tg.targetType !== "ip")) continue;
    const newType = plan.targetType ?? tg.targetType;
    const retyped = newType !== tg.targetType;
    const next = reconcileTargetGroup(tg, newType, retyped, index, svc, svcPort, flavour, plan, (id) => beforeTargets.get(`${listener.port}|${id}`));
    if (retyped) {
      // L3: the target type is part of a target group's identity, so the controller makes a new one and repoints
      // the listener; the old group drains and is deleted.
      draft.remove(draft.targetGroups, tg);
      draft.targetGroups.push(next);
      lb = draft.edit(draft.loadBalancers, lb, (l) => {
        const ln = l.listeners.find((x) => x.port === listener.port)!;
        ln.defaultActions = [{ type: "forward", targetGroupArn: next.targetGroupArn, forwardConfig: { targetGroups: [{ targetGroupArn: next.targetGroupArn, weight: 1 }] } }];
      });
    } else {
      draft.targetGroups[draft.targetGroups.indexOf(tg)] = next;
    }
  }
  if (plan.zonalShift) applyZonalShift(draft, index, lb, plan.zonalShift);
}

function reconcileTargetGroup(
  tg: elbv2.TargetGroup, targetType: "instance" | "ip", retyped: boolean, index: SnapshotIndex, svc: k8s.Service, svcPort: k8s.ServicePort,
  flavour: Exclude<Flavour, "legacy-clb">, plan: Plan, before: (id: string) => Target | undefined,
): elbv2.TargetGroup {
  const next: elbv2.TargetGroup = structuredClone(tg);
  const endpoints = endpointsForPort(svc, svcPort, index);
  if (retyped) {
    next.targetType = targetType;
    next.targetGroupName = `${tg.targetGroupName.slice(0, 26)}-${targetType === "ip" ? "ip" : "inst"}`;
    next.targetGroupArn = `${tg.targetGroupArn}-${targetType}`;
    // L3: ip targets register the pod port, instance targets the nodePort.
    next.port = targetType === "ip" ? (endpoints[0]?.port ?? (typeof svcPort.targetPort === "number" ? svcPort.targetPort : svcPort.port)) : svcPort.nodePort;
    const annotated = keyValues(ann(svc, "aws-load-balancer-target-group-attributes"))["preserve_client_ip.enabled"];
    next.attributes["preserve_client_ip.enabled"] = annotated ?? defaultPreserve(targetType, tg.protocol);
  }
  if (plan.preserveClientIp !== undefined) next.attributes["preserve_client_ip.enabled"] = String(plan.preserveClientIp);
  if (plan.proxyProtocolV2 !== undefined) next.attributes["proxy_protocol_v2.enabled"] = String(plan.proxyProtocolV2);
  if (plan.targetGroupCrossZone !== undefined) next.attributes["load_balancing.cross_zone.enabled"] = String(plan.targetGroupCrossZone);
  if (plan.healthCheckChanges || retyped) {
    const hc = nlbHealthCheck(flavour, svc, targetType);
    Object.assign(next, {
      healthCheckProtocol: hc.protocol,
      healthCheckPort: hc.port,
      healthCheckIntervalSeconds: hc.interval,
      healthCheckTimeoutSeconds: hc.timeout,
      healthyThresholdCount: hc.healthy,
      unhealthyThresholdCount: hc.unhealthy,
    });
    if (hc.path) next.healthCheckPath = hc.path;
    else delete next.healthCheckPath;
    if (hc.protocol === "TCP") delete next.matcher;
    else next.matcher ??= { httpCode: "200-399" };
  }
  if (!plan.healthChanges && !retyped) return next;
  if (!tg.targetHealthDescriptions) return next; // health unknown stays unknown

  const hcNow = { protocol: next.healthCheckProtocol ?? "TCP", port: next.healthCheckPort ?? "traffic-port", path: next.healthCheckPath ?? null, interval: next.healthCheckIntervalSeconds ?? 10, timeout: next.healthCheckTimeoutSeconds ?? 10, healthy: next.healthyThresholdCount ?? 3, unhealthy: next.unhealthyThresholdCount ?? 3 };
  const inputs: HealthInputs = { svc, hc: hcNow, tgProtocol: next.protocol ?? null, proxyProtocolV2: next.attributes["proxy_protocol_v2.enabled"] === "true", endpoints, tg: next };
  const resolvedHcPort = (port: number) => (hcNow.port === "traffic-port" ? String(port) : hcNow.port);
  const lbZones = new Set(index.snapshot.aws.loadBalancers.filter((l) => l.loadBalancerArn && tg.loadBalancerArns.includes(l.loadBalancerArn)).flatMap((l) => l.availabilityZones.map((z) => z.zoneName)));
  const notInUse: elbv2.TargetHealth = { state: "unused", reason: "Target.NotInUse", description: "Target is in an Availability Zone that is not enabled for the load balancer" };

  const described: elbv2.TargetHealthDescription[] = [];
  if (targetType === "instance") {
    // Registrations: kept while the controller still registers the node (C3, L7); from scratch on a new group.
    const nodes = retyped
      ? index.snapshot.kubernetes.nodes.filter((n) => registersNode(flavour, svc, n))
      : (tg.targetHealthDescriptions ?? []).map((d) => index.nodesByInstanceId.get(d.target.id)).filter((n): n is k8s.Node => !!n && registersNode(flavour, svc, n));
    const port = next.port ?? svcPort.nodePort ?? 0;
    for (const node of nodes) {
      const id = instanceIdOf(node)!;
      const zone = zoneOfNode(node);
      const was = retyped ? undefined : before(id);
      const old = (tg.targetHealthDescriptions ?? []).find((d) => d.target.id === id);
      const health = zone && lbZones.size && !lbZones.has(zone) ? notInUse : (persistentFault(was) ?? nodeHealth(inputs, node, old?.targetHealth ?? null));
      described.push({ target: { id, port, ...(old?.target.availabilityZone ? { availabilityZone: old.target.availabilityZone } : {}) }, healthCheckPort: resolvedHcPort(port), targetHealth: health, ...(old?.administrativeOverride ? { administrativeOverride: old.administrativeOverride } : {}) });
    }
  } else {
    // L7: Ready endpoints (and not-ready ones held by a pending readiness gate), never terminating ones.
    const registered = endpoints.filter((e) => e.ready && !e.terminating);
    const port = next.port ?? 0;
    for (const e of registered) {
      const was = retyped ? undefined : before(e.address);
      const old = (tg.targetHealthDescriptions ?? []).find((d) => d.target.id === e.address);
      const zone = e.zone ?? old?.target.availabilityZone ?? null;
      const health = zone && lbZones.size && !lbZones.has(zone) ? notInUse : (persistentFault(was) ?? podHealth(inputs, e));
      described.push({ target: { id: e.address, port: old?.target.port ?? port, ...(zone ? { availabilityZone: zone } : {}) }, healthCheckPort: resolvedHcPort(old?.target.port ?? port), targetHealth: health, ...(old?.administrativeOverride ? { administrativeOverride: old.administrativeOverride } : {}) });
    }
  }
  next.targetHealthDescriptions = described;
  return next;
}

/** W16/W17: every target of the load balancer reports the shift on its zone, or no override once it ends. */
function applyZonalShift(draft: Draft, index: SnapshotIndex, lb: elbv2.LoadBalancer, shift: NonNullable<Plan["zonalShift"]>): void {
  if (shift.mode === "outage") return;
  for (const tg of draft.targetGroups.filter((t) => t.loadBalancerArns.includes(lb.loadBalancerArn))) {
    if (!tg.targetHealthDescriptions) continue;
    draft.edit(draft.targetGroups, tg, (t) => {
      for (const d of t.targetHealthDescriptions ?? []) {
        const node = t.targetType === "instance" ? index.nodesByInstanceId.get(d.target.id) : index.nodesByName.get(index.podsByIp.get(d.target.id)?.spec?.nodeName ?? "");
        const zone = d.target.availabilityZone ?? (node ? zoneOfNode(node) : undefined);
        d.administrativeOverride =
          shift.zone && zone === shift.zone
            ? { state: "zonal_shift_active", reason: "AdministrativeOverride.ZonalShiftActive", description: "Zonal shift is active in target Availability Zone" }
            : { state: "no_override", reason: "AdministrativeOverride.NoOverride", description: "No override is currently active on target" };
      }
    });
  }
}

function reconcileClassic(draft: Draft, index: SnapshotIndex, original: elb.LoadBalancerDescription, svc: k8s.Service, plan: Plan, beforeTargets: Map<string, Target>): void {
  const lb = draft.classic.find((l) => l.loadBalancerName === original.loadBalancerName)!;
  draft.edit(draft.classic, lb, (l) => {
    if (plan.crossZone !== undefined) l.attributes.crossZoneLoadBalancing = plan.crossZone;
    if (plan.healthCheckChanges && l.healthCheck) {
      // HC-4 / HC-5: 10 s, timeout 5 s, 2 healthy / 6 unhealthy whatever the target.
      l.healthCheck = { ...l.healthCheck, target: classicHealthCheckTarget(svc) };
    }
    if (!plan.healthChanges || !l.instanceStates) return;
    const m = /^([A-Za-z]+):(\d+)(\/.*)?$/.exec(l.healthCheck?.target ?? "");
    const hc = { protocol: m?.[1].toUpperCase() ?? "TCP", port: m?.[2] ?? "traffic-port", path: m?.[3] ?? null, interval: l.healthCheck?.interval ?? 10, timeout: l.healthCheck?.timeout ?? 5, healthy: l.healthCheck?.healthyThreshold ?? 2, unhealthy: l.healthCheck?.unhealthyThreshold ?? 6 };
    const port = (svc.spec.ports ?? [])[0];
    const inputs: HealthInputs = { svc, hc, tgProtocol: "TCP", proxyProtocolV2: false, endpoints: port ? endpointsForPort(svc, port, index) : [] };
    const nodes = l.instances.map((i) => index.nodesByInstanceId.get(i.instanceId)).filter((n): n is k8s.Node => !!n && registersNode("legacy-clb", svc, n));
    l.instances = nodes.map((n) => ({ instanceId: instanceIdOf(n)! }));
    l.instanceStates = nodes.map((n) => {
      const id = instanceIdOf(n)!;
      const was = [...beforeTargets.entries()].find(([k]) => k.endsWith(`|${id}`))?.[1];
      return classicState(persistentFault(was) ?? nodeHealth(inputs, n, null), id);
    });
  });
}
