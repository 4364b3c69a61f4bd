/**
 * DST-*: expected share of new flows. Pure arithmetic over already-classified targets and endpoints.
 * MODEL (DST-6, UNVERIFIED): each zone returned by DNS receives an equal share of new flows.
 */

export interface Threshold {
  count: number | null;
  percentage: number | null;
}

export interface LbTarget {
  key: string;
  zone: string | null;
  /** Registered and in an enabled zone with state healthy or unhealthy: eligible for fail-open (DST-7). */
  inUse: boolean;
  healthy: boolean;
  /** State `unavailable`: AWS cannot say (DST-7: excluded, and where flows then go is unknown). */
  healthUnknown?: boolean;
}

export interface ZoneOutcome {
  name: string;
  /** The load balancer has a subnet there. */
  enabled: boolean;
  /** DST-3: under an ARC zonal shift (administratively out), or null. */
  zonalShift: "active" | "delegated-to-dns" | null;
  inDns: boolean;
  failingOpen: boolean;
  healthyTargets: number;
  targets: number;
  share: number;
}

export interface LbStage {
  /** T(t) per target key. */
  share: Map<string, number>;
  zones: ZoneOutcome[];
  /** Target keys that get new flows although not healthy (fail-open). */
  failOpenKeys: Set<string>;
  /** Flows that reach an LB node with no target at all (nowhere to send them). */
  noTarget: number;
  /** Flows of zones left without a routable target because AWS reports their targets' health `unavailable`. */
  unknown: number;
  /** True when a zone that DNS returns routes to all targets regardless of health. */
  failOpen: boolean;
}

/** DST-5: a scope is below a threshold when its healthy count or percentage is under the minimum. */
export function belowThreshold(healthy: number, total: number, t: Threshold): boolean {
  if (t.count !== null && healthy < t.count) return true;
  if (t.percentage !== null && total > 0 && (healthy / total) * 100 < t.percentage) return true;
  return false;
}

/** DST-5 attribute values: a number, or "off". */
export function parseThreshold(count: string | undefined, percentage: string | undefined, defaultCount = 1): Threshold {
  const num = (v: string | undefined) => (v === undefined || v === "off" || v === "" || Number.isNaN(Number(v)) ? null : Number(v));
  return { count: count === undefined ? defaultCount : num(count), percentage: num(percentage) };
}

/**
 * DST-5 (DNS failover), per target group: with cross-zone off each enabled zone is judged on its own targets;
 * with cross-zone on the total is judged, so either every zone stays or every zone goes (and then all return).
 * Returns the zones a target group keeps out of DNS. A zone is dropped if *any* TG of the LB drops it.
 */
export function zonesBelowDnsThreshold(targets: LbTarget[], enabledZones: string[], crossZone: boolean, t: Threshold): Set<string> {
  const below = new Set<string>();
  if (crossZone) {
    const inUse = targets.filter((x) => x.inUse);
    if (belowThreshold(inUse.filter((x) => x.healthy).length, inUse.length, t)) enabledZones.forEach((z) => below.add(z));
    return below;
  }
  for (const z of enabledZones) {
    const inZone = targets.filter((x) => x.inUse && x.zone === z);
    if (belowThreshold(inZone.filter((x) => x.healthy).length, inZone.length, t)) below.add(z);
  }
  return below;
}

/** DST-5: zones in DNS; if every enabled zone is below the threshold, all of them are returned. */
export function dnsZones(enabledZones: string[], below: Set<string>): string[] {
  const kept = enabledZones.filter((z) => !below.has(z));
  return kept.length > 0 ? kept : [...enabledZones];
}

/**
 * DST-7: routing set of each zone's LB node and T(t) = Σ_{z∈Zdns} (1/#Zdns)·[t∈R(z)]/#R(z).
 * `failOpenSupported` is false for Classic ELB, which does not route to OutOfService instances (MODEL).
 */
