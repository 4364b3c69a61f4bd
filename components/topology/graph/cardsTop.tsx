"use client";
import { formatShare, plural } from "@/lib/graph/format";
import { cardLines } from "@/lib/graph/cardText";
import { HEADER, LB_KIND, SEVERITY, SINK, zoneStatus } from "@/lib/vocabulary";
import { Card, HeaderBadge, Line, SnatMarker, Title, VerdictCounts, WrapTitle, type CardProps } from "./shared";


export function ClientCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "client") return null;
  return (
    <Card data={data}>
      <Title>Clients</Title>
      <Line>{d.scheme === "internal" ? "in the VPC" : "internet"}</Line>
      <Line>client IP</Line>
    </Card>
  );
}

export function LoadBalancerCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "loadBalancer") return null;
  const lb = d.loadBalancer;
  return (
    <Card data={data}>
      <WrapTitle title={`${lb.name} — ${lb.dnsName}`}>
        {LB_KIND[lb.kind].word} {lb.name}
      </WrapTitle>
      <Line title={lb.dnsName}>{lb.scheme ?? "scheme unknown"}</Line>
      <div data-testid="cross-zone" className={`mt-0.5 inline-block rounded border px-1 font-semibold ${lb.crossZone ? "border-sky-600 text-sky-900 dark:text-sky-200" : "border-dashed border-slate-500 text-slate-700 dark:text-slate-300"}`}>
        cross-zone {lb.crossZone ? "ON ⇆" : "OFF ⇢"}
      </div>
      <ul className="mt-0.5 text-[11px] leading-4" aria-label="Zones">
        {d.zones.map((z) => (
          <li key={z.key} className="flex justify-between gap-1" title={`${z.name}: ${zoneStatus(z).sentence}`}>
            <span className="truncate">
              <span aria-hidden="true">{zoneStatus(z).symbol} </span>
              {z.name}
            </span>
            <span className={`whitespace-nowrap ${z.inDns ? "" : "font-semibold text-amber-800 dark:text-amber-300"}`}>
              {z.inDns ? formatShare(z.share) : zoneStatus(z).word}
              {z.failingOpen ? ` ${SEVERITY.warning.symbol}` : ""}
            </span>
          </li>
        ))}
      </ul>
      {d.snat ? <SnatMarker>{lb.kind === "network" ? "SNAT: targets see the LB IP" : "proxy: targets see the LB IP"}</SnatMarker> : null}
      {d.header ? <HeaderBadge>client IP in {HEADER[d.header]} header</HeaderBadge> : null}
    </Card>
  );
}

export function ListenerCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "listener") return null;
  return (
    <Card data={data}>
      <Title>Listener</Title>
      <Line className="text-[11px]">
        {d.listener.protocol} :{d.listener.port}
      </Line>
      <Line className="text-[11px]">→ svc {d.servicePort.port}</Line>
      {d.servicePort.nodePort != null ? (
        <Line className="text-[11px]" title="nodePort">
          node :{d.servicePort.nodePort}
        </Line>
      ) : null}
    </Card>
  );
}

/** An ALB listener rule (issue 13): its conditions, the share it sends here; a shadowed rule is faded and says why. */
export function RuleCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "rule") return null;
  const [title, when, what, more] = cardLines(data.g);
  return (
    <Card data={data} className={d.shadowed ? "border border-dashed border-amber-600 opacity-70 dark:border-amber-400" : ""}>
      <Title title={d.rule.source ? `${title} — from ${d.rule.source.kind} ${d.rule.source.namespace}/${d.rule.source.name}` : title}>{title}</Title>
      <Line className="text-[11px]" title={when}>
        {when}
      </Line>
      <Line className={`text-[11px] ${d.shadowed ? "font-semibold text-amber-800 dark:text-amber-300" : ""}`}>{what}</Line>
      {more ? <Line className="text-[11px] italic">{more}</Line> : null}
    </Card>
  );
}

export function TargetGroupCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "targetGroup") return null;
  const tg = d.targetGroup;
  const hc = tg?.healthCheck ?? d.healthCheck;
  return (
    <Card data={data}>
      <WrapTitle title={tg?.name}>{tg ? `TG ${tg.name}` : "Instances (Classic ELB)"}</WrapTitle>
      <Line title={tg ? `${tg.targetType} targets, ${tg.protocol ?? "?"} port ${tg.port ?? "?"}` : undefined}>{tg ? `${tg.targetType} · ${tg.protocol ?? "?"}` : "instance targets"}</Line>
      {tg ? <Line>preserve IP {tg.preserveClientIp ? "on" : "off"}</Line> : null}
      {tg?.proxyProtocol ? <HeaderBadge>PROXY v2 on</HeaderBadge> : null}
      <Line title="health check">HC {hc ? `${hc.protocol ?? "?"} :${hc.port ?? "?"}` : "unknown"}</Line>
      <Line title="health-check path">{hc?.path ?? "\u00a0"}</Line>
      <VerdictCounts counts={d.health} />
    </Card>
  );
}

export function HubCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind === "kubeProxyBypass") {
    return (
      <Card data={data} className="border border-dashed border-slate-400">
        <Title>kube-proxy</Title>
        <div className="font-semibold">bypassed</div>
        <Line>ip targets go</Line>
        <Line>to pod IPs</Line>
      </Card>
    );
  }
  if (d.kind !== "kubeProxyHub") return null;
  return (
    <Card data={data} className="border border-slate-400">
      <Title>kube-proxy</Title>
      <div className="font-semibold">Cluster policy</div>
      <Line>any node → any</Line>
      <Line>of {plural(d.endpoints, "Ready pod")}</Line>
      {d.snat ? <SnatMarker>SNAT: pod sees node IP</SnatMarker> : null}
    </Card>
  );
}

export function SinkCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "sink") return null;
  const words = [SINK[d.sink].symbol, SINK[d.sink].word];
  const tone = d.sink === "unknown" ? "border-dashed border-slate-500" : "border-red-600 !bg-red-50 text-red-900 dark:!bg-red-950 dark:text-red-100";
  return (
    <Card data={data} className={`flex items-center border-2 font-semibold ${tone}`} testId={`sink-${d.sink}`}>
      <span aria-hidden="true" className="mr-1">
        {words[0]}
      </span>
      {words[1]} {formatShare(d.share)}
    </Card>
  );
}
