"use client";
import { formatShare, HEADER_WORDS, plural } from "@/lib/graph/format";
import { Card, HeaderBadge, Line, SnatMarker, Title, type CardProps } from "./shared";

const LB_KIND = { network: "NLB", classic: "Classic ELB", application: "ALB" } as const;

export function ClientCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "client") return null;
  return (
    <Card data={data}>
      <Title>
        <span aria-hidden="true">◎ </span>Clients
      </Title>
      <Line>{d.scheme === "internal" ? "in the VPC" : "internet"}</Line>
      <Line>src: client IP</Line>
    </Card>
  );
}

export function LoadBalancerCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "loadBalancer") return null;
  const lb = d.loadBalancer;
  return (
    <Card data={data}>
      <Title title={lb.name}>
        {LB_KIND[lb.kind]} {lb.name}
      </Title>
      <Line title={lb.dnsName}>{lb.scheme ?? "scheme unknown"}</Line>
      <div data-testid="cross-zone" className={`mt-0.5 inline-block rounded border px-1 font-semibold ${lb.crossZone ? "border-sky-600 text-sky-900 dark:text-sky-200" : "border-dashed border-slate-500 text-slate-700 dark:text-slate-300"}`}>
        cross-zone {lb.crossZone ? "ON ⇆" : "OFF ⇢"}
      </div>
      <ul className="mt-0.5" aria-label="Zones">
        {d.zones.map((z) => (
          <li key={z.key} className="flex justify-between gap-1 truncate">
            <span className="truncate">
              <span aria-hidden="true">{z.inDns ? "● " : "○ "}</span>
              {z.name}
            </span>
            <span className={z.inDns ? "" : "font-semibold text-amber-800 dark:text-amber-300"}>
              {!z.enabled ? "no subnet" : z.inDns ? formatShare(z.share) : "not in DNS"}
              {z.failingOpen ? " · fail-open" : ""}
            </span>
          </li>
        ))}
      </ul>
      {d.snat ? <SnatMarker>{lb.kind === "network" ? "SNAT: targets see LB IP" : "proxy: targets see LB IP"}</SnatMarker> : null}
      {d.header ? <HeaderBadge>client IP in {HEADER_WORDS[d.header]}</HeaderBadge> : null}
    </Card>
  );
}

export function ListenerCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "listener") return null;
  return (
    <Card data={data}>
      <Title>Listener</Title>
      <Line className="font-mono">
        {d.listener.protocol} :{d.listener.port}
      </Line>
      <Line>→ svc {d.servicePort.port}</Line>
      {d.servicePort.nodePort != null ? <Line>node :{d.servicePort.nodePort}</Line> : null}
    </Card>
  );
}

export function TargetGroupCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "targetGroup") return null;
  const tg = d.targetGroup;
  const hc = tg?.healthCheck ?? d.healthCheck;
  const h = d.health;
  return (
    <Card data={data}>
      <Title title={tg?.name}>{tg ? `TG ${tg.name}` : "Instances (Classic)"}</Title>
      <Line>{tg ? `${tg.targetType} targets · ${tg.protocol ?? "?"}` : "instance targets"}</Line>
      {tg ? <Line>preserve client IP {tg.preserveClientIp ? "on" : "off"}</Line> : null}
      {tg?.proxyProtocol ? <HeaderBadge>PROXY v2 on</HeaderBadge> : null}
      <Line className="font-mono" title="health check">
        HC {hc ? `${hc.protocol ?? "?"} :${hc.port ?? "?"}${hc.path ?? ""}` : "unknown"}
      </Line>
      <Line title={`${h.healthy} healthy, ${h.expected} expected by design, ${h.transient} transient, ${h.fault} fault, ${h.unknown} unknown`}>
        {h.healthy}✓ {h.expected}◌ {h.transient}⏳ <span className={h.fault ? "font-bold text-red-700 dark:text-red-400" : ""}>{h.fault}⚠</span> {h.unknown}?
      </Line>
    </Card>
  );
}

export function HubCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind === "kubeProxyBypass") {
    return (
      <Card data={data} className="border border-dashed border-slate-400">
        <Title>kube-proxy bypassed</Title>
        <Line>ip targets: the LB sends</Line>
        <Line>straight to pod IPs</Line>
        <Line>externalTrafficPolicy: no effect</Line>
      </Card>
    );
  }
  if (d.kind !== "kubeProxyHub") return null;
  return (
    <Card data={data} className="border border-slate-400">
      <Title>kube-proxy (Cluster)</Title>
      <Line>every node → any of</Line>
      <Line>{plural(d.endpoints, "Ready pod")} cluster-wide</Line>
      {d.snat ? <SnatMarker>SNAT: pod sees node IP</SnatMarker> : null}
    </Card>
  );
}

export function SinkCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "sink") return null;
  const words = { dropped: ["✕", "Dropped"], rejected: ["⛔", "Rejected"], unknown: ["?", "Unknown"] }[d.sink];
  const tone = d.sink === "unknown" ? "border-dashed border-slate-500" : "border-red-600 bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100";
  return (
    <Card data={data} className={`flex items-center border-2 font-semibold ${tone}`} testId={`sink-${d.sink}`}>
      <span aria-hidden="true" className="mr-1">
        {words[0]}
      </span>
      {words[1]} {formatShare(d.share)}
    </Card>
  );
}
