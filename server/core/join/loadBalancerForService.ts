import { createHash } from "node:crypto";
import type * as k8s from "../model/kubernetes";
import type * as elbv2 from "../model/elbv2";
import type * as elb from "../model/elb";
import type { SnapshotIndex } from "../index/snapshotIndex";

export type JoinedLoadBalancer =
  | { kind: "elbv2"; lb: elbv2.LoadBalancer; joinedBy: "dns-name" | "tags" | "name" }
  | { kind: "classic"; lb: elb.LoadBalancerDescription; joinedBy: "dns-name" | "tags" | "name" };

export interface LoadBalancerJoin {
  loadBalancers: JoinedLoadBalancer[];
  /** Hostnames in the Service status that match no load balancer we could read. */
  unmatchedHostnames: string[];
  notes: string[];
}

/** C1: the legacy provider names the LB "a" + the Service UID without dashes, truncated to 32 characters. */
export function legacyLoadBalancerName(svc: k8s.Service): string | undefined {
  const uid = svc.metadata.uid;
  return uid ? ("a" + uid.replace(/-/g, "")).slice(0, 32) : undefined;
}

/**
 * L5/L6: the name the AWS Load Balancer Controller gives a Service's NLB: the aws-load-balancer-name annotation, else
 * k8s-<ns[:8]>-<name[:8]>-<sha256(clusterName, uid, scheme) hex[:10]> with non-alphanumerics removed from ns and name.
 */
export function lbcLoadBalancerName(svc: k8s.Service, clusterName: string, scheme: string): string | undefined {
  const named = svc.metadata.annotations?.["service.beta.kubernetes.io/aws-load-balancer-name"];
  if (named) return named;
  const uid = svc.metadata.uid;
  if (!uid) return undefined;
  const hash = createHash("sha256").update(clusterName).update(uid).update(scheme).digest("hex");
  const clean = (x: string) => x.replace(/[^A-Za-z0-9]/g, "").slice(0, 8);
  return `k8s-${clean(svc.metadata.namespace)}-${clean(svc.metadata.name)}-${hash.slice(0, 10)}`;
}

/**
 * JOIN-2: Service → load balancer(s). Strict on purpose, so another cluster's or another Service's load
 * balancer is never picked up:
 *  1. `status.loadBalancer.ingress[].hostname` equals the LB's DNS name (case-insensitive). Authoritative.
 *  2. Only for hostnames with no match (or no hostname yet), the name keys: the legacy name derived from the
 *     Service UID (globally unique), or the LBC's name (the aws-load-balancer-name annotation, or the name it derives
 *     from the cluster's name, the UID and the scheme) on a load balancer whose tags name no other Service.
 *  3. Then tags naming this Service *and* this cluster (legacy `kubernetes.io/service-name` +
 *     `kubernetes.io/cluster/<id>`; LBC `service.k8s.aws/stack` + `elbv2.k8s.aws/cluster`), which needs the
 *     cluster's AWS identity.
 */
export function loadBalancersForService(svc: k8s.Service, index: SnapshotIndex): LoadBalancerJoin {
  const hostnames = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.hostname?.toLowerCase()).filter((h): h is string => !!h);
  const found: JoinedLoadBalancer[] = [];
  const unmatchedHostnames: string[] = [];
  const notes: string[] = [];
  for (const host of hostnames) {
    const v2 = index.loadBalancersByDns.get(host);
    const classic = index.classicByDns.get(host);
    if (v2) found.push({ kind: "elbv2", lb: v2, joinedBy: "dns-name" });
    else if (classic) found.push({ kind: "classic", lb: classic, joinedBy: "dns-name" });
    else unmatchedHostnames.push(host);
  }
  if (found.length > 0 && unmatchedHostnames.length === 0) return { loadBalancers: dedupe(found), unmatchedHostnames, notes };

  const ns = svc.metadata.namespace;
  const name = svc.metadata.name;
  const stack = `${ns}/${name}`;
  const clusterId = index.snapshot.cluster.awsClusterName;
  const legacyName = legacyLoadBalancerName(svc);
  const joinKey = (tags: Record<string, string>, lbName: string, scheme: string | undefined): "tags" | "name" | null => {
    const legacyTag = tags["kubernetes.io/service-name"] === stack;
    const lbcTag = tags["service.k8s.aws/stack"] === stack;
    const otherService = [tags["kubernetes.io/service-name"], tags["service.k8s.aws/stack"]].some((t) => t !== undefined && t !== stack);
    if (legacyName && lbName === legacyName) return "name";
    const lbcName = scheme ? lbcLoadBalancerName(svc, clusterId ?? "", scheme) : undefined;
    const lbcNameIsKey = svc.metadata.annotations?.["service.beta.kubernetes.io/aws-load-balancer-name"] !== undefined || !!clusterId;
    if (lbcNameIsKey && lbcName === lbName && !otherService) return "name";
    if ((legacyTag || lbcTag) && clusterId) {
      const clusterOk = legacyTag
        ? tags[`kubernetes.io/cluster/${clusterId}`] !== undefined || tags["KubernetesCluster"] === clusterId
        : tags["elbv2.k8s.aws/cluster"] === clusterId;
      return clusterOk ? "tags" : null;
    }
    return null;
  };
  let refusedWithoutClusterId = false;
  for (const lb of index.snapshot.aws.loadBalancers) {
    if (found.some((f) => f.kind === "elbv2" && f.lb === lb)) continue;
    const how = joinKey(lb.tags, lb.loadBalancerName, lb.scheme);
    if (how) found.push({ kind: "elbv2", lb, joinedBy: how });
    else if (!clusterId && (lb.tags["service.k8s.aws/stack"] === `${ns}/${name}` || lb.tags["kubernetes.io/service-name"] === `${ns}/${name}`)) refusedWithoutClusterId = true;
  }
  for (const lb of index.snapshot.aws.classicLoadBalancers) {
    if (found.some((f) => f.kind === "classic" && f.lb === lb)) continue;
    const how = joinKey(lb.tags, lb.loadBalancerName, undefined);
    if (how) found.push({ kind: "classic", lb, joinedBy: how });
    else if (!clusterId && lb.tags["kubernetes.io/service-name"] === `${ns}/${name}`) refusedWithoutClusterId = true;
  }
  if (refusedWithoutClusterId) {
    notes.push("A load balancer is tagged for this Service, but the cluster's AWS identity is unknown, so lbpath cannot prove it belongs to this cluster; set LBPATH_AWS_CLUSTER_NAME to join by tags.");
  }
  return { loadBalancers: dedupe(found), unmatchedHostnames, notes };
}

/** Unique, in a stable order (by name) whatever order AWS listed them in. */
function dedupe(list: JoinedLoadBalancer[]): JoinedLoadBalancer[] {
  const seen = new Set<unknown>();
  return list.filter((j) => (seen.has(j.lb) ? false : (seen.add(j.lb), true))).sort((a, b) => a.lb.loadBalancerName.localeCompare(b.lb.loadBalancerName));
}
