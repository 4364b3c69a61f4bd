"use client";
import type { Verdict } from "@/lib/api/topology";
import { formatRatio, formatShare, middleTruncate, plural, shortNodeName } from "@/lib/graph/format";
import { HEADER, HEADER_SYMBOL, SEEN_AS, VERDICT, zoneStatus } from "@/lib/vocabulary";
import type { CardData, CardProps } from "./shared";
import { Card, Line, Title } from "./shared";
import { Sparkline } from "../Sparkline";


/** Expected-by-design looks calm and grey-dashed; a fault is loud, solid red with ⚠ (issue 3, "Health"). */
export const VERDICT_FRAME: Record<Verdict, string> = {
  healthy: "border border-emerald-600 dark:border-emerald-500",
  expected: "border-2 border-dashed border-slate-400 !bg-slate-50 dark:border-slate-500 dark:!bg-slate-900/70",
  transient: "border-2 border-dotted border-amber-500",
  fault: "border-2 border-red-600 !bg-red-50 dark:border-red-500 dark:!bg-red-950",
  unknown: "border-2 border-dashed border-slate-500",
};

export const VERDICT_TEXT: Record<Verdict, string> = {
  healthy: "text-emerald-800 dark:text-emerald-300",
  expected: "text-slate-600 dark:text-slate-300",
  transient: "text-amber-800 dark:text-amber-300",
  fault: "font-bold text-red-700 dark:text-red-300",
  unknown: "text-slate-700 dark:text-slate-300",
};

export function VerdictMark({ verdict }: { verdict: Verdict }) {
  const v = VERDICT[verdict];
  return (
    <span data-testid="verdict" data-verdict={verdict} className={`whitespace-nowrap ${VERDICT_TEXT[verdict]}`} title={v.meaning}>
      <span aria-hidden="true">{v.symbol} </span>
      {v.word}
    </span>
  );
}

export function TargetCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "target") return null;
  const t = d.target;
  const name = t.node ?? t.id;
  return (
    <Card data={data} className={VERDICT_FRAME[t.verdict]} testId="card-target">
      <div className="flex justify-between gap-1">
        <Title title={name}>{middleTruncate(t.node ? shortNodeName(t.node) : t.id, 16)}</Title>
        <span className="font-semibold" data-testid="share">
          {formatShare(t.share)}
        </span>
      </div>
      <Line className="text-[11px]" title={`${t.id}${t.port != null ? `:${t.port}` : ""}`}>
        {t.node ? t.id : t.pod ? t.pod.name : `port ${t.port ?? "?"}`}
      </Line>
      <div className="flex justify-between gap-1">
        <Line title={t.reason ?? undefined}>{t.state}</Line>
        <VerdictMark verdict={t.verdict} />
      </div>
      <Line className="text-[11px]" title={t.description ?? t.reason ?? undefined}>
        {d.failOpen ? "⚠ gets fail-open traffic" : (t.reason ?? "\u00a0")}
      </Line>
    </Card>
  );
}

export function KubeProxyCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind === "kubeProxyGroup") {
    return (
      <Card data={data} className="border border-slate-400" testId="card-kube-proxy">
        <Title>kube-proxy</Title>
        <Line>×{d.count} · no SNAT</Line>
        <Line className={d.dropped > 0 ? "font-semibold text-red-700 dark:text-red-300" : ""}>{d.dropped > 0 ? `✕ drops ${formatShare(d.dropped)}` : "own-node pods"}</Line>
      </Card>
    );
  }
  if (d.kind !== "kubeProxy") return null;
  const none = d.localEndpoints === 0;
  return (
    <Card data={data} className={`border ${none ? "border-dashed border-slate-400" : "border-slate-400"}`} testId="card-kube-proxy">
      <Title>kube-proxy</Title>
      <Line>no SNAT</Line>
      <Line className={d.dropped > 0 ? "font-semibold text-red-700 dark:text-red-300" : ""}>
        {d.dropped > 0 ? `✕ drops ${formatShare(d.dropped)}` : none ? "0 local pods" : plural(d.localEndpoints ?? 0, "local pod")}
      </Line>
    </Card>
  );
}

