import type * as k8s from "./model/kubernetes";
import type * as elbv2 from "./model/elbv2";
import type { HealthCheck, Path, PodShare, Target, Warning, ZoneState } from "@/lib/api/topology";
import type { SnapshotIndex } from "./index/snapshotIndex";
import { zoneOfNode } from "./index/snapshotIndex";
import { applyTopologyHints, endpointsForPort, podOfEndpoint, readyLocalCount, usableClusterWide, usableLocal, type EndpointView } from "./analysis/endpoints";
import { dnsZones, imbalanceOf, kubeProxyStage, loadBalancerStage, parseThreshold, round, zonesBelowDnsThreshold, type LbTarget } from "./analysis/distribution";
import { clientIpAlongPath, podSourceIp, preserveClientIpEffective } from "./analysis/sourceIp";
import { classifyTarget } from "./analysis/targetHealth";
import { internalIp, isNodeReady, kubeProxyIneligible, nodeRemoval } from "./join/nodeFacts";

/** What the path builder needs to know about the load balancer, for NLB/ALB and Classic alike. */
export interface LbFacts {
  kind: "network" | "classic" | "application";
  name: string;
  arn: string | null;
  dnsName: string;
  scheme: string | null;
  state: string | null;
  joinedBy: "dns-name" | "tags" | "name";
  /** Zones the load balancer has a subnet in (LoadBalancer.AvailabilityZones). */
  subnetZones: string[];
  /** DST-3: subnet zones minus those under an active zonal shift (Zen). */
  enabledZones: string[];
  /** DST-3: zones under a zonal shift, by how AWS reports it (AdministrativeOverride). */
  zonalShifts: Record<string, ZonalShift>;
  crossZone: boolean;
  attributes: Record<string, string>;
  /** The load balancer's own addresses per zone (AvailabilityZones[].LoadBalancerAddresses): what a target sees as LBz. */
  addresses: { zone: string; ipv4: string | null; ipv6: string | null }[];
}

/** How a zone is shifted away (ZoneState.zonalShift): `active` or `delegated-to-dns`. */
export type ZonalShift = NonNullable<ZoneState["zonalShift"]>;

/** One registered target as read, before analysis. */
export interface RawTarget {
  id: string;
  port: number | null;
  availabilityZone: string | null;
  healthCheckPort: string | null;
  /** ELBv2 state/reason (Classic mapped), or null when health could not be read. */
  state: string | null;
  reason: string | null;
  description: string | null;
}

export interface PathInput {
  svc: k8s.Service;
  svcPort: k8s.ServicePort;
  lb: LbFacts;
  listener: { port: number; protocol: string };
  targetGroup: elbv2.TargetGroup | null;
  targetType: "instance" | "ip";
  tgProtocol: string | null;
  tgAttributes: Record<string, string>;
  healthCheck: HealthCheck;
  /** null: target health unreadable. */
  targets: RawTarget[] | null;
  /** Targets of every TG of this LB (for DNS failover, DST-5), health known only. */
  siblingTargetSets: { targets: RawTarget[]; targetType: "instance" | "ip"; crossZone: boolean; attributes: Record<string, string> }[];
  classicProxyProtocol: boolean;
  failOpenSupported: boolean;
}

const IN_USE_STATES = new Set(["healthy", "unhealthy"]);

