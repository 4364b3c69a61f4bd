import type * as k8s from "../model/kubernetes";
import type * as elbv2 from "../model/elbv2";
import type * as elb from "../model/elb";
import type { HealthCheck } from "@/lib/api/topology";
import { zoneOfNode, type SnapshotIndex } from "../index/snapshotIndex";
import type { JoinedLoadBalancer } from "./loadBalancerForService";
import type { LbFacts, PathInput, RawTarget, ZonalShift } from "../buildPath";
import { classicToElbv2, parseClassicHealthCheckTarget } from "../analysis/classicHealth";

/** HC-*: what the probed port means for this Service. */
export function portMeaning(port: string | null, svc: k8s.Service, tg?: Pick<elbv2.TargetGroup, "targetType" | "port"> | null): HealthCheck["portMeaning"] {
  if (port === null) return null;
  if (port === "traffic-port") return "traffic-port";
  if (svc.spec.healthCheckNodePort !== undefined && port === String(svc.spec.healthCheckNodePort)) return "healthCheckNodePort";
  if ((svc.spec.ports ?? []).some((p) => p.nodePort !== undefined && String(p.nodePort) === port)) return "traffic-port";
  // HC-8: on ip target groups the traffic port is the pod's port (the group's port, or a numeric targetPort).
  if (tg?.targetType === "ip" && (String(tg.port) === port || (svc.spec.ports ?? []).some((p) => String(p.targetPort) === port))) return "traffic-port";
  if (port === "10256") return "kube-proxy-healthz";
  return "other";
}

const OVERRIDE: Record<string, ZonalShift> = { zonal_shift_active: "active", zonal_shift_delegated_to_dns: "delegated-to-dns" };

/**
 * DST-3: zones under an ARC zonal shift, read from the targets' AdministrativeOverride (W1). Instance targets
 * need not carry Target.AvailabilityZone (§4.4), so their zone comes from the Node, as for the shares (DST-4).
 */
function zonalShiftsV2(tgs: elbv2.TargetGroup[], index: SnapshotIndex): Record<string, ZonalShift> {
  const out: Record<string, ZonalShift> = {};
  for (const tg of tgs)
    for (const d of tg.targetHealthDescriptions ?? []) {
      const shift = OVERRIDE[d.administrativeOverride?.state ?? ""];
      const zone = shift && zoneOfRegistered(d, tg.targetType, index);
      // "active" wins over "delegated-to-dns" if targets of one zone disagree (a shift being applied).
      if (shift && zone && out[zone] !== "active") out[zone] = shift;
    }
  return out;
}

function zoneOfRegistered(d: elbv2.TargetHealthDescription, targetType: elbv2.TargetGroup["targetType"], index: SnapshotIndex): string | null {
  if (d.target.availabilityZone && d.target.availabilityZone !== "all") return d.target.availabilityZone;
  const node = targetType === "instance" ? index.nodesByInstanceId.get(d.target.id) : index.nodesByName.get(index.podsByIp.get(d.target.id)?.spec?.nodeName ?? "");
  return (node && zoneOfNode(node)) ?? null;
}

export function rawV2(d: elbv2.TargetHealthDescription): RawTarget {
  return {
    id: d.target.id,
    port: d.target.port ?? null,
    availabilityZone: d.target.availabilityZone && d.target.availabilityZone !== "all" ? d.target.availabilityZone : null,
    healthCheckPort: d.healthCheckPort ?? null,
    state: d.targetHealth.state,
    reason: d.targetHealth.reason ?? null,
    description: d.targetHealth.description ?? null,
  };
}

const compatible = (svcProto: string, listenerProto: string) => {
  const l = listenerProto.toUpperCase();
  if (svcProto === "UDP") return l === "UDP" || l === "TCP_UDP";
  return l !== "UDP";
};

/** The path builder's view of an ELBv2 load balancer (DST-2, DST-3). */
export function elbv2LbFacts(lb: elbv2.LoadBalancer, joinedBy: LbFacts["joinedBy"], index: SnapshotIndex): LbFacts {
  const tgsOfLb = index.targetGroupsByLoadBalancer.get(lb.loadBalancerArn) ?? [];
  const kind = lb.type === "application" ? "application" : "network";
  const subnetZones = lb.availabilityZones.map((z) => z.zoneName).sort();
  const zonalShifts = zonalShiftsV2(tgsOfLb, index);
  return {
    kind,
    name: lb.loadBalancerName,
    arn: lb.loadBalancerArn,
    dnsName: lb.dnsName,
    scheme: lb.scheme ?? null,
    state: lb.state ?? null,
    joinedBy,
    subnetZones,
    // DST-3: an active zonal shift takes the zone out of the enabled set; one delegated to DNS only out of DNS.
    enabledZones: subnetZones.filter((z) => zonalShifts[z] !== "active"),
    zonalShifts,
    // DST-2: NLB default off; ALB always balances across zones.
    crossZone: kind === "application" ? true : lb.attributes["load_balancing.cross_zone.enabled"] === "true",
    attributes: lb.attributes,
    addresses: lb.availabilityZones.flatMap((z) => (z.loadBalancerAddresses ?? []).map((a) => ({ zone: z.zoneName, ipv4: a.privateIPv4Address ?? null, ipv6: a.iPv6Address ?? null }))),
  };
}

