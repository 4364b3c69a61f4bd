import type { MissingTargets } from "../join/expectedTargets";
import type { Finding, Path, Severity } from "@/lib/api/topology";
import { isClientIpCode, type FindingCode, type TargetCode } from "@/lib/api/codes";
import type { RuleId } from "@/lib/api/rules";
import { headerName } from "./sourceIp";
import { LB_KIND, VERDICT } from "@/lib/vocabulary";

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
const f = (severity: Severity, code: FindingCode, message: string, action: string | undefined, rules: RuleId[], pathId: string | null, refs: string[] = []): Finding => ({ severity, code, message, action, rules, pathId, refs });

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

/**
 * The order findings are listed in (the client keeps it): by severity, and within one severity what is going wrong
 * before what the source IP is, which is a consequence of the configuration rather than a fault.
 */
export function byUrgency(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || Number(isClientIpCode(a.code)) - Number(isClientIpCode(b.code));
}

/** What an operator should know about one path, in plain words with the rule behind it. */
export function pathFindings(path: Path, ctx: { etp: "Cluster" | "Local"; scheme: string | null; dualStackToIpv4: boolean; missing: MissingTargets }): Finding[] {
  const out: Finding[] = [];
  const id = path.id;
  const lbName = LB_KIND[path.loadBalancer.kind].word;
  const podRefs = path.pods.map((p) => p.key);
  const targetType = path.targetGroup?.targetType ?? "instance";

  // Health: fail-open and zones out of DNS first (issue #4 ranking), DST-5 / HLT-C9.
  if (path.failOpen) {
    const refs = [...path.targets.filter((t) => t.receivesFailOpenTraffic).map((t) => t.key), ...path.zones.filter((z) => z.failingOpen && z.inDns).map((z) => z.key)];
    out.push(f("critical", "FAIL_OPEN", `The ${lbName} is failing open: in ${path.zones.filter((z) => z.failingOpen && z.inDns).map((z) => z.name).join(", ") || "every zone"} no target is healthy, so it sends new flows to all targets regardless of health.`, "Fix the unhealthy targets' cause (see their verdicts); fail-open only hides it.", ["DST-5", "HLT-C9"], id, refs));
  }
  for (const z of path.zones.filter((z) => z.zonalShift)) out.push(zonalShiftFinding(path, z));
  const enabled = path.zones.filter((z) => z.enabled);
  if (enabled.some((z) => z.inDns)) {
    // A shifted zone is out of DNS administratively, whatever its health: ZONAL_SHIFT says so instead.
    for (const z of enabled.filter((z) => !z.inDns && !z.zonalShift)) {
      const zoneTargets = path.targets.filter((t) => t.zone === z.name);
      const allExpected = zoneTargets.length > 0 && zoneTargets.every((t) => t.verdict === "expected" || t.verdict === "healthy");
      out.push(
        f(
          allExpected ? "info" : "warning",
          "ZONE_NO_HEALTHY",
          `Zone ${z.name} has no healthy target (${z.targets} registered), so its load-balancer address is dropped from DNS; the other zones take its share. Clients that cached the old DNS answer (60 s TTL) still reach it and fail open there.`,
          allExpected ? "By design under the current placement; to use this zone, run a ready pod on a node there." : "Fix the unhealthy targets in this zone.",
          ["DST-5", "DST-6"],
          id,
          [z.key, ...zoneTargets.map((t) => t.key)],
        ),
      );
    }
  }
  if (path.rejected > 0)
    out.push(f("critical", "TRAFFIC_REJECTED", `${pct(path.rejected)} of new flows are rejected: the Service has no usable endpoint, so kube-proxy rejects them on every node.`, "Fix the workload's readiness; kubectl get endpointslices -l kubernetes.io/service-name=<svc>.", ["DST-10", "HLT-E2", "SRC-9"], id, path.targets.map((t) => t.key)));
  if (path.dropped > 0)
    out.push(f("warning", "TRAFFIC_DROPPED", `${pct(path.dropped)} of new flows are dropped: they reach ${path.loadBalancer.kind === "classic" ? "a zone with no InService instance" : "a node with no usable local endpoint (externalTrafficPolicy Local) or an LB node with no target"}.`, "Run a ready pod on every node that receives traffic, or use externalTrafficPolicy Cluster.", ["DST-10", "SRC-9"], id, path.targets.filter((t) => t.share > 0 && (t.readyLocalEndpoints ?? 1) === 0).map((t) => t.key)));

  // Per target code (non-healthy).
  const byCode = new Map<TargetCode, typeof path.targets>();
  // ZONE_SHIFTED_AWAY targets are named by the zone's ZONAL_SHIFT finding.
  for (const t of path.targets) if (t.verdict !== "healthy" && t.code !== "ZONE_SHIFTED_AWAY") byCode.set(t.code, [...(byCode.get(t.code) ?? []), t]);
  for (const [code, ts] of byCode) {
    const first = ts[0];
    // HLT-C9: a fault whose targets the load balancer is failing open to is what broke the path: escalate it.
    const causesFailOpen = first.verdict === "fault" && ts.some((t) => t.receivesFailOpenTraffic);
    const severity: Severity = first.verdict === "fault" ? (code === "PPV2_BREAKS_HC" || code === "NO_READY_ENDPOINTS" || causesFailOpen ? "critical" : "warning") : first.verdict === "unknown" ? "warning" : "info";
    const label = VERDICT[first.verdict].label;
    const rules = causesFailOpen && !first.rules.includes("HLT-C9") ? [...first.rules, "HLT-C9" as const] : first.rules;
    out.push(f(severity, code, `${ts.length} target${ts.length > 1 ? "s" : ""} ${label}: ${first.diagnosis}`, first.action ?? undefined, rules, id, ts.map((t) => t.key)));
  }

  // Source IP (§1).
  const seen = path.pods[0]?.sourceIp.seenAs ?? (path.clientIp.snatAt === "kube-proxy" ? "node" : path.clientIp.hop1);
  const header = path.clientIp.header;
  const rows = `row ${path.clientIp.row}`;
  if (seen === "client") {
    out.push(f("info", "CLIENT_IP_PRESERVED", `Pods see the client IP (${rows}).`, undefined, path.clientIp.rules, id, podRefs));
  } else if (path.clientIp.snatAt === "kube-proxy") {
    out.push(
      f(header ? "info" : "warning", "CLIENT_IP_SNAT_KUBE_PROXY", `The client IP is lost at kube-proxy: with externalTrafficPolicy Cluster it SNATs every flow to the receiving node's IP, even when the pod is on that node (${rows}).`, header ? undefined : "Set externalTrafficPolicy: Local (pods then see the client IP; only nodes with a ready pod pass the health check), or enable proxy protocol v2 and parse it in the application.", path.clientIp.rules, id, podRefs),
    );
  } else {
    if (path.clientIp.snatAt === "load-balancer" && seen === "node")
      out.push(f("info", "CLIENT_IP_SNAT_KUBE_PROXY", "kube-proxy then SNATs the load balancer's address to the receiving node's IP (externalTrafficPolicy Cluster). externalTrafficPolicy Local would only change what pods see to the load balancer's IP, not the client's.", undefined, ["SRC-8"], id, podRefs));
    const action =
      path.loadBalancer.kind === "classic"
        ? "Use an NLB (service.beta.kubernetes.io/aws-load-balancer-type: nlb or the AWS Load Balancer Controller), or enable PROXY protocol (service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: \"*\")."
        : path.loadBalancer.kind === "network"
          ? "Enable client IP preservation (annotation service.beta.kubernetes.io/aws-load-balancer-target-group-attributes: preserve_client_ip.enabled=true) or proxy protocol v2."
          : "Read X-Forwarded-For in the application.";
    out.push(f(header ? "info" : "warning", "CLIENT_IP_REPLACED_BY_LB", `The ${lbName} replaces the client IP: pods see ${seen === "node" ? "a node IP (the LB's address is then SNATed by kube-proxy)" : "the load balancer's private IP"} (${rows}).`, header ? undefined : action, path.clientIp.rules, id, podRefs));
  }
  if (header) out.push(f("info", "CLIENT_IP_IN_HEADER", `The client IP travels in the ${headerName(header)}; the application must parse it (kube-proxy leaves payload untouched, SRC-10).`, undefined, ["SRC-10", ...path.clientIp.rules.filter((r) => r !== "SRC-10")], id));

  // Distribution (§3).
  if (path.imbalance.level !== "ok" && path.imbalance.ratio !== null) {
    out.push(f(path.imbalance.level === "high" ? "warning" : "info", "UNEVEN_TRAFFIC", unevenMessage(path, ctx.etp), unevenAction(path, ctx.etp, targetType), ["DST-7", "DST-8", "DST-11", "§3.1"], id, unevenRefs(path)));
  }
  if (path.imbalance.starved.length > 0)
    out.push(f("warning", "PODS_STARVED", `${path.imbalance.starved.length} Ready pod(s) get no new flows: ${starvedWhy(path, ctx.etp)}.`, "See the targets of the nodes these pods run on.", ["DST-10", "§3.1"], id, path.imbalance.starved));

  // Configuration notes.
  if (ctx.etp === "Local" && targetType === "ip") out.push(f("info", "ETP_IGNORED_IP_TARGETS", "externalTrafficPolicy: Local has no effect here: ip targets send traffic straight to pod IPs, bypassing kube-proxy and healthCheckNodePort.", undefined, ["SRC-11", "HC-8"], id));
  if (path.loadBalancer.kind === "network" && ctx.scheme === "internal" && targetType === "instance" && path.targetGroup?.preserveClientIp)
    out.push(f("info", "HAIRPIN", "Internal NLB with instance targets and client IP preservation: a client running on a registered node (or its host network) times out whenever the NLB picks that same node.", "Disable client IP preservation or use ip targets if cluster workloads call this load balancer.", ["SRC-7"], id));
  if (ctx.dualStackToIpv4) out.push(f("info", "IPV6_CLIENTS_SEE_LB", "The load balancer is dual-stack and the targets IPv4: IPv6 clients' flows reach pods from the load balancer's IPv4 address, not the client's.", "Use proxy protocol v2 to recover IPv6 client addresses.", ["SRC-4"], id));
  if (ctx.missing.keys.length > 0) {
    const { keys, servingPods } = ctx.missing;
    const what = keys[0].startsWith("Node:") ? "node(s) that the controller registers" : "pod(s) that the controller registers";
    // A missing target that hosts (or is) a Ready pod changes where traffic goes; otherwise only spare capacity is lost.
    const effect = servingPods ? "" : " None of them serves a Ready pod of this Service, so only spare capacity is missing.";
    out.push(f(servingPods ? "warning" : "info", "TARGETS_MISSING", `${keys.length} ${what} are not registered in the target group: ${keys.slice(0, 5).map((k) => k.replace(/^(Node|Pod):/, "")).join(", ")}${keys.length > 5 ? ", …" : ""}.${effect}`, "Check the controller's logs and events (registration lag, a failing readiness gate, or a node filter).", ["JOIN-4"], id, keys));
  }
  if (path.loadBalancer.state && path.loadBalancer.state !== "active")
    out.push(f(path.loadBalancer.state === "provisioning" ? "info" : "critical", "LB_NOT_ACTIVE", `The load balancer is ${path.loadBalancer.state}.`, path.loadBalancer.state === "provisioning" ? "Wait for provisioning to finish." : "Check the load balancer in the AWS console and the controller's events.", [], id));
  return out;
}

