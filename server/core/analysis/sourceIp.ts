import type { ClientIpHeader, ClientIpPath, PodSourceIp } from "@/lib/api/topology";
import { HEADER, LB_KIND } from "@/lib/vocabulary";
import type { RuleId } from "@/lib/api/rules";

/** Everything §1.2's decision procedure reads, already extracted from the snapshot. */
export interface SourceIpInput {
  lbKind: "network" | "classic" | "application";
  listenerProtocol: string;
  targetType: "instance" | "ip";
  externalTrafficPolicy: "Cluster" | "Local";
  /** TG protocol (NLB), e.g. TCP, UDP, TCP_UDP, TLS. */
  tgProtocol: string | null;
  tgAttributes: Record<string, string>;
  /** Classic: a ProxyProtocolPolicyType policy is attached to the backend port (SRC-1, SRC-2). */
  classicProxyProtocol: boolean;
}

const ALWAYS_PRESERVED = new Set(["UDP", "TCP_UDP", "QUIC", "TCP_QUIC"]);

/** SRC-3: effective client IP preservation of an NLB target group. */
export function preserveClientIpEffective(tgProtocol: string | null, targetType: "instance" | "ip", attributes: Record<string, string>): boolean {
  if (tgProtocol && ALWAYS_PRESERVED.has(tgProtocol.toUpperCase())) return true; // cannot be disabled
  const v = attributes["preserve_client_ip.enabled"];
  if (v === "true") return true;
  if (v === "false") return false;
  return targetType === "instance"; // AWS default: instance → true, ip (TCP/TLS) → false
}

/** SRC-6 / SRC-1 / SRC-13: the in-band header that carries the client IP past every SNAT (SRC-10). */
export function clientIpHeader(i: SourceIpInput): ClientIpHeader | null {
  const proto = i.listenerProtocol.toUpperCase();
  if (i.lbKind === "classic") {
    if (proto === "HTTP" || proto === "HTTPS") return "x-forwarded-for";
    return i.classicProxyProtocol ? "proxy-protocol-v1" : null;
  }
  if (i.lbKind === "application") return "x-forwarded-for";
  return i.tgAttributes["proxy_protocol_v2.enabled"] === "true" ? "proxy-protocol-v2" : null;
}

/**
 * §1.2 / §1.3: what the node or pod ENI sees (hop1), what the pod sees, where the client IP is first
 * replaced, and the matching row of the source-IP table.
 */
export function clientIpAlongPath(i: SourceIpInput): ClientIpPath & { podSeesAs: PodSourceIp["seenAs"] } {
  const header = clientIpHeader(i);
  const proto = (i.tgProtocol ?? i.listenerProtocol).toUpperCase();
  const udp = proto === "UDP" || proto === "TCP_UDP";
  const local = i.externalTrafficPolicy === "Local";
  let hop1: PodSourceIp["seenAs"];
  let row: string;
  const rules: RuleId[] = [];

  if (i.lbKind === "classic") {
    hop1 = "load-balancer";
    rules.push("SRC-1", "SRC-2");
    const l = i.listenerProtocol.toUpperCase();
    row = l === "HTTP" || l === "HTTPS" ? "S4" : i.classicProxyProtocol ? "S3" : local ? "S2" : "S1";
  } else if (i.lbKind === "application") {
    hop1 = "load-balancer";
    rules.push("SRC-13");
    row = i.targetType === "ip" ? "S23" : "S22";
  } else {
    const preserve = preserveClientIpEffective(i.tgProtocol, i.targetType, i.tgAttributes);
    hop1 = preserve ? "client" : "load-balancer";
    rules.push("SRC-3");
    if (header) rules.push("SRC-6");
    if (udp) row = i.targetType === "ip" ? "S16" : local ? "S15" : "S14";
    else if (i.targetType === "ip") row = header && !preserve ? "S13" : preserve ? "S12" : "S11";
    // S9/S10 are PPv2 with the client preserved; with preservation off the row is S7/S8, PPv2 or not (§1.3).
    else if (!preserve) row = local ? "S7" : "S8";
    else if (header) row = local ? "S10" : "S9";
    else row = local ? "S6" : "S5";
    if (i.listenerProtocol.toUpperCase() === "TLS") row = `S17/${row}`;
  }

  let podSeesAs: PodSourceIp["seenAs"];
  let snatAt: ClientIpPath["snatAt"] = hop1 === "client" ? null : "load-balancer";
  if (i.targetType === "ip") {
    podSeesAs = hop1; // SRC-11: ip targets bypass kube-proxy
    rules.push("SRC-11");
  } else if (local) {
    podSeesAs = hop1; // SRC-9: no masquerade for off-node traffic under Local
    rules.push("SRC-9");
  } else {
    podSeesAs = "node"; // SRC-8: KUBE-EXT-* always masquerades under Cluster, even to a local endpoint
    rules.push("SRC-8");
    if (snatAt === null) snatAt = "kube-proxy";
  }
  if (header) rules.push("SRC-10");
  return { row, snatAt, hop1, header, rules, summary: summarize(podSeesAs, snatAt, header, i), podSeesAs };
}

function summarize(seen: PodSourceIp["seenAs"], snatAt: ClientIpPath["snatAt"], header: ClientIpHeader | null, i: SourceIpInput): string {
  const lb = LB_KIND[i.lbKind].word;
  const carried = header ? ` The client IP still travels in the ${headerName(header)}.` : " The client IP is not recoverable.";
  if (seen === "client") return `Pods see the client's IP address: the ${lb} preserves it${i.targetType === "instance" ? " and externalTrafficPolicy Local stops kube-proxy from SNATing" : " and ip targets bypass kube-proxy"}.`;
  if (seen === "node") {
    const first = snatAt === "load-balancer" ? `The ${lb} replaces the client IP with its own, then kube-proxy` : "kube-proxy";
    return `Pods see the IP of the node that received the flow: ${first} SNATs it (externalTrafficPolicy Cluster).${carried}`;
  }
  const why = i.lbKind === "network" ? "client IP preservation is off for this target group" : `a ${lb} opens its own connection to the target`;
  return `Pods see the load balancer's private IP: ${why}.${carried}`;
}

export function headerName(h: ClientIpHeader): string {
  return `${HEADER[h]} header`;
}

/** Per pod (§1.2 hop2): the same for every pod on a path, with the address named where it can be. */
export function podSourceIp(path: ReturnType<typeof clientIpAlongPath>, nodeIps: string[], lbIps: string[]): PodSourceIp {
  const seenAs = path.podSeesAs;
  const address = seenAs === "node" ? (nodeIps.length ? nodeIps.join(", ") : null) : seenAs === "load-balancer" ? (lbIps.length ? lbIps.join(", ") : null) : null;
  const explanation =
    seenAs === "client"
      ? "The client's own address."
      : seenAs === "node"
        ? "The InternalIP of whichever node the load balancer picked for the flow, not necessarily this pod's node (SRC-8)."
        : "A private IP of the load balancer in the zone that handled the flow.";
  return { seenAs, address, header: path.header, row: path.row, rules: path.rules, explanation };
}
