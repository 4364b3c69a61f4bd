import type { ReactNode } from "react";
import type { Verdict } from "@/lib/api/topology";
import { SINK, TARGET_STATE, VERDICT, VERDICTS, verdictText } from "@/lib/vocabulary";

const TIMELINE_STATES = ["healthy", "unhealthy", "initial", "draining", "unused"] as const;

function Row({ mark, children }: { mark: ReactNode; children: ReactNode }) {
  return (
    <li className="grid grid-cols-[5.5rem_1fr] items-center gap-2">
      <span className="flex items-center">{mark}</span>
      <span>{children}</span>
    </li>
  );
}

const box = "inline-block h-5 w-16 rounded bg-white dark:bg-slate-900";
/** The target cards' frames (components/topology/graph/cardsBand.tsx VERDICT_FRAME), in miniature. */
const LEGEND_FRAME: Record<Verdict, string> = {
  fault: "border-2 border-red-600 !bg-red-50 dark:!bg-red-950",
  unknown: "border-2 border-dashed border-slate-500",
  transient: "border-2 border-dotted border-amber-500",
  expected: "border-2 border-dashed border-slate-400",
  healthy: "border border-emerald-600",
};

/** What every mark means (also in docs/service-page.md). Words and shapes, never colour alone. */
export function Legend() {
  return (
    <div className="space-y-3 text-sm" data-testid="legend">
      <section>
        <h3 className="mb-1 font-semibold">Edges</h3>
        <ul className="space-y-1.5">
          <Row mark={<svg width="80" height="12" aria-hidden="true"><line x1="0" y1="6" x2="80" y2="6" stroke="#64748b" strokeWidth="3" /></svg>}>Solid: the next hop still sees the client&apos;s IP.</Row>
          <Row mark={<svg width="80" height="12" aria-hidden="true"><line x1="0" y1="6" x2="80" y2="6" stroke="#64748b" strokeWidth="3" strokeDasharray="7 5" /></svg>}>Dashed, labelled “node IP” or “LB IP”: the client IP was replaced before this hop.</Row>
          <Row mark={<svg width="80" height="14" aria-hidden="true"><line x1="0" y1="7" x2="80" y2="7" stroke="#64748b" strokeWidth="10" /></svg>}>Width and the % label: share of new flows (wider = more).</Row>
          <Row mark={<svg width="80" height="12" aria-hidden="true"><line x1="0" y1="6" x2="80" y2="6" stroke="#dc2626" strokeWidth="3" /></svg>}>Into {SINK.dropped.symbol} {SINK.dropped.word} / {SINK.rejected.symbol} {SINK.rejected.word}: flows lost at kube-proxy (no local pod under Local; no endpoint at all).</Row>
        </ul>
      </section>
      <section>
        <h3 className="mb-1 font-semibold">Targets (health)</h3>
        <ul className="space-y-1.5">
          {VERDICTS.map((v) => (
            <Row key={v} mark={<span className={`${box} ${LEGEND_FRAME[v]}`} />}>
              {verdictText(v)}: {VERDICT[v].meaning}.
            </Row>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="mb-1 font-semibold">Marks</h3>
        <ul className="space-y-1.5">
          <Row mark={<span className="rounded border border-orange-600 px-1 text-xs font-semibold">⇄ SNAT</span>}>Where the client IP is replaced, and what the next hop sees instead.</Row>
          <Row mark={<span className="rounded border border-violet-600 px-1 text-xs font-semibold">✉ PROXY v2</span>}>The client IP travels in a header (PROXY v1/v2, X-Forwarded-For) the app must read.</Row>
          <Row mark={<span className="rounded bg-amber-100 px-1 text-xs font-semibold text-amber-900">▲ 2.0× fair</span>}>Pod gets more than 1.2× its fair share of new flows.</Row>
          <Row mark={<span className="rounded bg-red-100 px-1 text-xs font-semibold text-red-900">⊘ starved</span>}>Ready pod that receives no new flows.</Row>
          <Row mark={<span className="text-xs">● / ○ zone</span>}>Load balancer node in DNS / dropped from DNS; “fail-open”: it sends to unhealthy targets.</Row>
          <Row mark={<span className="text-xs">cross-zone ON ⇆ / OFF ⇢</span>}>Whether an LB node may send to targets in other zones.</Row>
          <Row mark={<span className="rounded border border-sky-600 px-1 text-xs font-semibold">+N expand</span>}>A collapsed group (pods per node, targets per zone). Click or press Enter to open.</Row>
          <Row mark={<span className="inline-block h-4 w-10 rounded ring-4 ring-amber-400" />}>Elements the picked finding is about.</Row>
        </ul>
      </section>
      <section>
        <h3 className="mb-1 font-semibold">Observed and over time</h3>
        <ul className="space-y-1.5">
          <Row mark={<span className="text-xs">observed 31% / expected 33%</span>}>Zone band: share of new flows CloudWatch saw entering the zone, next to the configured split; ⚠ where they disagree. Per zone only: there is no per-target metric.</Row>
          <Row mark={<svg width="60" height="14" aria-hidden="true" className="text-sky-700"><polyline points="0,10 10,8 20,9 30,4 40,6 50,3 60,5" fill="none" stroke="currentColor" strokeWidth="1.5" /></svg>}>New flows per minute over the CloudWatch window.</Row>
          <Row mark={<span className="text-xs">{TIMELINE_STATES.map((s) => TARGET_STATE[s].symbol).join(" ")}</span>}>Timeline tab: {TIMELINE_STATES.join(", ")} spans per target; hatched = before lbpath watched.</Row>
          <Row mark={<span className="text-xs">▲ ▽ ⏏ ◐ ◆</span>}>Timeline marks: pod Ready / not Ready / terminating, endpoint terminating, node change.</Row>
        </ul>
      </section>
      <p className="text-xs text-slate-600 dark:text-slate-400">Keyboard: Tab moves between elements in packet order, arrow keys move by column and row, Enter selects (or expands a group), Escape clears.</p>
    </div>
  );
}
