"use client";
import Link from "next/link";
import type { ServiceSummary } from "@/lib/api/topology";
import { CONTROLLER, LB_KIND, sourceIpLabel } from "@/lib/vocabulary";
import { servicePageHref } from "@/lib/summary/links";
import type { OverviewSort } from "@/lib/summary/overviewQuery";
import type { OverviewRow } from "@/lib/summary/overviewRows";
import { CodeLink } from "./CodeLink";
import { HealthCounts } from "./HealthCounts";
import { SortHeader } from "./SortHeader";
import { formatAge, useNow } from "./useNow";

const STATUS_TEXT: Record<Exclude<ServiceSummary["status"], "ok">, { text: string; code: string }> = {
  pending: { text: "LB pending (no address yet)", code: "LB_PENDING" },
  "not-found": { text: "LB not found in AWS", code: "LB_NOT_FOUND" },
  unsupported: { text: "controller not modelled", code: "CONTROLLER_UNKNOWN" },
  unknown: { text: "AWS unreadable", code: "PARTIAL_DATA" },
};

const COLUMNS: [OverviewSort, string][] = [
  ["name", "Service"],
  ["controller", "Controller"],
  ["lb", "Load balancer"],
  ["health", "Target health"],
  ["sourceIp", "Pods see"],
  ["imbalance", "Imbalance"],
];

export function ServiceTable({
  rows,
  sort,
  dir,
  onSort,
  showCluster,
}: {
  rows: readonly OverviewRow[];
  sort: OverviewSort;
  dir: "asc" | "desc";
  onSort: (s: OverviewSort) => void;
  showCluster: boolean;
}) {
  const now = useNow();
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label="LoadBalancer Services">
        <thead className="border-b border-slate-300 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
          <tr>
            {COLUMNS.map(([col, label]) => (
              <SortHeader key={col} column={col} label={label} sort={sort} dir={dir} onSort={onSort} />
            ))}
            <th scope="col" className="px-2 py-1 text-left font-medium">Findings</th>
            <SortHeader column="age" label="Data age" sort={sort} dir={dir} onSort={onSort} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <ServiceRowView key={`${r.cluster}/${r.svc.namespace}/${r.svc.name}`} row={r} showCluster={showCluster} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServiceRowView({ row, showCluster, now }: { row: OverviewRow; showCluster: boolean; now: number | null }) {
  const { svc } = row;
  const status = svc.status === "ok" ? null : STATUS_TEXT[svc.status];
  // The server sends findings most severe first; keep its order.
  const codes = svc.findings;
  const shown = codes.filter((f) => f.severity !== "info").slice(0, 3);
  const top = shown.length ? shown : codes.slice(0, 1);
  return (
    <tr
      data-testid="service-row"
      data-cluster={row.cluster}
      data-service={`${svc.namespace}/${svc.name}`}
      className={`border-b border-slate-100 align-top dark:border-slate-800 ${svc.failOpen || svc.health.fault ? "bg-red-50/60 dark:bg-red-950/30" : ""}`}
    >
      <td className="px-2 py-1.5">
        <Link href={servicePageHref(row.cluster, svc.namespace, svc.name, { kind: svc.kind })} className="font-medium text-blue-700 hover:underline dark:text-blue-300">
          {svc.namespace}/{svc.name}
        </Link>
        {svc.kind && svc.kind !== "Service" ? <span className="ml-1 rounded border border-slate-400 px-1 text-xs text-slate-600 dark:text-slate-300" data-testid="row-kind">{svc.kind}</span> : null}
        {showCluster ? <div className="text-xs text-slate-500">{row.cluster}</div> : null}
      </td>
      <td className="px-2 py-1.5" title={CONTROLLER[svc.controller].label}>
        {CONTROLLER[svc.controller].short}
      </td>
      <td className="px-2 py-1.5 whitespace-nowrap">
        {svc.loadBalancerKind ? LB_KIND[svc.loadBalancerKind].short : "—"}
        {svc.targetType ? ` · ${svc.targetType}` : ""}
        {/* An Ingress or Gateway has no policy of its own (its backend Services do: on its page). */}
        {!svc.kind || svc.kind === "Service" ? <div className="text-xs text-slate-500">ETP {svc.externalTrafficPolicy}</div> : null}
      </td>
      <td className="px-2 py-1.5">
        {svc.failOpen ? (
          <span className="mb-1 inline-block rounded bg-red-700 px-1.5 py-0.5 text-xs font-bold text-white" data-testid="fail-open">
            ⚠ FAILING OPEN
          </span>
        ) : null}
        {status ? (
          <span data-testid="lb-status" data-status={svc.status} className="mb-1 block text-xs font-semibold text-slate-800 dark:text-slate-100">
            {status.text} <CodeLink code={status.code} />
          </span>
        ) : null}
        {svc.status === "ok" || svc.health.healthy + svc.health.fault + svc.health.expected + svc.health.transient + svc.health.unknown > 0 ? (
          <HealthCounts health={svc.health} showZeroHealthy={svc.status === "ok"} />
        ) : null}
      </td>
      <td className="px-2 py-1.5 text-xs">{svc.sourceIp ? sourceIpLabel(svc.sourceIp.seenAs, svc.sourceIp.header) : "—"}</td>
      <td className="px-2 py-1.5 text-xs whitespace-nowrap" data-level={svc.imbalance.level}>
        <span className={svc.imbalance.level === "high" ? "font-bold text-red-700 dark:text-red-300" : svc.imbalance.level === "warn" ? "font-medium text-amber-700 dark:text-amber-300" : ""}>
          {svc.imbalance.level}
        </span>
        {svc.imbalance.ratio !== null ? ` ×${svc.imbalance.ratio.toFixed(2)}` : ""}
      </td>
      <td className="px-2 py-1.5">
        <span className="flex flex-wrap gap-x-2">
          {top.map((f) => (
            <CodeLink key={f.code} code={f.code} className={f.severity === "critical" ? "font-bold" : ""} />
          ))}
          {codes.length > top.length ? <span className="text-xs text-slate-500">+{codes.length - top.length}</span> : null}
        </span>
      </td>
      <td className="px-2 py-1.5 text-xs whitespace-nowrap text-slate-600 dark:text-slate-300" title={row.capturedAt}>
        {formatAge(row.capturedAt, now)}
        {row.stale && row.stale.length > 0 ? (
          <span data-testid="stale" className="ml-1 rounded border border-amber-600 px-1 font-semibold text-amber-800 dark:text-amber-300" title={`Older than twice its refresh interval: ${row.stale.join(", ")}`}>
            ⚠ stale ({row.stale.map((h) => (h === "aws" ? "AWS" : "Kubernetes")).join(", ")})
          </span>
        ) : null}
      </td>
    </tr>
  );
}
