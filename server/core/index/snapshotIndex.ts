import type * as k8s from "../model/kubernetes";
import type * as elbv2 from "../model/elbv2";
import type * as elb from "../model/elb";
import type { Snapshot } from "../model/snapshot";
import { memoPerObject } from "../memo";
import { LABEL_SERVICE_NAME, LABEL_ZONE, LABEL_ZONE_LEGACY } from "../model/kubernetes";

/**
 * Lookup tables over one snapshot, built once per snapshot object (not per request) and cached by
 * identity: every topology, summary and triage call on the same snapshot shares them.
 */
export interface SnapshotIndex {
  snapshot: Snapshot;
  servicesByKey: Map<string, k8s.Service>;
  /** EndpointSlices by `<namespace>/<service name>` (label kubernetes.io/service-name, K6). */
  slicesByService: Map<string, k8s.EndpointSlice[]>;
  nodesByName: Map<string, k8s.Node>;
  /** JOIN-4: EC2 instance ID (last providerID segment) → Node. */
  nodesByInstanceId: Map<string, k8s.Node>;
  podsByKey: Map<string, k8s.Pod>;
  /** status.podIP → Pod (ip targets, JOIN-4). */
  podsByIp: Map<string, k8s.Pod>;
  loadBalancersByDns: Map<string, elbv2.LoadBalancer>;
  loadBalancersByArn: Map<string, elbv2.LoadBalancer>;
  targetGroupsByArn: Map<string, elbv2.TargetGroup>;
  /** All target groups attached to a load balancer (DST-5 evaluates DNS failover over every TG of the LB). */
  targetGroupsByLoadBalancer: Map<string, elbv2.TargetGroup[]>;
  classicByDns: Map<string, elb.LoadBalancerDescription>;
  /** Which halves of the data are missing, from snapshot.problems. */
  missing: { endpointSlices: boolean; nodes: boolean; pods: boolean; services: boolean; aws: boolean; targetHealth: boolean };
}

export const indexSnapshot: (snapshot: Snapshot) => SnapshotIndex = memoPerObject(buildIndex);

export const objectKey = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;

/** JOIN-4 / A4: `aws:///us-east-1a/i-0abc` → `i-0abc`; Fargate and hybrid nodes are not EC2 instance targets. */
export function instanceIdOf(node: k8s.Node): string | undefined {
  const providerID = node.spec?.providerID;
  if (!providerID) return undefined;
  if (/^i-[0-9a-f]+$/.test(providerID)) return providerID;
  if (!providerID.startsWith("aws://")) return undefined;
  const last = providerID.split("/").pop() ?? "";
  return /^i-[0-9a-f]+$/.test(last) ? last : undefined;
}

/** DST-4 / K7: zone label, else the AZ segment of the providerID. */
export function zoneOfNode(node: k8s.Node): string | undefined {
  const labels = node.metadata.labels ?? {};
  const fromLabel = labels[LABEL_ZONE] ?? labels[LABEL_ZONE_LEGACY];
  if (fromLabel) return fromLabel;
  const m = /^aws:\/\/\/([a-z0-9-]+)\/i-/.exec(node.spec?.providerID ?? "");
  return m?.[1];
}

function buildIndex(s: Snapshot): SnapshotIndex {
  const servicesByKey = new Map(s.kubernetes.services.map((svc) => [objectKey(svc.metadata.namespace, svc.metadata.name), svc]));
  const slicesByService = new Map<string, k8s.EndpointSlice[]>();
  for (const slice of s.kubernetes.endpointSlices) {
    const svcName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svcName) continue;
    const key = objectKey(slice.metadata.namespace, svcName);
    const list = slicesByService.get(key);
    if (list) list.push(slice);
    else slicesByService.set(key, [slice]);
  }
  const nodesByName = new Map(s.kubernetes.nodes.map((n) => [n.metadata.name, n]));
  const nodesByInstanceId = new Map<string, k8s.Node>();
  for (const n of s.kubernetes.nodes) {
    const id = instanceIdOf(n);
    if (id) nodesByInstanceId.set(id, n);
  }
  const podsByKey = new Map(s.kubernetes.pods.map((p) => [objectKey(p.metadata.namespace, p.metadata.name), p]));
  const podsByIp = new Map<string, k8s.Pod>();
  for (const p of s.kubernetes.pods) if (p.status?.podIP) podsByIp.set(p.status.podIP, p);
  const loadBalancersByDns = new Map(s.aws.loadBalancers.map((lb) => [lb.dnsName.toLowerCase(), lb]));
  const loadBalancersByArn = new Map(s.aws.loadBalancers.map((lb) => [lb.loadBalancerArn, lb]));
  const targetGroupsByArn = new Map(s.aws.targetGroups.map((tg) => [tg.targetGroupArn, tg]));
  const targetGroupsByLoadBalancer = new Map<string, elbv2.TargetGroup[]>();
  for (const tg of s.aws.targetGroups) {
    for (const arn of tg.loadBalancerArns) {
      const list = targetGroupsByLoadBalancer.get(arn);
      if (list) list.push(tg);
      else targetGroupsByLoadBalancer.set(arn, [tg]);
    }
  }
  const classicByDns = new Map(s.aws.classicLoadBalancers.map((lb) => [lb.dnsName.toLowerCase(), lb]));
  // Problems about data that is held (the last good copy, `heldSince`) do not make it missing.
  const problems = (s.problems ?? []).filter((p) => !p.heldSince);
  // Match the problem's detail ("list endpointslices.discovery.k8s.io"), never free text that may hold a cluster name.
  const k8sMissing = (resource: string) => problems.some((p) => p.source === "kubernetes" && new RegExp(`(^|\\s)${resource}(\\.|\\s|$)`).test(p.detail ?? ""));
  return {
    snapshot: s,
    servicesByKey,
    slicesByService,
    nodesByName,
    nodesByInstanceId,
    podsByKey,
    podsByIp,
    loadBalancersByDns,
    loadBalancersByArn,
    targetGroupsByArn,
    targetGroupsByLoadBalancer,
    classicByDns,
    missing: {
      endpointSlices: k8sMissing("endpointslices"),
      nodes: k8sMissing("nodes"),
      pods: k8sMissing("pods"),
      services: k8sMissing("services"),
      aws: problems.some((p) => p.source === "aws" && (/DescribeLoadBalancers/.test(p.detail ?? "") || /UNREACHABLE|CREDENTIALS/.test(p.code))),
      targetHealth: problems.some((p) => p.source === "aws" && /DescribeTargetHealth|DescribeInstanceHealth/.test(p.detail ?? "")),
    },
  };
}
