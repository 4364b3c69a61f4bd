import type { Snapshot } from "./model/snapshot";
import type { ServiceList, ServiceSummary, Topology, Triage, TriageRow } from "@/lib/api/topology";
import { indexSnapshot } from "./index/snapshotIndex";
import { topologyOf } from "./buildTopology";
import { owningController } from "./join/owningController";
import { memoPerObject } from "./memo";
import { VERDICT_ORDER } from "@/lib/vocabulary";
import { subjectTopologies } from "./alb/subjects";
import { userBindings } from "./alb/bindingPaths";

const SEEN_ORDER = { client: 0, "load-balancer": 1, node: 2 } as const;
const LEVEL_ORDER = { ok: 0, warn: 1, high: 2 } as const;

/** One overview row per LoadBalancer Service: pending, not found and unmodelled ones included, never dropped. */
export const summarizeServices: (snapshot: Snapshot) => ServiceList = memoPerObject(computeServiceList);

function computeServiceList(snapshot: Snapshot): ServiceList {
  const index = indexSnapshot(snapshot);
  const services: ServiceSummary[] = snapshot.kubernetes.services
    .filter((svc) => svc.spec.type === "LoadBalancer" || userBindings(svc, index).length > 0)
    .map((svc) => summaryOf(topologyOf(svc, index), owningController(svc).targetType))
    // Ingresses and Gateways (issue 13), in the same columns.
    .concat(subjectTopologies(snapshot).map((t) => ({ ...summaryOf(t, null), kind: t.subject!.kind })))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || (a.kind ?? "").localeCompare(b.kind ?? ""));
  // The warnings of any topology (they are the snapshot's problems); a cluster may list only Ingresses or Gateways.
  const firstLb = snapshot.kubernetes.services.find((s) => s.spec.type === "LoadBalancer");
  const any = firstLb ? topologyOf(firstLb, index) : null;
  return { cluster: snapshot.cluster.name, services, warnings: any?.warnings ?? (snapshot.problems ?? []).map((p) => ({ code: p.code, message: p.message, fix: p.fix, source: p.source })), age: { capturedAt: snapshot.capturedAt, kubernetes: snapshot.ages?.kubernetes ?? null, aws: snapshot.ages?.aws ?? null } };
}

export function summaryOf(t: Topology, declaredTargetType: "instance" | "ip" | null): ServiceSummary {
  const health = { healthy: 0, expected: 0, transient: 0, fault: 0, unknown: 0 };
  for (const p of t.paths) for (const k of Object.keys(health) as (keyof typeof health)[]) health[k] += p.health[k];
  let sourceIp: ServiceSummary["sourceIp"] = null;
  for (const p of t.paths) {
    const seen = p.pods[0]?.sourceIp.seenAs ?? (p.clientIp.snatAt === "kube-proxy" ? "node" : p.clientIp.hop1);
    if (!sourceIp || SEEN_ORDER[seen] > SEEN_ORDER[sourceIp.seenAs]) sourceIp = { seenAs: seen, header: p.clientIp.header };
  }
  let imbalance: ServiceSummary["imbalance"] = { level: "ok", ratio: null };
  for (const p of t.paths)
    if (LEVEL_ORDER[p.imbalance.level] > LEVEL_ORDER[imbalance.level] || (imbalance.ratio === null && p.imbalance.ratio !== null)) imbalance = { level: p.imbalance.level, ratio: p.imbalance.ratio };
  const codes = new Set(t.findings.map((f) => f.code));
  const status: ServiceSummary["status"] = t.paths.length > 0 ? "ok" : t.service.controller === "unknown" ? "unsupported" : codes.has("LB_PENDING") ? "pending" : codes.has("LB_NOT_FOUND") ? "not-found" : "unknown";
  return {
    namespace: t.service.namespace,
    name: t.service.name,
    controller: t.service.controller,
    loadBalancerKind: t.paths[0]?.loadBalancer.kind ?? null,
    targetType: t.paths[0]?.targetGroup?.targetType ?? (t.paths[0] ? "instance" : declaredTargetType),
    externalTrafficPolicy: t.service.externalTrafficPolicy,
    status,
    dnsNames: [...new Set(t.paths.map((p) => p.loadBalancer.dnsName).concat(t.service.ingress))],
    health,
    sourceIp,
    imbalance,
    failOpen: t.paths.some((p) => p.failOpen),
    findings: t.findings.map((f) => ({ severity: f.severity, code: f.code })),
    labels: t.service.labels,
  };
}

/**
 * Every non-healthy target across the cluster, ranked by what needs a human first (issue #4):
 * 1 failing open, 2 in a zone dropped from DNS (and not by design), 3 fault, 4 transient/unknown, 5 expected.
 */
export const triage: (snapshot: Snapshot) => Triage = memoPerObject(computeTriage);

function computeTriage(snapshot: Snapshot): Triage {
  const index = indexSnapshot(snapshot);
  const rows: TriageRow[] = [];
  const topologies = snapshot.kubernetes.services.filter((svc) => svc.spec.type === "LoadBalancer" || userBindings(svc, index).length > 0).map((svc) => topologyOf(svc, index)).concat(subjectTopologies(snapshot));
  for (const t of topologies) {
    const kind = t.subject && t.subject.kind !== "Service" ? { kind: t.subject.kind } : {};
    for (const p of t.paths) {
      const droppedZones = new Set(p.zones.filter((z) => z.enabled && !z.inDns).map((z) => z.name));
      const anyInDns = p.zones.some((z) => z.inDns);
      for (const target of p.targets) {
        if (target.verdict === "healthy") continue;
        const rank =
          target.receivesFailOpenTraffic ? 1
          : anyInDns && target.zone && droppedZones.has(target.zone) && target.verdict !== "expected" ? 2
          : target.verdict === "fault" ? 3
          : target.verdict === "expected" ? 5
          : 4;
        rows.push({
          service: { namespace: t.service.namespace, name: t.service.name, ...kind },
          loadBalancer: p.loadBalancer.name,
          targetGroup: p.targetGroup?.name ?? null,
          pathId: p.id,
          key: target.key,
          id: target.id,
          zone: target.zone,
          node: target.node,
          pod: target.pod,
          state: target.state,
          reason: target.reason,
          verdict: target.verdict,
          code: target.code,
          diagnosis: target.diagnosis,
          action: target.action,
          rank,
          ...(target.since !== undefined ? { since: target.since } : {}),
          ...(target.recentChanges !== undefined ? { recentChanges: target.recentChanges } : {}),
        });
      }
    }
  }
  // Within one rank the thing to fix comes first: fault, unknown, transient, expected (lib/vocabulary.ts).
  rows.sort((a, b) => a.rank - b.rank || VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.service.namespace.localeCompare(b.service.namespace) || a.service.name.localeCompare(b.service.name) || a.key.localeCompare(b.key));
  return { cluster: snapshot.cluster.name, targets: rows, warnings: (snapshot.problems ?? []).map((p) => ({ code: p.code, message: p.message, fix: p.fix, source: p.source })), age: { capturedAt: snapshot.capturedAt, kubernetes: snapshot.ages?.kubernetes ?? null, aws: snapshot.ages?.aws ?? null } };
}
