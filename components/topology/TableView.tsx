"use client";
import type { Finding, Path, Topology } from "@/lib/api/topology";
import { formatShare } from "@/lib/graph/format";
import { HEADER, HEADER_SYMBOL, LB_KIND, SEEN_AS, zoneStatus } from "@/lib/vocabulary";
import type { ViewState } from "@/lib/url/viewState";
import { Badge } from "@/components/ui/Badge";
import { Facts, RuleList, Section } from "./Facts";
import { FindingsPanel } from "./FindingsPanel";
import { healthCheckText } from "./inspectorDomain";
import { PodsTable, TargetsTable } from "./PathTables";
import { ObservedTable } from "./ObservedTable";


/**
 * The same path as readable text and tables (issue 2's first page, issue 3's "Table" tab): for screen
 * readers, for copying into a ticket, and for anyone who prefers rows to pictures.
 */
export function TableView({ topology, path, findings, view, setView }: { topology: Topology; path: Path; findings: Finding[]; view: ViewState; setView: (f: (v: ViewState) => ViewState) => void }) {
  const lb = path.loadBalancer;
  const tg = path.targetGroup;
  const im = path.imbalance;
  return (
    <div className="space-y-6" data-testid="table-view">
      <Section title="Findings (most severe first)">
        <FindingsPanel findings={findings} active={null} />
      </Section>

      <div className="grid gap-6 md:grid-cols-3">
        <Section title="Load balancer">
          <Facts
            testId="facts-load-balancer"
            rows={[
              ["Kind", LB_KIND[lb.kind].label],
              ["Name", lb.name],
              ["DNS name", <span key="d" className="break-all font-mono text-xs">{lb.dnsName}</span>],
              ["Scheme", lb.scheme],
              ["State", lb.state],
              ["Zones", path.zones.map((z) => `${z.name} (${zoneStatus(z).word}${z.inDns ? `, ${formatShare(z.share)}` : ""}${z.failingOpen ? ", fail-open" : ""})`).join("; ") || lb.zones.join(", ")],
              ["Cross-zone", lb.crossZone ? "on" : "off"],
            ]}
          />
        </Section>
        <Section title="Listener → Service port">
          <Facts
            rows={[
              ["Listener", path.listener ? `${path.listener.protocol} :${path.listener.port}` : "none forwards to this port"],
              ["Service port", `${path.servicePort.name ?? "(unnamed)"} ${path.servicePort.port}/${path.servicePort.protocol}`],
              ["nodePort", path.servicePort.nodePort != null ? String(path.servicePort.nodePort) : null],
              ["targetPort", path.servicePort.targetPort != null ? String(path.servicePort.targetPort) : null],
              ...policyRows(topology, path),
            ]}
          />
        </Section>
        <Section title={tg ? "Target group" : "Instances (Classic)"}>
          <Facts
            rows={[
              ["Name", tg?.name ?? null],
              ["Target type", tg ? tg.targetType : "instance"],
              ["Client IP preservation", tg ? (tg.preserveClientIp ? "on" : "off") : null],
              ["Proxy protocol", tg ? (tg.proxyProtocol ? "v2" : "off") : null],
              ["Health check", healthCheckText(tg?.healthCheck ?? path.classicHealthCheck) ?? "unknown"],
            ]}
          />
        </Section>
      </div>

      <Section title="Client IP">
        <p className="text-sm" data-testid="client-ip-summary">
          {path.clientIp.summary}{" "}
          {path.clientIp.snatAt ? <Badge tone="warn" icon="⇄">SNAT at {path.clientIp.snatAt}</Badge> : <Badge tone="ok" icon="◎">client IP preserved</Badge>}{" "}
          {path.clientIp.header ? <Badge tone="info" icon={HEADER_SYMBOL}>{HEADER[path.clientIp.header]}</Badge> : null}
        </p>
        <RuleList rules={path.clientIp.rules} />
      </Section>

      <Section title="Observed vs expected new flows per zone (CloudWatch)">
        <ObservedTable path={path} />
      </Section>

      <Section title={`Targets (${path.targets.length})`}>
        <TargetsTable path={path} now={topology.age.capturedAt} verdicts={view.verdict} onFilter={(verdict) => setView((v) => ({ ...v, verdict }))} onShow={(key) => setView((v) => ({ ...v, view: "graph", sel: key }))} />
      </Section>

      <Section title={`Pods (${path.pods.length})`}>
        <PodsTable path={path} onShow={(key) => setView((v) => ({ ...v, view: "graph", sel: key }))} />
      </Section>

      <Section title="Where new flows end">
        <Facts
          testId="facts-shares"
          rows={[
            ["Pods", formatShare(path.pods.reduce((s, p) => s + p.share, 0))],
            ["Dropped", path.dropped > 0 ? `${formatShare(path.dropped)} (a node with no usable local pod, or a zone with no target)` : "0%"],
            ["Rejected", path.rejected > 0 ? `${formatShare(path.rejected)} (the Service has no usable endpoint)` : "0%"],
            ["Unknown", path.unknown > 0 ? formatShare(path.unknown) : null],
            ["Imbalance", `${im.level}${im.ratio != null ? `, busiest pod ${im.ratio.toFixed(2)}× the fair share${im.fair != null ? ` (${formatShare(im.fair)})` : ""}` : ""}`],
            ["Starved pods", im.starved.length ? im.starved.map((k) => k.replace(/^Pod:/, "")).join(", ") : "none"],
            ["Fail-open", path.failOpen ? "yes: some load balancer node sends to unhealthy targets" : "no"],
            ["What pods see", [...new Set(path.pods.map((p) => SEEN_AS[p.sourceIp.seenAs].label))].join(", ") || "–"],
          ]}
        />
      </Section>
    </div>
  );
}

/** A Service's own policy; an Ingress's or Gateway's path has none, its backend Service does (ALB-H1, SRC-13). */
function policyRows(topology: Topology, path: Path): [string, string | null][] {
  if (!topology.subject || topology.subject.kind === "Service") return [["externalTrafficPolicy", topology.service.externalTrafficPolicy]];
  const b = path.backendService;
  return [
    ["Backend Service", b ? `${b.namespace}/${b.name}` : "unknown"],
    ["its externalTrafficPolicy", b?.externalTrafficPolicy ?? null],
  ];
}
