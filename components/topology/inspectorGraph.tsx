import type { Path } from "@/lib/api/topology";
import { formatRatio, formatShare, plural } from "@/lib/graph/format";
import { HEADER, LB_KIND, SEEN_AS, verdictCounts, zoneStatus } from "@/lib/vocabulary";
import type { GraphNode } from "@/lib/graph/model";
import { Facts, RuleList, Section } from "./Facts";
import { healthCheckText } from "./inspectorDomain";
import { actionText, conditionText, ruleTitle } from "@/lib/alb/ruleText";


export function LoadBalancerInspector({ path }: { path: Path }) {
  const lb = path.loadBalancer;
  const ip = path.clientIp;
  return (
    <div className="space-y-3" data-testid="inspector-load-balancer">
      <h2 className="break-all text-base font-semibold">{lb.name}</h2>
      <Facts
        rows={[
          ["Kind", LB_KIND[lb.kind].label],
          ["DNS name", <span key="dns" className="break-all font-mono text-xs">{lb.dnsName}</span>],
          ["Scheme", lb.scheme],
          ["State", lb.state],
          ["Cross-zone", lb.crossZone ? "on: every LB node sends to targets in all zones" : "off: each LB node sends only to targets in its own zone (DST-2)"],
          ["Zones", lb.zones.join(", ")],
          ["Matched by", { "dns-name": "DNS name in the Service status", tags: "AWS tags", name: "load balancer name" }[lb.joinedBy]],
          ["Fail-open", path.failOpen ? "yes: some LB node sends to unhealthy targets (DST-5)" : null],
        ]}
      />
      <Section title="Client IP">
        <p className="text-sm">{ip.summary}</p>
        <Facts
          rows={[
            ["Targets see", SEEN_AS[ip.hop1].label],
            ["Replaced at", ip.snatAt ?? "nowhere"],
            ["Header", ip.header ? HEADER[ip.header] : null],
            ["Row", ip.row],
          ]}
        />
        <RuleList rules={ip.rules} />
      </Section>
      <Section title="Per zone">
        <table className="w-full text-left text-xs">
          <thead>
            <tr className="text-slate-600 dark:text-slate-400">
              <th className="font-medium">Zone</th>
              <th className="font-medium">DNS</th>
              <th className="font-medium">Healthy</th>
              <th className="font-medium">Flows</th>
            </tr>
          </thead>
          <tbody>
            {path.zones.map((z) => (
              <tr key={z.key}>
                <td>{z.name}</td>
                <td title={zoneStatus(z).sentence}>{zoneStatus(z).word}{z.failingOpen ? ", fail-open" : ""}</td>
                <td>
                  {z.healthyTargets}/{z.targets}
                </td>
                <td>{formatShare(z.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Attributes attributes={lb.attributes} />
    </div>
  );
}

export function Attributes({ attributes }: { attributes: Record<string, string> }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) return null;
  return (
    <details className="text-xs">
      <summary className="cursor-pointer font-semibold">Attributes ({entries.length})</summary>
      <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-2 font-mono">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="break-all">{v || "—"}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export function TargetGroupInspector({ path }: { path: Path }) {
  const tg = path.targetGroup;
  const h = path.health;
  return (
    <div className="space-y-3" data-testid="inspector-target-group">
      <h2 className="break-all text-base font-semibold">{tg ? tg.name : "Registered instances (Classic)"}</h2>
      <Facts
        rows={[
          ["Target type", tg ? tg.targetType : "instance"],
          ["Protocol / port", tg ? `${tg.protocol ?? "?"} ${tg.port ?? ""}` : null],
          ["Client IP preservation", tg ? (tg.preserveClientIp ? "on (SRC-3)" : "off: targets see the LB's IP (SRC-3)") : null],
          ["Proxy protocol", tg?.proxyProtocol ? "v2: the client IP travels in a header (SRC-6)" : tg ? "off" : null],
          ["Health check", healthCheckText(tg?.healthCheck ?? path.classicHealthCheck)],
          ["Targets", verdictCounts(h, { symbols: false, zeros: true, sep: ", " })],
          ["ARN", tg ? <span key="arn" className="break-all font-mono text-xs">{tg.arn}</span> : null],
        ]}
      />
      {tg ? <Attributes attributes={tg.attributes} /> : null}
    </div>
  );
}

/** Elements that exist only in the graph: kube-proxies, groups, sinks, the client. */
export function GraphNodeInspector({ node, path, onPage }: { node: GraphNode; path: Path; onPage?: (group: string, page: number) => void }) {
  const d = node.data;
  switch (d.kind) {
    case "client":
      return (
        <Body title="Clients" rules={path.clientIp.rules}>
          <p className="text-sm">{d.summary}</p>
        </Body>
      );
    case "listener":
      return (
        <Body title={`Listener ${d.listener.protocol} :${d.listener.port}`} rules={["JOIN-3"]}>
          <Facts
            rows={[
              ["Service port", `${d.servicePort.name ?? "(unnamed)"} ${d.servicePort.port}/${d.servicePort.protocol}`],
              ["nodePort", d.servicePort.nodePort != null ? String(d.servicePort.nodePort) : null],
              ["targetPort", d.servicePort.targetPort != null ? String(d.servicePort.targetPort) : null],
            ]}
          />
        </Body>
      );
    case "rule": {
      const r = d.rule;
      return (
        <Body title={`${ruleTitle(r)} of the listener`} rules={r.shadowedBy != null ? ["ALB-R1", "ALB-R9"] : ["ALB-R1"]}>
          {r.shadowedBy != null ? (
            <p className="text-sm font-semibold text-amber-800 dark:text-amber-300">
              Never wins: rule {r.shadowedBy} matches every request this rule matches, and lower numbers are evaluated first.
            </p>
          ) : null}
          <Facts
            rows={[
              ["Priority", r.isDefault ? "default (evaluated last)" : r.priority],
              ["When", r.isDefault ? "any request no other rule matches" : r.conditions.map(conditionText).join(" and ") || "any request"],
              ["Then", r.actions.map(actionText).join("; ")],
              ["Here", d.share < 1 ? `${formatShare(d.share)} of its requests come to this target group` : "all its requests come to this target group"],
              ["Made from", r.source ? `${r.source.kind} ${r.source.namespace}/${r.source.name}` : null],
              ["Not drawn", d.hidden ? `${plural(d.hidden, "more rule")} forward here; the rules table lists every rule` : null],
            ]}
          />
        </Body>
      );
    }
    case "kubeProxy":
      return (
        <Body title={`kube-proxy on ${d.node}`} rules={["SRC-9", "DST-8", "DST-10"]}>
          <p className="text-sm">externalTrafficPolicy Local: no SNAT, so pods see what the node received; flows go only to pods on this node, and are dropped when there is none.</p>
          <Facts rows={[["Ready local endpoints", d.localEndpoints != null ? String(d.localEndpoints) : "unknown"], ["Flows arriving", formatShare(d.share)], ["Dropped here", d.dropped > 0 ? formatShare(d.dropped) : null]]} />
        </Body>
      );
    case "kubeProxyGroup":
      return (
        <Body title={`kube-proxy on ${plural(d.count, "node")} in ${d.zone}`} rules={["SRC-9", "DST-8"]}>
          <Facts rows={[["Flows arriving", formatShare(d.share)], ["Dropped", d.dropped > 0 ? formatShare(d.dropped) : "none"]]} />
        </Body>
      );
    case "kubeProxyHub":
      return (
        <Body title="kube-proxy (Cluster)" rules={["SRC-8", "DST-8"]}>
          <p className="text-sm">externalTrafficPolicy Cluster: every node forwards any flow to any Ready pod of the Service, and masquerades it{d.snat ? ", so the pod sees the receiving node's IP, not the client's" : ""}.</p>
          <Facts rows={[["Ready endpoints", String(d.endpoints)], ["Flows arriving", formatShare(d.share)]]} />
        </Body>
      );
    case "kubeProxyBypass":
      return (
        <Body title="kube-proxy bypassed" rules={["SRC-11", "DST-9"]}>
          <p className="text-sm">{d.reason}.</p>
        </Body>
      );
    case "sink":
      return (
        <Body title={`${d.sink[0].toUpperCase()}${d.sink.slice(1)}: ${formatShare(d.share)} of new flows`} rules={d.sink === "unknown" ? [] : ["SRC-9", "DST-10"]}>
          <p className="text-sm">{node.ariaLabel}</p>
        </Body>
      );
    case "targetZoneGroup":
      if (d.window) {
        const w = d.window;
        const go = (to: number, label: string) => (
          <button type="button" disabled={!onPage || to < 0 || to >= w.pages} onClick={() => onPage?.(w.group, to)} className="rounded border border-sky-600 px-2 text-xs font-semibold text-sky-800 disabled:border-slate-300 disabled:text-slate-400 dark:text-sky-200">
            {label}
          </button>
        );
        return (
          <Body title={node.title} rules={[]}>
            <p className="text-sm">{node.ariaLabel}</p>
            <div className="flex items-center gap-2" data-testid="inspector-paging">
              {go(w.page - 1, "◂ Previous page")}
              <span className="text-sm">
                Page {w.page + 1} of {w.pages}
              </span>
              {go(w.page + 1, "Next page ▸")}
            </div>
          </Body>
        );
      }
      return (
        <Body title={node.title} rules={[]}>
          <p className="text-sm">{node.ariaLabel}</p>
        </Body>
      );
    case "podGroup":
      return (
        <Body title={node.title} rules={[]}>
          <p className="text-sm">{node.ariaLabel}</p>
          {d.kind === "podGroup" && d.summary.maxRatio != null ? <p className="text-sm">Highest member: {formatRatio(d.summary.maxRatio)} the fair share.</p> : null}
        </Body>
      );
    default:
      return (
        <Body title={node.title} rules={[]}>
          <p className="text-sm">{node.ariaLabel}</p>
        </Body>
      );
  }
}

function Body({ title, rules, children }: { title: string; rules: string[]; children: React.ReactNode }) {
  return (
    <div className="space-y-3" data-testid="inspector-element">
      <h2 className="break-all text-base font-semibold">{title}</h2>
      {children}
      {rules.length ? (
        <Section title="Why (rules)">
          <RuleList rules={rules} />
        </Section>
      ) : null}
    </div>
  );
}
