import { byUrgency } from "../analysis/findings";
import type * as elbv2 from "../model/elbv2";
import type * as ing from "../model/ingress";
import type { Snapshot } from "../model/snapshot";
import type { Finding, Path, Topology, Warning } from "@/lib/api/topology";
import { indexSnapshot, objectKey, type SnapshotIndex } from "../index/snapshotIndex";
import { relevantNodes } from "../buildTopology";
import { elbv2LbFacts } from "../join/pathInputs";
import { albIndex, type AlbIndex } from "./albIndex";
import { groupMembers, ingressGroupOf, resolveIngressClass } from "./ingressClass";
import { listenerPaths } from "./listenerPaths";
import { ruleViews } from "./ruleViews";

export interface ObjectRef {
  namespace: string;
  name: string;
}

const memo = new WeakMap<Snapshot, Map<string, Topology | null>>();

/**
 * The traffic paths of one Ingress (issue 13), in the same contract as a Service's: client → ALB → listener → rules
 * → target group → nodes / pods. Pure: snapshot in, topology out; memoised per snapshot object. Null: no such Ingress.
 */
export function buildIngressTopology(snapshot: Snapshot, ref: ObjectRef): Topology | null {
  let per = memo.get(snapshot);
  if (!per) memo.set(snapshot, (per = new Map()));
  const key = objectKey(ref.namespace, ref.name);
  if (per.has(key)) return per.get(key)!;
  const idx = albIndex(snapshot);
  const ingress = idx.ingressesByKey.get(key);
  const t = ingress ? compute(ingress, indexSnapshot(snapshot), idx) : null;
  per.set(key, t);
  return t;
}

/**
 * ALB-J1: Ingress → ALB. The status hostname is authoritative (as JOIN-2 for Services); without one (or when it
 * matches nothing), the controller's tags: `ingress.k8s.aws/stack` = the group, and `elbv2.k8s.aws/cluster` = this
 * cluster's AWS name (required, so another cluster's ALB of a same-named group is never picked up).
 */
export function albForIngress(i: ing.Ingress, stack: string, index: SnapshotIndex, idx: AlbIndex): { lb: elbv2.LoadBalancer; joinedBy: "dns-name" | "tags" } | { lb: null; hostnames: string[] } {
  const hostnames = (i.status?.loadBalancer?.ingress ?? []).map((x) => x.hostname?.toLowerCase()).filter((h): h is string => !!h);
  for (const h of hostnames) {
    const lb = index.loadBalancersByDns.get(h);
    if (lb) return { lb, joinedBy: "dns-name" };
  }
  const cluster = index.snapshot.cluster.awsClusterName;
  const tagged = cluster ? (idx.albsByStack.get(stack) ?? []).filter((lb) => lb.tags["elbv2.k8s.aws/cluster"] === cluster) : [];
  if (tagged.length === 1) return { lb: tagged[0], joinedBy: "tags" };
  return { lb: null, hostnames };
}