/** DST-5: every target group of the load balancer whose health is known (DNS failover looks at all of them). */
export function siblingTargetSets(lb: elbv2.LoadBalancer, facts: LbFacts, index: SnapshotIndex): PathInput["siblingTargetSets"] {
  return (index.targetGroupsByLoadBalancer.get(lb.loadBalancerArn) ?? [])
    .filter((tg) => tg.targetHealthDescriptions && (tg.targetType === "instance" || tg.targetType === "ip"))
    .map((tg) => {
      const tgCross = tg.attributes["load_balancing.cross_zone.enabled"];
      return {
        targets: tg.targetHealthDescriptions!.map(rawV2),
        targetType: tg.targetType as "instance" | "ip",
        crossZone: tgCross === "true" ? true : tgCross === "false" ? false : facts.crossZone,
        attributes: tg.attributes,
      };
    });
}

/** The health check of a target group as the path shows it (HC-*). */
export function healthCheckOf(tg: elbv2.TargetGroup | null, svc: k8s.Service): HealthCheck {
  const hcPort = tg?.healthCheckPort ?? null;
  return {
    protocol: tg?.healthCheckProtocol ?? null,
    port: hcPort,
    path: tg?.healthCheckPath ?? null,
    intervalSeconds: tg?.healthCheckIntervalSeconds ?? null,
    timeoutSeconds: tg?.healthCheckTimeoutSeconds ?? null,
    healthyThreshold: tg?.healthyThresholdCount ?? null,
    unhealthyThreshold: tg?.unhealthyThresholdCount ?? null,
    portMeaning: portMeaning(hcPort, svc, tg),
  };
}

/** JOIN-3: listener whose port is the Service port → its forward target group, for NLB/ALB. */
export function elbv2PathInputs(svc: k8s.Service, joined: Extract<JoinedLoadBalancer, { kind: "elbv2" }>, index: SnapshotIndex): { inputs: PathInput[]; unmatchedPorts: k8s.ServicePort[] } {
  const lb = joined.lb;
  const tgsOfLb = index.targetGroupsByLoadBalancer.get(lb.loadBalancerArn) ?? [];
  const facts = elbv2LbFacts(lb, joined.joinedBy, index);
  const siblings = tgsOfLb
    .filter((tg) => tg.targetHealthDescriptions && (tg.targetType === "instance" || tg.targetType === "ip"))
    .map((tg) => {
      const tgCross = tg.attributes["load_balancing.cross_zone.enabled"];
      return {
        targets: tg.targetHealthDescriptions!.map(rawV2),
        targetType: tg.targetType as "instance" | "ip",
        crossZone: tgCross === "true" ? true : tgCross === "false" ? false : facts.crossZone,
        attributes: tg.attributes,
      };
    });
  const inputs: PathInput[] = [];
  const unmatchedPorts: k8s.ServicePort[] = [];
  for (const svcPort of [...(svc.spec.ports ?? [])].sort((a, b) => a.port - b.port)) {
    const listener = lb.listeners.find((l) => l.port === svcPort.port && compatible(svcPort.protocol ?? "TCP", l.protocol));
    if (!listener) {
      unmatchedPorts.push(svcPort);
      continue;
    }
    // One TCP_UDP listener serves a Service's TCP and UDP ports of one number (L2): one path, drawn once.
    if (inputs.some((i) => i.listener.port === listener.port)) continue;
    const fwd = listener.defaultActions.find((a) => a.type === "forward") ?? listener.defaultActions[0];
    const tgArn = fwd?.targetGroupArn ?? fwd?.forwardConfig?.targetGroups?.[0]?.targetGroupArn;
    const tg = tgArn ? index.targetGroupsByArn.get(tgArn) ?? null : null;
    const targetType = tg?.targetType === "ip" ? "ip" : "instance";
    inputs.push({
      svc,
      svcPort,
      lb: facts,
      listener: { port: listener.port, protocol: listener.protocol },
      targetGroup: tg,
      targetType,
      tgProtocol: tg?.protocol ?? null,
      tgAttributes: tg?.attributes ?? {},
      healthCheck: healthCheckOf(tg, svc),
      targets: tg?.targetHealthDescriptions ? tg.targetHealthDescriptions.map(rawV2) : null,
      siblingTargetSets: siblings,
      classicProxyProtocol: false,
      failOpenSupported: true,
    });
  }
  return { inputs, unmatchedPorts };
}