/** DST-3: a zone an ARC zonal shift moved traffic away from — administratively, not for lack of a healthy target. */
function zonalShiftFinding(path: Path, z: Path["zones"][number]): Finding {
  const targets = path.targets.filter((t) => t.zone === z.name);
  const still = z.zonalShift === "delegated-to-dns" && path.loadBalancer.crossZone;
  const starved = path.pods.filter((p) => p.zone === z.name && p.ready && !p.terminating && p.share === 0);
  const override = z.zonalShift === "active" ? "zonal_shift_active" : "zonal_shift_delegated_to_dns";
  const effect = still
    ? "its load-balancer address is out of DNS, but with cross-zone load balancing on its targets still get flows from the other zones' load-balancer nodes"
    : `its load-balancer address is out of DNS and its ${plural(targets.length, "target")} get no new flows${starved.length ? `, so ${plural(starved.length, "Ready pod")} there get nothing` : ""}`;
  const arn = path.loadBalancer.arn ?? "<load balancer ARN>";
  return f(
    "warning",
    "ZONAL_SHIFT",
    `An ARC zonal shift has moved traffic away from ${z.name} (AdministrativeOverride ${override}): ${effect}. This is administrative, not a health problem; existing connections there continue until they close.`,
    `When ${z.name} has recovered, end the shift: aws arc-zonal-shift list-zonal-shifts --resource-identifier ${arn}, then aws arc-zonal-shift cancel-zonal-shift --zonal-shift-id <id> (or let it expire; autoshifts and practice runs end on their own).`,
    ["DST-3", "DST-5", "DST-6"],
    path.id,
    [z.key, ...targets.map((t) => t.key), ...starved.map((p) => p.key)],
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function nodePodCounts(path: Path) {
  const counts = new Map<string, number>();
  for (const p of path.pods) if (p.ready && !p.terminating && p.node && p.share > 0) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
}

function unevenMessage(path: Path, etp: string): string {
  const ratio = path.imbalance.ratio!.toFixed(2);
  const top = [...path.pods].sort((a, b) => b.share - a.share)[0];
  const head = `Traffic is uneven (imbalance ${ratio}× the fair share): ${top.name} gets ${pct(top.share)} of new flows.`;
  const parts: string[] = [head];
  const counts = nodePodCounts(path);
  if (etp === "Local" && (path.targetGroup?.targetType ?? "instance") === "instance" && counts.length > 1 && counts[0][1] !== counts[counts.length - 1][1]) {
    const [minN, minC] = counts[0];
    const [maxN, maxC] = counts[counts.length - 1];
    parts.push(`${minN} has ${minC} pod${minC > 1 ? "s" : ""} and ${maxN} has ${maxC}, with externalTrafficPolicy Local: the load balancer splits per node, not per pod.`);
  }
  const dnsZones = path.zones.filter((z) => z.inDns);
  if (!path.loadBalancer.crossZone && dnsZones.length > 1 && new Set(dnsZones.map((z) => z.healthyTargets)).size > 1)
    parts.push(`Cross-zone load balancing is off, so each zone gets an equal slice (${dnsZones.map((z) => `${z.name}: ${z.healthyTargets} healthy`).join(", ")}).`);
  return parts.join(" ");
}

function unevenAction(path: Path, etp: string, targetType: string): string {
  if (etp === "Local" && targetType === "instance") return "Spread pods evenly over nodes with topologySpreadConstraints (or run a DaemonSet), switch to ip targets, or turn on cross-zone load balancing.";
  if (!path.loadBalancer.crossZone) return "Balance capacity across zones, or turn on cross-zone load balancing (load_balancing.cross_zone.enabled=true).";
  return "Spread pods evenly across nodes and zones.";
}

function unevenRefs(path: Path): string[] {
  const max = Math.max(...path.pods.map((p) => p.share));
  return path.pods.filter((p) => p.share >= max - 1e-9).map((p) => p.key);
}

function starvedWhy(path: Path, etp: string): string {
  const nodes = new Set(path.pods.filter((p) => p.starved).map((p) => p.node));
  const targets = path.targets.filter((t) => t.node && nodes.has(t.node));
  if (targets.length === 0) return etp === "Local" ? "their nodes are not registered targets, and externalTrafficPolicy Local keeps traffic on the receiving node" : "no target leads to them";
  const codes = [...new Set(targets.filter((t) => t.share === 0).map((t) => t.code))];
  return codes.length ? `their nodes receive no traffic (${codes.join(", ")})` : "no receiving node forwards to them";
}
