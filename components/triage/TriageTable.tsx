"use client";
import Link from "next/link";
import { Fragment } from "react";
import { rankLabel } from "@/lib/vocabulary";
import { servicePageHref } from "@/lib/summary/links";
import type { TriageItem } from "@/lib/summary/triageRows";
import { CodeLink } from "@/components/overview/CodeLink";
import { VerdictBadge } from "@/components/overview/HealthCounts";
import { sinceText } from "@/lib/graph/sinceText";

/**
 * The ranked list of non-healthy targets. Under the default sort, rows are grouped under their rank
 * (fail-open, zone out of DNS, faults, transient, expected); each row links to the service page with the target
 * selected.
 */
export function TriageTable({ items, grouped, showCluster }: { items: readonly TriageItem[]; grouped: boolean; showCluster: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label="Non-healthy targets, most urgent first">
        <thead className="border-b border-slate-300 text-left text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-2 py-1 font-medium">Verdict</th>
            <th scope="col" className="px-2 py-1 font-medium">Service</th>
            <th scope="col" className="px-2 py-1 font-medium">Load balancer / target group</th>
            <th scope="col" className="px-2 py-1 font-medium">Target</th>
            <th scope="col" className="px-2 py-1 font-medium">State</th>
            <th scope="col" className="px-2 py-1 font-medium">Diagnosis and action</th>
            <th scope="col" className="px-2 py-1 font-medium"><span className="sr-only">Open</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, i) => {
            const newGroup = grouped && (i === 0 || items[i - 1].row.rank !== item.row.rank);
            return (
              <Fragment key={`${item.cluster}/${item.row.service.namespace}/${item.row.service.name}/${item.row.pathId}/${item.row.key}`}>
                {newGroup ? (
                  <tr>
                    <th colSpan={7} scope="rowgroup" className="bg-slate-100 px-2 py-1 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase dark:bg-slate-800 dark:text-slate-200">
                      {item.row.rank}. {rankLabel(item.row.rank)}
                    </th>
                  </tr>
                ) : null}
                <TriageRowView item={item} showCluster={showCluster} grouped={grouped} />
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function TriageRowView({ item, showCluster, grouped }: { item: TriageItem; showCluster: boolean; grouped: boolean }) {
  const { row, cluster } = item;
  const href = servicePageHref(cluster, row.service.namespace, row.service.name, { path: row.pathId, sel: row.key, kind: row.service.kind });
  return (
    <tr
      data-testid="triage-row"
      data-rank={row.rank}
      data-verdict={row.verdict}
      data-code={row.code}
      data-cluster={cluster}
      className={`border-b border-slate-100 align-top dark:border-slate-800 ${row.verdict === "fault" ? "bg-red-50/60 dark:bg-red-950/30" : ""}`}
    >
      <td className="px-2 py-1.5">
        <VerdictBadge verdict={row.verdict} />
        {row.rank < 3 && !grouped ? <div className="mt-0.5 text-xs font-semibold text-red-700 dark:text-red-300">{rankLabel(row.rank)}</div> : null}
      </td>
      <td className="px-2 py-1.5">
        <span className="font-medium">
          {row.service.namespace}/{row.service.name}
        </span>
        {showCluster ? <div className="text-xs text-slate-500">{cluster}</div> : null}
      </td>
      <td className="px-2 py-1.5 text-xs break-all">
        <div>{row.loadBalancer}</div>
        {row.targetGroup ? <div className="text-slate-500">{row.targetGroup}</div> : null}
      </td>
      <td className="px-2 py-1.5 text-xs">
        <div className="font-mono">{row.id}</div>
        {row.node ? <div>node {row.node}</div> : null}
        {row.pod ? <div>pod {row.pod.namespace}/{row.pod.name}</div> : null}
        {row.zone ? <div className="text-slate-500">{row.zone}</div> : null}
      </td>
      <td className="px-2 py-1.5 text-xs">
        <div className="font-mono">{row.state}</div>
        {row.reason ? <div className="font-mono text-slate-500">{row.reason}</div> : null}
        {row.since && item.capturedAt ? <div data-testid="triage-since" className="text-slate-600 dark:text-slate-300">{sinceText(row.since, item.capturedAt)}</div> : null}
        {row.recentChanges && row.recentChanges >= 3 ? <div className="font-semibold text-red-700 dark:text-red-300">⚠ {row.recentChanges} changes in 15 min</div> : null}
      </td>
      <td className="min-w-[20rem] px-2 py-1.5 text-xs">
        <CodeLink code={row.code} />
        <p className="mt-0.5">{row.diagnosis}</p>
        {row.action ? <p className="mt-0.5 text-slate-700 dark:text-slate-300">→ {row.action}</p> : null}
      </td>
      <td className="px-2 py-1.5 text-xs whitespace-nowrap">
        <Link href={href} data-testid="open-target" className="text-blue-700 hover:underline dark:text-blue-300">
          Open in graph →
        </Link>
      </td>
    </tr>
  );
}