/** Builds one Path: JOIN-4 (targets → Nodes/Pods), HLT-C (verdicts), DST-* (shares), §1 (source IP). */
export function buildPath(input: PathInput, index: SnapshotIndex, warnings: Warning[]): Path {
  const { svc, svcPort, lb, listener, targetType } = input;
  const etp = svc.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
  const pathId = `${lb.kind}:${lb.name}:${listener.port}`;
  const endpointsKnown = !index.missing.endpointSlices;
  const endpoints = endpointsKnown ? endpointsForPort(svc, svcPort, index) : [];
  const byAddress = new Map(endpoints.map((e) => [e.address, e]));
  // JOIN-4: an ip target is a pod's endpoint when the IP matches and so does the port (when both are known).
  const endpointOf = (t: RawTarget): EndpointView | undefined => {
    const e = byAddress.get(t.id);
    return e && (t.port == null || e.port == null || t.port === e.port) ? e : undefined;
  };
  const usable = usableClusterWide(endpoints);

  // Effective cross-zone (DST-2): the TG attribute wins unless it defers to the LB.
  const tgCross = input.tgAttributes["load_balancing.cross_zone.enabled"];
  const crossZone = tgCross === "true" ? true : tgCross === "false" ? false : lb.crossZone;
  const zoneOfTarget = (t: RawTarget, type: "instance" | "ip"): string | null => {
    if (type === "instance") {
      const node = index.nodesByInstanceId.get(t.id);
      return (node && zoneOfNode(node)) ?? t.availabilityZone;
    }
    if (t.availabilityZone) return t.availabilityZone;
    const pod = index.podsByIp.get(t.id);
    const node = pod?.spec?.nodeName ? index.nodesByName.get(pod.spec.nodeName) : undefined;
    return endpointOf(t)?.zone ?? (node ? (zoneOfNode(node) ?? null) : null);
  };
  const toLbTarget = (t: RawTarget, type: "instance" | "ip", key: string): LbTarget => {
    const zone = zoneOfTarget(t, type);
    // A target AWS reports healthy or unhealthy is in an enabled zone, even when lbpath cannot name the zone.
    const inUse = !!t.state && IN_USE_STATES.has(t.state) && (zone === null || lb.enabledZones.includes(zone));
    return { key, zone, inUse, healthy: t.state === "healthy", healthUnknown: t.state === "unavailable" };
  };

  // Sorted, so the topology does not depend on the order an API happened to return targets in.
  const raw = [...(input.targets ?? [])].sort((a, b) => a.id.localeCompare(b.id) || (a.port ?? 0) - (b.port ?? 0));
  const keyOf = (t: RawTarget) => `Target:${t.id}:${t.port ?? ""}`;
  const lbTargets = raw.map((t) => toLbTarget(t, targetType, keyOf(t)));

  // DST-5: DNS failover looks at every TG of the LB; a zone drops out if any TG is below threshold there.
  const below = new Set<string>();
  for (const sib of input.siblingTargetSets) {
    const sibTargets = sib.targets.map((t, i) => toLbTarget(t, sib.targetType, `${i}`));
    const dnsT = parseThreshold(sib.attributes["target_group_health.dns_failover.minimum_healthy_targets.count"], sib.attributes["target_group_health.dns_failover.minimum_healthy_targets.percentage"]);
    zonesBelowDnsThreshold(sibTargets, lb.enabledZones, sib.crossZone, dnsT).forEach((z) => below.add(z));
  }
  // DST-3: a zone whose shift is delegated to DNS keeps its targets in use but leaves DNS whatever its health.
  const inDns = dnsZones(lb.enabledZones.filter((z) => lb.zonalShifts[z] !== "delegated-to-dns"), below);
  const routing = parseThreshold(
    input.tgAttributes["target_group_health.unhealthy_state_routing.minimum_healthy_targets.count"],
    input.tgAttributes["target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage"],
  );
  const stage = loadBalancerStage({ targets: lbTargets, enabledZones: lb.enabledZones, subnetZones: lb.subnetZones, zonalShifts: lb.zonalShifts, inDns, crossZone, routing, failOpenSupported: input.failOpenSupported });

  // kube-proxy stage (DST-8) for instance targets; DST-9 for ip targets.
  const noUsableEndpoint = endpointsKnown && usable.length === 0;
  let unknown = input.targets === null ? 1 : 0;
  const podShare = new Map<EndpointView, number>();
  // Health unreadable: where flows go is unknown, not "nowhere" (no targets would otherwise read as all dropped).
  const healthKnown = input.targets !== null;
  let dropped = healthKnown ? stage.noTarget : 0;
  if (healthKnown) unknown += stage.unknown;
  let rejected = 0;
  if (targetType === "instance") {
    const nodes: { share: number; endpoints: EndpointView[] }[] = [];
    raw.forEach((t, i) => {
      const share = stage.share.get(lbTargets[i].key) ?? 0;
      const node = index.nodesByInstanceId.get(t.id);
      if (share === 0) return;
      if (!node || !endpointsKnown) {
        unknown += share;
        return;
      }
      const eps = etp === "Local" ? usableLocal(endpoints, node.metadata.name) : applyTopologyHints(usable, { name: node.metadata.name, zone: zoneOfNode(node) ?? null });
      nodes.push({ share, endpoints: eps });
    });
    const proxy = kubeProxyStage({ nodes, noUsableEndpoint });
    proxy.perEndpoint.forEach((v, k) => podShare.set(k, v));
    dropped += proxy.dropped;
    rejected += proxy.rejected;
  } else {
    raw.forEach((t, i) => {
      const share = stage.share.get(lbTargets[i].key) ?? 0;
      if (share === 0) return;
      const e = endpointOf(t);
      if (e) podShare.set(e, (podShare.get(e) ?? 0) + share);
      else unknown += share;
    });
  }

  // Verdicts (§2.4, HLT-C).
  const ppv2 = input.tgAttributes["proxy_protocol_v2.enabled"] === "true";
  const targets: Target[] = raw.map((t, i) => {
    const key = lbTargets[i].key;
    const node = targetType === "instance" ? index.nodesByInstanceId.get(t.id) : undefined;
    const e = targetType === "ip" ? endpointOf(t) : undefined;
    const podNode = e?.nodeName ?? null;
    const zone = lbTargets[i].zone;
    const verdict = t.state === null
      ? { verdict: "unknown" as const, code: "HEALTH_UNKNOWN" as const, rules: [], diagnosis: "Target health could not be read.", action: "See the partial-data warning." }
      : classifyTarget({
          state: t.state,
          reason: t.reason,
          lbKind: lb.kind,
          targetType,
          externalTrafficPolicy: etp,
          healthCheck: input.healthCheck,
          tgProtocol: input.tgProtocol,
          proxyProtocolV2: ppv2,
          zone,
          zoneEnabled: !!zone && lb.subnetZones.includes(zone),
          zonalShift: (zone && lb.zonalShifts[zone]) || null,
          crossZone,
          tgAttached: input.targetGroup ? input.targetGroup.loadBalancerArns.length > 0 : true,
          node: node ? { name: node.metadata.name, ready: isNodeReady(node), removal: nodeRemoval(node), kubeProxyIneligible: kubeProxyIneligible(node) } : null,
          readyLocal: node && endpointsKnown ? readyLocalCount(endpoints, node.metadata.name) : null,
          terminatingLocal: node ? endpoints.filter((x) => x.nodeName === node.metadata.name && x.serving && x.terminating).length : 0,
          usableEndpoints: endpointsKnown ? usable.length : null,
          endpoint: e ? { ready: e.ready, serving: e.serving, terminating: e.terminating, pod: e.pod ? `${e.pod.namespace}/${e.pod.name}` : null } : null,
        });
    return {
      key,
      id: t.id,
      port: t.port,
      zone,
      node: node?.metadata.name ?? podNode,
      pod: e?.pod ?? null,
      state: t.state ?? "unknown",
      reason: t.reason,
      description: t.description,
      healthCheckPort: t.healthCheckPort,
      share: round(stage.share.get(key) ?? 0),
      ...verdict,
      readyLocalEndpoints: node && endpointsKnown ? readyLocalCount(endpoints, node.metadata.name) : null,
      receivesFailOpenTraffic: stage.failOpenKeys.has(key),
    };
  });

  // Source IP (§1).
  const ipPath = clientIpAlongPath({
    lbKind: lb.kind,
    listenerProtocol: listener.protocol,
    targetType,
    externalTrafficPolicy: etp,
    tgProtocol: input.tgProtocol,
    tgAttributes: input.tgAttributes,
    classicProxyProtocol: input.classicProxyProtocol,
  });
  const receivingNodeIps = targets
    .filter((t) => t.share > 0 && t.node)
    .map((t) => index.nodesByName.get(t.node!))
    .map((n) => (n ? internalIp(n) : null))
    .filter((x): x is string => !!x);
  // §1.2 hop1 = LBz: the address of the load balancer node that hands the flow over. Without cross-zone only the pod's
  // own zone's node does; with it, any zone in DNS. SRC-4: an IPv6 target group sees the load balancer's IPv6 address.
  const family = input.targetGroup?.ipAddressType === "ipv6" ? "ipv6" : "ipv4";
  const lbAddressesSeenBy = (zone: string | null): string[] => {
    const all = lb.addresses.map((a) => a[family]).filter((x): x is string => !!x);
    const zones = crossZone || !zone ? inDns : [zone];
    const near = lb.addresses.filter((a) => zones.includes(a.zone)).map((a) => a[family]).filter((x): x is string => !!x);
    return near.length > 0 ? near : all;
  };
  const pods: PodShare[] = endpoints.map((e) => {
    const share = round(podShare.get(e) ?? 0);
    return {
      ...podOfEndpoint(e, svc.metadata.namespace),
      share,
      starved: false,
      sourceIp: podSourceIp(ipPath, receivingNodeIps.slice(0, 6), lbAddressesSeenBy(e.zone)),
    };
  });
  const imbalance = healthKnown ? imbalanceOf(pods, dropped, rejected) : { ratio: null, fair: null, starved: [] as string[], level: "ok" as const };
  for (const p of pods) p.starved = imbalance.starved.includes(p.key);

  if (input.targets === null) warnings.push({ code: "HEALTH_UNKNOWN", source: "aws", message: `Target health of ${input.targetGroup?.targetGroupName ?? lb.name} could not be read: shares and verdicts on this path are unknown.` });
  const { podSeesAs: _podSeesAs, ...clientIp } = ipPath;
  const health = { healthy: 0, expected: 0, transient: 0, fault: 0, unknown: 0 };
  for (const t of targets) health[t.verdict] += 1;

  return {
    id: pathId,
    servicePort: { name: svcPort.name ?? null, port: svcPort.port, protocol: svcPort.protocol ?? "TCP", nodePort: svcPort.nodePort ?? null, targetPort: svcPort.targetPort ?? null },
    loadBalancer: { kind: lb.kind, name: lb.name, arn: lb.arn, dnsName: lb.dnsName, scheme: lb.scheme, state: lb.state, crossZone, zones: lb.subnetZones, joinedBy: lb.joinedBy, attributes: lb.attributes },
    listener,
    targetGroup: input.targetGroup
      ? {
          arn: input.targetGroup.targetGroupArn,
          name: input.targetGroup.targetGroupName,
          targetType,
          protocol: input.tgProtocol,
          port: input.targetGroup.port ?? null,
          preserveClientIp: preserveClientIpEffective(input.tgProtocol, targetType, input.tgAttributes),
          proxyProtocol: ppv2 ? "v2" : null,
          healthCheck: input.healthCheck,
          attributes: input.tgAttributes,
        }
      : null,
    classicHealthCheck: lb.kind === "classic" ? input.healthCheck : null,
    clientIp,
    zones: stage.zones.map((z) => ({ key: `Zone:${z.name}`, ...z, share: round(z.share) })),
    targets,
    pods,
    dropped: round(dropped),
    rejected: round(rejected),
    unknown: round(unknown),
    failOpen: stage.failOpen,
    imbalance,
    health,
  };
}
