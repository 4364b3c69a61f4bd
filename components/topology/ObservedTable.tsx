"use client";
import type { Path } from "@/lib/api/topology";
import { formatShare } from "@/lib/graph/format";
import { clockUtc } from "@/lib/graph/sinceText";
import { Badge } from "@/components/ui/Badge";
import { Sparkline } from "./Sparkline";

const th = "border-b border-slate-300 px-2 py-1 text-left text-xs font-semibold text-slate-600 dark:border-slate-700 dark:text-slate-300";
const td = "border-b border-slate-100 px-2 py-1 align-middle dark:border-slate-800";
const LEVEL = { ok: { tone: "ok", icon: "✓", words: "matches" }, warn: { tone: "warn", icon: "▲", words: "differs" }, high: { tone: "bad", icon: "⚠", words: "differs a lot" } } as const;
const bytes = (n: number | null | undefined) => (n == null ? "–" : n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`);

/** The words every observed view carries: where the numbers come from and what they cannot say. */
export function observedScope(path: Path): string {
  const metric = path.observed?.metric ?? (path.loadBalancer.kind === "classic" ? "RequestCount" : "NewFlowCount");
  const kind = path.loadBalancer.kind === "classic" ? "Classic ELBs" : path.loadBalancer.kind === "application" ? "ALBs" : "NLBs";
  return `CloudWatch ${metric} per zone of the load balancer (all its listeners${path.loadBalancer.kind === "application" ? " and target groups" : ""} together). There is no per-target metric for ${kind}: per-target numbers would need ${path.loadBalancer.kind === "application" ? "access logs" : "VPC Flow Logs"}, so lbpath shows none.`;
}

/** Observed (CloudWatch) against expected new flows per zone, for the table view (issue 12). */
export function ObservedTable({ path }: { path: Path }) {
  const o = path.observed;
  if (!o) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="observed-none">
        No CloudWatch metrics for this load balancer. Live mode reads them every 60 s with <span className="font-mono">cloudwatch:GetMetricData</span> (a warning says so when that is denied); snapshot files carry them when captured. {path.loadBalancer.kind === "application" ? "ALBs are not read." : ""}
      </p>
    );
  }
  const l = LEVEL[o.divergence.level];
  return (
    <div className="space-y-2" data-testid="observed-table">
      <p className="text-sm">
        <Badge tone={l.tone} icon={l.icon}>observed {l.words}</Badge> <span data-testid="divergence">{o.divergence.message}</span>
      </p>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm">
          <thead>
            <tr>{["Zone", "Expected", "Observed", "New flows", "Per minute", "Active flows (avg)", "Bytes", "Healthy / unhealthy hosts"].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
          </thead>
          <tbody>
            {o.zones.map((z) => (
              <tr key={z.zone} data-zone={z.zone}>
                <td className={`${td} whitespace-nowrap`}>{z.zone}</td>
                <td className={td}>{formatShare(z.expectedShare)}</td>
                <td className={`${td} font-semibold`} data-testid="observed-share">{formatShare(z.share)}</td>
                <td className={td}>{Math.round(z.newFlows).toLocaleString("en-US")}</td>
                <td className={`${td} text-sky-700 dark:text-sky-300`}><Sparkline values={z.series ?? []} width={90} height={16} /></td>
                <td className={td}>{z.activeFlows == null ? "–" : Math.round(z.activeFlows).toLocaleString("en-US")}</td>
                <td className={td}>{bytes(z.processedBytes)}</td>
                <td className={td}>{z.healthyHosts ?? "–"} / {z.unhealthyHosts ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {clockUtc(o.window.start, o.window.end)} – {clockUtc(o.window.end)}, {o.window.periodSeconds ?? 60} s periods. {observedScope(path)} Expected: the equal split over the zones in DNS (DST-5, DST-6).
      </p>
    </div>
  );
}
