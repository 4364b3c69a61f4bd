import type { HealthCheck, ObservedZone, Path, PodShare, Target, ZoneState } from "@/lib/api/topology";
import { sinceText } from "@/lib/graph/sinceText";
import { Sparkline } from "./Sparkline";
import { observedScope } from "./ObservedTable";
import { TARGET_CODES } from "@/lib/api/codes";
import { formatRatio, formatShare } from "@/lib/graph/format";
import { HEADER, SEEN_AS, verdictText, zoneStatus } from "@/lib/vocabulary";
import { Badge, type Tone } from "@/components/ui/Badge";
import { Facts, RuleList, Section } from "./Facts";

export const VERDICT_TONE = { healthy: "ok", expected: "expected", transient: "warn", fault: "bad", unknown: "neutral" } as const satisfies Record<string, Tone>;

const PORT_MEANING = {
  healthCheckNodePort: "the Service's healthCheckNodePort (kube-proxy answers 200 only with a Ready local pod)",
  "traffic-port": "the traffic port (the nodePort for instance targets, the pod port for ip targets)",
  "kube-proxy-healthz": "kube-proxy's own /healthz on 10256",
  other: "a custom port",
} as const;

export function healthCheckText(hc: HealthCheck | null | undefined): string | null {
  if (!hc) return null;
  return `${hc.protocol ?? "?"} port ${hc.port ?? "?"}${hc.path ? ` path ${hc.path}` : ""}${hc.intervalSeconds ? ` every ${hc.intervalSeconds} s` : ""}${hc.healthyThreshold ? `, ${hc.healthyThreshold}/${hc.unhealthyThreshold} to turn healthy/unhealthy` : ""}`;
}

export function TargetInspector({ t, path, now }: { t: Target; path: Path; now?: string }) {
  const hc = path.targetGroup?.healthCheck ?? path.classicHealthCheck;
  const codeText = (TARGET_CODES as Record<string, string>)[t.code];
  return (
    <div className="space-y-3" data-testid="inspector-target">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-mono text-base font-semibold">
          {t.id}
          {t.port != null ? `:${t.port}` : ""}
        </h2>
        <Badge tone={VERDICT_TONE[t.verdict]}>{verdictText(t.verdict)}</Badge>
      </div>
      <Facts
        rows={[
          ["Node", t.node],
          ["Pod", t.pod ? `${t.pod.namespace}/${t.pod.name}` : null],
          ["Zone", t.zone],
          ["State", t.state],
          ["In this state", now ? sinceText(t.since, now) : null],
          ["Changes in 15 min", t.recentChanges !== undefined ? `${t.recentChanges}${t.recentChanges >= 3 ? " — flapping" : ""}` : null],
          ["Reason", t.reason],
          ["AWS says", t.description],
          ["Health check", healthCheckText(hc)],
          ["Probed port", t.healthCheckPort ? `${t.healthCheckPort}${hc?.portMeaning ? ` — ${PORT_MEANING[hc.portMeaning]}` : ""}` : null],
          ["Ready local pods", t.readyLocalEndpoints != null ? String(t.readyLocalEndpoints) : null],
          ["Share of new flows", formatShare(t.share)],
          ["Fail-open traffic", t.receivesFailOpenTraffic ? "yes: the load balancer sends to it although it is not healthy" : null],
        ]}
      />
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="no-target-metrics">
        Observed traffic: expected only. {observedScope(path)} Its zone shows what CloudWatch saw there.
      </p>
      <Section title="Diagnosis">
        <p className="text-sm">{t.diagnosis}</p>
        {codeText ? (
          <p className="text-xs text-slate-600 dark:text-slate-400">
            <span className="font-mono">{t.code}</span>: {codeText}
          </p>
        ) : null}
      </Section>
      {t.action ? (
        <Section title="What to change">
          <p className="text-sm">{t.action}</p>
        </Section>
      ) : null}
      <Section title="Why (rules)">
        <RuleList rules={t.rules} />
      </Section>
    </div>
  );
}

export function PodInspector({ p, path }: { p: PodShare; path: Path }) {
  const fair = path.imbalance.fair;
  const ratio = fair ? p.share / fair : null;
  const s = p.sourceIp;
  return (
    <div className="space-y-3" data-testid="inspector-pod">
      <h2 className="break-all text-base font-semibold">
        {p.namespace}/{p.name}
      </h2>
      <Facts
        rows={[
          ["Share of new flows", `${formatShare(p.share)}${fair ? ` (fair share ${formatShare(fair)}, ${formatRatio(ratio)})` : ""}`],
          ["Flags", [ratio != null && ratio > 1.2 ? `above fair share ×${ratio.toFixed(1)}` : null, p.starved ? "starved: Ready but receives no new flows" : null].filter(Boolean).join("; ") || null],
          ["Readiness", p.terminating ? "terminating" : p.ready ? "Ready" : "not Ready"],
          ["Serving", p.serving ? "yes" : "no"],
          ["Node", p.node],
          ["Zone", p.zone],
          ["Pod IP", p.ip],
        ]}
      />
      <Section title="Source IP it sees">
        <p className="text-sm font-semibold" data-testid="pod-sees">
          {s.seenAs === "client" ? "The client's own IP" : `The ${SEEN_AS[s.seenAs].label}${s.address ? ` (${s.address})` : ""}, not the client's`}
          {s.header ? `; the client IP travels in the ${HEADER[s.header]} header` : ""}
        </p>
        <p className="text-sm">{s.explanation}</p>
        <p className="text-xs text-slate-600 dark:text-slate-400">Row {s.row} of the source-IP table.</p>
        <RuleList rules={s.rules} />
      </Section>
    </div>
  );
}

export function ZoneInspector({ z, name, observed }: { z: ZoneState | null; name: string; observed?: ObservedZone | null }) {
  return (
    <div className="space-y-3" data-testid="inspector-zone">
      <h2 className="text-base font-semibold">Zone {name}</h2>
      {z ? (
        <Facts
          rows={[
            ["LB subnet here", z.enabled ? "yes" : "no: targets here are unused (DST-3)"],
            ["Zonal shift", z.zonalShift ? `${z.zonalShift === "active" ? "active" : "delegated to DNS"}: ${zoneStatus(z).sentence} (DST-3)` : "none"],
            ["In DNS", z.inDns ? "yes" : `no: ${zoneStatus(z).sentence}`],
            ["Fail-open", z.failingOpen ? "yes: the LB node here sends to all its targets, healthy or not" : "no"],
            ["Targets healthy", `${z.healthyTargets} of ${z.targets}`],
            ["New flows entering here", formatShare(z.share)],
            ["Observed (CloudWatch)", observed ? <span key="o">{formatShare(observed.share)} of new flows ({Math.round(observed.newFlows).toLocaleString("en-US")}) <span className="text-sky-700 dark:text-sky-300"><Sparkline values={observed.series ?? []} /></span></span> : null],
            ["Hosts (CloudWatch)", observed && observed.healthyHosts != null ? `${observed.healthyHosts} healthy${observed.unhealthyHosts != null ? `, ${observed.unhealthyHosts} unhealthy` : ""}` : null],
          ]}
        />
      ) : (
        <p className="text-sm">The load balancer has no node in this zone; nodes or pods here receive traffic only through other zones (cross-zone) or kube-proxy.</p>
      )}
      <RuleList rules={["DST-3", "DST-5", "DST-6"]} />
    </div>
  );
}
