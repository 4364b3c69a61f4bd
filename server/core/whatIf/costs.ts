import type { Cost } from "@/lib/api/whatIf";
import type { Path, Topology } from "@/lib/api/topology";
import type { Flavour } from "./controller";
import type { Plan } from "./plan";

/**
 * What a change costs (issue 11: "client IP lost", "cross-zone data transfer charges", "targets re-register…"),
 * what happens while it settles, and the assumptions the prediction rests on. Costs visible in the topology are
 * read off the before/after difference; the others (charges, work for the application) come from the plan.
 */

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
const seen = (t: Topology) => new Set(t.paths.flatMap((p) => p.pods.map((x) => x.sourceIp.seenAs)));
const codes = (t: Topology) => new Set(t.findings.map((f) => f.code));
const LEVEL = { ok: 0, warn: 1, high: 2 } as const;

export function costsOf(before: Topology, after: Topology, plan: Plan, flavour: Flavour): Cost[] {
  const out: Cost[] = [];
  const add = (code: string, message: string) => out.push({ code, message });
  const was = seen(before);
  const now = seen(after);
  if (was.has("client") && !now.has("client")) {
    const carried = after.paths.some((p) => p.clientIp.header);
    add("CLIENT_IP_LOST", `Pods stop seeing the client's IP address: they will see ${[...now].map((s) => (s === "node" ? "a node IP" : "the load balancer's IP")).join(" or ")}${carried ? " (the client IP still travels in a header the application must parse)" : ""} (SRC-3, SRC-8, SRC-11).`);
  }
  if (plan.proxyProtocolV2) add("APP_MUST_PARSE_PROXY_V2", "Every connection (health checks included) starts with a binary PROXY v2 header: the application must parse it, or it reads garbage and connections break (SRC-6).");
  const newCodes = [...codes(after)].filter((c) => !codes(before).has(c));
  if (newCodes.includes("PPV2_BREAKS_HC")) add("HEALTH_CHECKS_FAIL", "kube-proxy's healthCheckNodePort server does not speak PROXY v2, so every target fails its HTTP health check and the load balancer fails open (HLT-F4).");
  // DST-2: what counts is the effective setting per target group (a group's own false keeps it off).
  const crossZoneNlb = (t: Topology) => t.paths.some((p) => p.loadBalancer.kind === "network" && p.loadBalancer.crossZone);
  if (crossZoneNlb(after) && !crossZoneNlb(before))
    add("CROSS_ZONE_CHARGES", "With cross-zone load balancing on, a Network Load Balancer sends flows to targets in other zones and AWS charges the inter-zone data transfer (a Classic ELB does not charge it) (DST-2, W6).");
  if (plan.preserveClientIp || (plan.targetType === "ip" && after.paths.some((p) => p.targetGroup?.preserveClientIp)))
    add("SECURITY_GROUPS_SEE_CLIENTS", "Targets see the clients' own addresses, so their security groups must allow the clients' CIDRs, not only the load balancer's subnets (SRC-3).");
  if (plan.targetType) add("TARGETS_REREGISTER", `The controller registers the ${plan.targetType === "ip" ? "pod IPs" : "nodes"} in a new target group; traffic moves once they pass their first health checks, and the old group drains (L3, §2.4).`);
  else if (plan.healthCheckChanges && flavour === "legacy-nlb") add("TARGETS_REREGISTER", "The legacy provider names target groups after their health-check protocol and interval, so it creates a new target group, registers every node again and drains the old one (A2).");
  const lbNodes = (p: Path) => p.targets.filter((t) => t.verdict === "expected" && (t.code === "LOCAL_NO_ENDPOINT" || t.code === "LOCAL_ONLY_TERMINATING")).length;
  const localNow = after.paths.reduce((s, p) => s + lbNodes(p), 0);
  if (localNow > before.paths.reduce((s, p) => s + lbNodes(p), 0)) add("NODES_UNHEALTHY_BY_DESIGN", `${localNow} node(s) without a Ready pod of the Service fail the health check by design and get no traffic (HLT-C1).`);
  const worst = (t: Topology) => Math.max(0, ...t.paths.map((p) => LEVEL[p.imbalance.level]));
  if (worst(after) > worst(before)) add("MORE_UNEVEN", "Traffic becomes more uneven across pods (§3.1, DST-11).");
  const dropped = (t: Topology) => t.paths.reduce((s, p) => s + p.dropped + p.rejected, 0);
  if (dropped(after) > dropped(before) + 1e-9) add("FLOWS_LOST", `${pct(dropped(after))} of new flows are dropped or rejected afterwards (DST-10).`);
  const starved = (t: Topology) => t.paths.reduce((s, p) => s + p.imbalance.starved.length, 0);
  if (starved(after) > starved(before)) add("PODS_STARVED", `${starved(after)} Ready pod(s) get no new flows afterwards: capacity that costs money and serves nothing (§3.1).`);
  if (plan.zonalShift?.zone) add("ZONE_CAPACITY_LOST", `Capacity in ${plan.zonalShift.zone} stops serving; the other zones must carry the whole load.`);
  if (newCodes.includes("HAIRPIN")) add("HAIRPIN", "Clients running on a registered node time out whenever the load balancer picks that same node (SRC-7).");
  return out;
}