function compute(i: ing.Ingress, index: SnapshotIndex, idx: AlbIndex): Topology {
  const s = index.snapshot;
  const warnings: Warning[] = (s.problems ?? []).map((p) => ({ code: p.code, message: p.message, fix: p.fix, source: p.source }));
  const findings: Finding[] = [];
  const paths: Path[] = [];
  const cls = resolveIngressClass(i, idx);
  const group = ingressGroupOf(i, cls);
  const members = cls.controller ? groupMembers(group, idx) : [];
  const hosts = [...new Set((i.spec.rules ?? []).map((r) => r.host).filter((h): h is string => !!h))].sort();
  const hostnames = (i.status?.loadBalancer?.ingress ?? []).map((x) => x.hostname ?? x.ip).filter((x): x is string => !!x);
  const me = (r: { source: { kind: string; namespace: string; name: string } | null }) => r.source?.kind === "Ingress" && r.source.namespace === i.metadata.namespace && r.source.name === i.metadata.name;

  if (!cls.controller) {
    findings.push({ severity: "info", code: "INGRESS_NOT_AWS", message: `IngressClass ${cls.className ?? "(none)"}${cls.controllerName ? ` (controller ${cls.controllerName})` : ""} is not the AWS Load Balancer Controller's or EKS Auto Mode's: no ALB is made for this Ingress.`, action: "Nothing, if another ingress controller serves it; for an ALB use a class whose controller is ingress.k8s.aws/alb or eks.amazonaws.com/alb.", rules: ["ALB-I1"], pathId: null, refs: [] });
  } else {
    const joined = albForIngress(i, group.name, index, idx);
    if (joined.lb) {
      const facts = elbv2LbFacts(joined.lb, joined.joinedBy, index);
      for (const listener of [...joined.lb.listeners].sort((a, b) => a.port - b.port)) {
        const views = ruleViews(listener, index, idx, members.map((m) => m.ingress));
        const out = listenerPaths({ lb: joined.lb, facts, listener, views, mine: me, subject: `Ingress ${i.metadata.namespace}/${i.metadata.name}`, subjectKind: "Ingress" }, index, idx, warnings);
        paths.push(...out.paths);
        findings.push(...out.findings);
      }
      if (joined.lb.state && joined.lb.state !== "active") findings.push({ severity: joined.lb.state === "provisioning" ? "info" : "critical", code: "LB_NOT_ACTIVE", message: `The ALB is ${joined.lb.state}.`, action: "Check the load balancer in the AWS console and the controller's events.", rules: [], pathId: null, refs: [] });
    } else if (joined.hostnames.length === 0 && !index.missing.aws) {
      findings.push({ severity: "info", code: "LB_PENDING", message: "The Ingress has no load-balancer address yet: the controller has not made its ALB (or cannot; kubectl describe ingress shows its events).", action: "Wait a few minutes; if it stays empty, read the controller's events on the Ingress.", rules: ["ALB-J1"], pathId: null, refs: [] });
    } else if (index.missing.aws) {
      findings.push({ severity: "warning", code: "PARTIAL_DATA", message: "The Ingress's ALB could not be looked up: AWS data is unavailable.", action: "See the partial-data warning for the cause.", rules: ["ALB-J1"], pathId: null, refs: [] });
    } else {
      findings.push({ severity: "critical", code: "LB_NOT_FOUND", message: `The Ingress points at ${joined.hostnames.join(", ")}, but no load balancer with that DNS name exists in ${s.cluster.region ?? "this region"}.`, action: "Check the region and account lbpath reads, and the controller's events; the ALB may have been deleted.", rules: ["ALB-J1"], pathId: null, refs: [] });
    }
    // ALB-I5 from the Ingress itself: a backend Service that does not exist (the controller's fixed 503 rule).
    for (const r of i.spec.rules ?? [])
      for (const p of r.http?.paths ?? []) {
        const name = p.backend.service?.name;
        const viaAnnotation = p.backend.service?.port?.name === "use-annotation";
        if (name && !viaAnnotation && !index.missing.services && !index.servicesByKey.has(objectKey(i.metadata.namespace, name)) && !findings.some((x) => x.code === "BACKEND_SERVICE_MISSING" && x.message.includes(p.path ?? "/")))
          findings.push({ severity: "warning", code: "BACKEND_SERVICE_MISSING", message: `Path ${r.host ?? "*"}${p.path ?? "/"} names Service ${i.metadata.namespace}/${name}, which does not exist.`, action: "Create the Service, or fix the backend's name and port.", rules: ["ALB-I5"], pathId: null, refs: [] });
      }
  }
  if (warnings.length > 0 && !findings.some((x) => x.code === "PARTIAL_DATA"))
    findings.push({ severity: "warning", code: "PARTIAL_DATA", message: `Part of the data could not be read: ${[...new Set(warnings.map((w) => w.code))].join(", ")}. What is shown is partial.`, action: warnings.find((w) => w.fix)?.fix, rules: [], pathId: null, refs: [] });
  findings.sort(byUrgency);
  return {
    cluster: s.cluster.name,
    subject: {
      kind: "Ingress",
      namespace: i.metadata.namespace,
      name: i.metadata.name,
      className: cls.className,
      controllerName: cls.controllerName,
      group: cls.controller ? { name: group.name, explicit: group.explicit, members: members.map((m) => ({ namespace: m.ingress.metadata.namespace, name: m.ingress.metadata.name, order: m.order })) } : null,
      hosts,
    },
    service: {
      namespace: i.metadata.namespace,
      name: i.metadata.name,
      type: "Ingress",
      externalTrafficPolicy: "Cluster",
      controller: cls.controller ?? "unknown",
      loadBalancerClass: cls.className,
      healthCheckNodePort: null,
      ingress: hostnames,
      annotations: i.metadata.annotations ?? {},
      labels: i.metadata.labels ?? {},
    },
    nodes: relevantNodes(paths, index),
    paths,
    findings,
    warnings,
    age: { capturedAt: s.capturedAt, kubernetes: s.ages?.kubernetes ?? null, aws: s.ages?.aws ?? null },
  };
}
