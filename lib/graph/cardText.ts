import { formatRatio, formatShare, HEADER_WORDS, plural, SEEN_WORDS, VERDICT_LABEL } from "./format";
import type { GraphNode } from "./model";

/**
 * The text lines of each card, in the order the card shows them. The SVG/PNG export draws exactly these,
 * so an exported picture says what the screen says.
 */
export function cardLines(n: GraphNode): string[] {
  const d = n.data;
  switch (d.kind) {
    case "client":
      return ["Clients", d.scheme === "internal" ? "in the VPC" : "internet", "src: client IP"];
    case "loadBalancer": {
      const kind = { network: "NLB", classic: "Classic ELB", application: "ALB" }[d.loadBalancer.kind];
      return [
        `${kind} ${d.loadBalancer.name}`,
        `${d.loadBalancer.scheme ?? "scheme ?"} · cross-zone ${d.loadBalancer.crossZone ? "ON" : "OFF"}`,
        ...d.zones.map((z) => `${z.inDns ? "●" : "○"} ${z.name} ${z.enabled ? (z.inDns ? `in DNS ${formatShare(z.share)}` : "not in DNS") : "no subnet"}${z.failingOpen ? " · fail-open" : ""}`),
        ...(d.snat ? ["⇄ SNAT: targets see LB IP"] : []),
        ...(d.header ? [`client IP in ${HEADER_WORDS[d.header]}`] : []),
      ];
    }
    case "listener":
      return ["Listener", `${d.listener.protocol} :${d.listener.port}`, `→ port ${d.servicePort.port}${d.servicePort.nodePort != null ? ` / node ${d.servicePort.nodePort}` : ""}`];
    case "targetGroup": {
      const tg = d.targetGroup;
      const hc = tg?.healthCheck ?? d.healthCheck;
      return [
        tg ? `TG ${tg.name}` : "Instances (Classic)",
        tg ? `${tg.targetType} · preserve IP ${tg.preserveClientIp ? "on" : "off"}${tg.proxyProtocol ? " · PROXY v2" : ""}` : "instance targets",
        hc ? `HC ${hc.protocol ?? "?"} :${hc.port ?? "?"}${hc.path ?? ""}` : "HC unknown",
        `${d.health.healthy}✓ ${d.health.expected}◌ ${d.health.transient}◔ ${d.health.fault}⚠ ${d.health.unknown}?`,
      ];
    }
    case "target": {
      const t = d.target;
      const v = VERDICT_LABEL[t.verdict];
      return [n.title, `${t.id}${t.port != null ? `:${t.port}` : ""}`, `${t.state} · ${v.symbol} ${v.text}`, `${formatShare(t.share)} of flows${d.failOpen ? " · fail-open" : ""}`];
    }
    case "targetZoneGroup":
      if (d.window) return [`${d.count} more targets`, `${d.verdicts.healthy}✓ ${d.verdicts.expected}◌ ${d.verdicts.transient}◔ ${d.verdicts.fault}⚠ ${d.verdicts.unknown}?`, `${formatShare(d.share)} · page ${d.window.page + 1}/${d.window.pages}`];
      return [`${d.count} targets`, `${d.verdicts.healthy}✓ ${d.verdicts.expected}◌ ${d.verdicts.transient}◔ ${d.verdicts.fault}⚠ ${d.verdicts.unknown}?`, `${formatShare(d.share)} · + expand`];
    case "kubeProxy":
      return ["kube-proxy · Local", "no SNAT", d.localEndpoints === 0 ? "0 local → drop" : plural(d.localEndpoints ?? 0, "local endpoint")];
    case "kubeProxyGroup":
      return [`kube-proxy ×${d.count}`, "Local · no SNAT", `${formatShare(d.dropped)} dropped`];
    case "kubeProxyHub":
      return ["kube-proxy (Cluster)", `any node → ${plural(d.endpoints, "Ready pod")}`, ...(d.snat ? ["⇄ SNAT: pod sees node IP"] : [])];
    case "kubeProxyBypass":
      return ["kube-proxy bypassed", "ip targets → pod IP"];
    case "pod": {
      const p = d.pod;
      const flags = [d.overFair ? `▲ ${formatRatio(d.ratio)} fair` : null, p.starved ? "⊘ starved" : null, p.terminating ? "terminating" : !p.ready ? "not Ready" : null].filter(Boolean);
      return [p.name, `${formatShare(p.share)}${flags.length ? ` · ${flags.join(" · ")}` : ""}`, `sees ${SEEN_WORDS[p.sourceIp.seenAs]}${p.sourceIp.header ? ` + ${HEADER_WORDS[p.sourceIp.header]}` : ""}`];
    }
    case "podGroup": {
      const s = d.summary;
      const flags = [s.maxRatio != null && s.maxRatio > 1.2 ? `▲ ${formatRatio(s.maxRatio)}` : null, s.starved ? `⊘ ${s.starved} starved` : null].filter(Boolean);
      return [`+${s.count} pods`, `${formatShare(s.share)} together${flags.length ? ` · ${flags.join(" · ")}` : ""}`, s.seenAs ? `see ${SEEN_WORDS[s.seenAs]}` : ""];
    }
    case "sink":
      return [`${{ dropped: "✕ Dropped", rejected: "⊗ Rejected", unknown: "? Unknown" }[d.sink]} ${formatShare(d.share)}`];
    case "zone":
      return [
        d.zone
          ? `${d.name} · ${d.zone.enabled ? (d.zone.inDns ? `LB node in DNS · ${formatShare(d.zone.share)} of flows` : "NOT in DNS") : "no LB subnet"} · ${d.zone.healthyTargets}/${d.zone.targets} healthy${d.zone.failingOpen ? " · fail-open" : ""}`
          : `${d.name} · no LB node`,
      ];
  }
}