/** HLT-F3, §2.4: how long the change takes to settle, from the target groups' own settings where the rules give it. */
export function transientOf(before: Topology, after: Topology, plan: Plan, flavour: Flavour): { message: string; seconds: number | null }[] {
  const out: { message: string; seconds: number | null }[] = [];
  const p = before.paths[0];
  // The new health check's own interval and thresholds decide how fast targets flip (HLT-F3).
  const next = after.paths[0];
  const hc = next?.targetGroup?.healthCheck ?? next?.classicHealthCheck ?? p?.targetGroup?.healthCheck ?? p?.classicHealthCheck;
  const up = hc?.intervalSeconds && hc.healthyThreshold ? hc.intervalSeconds * hc.healthyThreshold : null;
  const down = hc?.intervalSeconds && hc.unhealthyThreshold ? hc.intervalSeconds * hc.unhealthyThreshold : null;
  const delay = Number(p?.targetGroup?.attributes["deregistration_delay.timeout_seconds"] ?? (p?.loadBalancer.kind === "classic" ? NaN : 300));
  const drainS = Number.isFinite(delay) ? delay : null;
  if (plan.healthCheckChanges)
    out.push({ message: `The health check changes; each target is judged anew: a target turns healthy after ${up ?? "healthy threshold × interval"} s of passing checks, unhealthy after ${down ?? "unhealthy threshold × interval"} s of failing ones (HLT-F3, with the new check's interval and thresholds).`, seconds: Math.max(up ?? 0, down ?? 0) || null });
  if (plan.targetType || (plan.healthCheckChanges && flavour === "legacy-nlb"))
    out.push({ message: `New registrations take "a few minutes" (AWS) plus the initial health checks; the old target group drains for deregistration_delay.timeout_seconds (${drainS ?? "300"} s).`, seconds: drainS });
  if (plan.drains.length || (plan.replicas !== undefined && plan.replicas < (p?.pods.filter((x) => x.ready && !x.terminating).length ?? 0)))
    out.push({ message: `Removed pods terminate (terminationGracePeriodSeconds, 30 s by default). ${classicDrain(p) ?? `ip targets are deregistered and keep their connections for the deregistration delay (${drainS ?? "300"} s)`}; under Local a node whose last pod leaves still gets new flows until its health check fails (${down ?? "?"} s), and kube-proxy forwards them to the terminating pod meanwhile (HLT-F2, HLT-F3).`, seconds: drainS });
  if (plan.addPods.length || (plan.replicas !== undefined && plan.replicas > (p?.pods.filter((x) => x.ready && !x.terminating).length ?? 0)))
    out.push({ message: `New pods take their start-up and readiness time; then ip targets register (a few minutes) and nodes under Local pass ${up ?? "the healthy threshold of"} s of health checks before they get traffic.`, seconds: up });
  if (plan.zonalShift?.mode === "shift") out.push({ message: "A zonal shift takes effect within minutes; connections already open to the zone continue until they close (W16).", seconds: null });
  if (plan.zonalShift?.mode === "outage")
    out.push({ message: `The node controller marks the zone's nodes unreachable after about 40 s; the load balancer sees their targets fail after ${down ?? "?"} s; the pods there are evicted after the default 300 s toleration and start elsewhere, so for about five minutes the zone's share of pods is simply missing.`, seconds: 300 });
  return out;
}

/** Classic ELB: connection draining is an attribute the legacy provider leaves off unless annotated. */
function classicDrain(p: Path | undefined): string | null {
  if (p?.loadBalancer.kind !== "classic") return null;
  return p.loadBalancer.attributes["ConnectionDraining.Enabled"] === "true"
    ? "A node the Classic ELB deregisters keeps its open connections while connection draining lasts"
    : "Connection draining is off on this Classic ELB (the legacy provider's default without aws-load-balancer-connection-draining-enabled), so a node it deregisters loses its open connections at once";
}

export function assumptionsOf(plan: Plan): string[] {
  const out = ["The prediction is the state once everything has settled (WIF-3): targets are as healthy as the rules say a node or pod without faults of its own would be; a target that fails today for its own reason (HC_BLOCKED, INSTANCE_INVALID…) is assumed to keep failing."];
  if (plan.drains.length || plan.addPods.length || plan.replicas !== undefined || plan.zonalShift?.mode === "outage")
    out.push("New pods become Ready and land where the default scheduler's spreading would put them (WIF-1); resource requests, affinities and PodDisruptionBudgets are not in the snapshot, so placement and drain speed may differ.");
  if (plan.replicas !== undefined) out.push("Scaling down removes pods in the ReplicaSet controller's order (WIF-2).");
  if (plan.proxyProtocolV2) out.push("An HTTP health check on the application's own port is assumed to accept PROXY v2 once the application parses it; kube-proxy's healthCheckNodePort never does (HLT-F4).");
  return out;
}