/** SRC-1/SRC-2: a ProxyProtocolPolicyType policy (the legacy provider names it k8s-proxyprotocol-enabled) on the backend port. */
function classicProxyProtocolOn(lb: elb.LoadBalancerDescription, instancePort: number, listenerPolicies: string[]): boolean {
  const ppNames = new Set((lb.policies ?? []).filter((p) => p.policyTypeName === "ProxyProtocolPolicyType").map((p) => p.policyName));
  ppNames.add("k8s-proxyprotocol-enabled");
  const backend = (lb.backendServerDescriptions ?? []).find((b) => b.instancePort === instancePort)?.policyNames ?? [];
  return [...backend, ...listenerPolicies].some((n) => ppNames.has(n));
}

/** JOIN-3 for Classic ELB: listener LoadBalancerPort = Service port; instances are the targets (HC-4/HC-5). */
export function classicPathInputs(svc: k8s.Service, joined: Extract<JoinedLoadBalancer, { kind: "classic" }>): { inputs: PathInput[]; unmatchedPorts: k8s.ServicePort[] } {
  const lb = joined.lb;
  const facts: LbFacts = {
    kind: "classic",
    name: lb.loadBalancerName,
    arn: null,
    dnsName: lb.dnsName,
    scheme: lb.scheme ?? null,
    state: null,
    joinedBy: joined.joinedBy,
    subnetZones: [...lb.availabilityZones].sort(),
    enabledZones: [...lb.availabilityZones].sort(),
    zonalShifts: {},
    crossZone: lb.attributes.crossZoneLoadBalancing ?? false,
    attributes: Object.fromEntries(
      [
        ["CrossZoneLoadBalancing.Enabled", String(lb.attributes.crossZoneLoadBalancing ?? false)],
        ["ConnectionDraining.Enabled", lb.attributes.connectionDraining ? String(lb.attributes.connectionDraining.enabled) : undefined],
      ].filter((kv): kv is [string, string] => kv[1] !== undefined),
    ),
    addresses: [],
  };
  const hc = parseClassicHealthCheckTarget(lb.healthCheck?.target);
  const healthCheck: HealthCheck = {
    protocol: hc.protocol,
    port: hc.port,
    path: hc.path,
    intervalSeconds: lb.healthCheck?.interval ?? null,
    timeoutSeconds: lb.healthCheck?.timeout ?? null,
    healthyThreshold: lb.healthCheck?.healthyThreshold ?? null,
    unhealthyThreshold: lb.healthCheck?.unhealthyThreshold ?? null,
    portMeaning: portMeaning(hc.port, svc),
  };
  const states = lb.instanceStates ? new Map(lb.instanceStates.map((s) => [s.instanceId, s])) : null;
  const inputs: PathInput[] = [];
  const unmatchedPorts: k8s.ServicePort[] = [];
  for (const svcPort of [...(svc.spec.ports ?? [])].sort((a, b) => a.port - b.port)) {
    const ld = lb.listenerDescriptions.find((d) => d.listener.loadBalancerPort === svcPort.port);
    if (!ld) {
      unmatchedPorts.push(svcPort);
      continue;
    }
    const targets: RawTarget[] | null = states
      ? lb.instances.map((inst) => {
          const s = states.get(inst.instanceId);
          const mapped = s ? classicToElbv2(s) : { state: "unavailable", reason: null };
          return { id: inst.instanceId, port: ld.listener.instancePort, availabilityZone: null, healthCheckPort: hc.port, state: mapped.state, reason: mapped.reason, description: s?.description ?? null };
        })
      : null;
    inputs.push({
      svc,
      svcPort,
      lb: facts,
      listener: { port: ld.listener.loadBalancerPort, protocol: ld.listener.protocol.toUpperCase() },
      targetGroup: null,
      targetType: "instance",
      tgProtocol: (ld.listener.instanceProtocol ?? ld.listener.protocol).toUpperCase(),
      tgAttributes: {},
      healthCheck,
      targets,
      siblingTargetSets: targets ? [{ targets, targetType: "instance", crossZone: facts.crossZone, attributes: {} }] : [],
      classicProxyProtocol: classicProxyProtocolOn(lb, ld.listener.instancePort, ld.policyNames ?? []),
      // MODEL: a Classic ELB does not route to OutOfService instances; flows with no InService target fail.
      failOpenSupported: false,
    });
  }
  return { inputs, unmatchedPorts };
}
