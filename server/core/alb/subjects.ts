import type { Snapshot } from "../model/snapshot";
import type { Topology } from "@/lib/api/topology";
import { memoPerObject } from "../memo";
import { buildIngressTopology } from "./buildIngressTopology";
import { buildGatewayTopology } from "./buildGatewayTopology";
import { resolveIngressClass } from "./ingressClass";
import { albIndex } from "./albIndex";

/**
 * The Ingresses and Gateways the overview and triage list beside LoadBalancer Services (issue 13): those of an AWS
 * controller (ALB-I1, GW-1); other controllers' Ingresses have no AWS path and are left out, as ClusterIP Services are.
 */
export const subjectTopologies: (s: Snapshot) => Topology[] = memoPerObject((s) => {
  const idx = albIndex(s);
  const out: Topology[] = [];
  for (const i of idx.ingressesByKey.values()) {
    if (!resolveIngressClass(i, idx).controller) continue;
    const t = buildIngressTopology(s, { namespace: i.metadata.namespace, name: i.metadata.name });
    if (t) out.push(t);
  }
  for (const g of idx.gatewaysByKey.values()) {
    const t = buildGatewayTopology(s, { namespace: g.metadata.namespace, name: g.metadata.name });
    if (t && t.service.controller !== "unknown") out.push(t);
  }
  // Whatever order the objects were read in, the same order out (a live read sorts, a file may not).
  return out.sort((a, b) => a.subject!.kind.localeCompare(b.subject!.kind) || a.subject!.namespace.localeCompare(b.subject!.namespace) || a.subject!.name.localeCompare(b.subject!.name));
});