export function loadBalancerStage(input: {
  targets: LbTarget[];
  /** Zen (DST-3): subnet zones minus actively shifted ones. */
  enabledZones: string[];
  /** Every zone the load balancer has a subnet in; default Zen. */
  subnetZones?: string[];
  zonalShifts?: Record<string, "active" | "delegated-to-dns">;
  inDns: string[];
  crossZone: boolean;
  routing: Threshold;
  failOpenSupported: boolean;
}): LbStage {
  const { targets, enabledZones, inDns, crossZone, routing, failOpenSupported } = input;
  const subnetZones = input.subnetZones ?? enabledZones;
  const shifts = input.zonalShifts ?? {};
  const share = new Map<string, number>(targets.map((t) => [t.key, 0]));
  const failOpenKeys = new Set<string>();
  let noTarget = 0;
  let unknown = 0;
  let failOpen = false;
  const zoneFailingOpen = new Map<string, boolean>();

  const routingSet = (scope: LbTarget[]): { set: LbTarget[]; open: boolean } => {
    const inUse = scope.filter((t) => t.inUse);
    const healthy = inUse.filter((t) => t.healthy);
    if (failOpenSupported && belowThreshold(healthy.length, inUse.length, routing) && inUse.length > 0) return { set: inUse, open: true };
    return { set: healthy, open: false };
  };

  // With cross-zone on, a target in use counts wherever it is, even when its zone cannot be named (no Node, no
  // Target.AvailabilityZone): AWS only uses targets in enabled zones.
  const scopeOf = (z: string) => (crossZone ? targets.filter((t) => t.zone === null ? t.inUse : enabledZones.includes(t.zone)) : targets.filter((t) => t.zone === z));
  for (const z of enabledZones) zoneFailingOpen.set(z, routingSet(scopeOf(z)).open);

  const perZone = inDns.length > 0 ? 1 / inDns.length : 0;
  for (const z of inDns) {
    const { set, open } = routingSet(scopeOf(z));
    if (set.length === 0) {
      if (scopeOf(z).some((t) => t.healthUnknown)) unknown += perZone;
      else noTarget += perZone;
      continue;
    }
    if (open) failOpen = true;
    for (const t of set) {
      share.set(t.key, (share.get(t.key) ?? 0) + perZone / set.length);
      if (!t.healthy) failOpenKeys.add(t.key);
    }
  }

  const zoneNames = [...new Set([...subnetZones, ...targets.map((t) => t.zone).filter((z): z is string => !!z)])].sort();
  const zones: ZoneOutcome[] = zoneNames.map((name) => {
    const inZone = targets.filter((t) => t.zone === name);
    return {
      name,
      enabled: subnetZones.includes(name),
      zonalShift: shifts[name] ?? null,
      inDns: inDns.includes(name),
      failingOpen: zoneFailingOpen.get(name) ?? false,
      healthyTargets: inZone.filter((t) => t.healthy).length,
      targets: inZone.length,
      share: inDns.includes(name) ? perZone : 0,
    };
  });
  return { share, zones, failOpenKeys, noTarget, unknown, failOpen };
}

export interface ProxyStageInput<E> {
  /** Instance targets with their T(n) and the endpoint set E(n) kube-proxy uses on that node (DST-8). */
  nodes: { share: number; endpoints: E[] }[];
  /** The Service has no usable endpoint at all: kube-proxy REJECTs (SRC-9, HLT-E2). */
  noUsableEndpoint: boolean;
}

/** DST-8 / DST-10: spread each node's share uniformly over E(n); ∅ ⇒ dropped (Local) or rejected (no endpoints). */
export function kubeProxyStage<E>(input: ProxyStageInput<E>): { perEndpoint: Map<E, number>; dropped: number; rejected: number } {
  const perEndpoint = new Map<E, number>();
  let dropped = 0;
  let rejected = 0;
  for (const { share, endpoints } of input.nodes) {
    if (share === 0) continue;
    if (endpoints.length === 0) {
      if (input.noUsableEndpoint) rejected += share;
      else dropped += share;
      continue;
    }
    for (const e of endpoints) perEndpoint.set(e, (perEndpoint.get(e) ?? 0) + share / endpoints.length);
  }
  return { perEndpoint, dropped, rejected };
}

/** §3.1: I = max S(p) / fair with fair = 1/N over Ready (non-terminating) pods; levels 1.2 / 2.0 (P9 precedent). */
export function imbalanceOf(pods: { key: string; share: number; ready: boolean; terminating: boolean }[], dropped: number, rejected = 0) {
  const serving = pods.filter((p) => p.ready && !p.terminating);
  const n = serving.length;
  const starved = serving.filter((p) => p.share <= 1e-12).map((p) => p.key);
  // Rejected flows reach no pod at all: nothing is "balanced", so never report that as ok.
  if (n === 0) return { ratio: null, fair: null, starved, level: (dropped > 1e-12 || rejected > 1e-12 ? "high" : "ok") as "ok" | "warn" | "high" };
  const fair = 1 / n;
  const max = Math.max(...pods.map((p) => p.share));
  const ratio = round(max / fair, 4);
  const level = ratio >= 2 || starved.length > 0 || dropped > 1e-12 || rejected > 1e-12 ? "high" : ratio > 1.2 + 1e-9 ? "warn" : "ok";
  return { ratio, fair, starved, level: level as "ok" | "warn" | "high" };
}

export const round = (x: number, digits = 6) => Math.round(x * 10 ** digits) / 10 ** digits;
