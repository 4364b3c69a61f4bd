"use client";
import { useMemo } from "react";
import type { Skeleton, Topology } from "@/lib/api/topology";
import { buildSkeletonGraph } from "@/lib/graph/buildSkeleton";
import { graphToSvg } from "@/lib/graph/exportSvg";
import { layoutGraph } from "@/lib/graph/layout";
import { SEEN_AS } from "@/lib/vocabulary";
import { RuleList, Section } from "./Facts";

const th = "py-1 pr-3 text-left text-xs font-semibold text-slate-600 dark:text-slate-300";
const td = "py-1 pr-3";

/**
 * The Kubernetes half of a Service without a load-balancer path (issue 10 item 3): drawn (graph view) and listed
 * (both views), with the placeholder saying why the load balancer is missing and the source IP as far as
 * externalTrafficPolicy decides it. Static picture: nothing here is interactive without the AWS half.
 */
export function SkeletonView({ topology, skeleton, picture }: { topology: Topology; skeleton: Skeleton; picture: boolean }) {
  const src = useMemo(() => {
    if (!picture) return null;
    const graph = buildSkeletonGraph(topology, skeleton);
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(graphToSvg(graph, layoutGraph(graph)))}`;
  }, [topology, skeleton, picture]);
  const ip = skeleton.sourceIp;
  return (
    <div className="space-y-4" data-testid="skeleton" data-reason={skeleton.reason}>
      {src ? (
        <figure className="overflow-x-auto rounded-md border border-slate-200 p-2 dark:border-slate-800">
          <img
            src={src}
            data-testid="skeleton-picture"
            alt={`The Kubernetes half of the path: clients, the load balancer (${skeleton.message}), ${skeleton.nodes.length} nodes by zone, kube-proxy, ${skeleton.pods.length} pods. The tables below list them.`}
            className="h-auto max-w-full dark:[filter:invert(1)_hue-rotate(180deg)]"
          />
          <figcaption className="mt-1 text-xs text-slate-600 dark:text-slate-300">Dashed: the load balancer, {skeleton.message}. Shares and health appear once it can be read.</figcaption>
        </figure>
      ) : null}
      <Section title="Source IP without the load balancer">
        <p className="text-sm" data-testid="skeleton-source-ip">
          {ip.decided && ip.seenAs ? <span className="font-semibold">Pods see the {SEEN_AS[ip.seenAs].label}. </span> : <span className="font-semibold">Depends on the load balancer. </span>}
          {ip.explanation}
        </p>
        <RuleList rules={ip.rules} />
      </Section>
      {skeleton.nodes.length ? (
        <Section title={`Nodes (${skeleton.nodes.length}), by zone`}>
          <table className="w-full max-w-3xl border-collapse text-sm" data-testid="nodes-table">
            <thead>
              <tr>
                {["Zone", "Node", "Ready", "Ready pods here", "Would be a target", "Excluded"].map((h) => (
                  <th key={h} scope="col" className={th}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {skeleton.nodes.map((n) => (
                <tr key={n.key} className="border-t border-slate-100 dark:border-slate-800">
                  <td className={`${td} whitespace-nowrap`}>{n.zone ?? "unknown"}</td>
                  <td className={td}>{n.name}</td>
                  <td className={td}>{n.ready ? "Ready" : "not Ready"}</td>
                  <td className={td}>{n.readyLocalEndpoints}</td>
                  <td className={td}>{n.registered ? "yes" : "no"}</td>
                  <td className={td}>{n.excluded ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      ) : null}
      <Section title={`Pods (${skeleton.pods.length})`}>
        {skeleton.pods.length ? (
          <table className="w-full max-w-3xl border-collapse text-sm" data-testid="skeleton-pods">
            <thead>
              <tr>
                {["Pod", "Node", "Zone", "State", "Sees"].map((h) => (
                  <th key={h} scope="col" className={th}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {skeleton.pods.map((p) => (
                <tr key={p.key} className="border-t border-slate-100 dark:border-slate-800">
                  <td className={td}>{p.name}</td>
                  <td className={td}>{p.node ?? "–"}</td>
                  <td className={td}>{p.zone ?? "–"}</td>
                  <td className={td}>{p.terminating ? "terminating" : p.ready ? "Ready" : "not Ready"}</td>
                  <td className={td}>{ip.decided && ip.seenAs ? SEEN_AS[ip.seenAs].short : "depends on the LB"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-300">No endpoints: the Service selects no Ready or starting pod.</p>
        )}
      </Section>
    </div>
  );
}
