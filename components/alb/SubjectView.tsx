"use client";
import { useCallback, useState } from "react";
import { ServiceView } from "@/components/topology/ServiceView";
import { RulesTable } from "./RulesTable";
import { RouteSimulator } from "./RouteSimulator";
import { ConfigurationList } from "./ConfigurationList";

/**
 * The Ingress and Gateway pages (issue 13): the service page's view (header, graph or tables, findings) of the
 * Ingress's / Gateway's topology, with the selected listener's rules and, for an Ingress or an ALB Gateway, the rule
 * simulator.
 */
export function SubjectView(props: { cluster: string; namespace: string; name: string; kind: "Ingress" | "Gateway" }) {
  const [winner, setWinner] = useState<string | null>(null);
  const onWinner = useCallback((p: string | null) => setWinner(p), []);
  return (
    <ServiceView
      {...props}
      aside={(topology, path) => (
        <div className="space-y-3">
          {topology.subject ? (
            <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="subject-line">
              {topology.subject.kind} {topology.subject.namespace}/{topology.subject.name} · class {topology.subject.className ?? "—"}
              {topology.subject.controllerName ? ` (${topology.subject.controllerName})` : ""}
              {topology.subject.group?.explicit ? ` · IngressGroup ${topology.subject.group.name}: ${topology.subject.group.members.map((m) => `${m.namespace}/${m.name} (order ${m.order})`).join(", ")}` : ""}
            </p>
          ) : null}
          {topology.subject?.configurations?.length ? <ConfigurationList items={topology.subject.configurations} /> : null}
          {path ? <RulesTable path={path} highlight={winner} /> : null}
          {/* An NLB Gateway's listeners have no rules to try a request against. */}
          {props.kind === "Ingress" || topology.subject?.controllerName === "gateway.k8s.aws/alb" ? <RouteSimulator subject={props} onWinner={onWinner} /> : null}
        </div>
      )}
    />
  );
}