export function PodFlags({ ratio, overFair, starved }: { ratio: number | null; overFair: boolean; starved: boolean }) {
  return (
    <>
      {overFair ? (
        <span data-testid="over-fair" className="whitespace-nowrap rounded bg-amber-100 px-0.5 font-semibold text-amber-900 dark:bg-amber-900 dark:text-amber-100">
          ▲ {formatRatio(ratio)} fair
        </span>
      ) : null}
      {starved ? (
        <span data-testid="starved" className="whitespace-nowrap rounded bg-red-100 px-0.5 font-semibold text-red-900 dark:bg-red-900 dark:text-red-100">
          ⊘ starved
        </span>
      ) : null}
    </>
  );
}

export function PodCard({ data }: CardProps) {
  const d = data.g.data;
  if (d.kind !== "pod") return null;
  const p = d.pod;
  const replaced = p.sourceIp.seenAs !== "client";
  const frame = p.terminating || !p.ready ? "border border-dashed border-slate-400" : "border border-slate-300 dark:border-slate-600";
  return (
    <Card data={data} className={frame} testId="card-pod">
      <Title title={`${p.namespace}/${p.name}`}>{middleTruncate(p.name, 18)}</Title>
      <div className="flex items-baseline gap-1 truncate">
        <span className="font-semibold" data-testid="share">
          {formatShare(p.share)}
        </span>
        <span className="text-slate-600 dark:text-slate-300">{p.terminating ? "terminating" : p.ready ? "Ready" : "not Ready"}</span>
        <PodFlags ratio={d.ratio} overFair={d.overFair} starved={p.starved} />
      </div>
      <Line className={replaced ? "font-semibold text-orange-800 dark:text-orange-300" : ""} title={p.sourceIp.explanation}>
        <span aria-hidden="true">{replaced ? "⇄ " : "◎ "}</span>sees {SEEN_AS[p.sourceIp.seenAs].short}
        {p.sourceIp.header ? ` · ${HEADER_SYMBOL} ${HEADER[p.sourceIp.header]}` : ""}
      </Line>
    </Card>
  );
}

export function ZoneBand({ data }: { data: CardData }) {
  const d = data.g.data;
  if (d.kind !== "zone") return null;
  const z = d.zone;
  const zs = z ? zoneStatus(z) : null;
  const o = d.observed;
  // With CloudWatch data the expected share sits next to the observed one, in fewer words (the band is one line).
  const status = !z || !zs ? "no load balancer node" : o ? zs.word : z.inDns ? `LB node in DNS · ${formatShare(z.share)} of new flows` : zs.word;
  const ring = data.sel ? "ring-2 ring-sky-600 dark:ring-sky-400" : data.hl ? "ring-4 ring-amber-400" : "";
  return (
    <div data-testid="zone-band" data-highlighted={data.hl || undefined} className={`h-full w-full overflow-hidden rounded-lg border border-dashed border-slate-300 bg-slate-100/70 px-3 py-1 text-[12px] dark:border-slate-700 dark:bg-slate-900/60 ${ring} ${data.dim ? "opacity-50" : ""}`}>
      <div className="truncate">
        <span className="font-semibold text-slate-800 dark:text-slate-100">{d.name}</span>
        <span data-testid="zone-status" data-zonal-shift={z?.zonalShift ?? undefined} title={zs?.sentence} className={`ml-2 ${zs?.warn && !z?.inDns ? "font-semibold text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-300"}`}>
          <span aria-hidden="true">{zs ? `${zs.symbol} ` : "○ "}</span>
          {status}
          {z?.zonalShift ? " (zonal shift, administrative)" : ""}
        </span>
        {o ? (
          <span data-testid="zone-observed" data-off={o.off || undefined} className={o.off ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-300"} title="New flows into this zone over the CloudWatch window, against the expected share">
            {" "}· expected {formatShare(o.expectedShare)} · {o.off ? "⚠ " : ""}observed {formatShare(o.share)}{" "}
            <span className="text-sky-700 dark:text-sky-300"><Sparkline values={o.series ?? []} width={44} height={12} /></span>
          </span>
        ) : null}
        {z ? (
          <span className="text-slate-600 dark:text-slate-300">
            {" "}
            · {z.healthyTargets}/{z.targets} healthy
          </span>
        ) : null}
        {z?.failingOpen ? <span className="font-semibold text-red-700 dark:text-red-300"> · ⚠ fail-open</span> : null}
      </div>
    </div>
  );
}
