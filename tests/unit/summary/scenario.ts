import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Topology, Triage, ServiceList } from "@/lib/api/topology";
import { Topology as TopologySchema, Triage as TriageSchema, ServiceList as ServiceListSchema } from "@/lib/api/topology";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { summarizeServices, triage } from "@/server/core/summaries";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import { buildGatewayTopology } from "@/server/core/alb/buildGatewayTopology";

/** The topology behind an overview row: a Service's, or an Ingress's / Gateway's (issue 13). */
export function rowTopologyOf(id: string, row: { kind?: "Service" | "Ingress" | "Gateway"; namespace: string; name: string }): Topology {
  if (!row.kind || row.kind === "Service") {
    // A listed Service may be a NodePort one bound by a TargetGroupBinding (TGB-1), not only a LoadBalancer.
    const t = buildTopology(snapshot(id), { namespace: row.namespace, name: row.name });
    return TopologySchema.parse(JSON.parse(JSON.stringify(t)));
  }
  const build = row.kind === "Ingress" ? buildIngressTopology : buildGatewayTopology;
  return TopologySchema.parse(JSON.parse(JSON.stringify(build(snapshot(id), { namespace: row.namespace, name: row.name }))));
}

/**
 * Test inputs from the shipped demo scenarios, run through the real (pure) core and parsed with the wire
 * schemas, so these tests see exactly what the pages get from the API.
 */
const DIR = fileURLToPath(new URL("../../../server/sources/demo/scenarios/", import.meta.url));

export const SCENARIOS = readdirSync(DIR).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));

export function snapshot(id: string): Snapshot {
  return JSON.parse(readFileSync(`${DIR}${id}.json`, "utf8")) as Snapshot;
}

export function topologyOf(id: string, namespace?: string, name?: string): Topology {
  const s = snapshot(id);
  const svc = s.kubernetes.services.find((x) => (!namespace || x.metadata.namespace === namespace) && (!name || x.metadata.name === name) && x.spec.type === "LoadBalancer");
  if (!svc) throw new Error(`no LoadBalancer Service in ${id}`);
  const t = buildTopology(s, { namespace: svc.metadata.namespace, name: svc.metadata.name });
  if (!t) throw new Error(`no topology for ${id}`);
  return TopologySchema.parse(JSON.parse(JSON.stringify(t)));
}

export function triageOf(id: string): Triage {
  return TriageSchema.parse(JSON.parse(JSON.stringify(triage(snapshot(id)))));
}

export function servicesOf(id: string): ServiceList {
  return ServiceListSchema.parse(JSON.parse(JSON.stringify(summarizeServices(snapshot(id)))));
}
