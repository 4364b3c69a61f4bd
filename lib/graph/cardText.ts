import { formatRatio, formatShare, plural, shortNodeName } from "./format";
import { HEADER, LB_KIND, SEEN_AS, SINK, VERDICT, verdictCounts, zoneStatus } from "@/lib/vocabulary";
import type { GraphNode } from "./model";
import { conditionsShort } from "@/lib/alb/ruleText";

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
      const kind = LB_KIND[d.loadBalancer.kind].word;
      return [
        `${kind} ${d.loadBalancer.name}`,
        `${d.loadBalancer.scheme ?? "scheme ?"} · cross-zone ${d.loadBalancer.crossZone ? "ON" : "OFF"}`,
        ...d.zones.map((z) => { const s = zoneStatus(z); return `${s.symbol} ${z.name} ${s.word}${z.inDns ? ` ${formatShare(z.share)}` : ""}${z.failingOpen ? " · fail-open" : ""}`; }),
        ...(d.snat ? ["⇄ SNAT: targets see LB IP"] : []),
        ...(d.header ? [`client IP in ${HEADER[d.header]}`] : []),
      ];
    }
    case "listener":
      return ["Listener", `${d.listener.protocol} :${d.listener.port}`, `→ port ${d.servicePort.port}${d.servicePort.nodePort != null ? ` / node ${d.servicePort.nodePort}` : ""}`];
    case "rule":
      return [
        n.title,
        conditionsShort(d.rule),
        d.shadowed
          ? `⚠ never wins: rule ${d.rule.shadowedBy}`
          : `${d.rule.actions.some((a) => a.type === "forward") ? "forward" : d.rule.actions[0]?.type ?? "no action"}${d.share < 1 ? ` · ${formatShare(d.share)} here` : ""}`,
        ...(d.hidden ? [`+${plural(d.hidden, "more rule", "more rules")} (rules table)`] : []),
      ];
    case "targetGroup": {
      const tg = d.targetGroup;
      const hc = tg?.healthCheck ?? d.healthCheck;
      return [
        tg ? `TG ${tg.name}` : "Instances (Classic)",
        tg ? `${tg.targetType} · preserve IP ${tg.preserveClientIp ? "on" : "off"}${tg.proxyProtocol ? " · PROXY v2" : ""}` : "instance targets",
        hc ? `HC ${hc.protocol ?? "?"} :${hc.port ?? "?"}${hc.path ?? ""}` : "HC unknown",
        verdictCounts(d.health, { sep: " " }) || "no targets",
      ];
    }
    case "target": {
      const t = d.target;
      const v = VERDICT[t.verdict];
      return [n.title, `${t.id}${t.port != null ? `:${t.port}` : ""}`, `${t.state} · ${v.symbol} ${v.word}`, `${formatShare(t.share)} of flows${d.failOpen ? " · fail-open" : ""}`];
    }
    case "targetZoneGroup":
      if (d.window) return [`${d.count} more targets`, verdictCounts(d.verdicts, { sep: " " }), `${formatShare(d.share)} · page ${d.window.page + 1}/${d.window.pages}`];
      return [`${d.count} targets`, verdictCounts(d.verdicts, { sep: " " }), `${formatShare(d.share)} · + expand`];
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
      return [p.name, `${formatShare(p.share)}${flags.length ? ` · ${flags.join(" · ")}` : ""}`, `sees ${SEEN_AS[p.sourceIp.seenAs].short}${p.sourceIp.header ? ` + ${HEADER[p.sourceIp.header]}` : ""}`];
    }
    case "podGroup": {
      const s = d.summary;
      const flags = [s.maxRatio != null && s.maxRatio > 1.2 ? `▲ ${formatRatio(s.maxRatio)}` : null, s.starved ? `⊘ ${s.starved} starved` : null].filter(Boolean);
      return [`+${s.count} pods`, `${formatShare(s.share)} together${flags.length ? ` · ${flags.join(" · ")}` : ""}`, s.seenAs ? `see ${SEEN_AS[s.seenAs].short}` : ""];
    }
    case "sink":
      return [`${SINK[d.sink].symbol} ${SINK[d.sink].word} ${formatShare(d.share)}`];
    case "zone":
      return [
        d.zone
          ? `${d.name} · ${d.zone.inDns ? `LB node in DNS · ${formatShare(d.zone.share)} of flows` : zoneStatus(d.zone).word} · ${d.zone.healthyTargets}/${d.zone.targets} healthy${d.zone.failingOpen ? " · fail-open" : ""}`
          : `${d.name} · load balancer unknown`,
      ];
    case "lbMissing":
      // "AWS unreadable (AWS_ACCESS_DENIED)" on two lines: cards do not wrap.
      return [`${d.expectedKind ? LB_KIND[d.expectedKind].word : "Load balancer"} — missing`, ...d.message.split(/ (?=\()/), d.hostname ?? "no address yet", d.since ? `last read ${d.since.slice(0, 16).replace("T", " ")}` : "health, shares unknown"];
    case "k8sNode":
      return [shortNodeName(d.node.name), `${d.node.ready ? "Ready" : "NotReady"}${d.node.excluded ? ` · ${d.node.excluded}` : ""}`, `${plural(d.node.readyLocalEndpoints, "ready pod")}${d.node.registered ? " · a target" : ""}`];
    case "k8sPod":
      return [d.pod.name, d.pod.terminating ? "terminating" : d.pod.ready ? "Ready" : "not Ready", d.seenAs ? `sees ${SEEN_AS[d.seenAs].short}` : "sees: depends on the LB"];
  }
}
