import type * as k8s from "./model/kubernetes";
import type { Snapshot } from "./model/snapshot";
import type { Finding, NodeInfo, Path, Skeleton, Topology, Warning } from "@/lib/api/topology";
import { skeletonOf } from "./skeleton";
import { indexSnapshot, instanceIdOf, objectKey, zoneOfNode, type SnapshotIndex } from "./index/snapshotIndex";
import { owningController } from "./join/owningController";
import { loadBalancersForService } from "./join/loadBalancerForService";
import { classicPathInputs, elbv2PathInputs } from "./join/pathInputs";
import { internalIp, isNodeReady, nodeRemoval } from "./join/nodeFacts";
import { buildPath } from "./buildPath";
import { byUrgency, pathFindings } from "./analysis/findings";
import { missingTargets } from "./join/expectedTargets";
import { flavourOf } from "./join/registration";
import { bindingPaths } from "./alb/bindingPaths";
import { enrichPath } from "./analysis/overTime";

export interface ServiceRef {
  namespace: string;
  name: string;
}


/**
 * The one entry point of the pure core: snapshot + Service → Topology (the API contract in lib/api/topology.ts).
 * No I/O, no clock: the same snapshot always gives the same topology. Returns null for an unknown Service.
 */
export function buildTopology(snapshot: Snapshot, ref: ServiceRef): Topology | null {
  const index = indexSnapshot(snapshot);
  const svc = index.servicesByKey.get(objectKey(ref.namespace, ref.name));
  if (!svc) return null;
  return topologyOf(svc, index);
}

const memo = new WeakMap<Snapshot, Map<string, Topology>>();

/** Topologies are memoised per snapshot object, so summaries, triage and repeated views share the work. */
export function topologyOf(svc: k8s.Service, index: SnapshotIndex): Topology {
  let perSnapshot = memo.get(index.snapshot);
  if (!perSnapshot) memo.set(index.snapshot, (perSnapshot = new Map()));
  const key = objectKey(svc.metadata.namespace, svc.metadata.name);
  const hit = perSnapshot.get(key);
  if (hit) return hit;
  const topology = compute(svc, index);
  perSnapshot.set(key, topology);
  return topology;
}

function compute(svc: k8s.Service, index: SnapshotIndex): Topology {
  const s = index.snapshot;
  const ownership = owningController(svc); // JOIN-1
  const etp = svc.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
  const warnings: Warning[] = (s.problems ?? []).map((p) => ({ code: p.code, message: p.message, fix: p.fix, source: p.source }));
  const findings: Finding[] = [];
  const paths: Path[] = [];
  let joinedAny = false;
  const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.hostname ?? i.ip).filter((x): x is string => !!x);

  if (svc.spec.type === "LoadBalancer") {
    const join = loadBalancersForService(svc, index); // JOIN-2
    joinedAny = join.loadBalancers.length > 0;
    for (const note of join.notes) warnings.push({ code: "JOIN_AMBIGUOUS", message: note, fix: "Set LBPATH_AWS_CLUSTER_NAME to the cluster's name in AWS tags.", source: "aws" });
    for (const joined of join.loadBalancers) {
      const { inputs, unmatchedPorts } = joined.kind === "elbv2" ? elbv2PathInputs(svc, joined, index) : classicPathInputs(svc, joined); // JOIN-3
      for (const input of inputs) {
        const path = buildPath(input, index, warnings); // JOIN-4, HLT-*, DST-*, SRC-*
        const overTime = enrichPath(path, index, { controller: ownership.controller, etp }); // observed, history, rollout (issue 12)
        paths.push(path);
        const lb = joined.kind === "elbv2" ? joined.lb : null;
        const dualStack = !!lb && (lb.ipAddressType ?? "").startsWith("dualstack");
        const tgFamily = input.targetGroup?.ipAddressType === "ipv6" ? "ipv6" : "ipv4";
        const dualStackToIpv4 = dualStack && tgFamily === "ipv4";
        // SRC-5: nor can it tell a PrivateLink consumer (that needs the VPC endpoint services); PPv2 is how such
        // a service recovers the client, so where it is on, say that those consumers arrive from the NLB.
        if (path.clientIp.header === "proxy-protocol-v2")
          for (const pod of path.pods.filter((p) => p.sourceIp.seenAs === "client")) {
            pod.sourceIp.explanation += " Consumers that reach this NLB through AWS PrivateLink (a VPC endpoint service) arrive from the NLB's private IP instead; the PROXY v2 header still carries their address and the endpoint's ID (SRC-5).";
            pod.sourceIp.rules = [...pod.sourceIp.rules, "SRC-5"];
          }
        // SRC-4: the API cannot tell a flow's client family. A preserved client address is only preserved for clients
        // of the target's family; the others arrive from the load balancer's address in the target's family.
        if (dualStack)
          for (const pod of path.pods.filter((p) => p.sourceIp.seenAs === "client")) {
            pod.sourceIp.explanation +=
              tgFamily === "ipv4"
                ? " IPv6 clients of this dual-stack load balancer reach the pod from the load balancer's IPv4 address instead (SRC-4)."
                : " IPv4 clients of this dual-stack load balancer reach the pod from the load balancer's IPv6 address instead (SRC-4).";
            pod.sourceIp.rules = [...pod.sourceIp.rules, "SRC-4"];
          }
        findings.push(...pathFindings(path, { etp, scheme: input.lb.scheme, dualStackToIpv4, missing: missingTargets(svc, path, index, flavourOf(ownership)) }), ...overTime);
      }
      for (const p of unmatchedPorts)
        findings.push({ severity: "warning", code: "NO_LISTENER", message: `No listener on ${joined.lb.loadBalancerName} forwards port ${p.port}/${p.protocol ?? "TCP"} (${p.name ?? "unnamed"}).`, action: "Check the controller's events for this Service (kubectl describe service).", rules: ["JOIN-3"], pathId: null, refs: [] });
    }
    // A Service of an unmodelled controller may not be an AWS load balancer at all: not a fault of ours to report.
    if (join.loadBalancers.length === 0 && ownership.controller !== "unknown") findings.push(missingLoadBalancer(ingress, join.unmatchedHostnames, index));
    else if (join.unmatchedHostnames.length > 0)
      findings.push({ severity: "warning", code: "LB_NOT_FOUND", message: `Status hostname ${join.unmatchedHostnames.join(", ")} matches no load balancer; joined by tags instead.`, action: "The Service status may be stale; check the controller.", rules: ["JOIN-2"], pathId: null, refs: [] });
    if (ownership.controller === "unknown")
      findings.push({ severity: "info", code: "CONTROLLER_UNKNOWN", message: `loadBalancerClass "${svc.spec.loadBalancerClass}" names a controller lbpath does not model; the legacy provider and the AWS Load Balancer Controller both ignore this Service.`, action: "If this is an AWS controller, tell us which; otherwise lbpath can only show what the hostname join finds.", rules: ["JOIN-1"], pathId: null, refs: [] });
  }
  // TGB-1 (issue 13): target groups of load balancers made outside the cluster, bound to this Service by hand.
  const bound = bindingPaths(svc, index, warnings);
  paths.push(...bound.paths);
  findings.push(...bound.findings);
  if (warnings.length > 0 && !findings.some((x) => x.code === "PARTIAL_DATA"))
    findings.push({ severity: "warning", code: "PARTIAL_DATA", message: `Part of the data could not be read: ${warnings.map((w) => w.code).join(", ")}. What is shown is partial.`, action: warnings.find((w) => w.fix)?.fix, rules: [], pathId: null, refs: [] });

  findings.sort(byUrgency);
  // Item 3 of issue 10: without a path, the Kubernetes half is still drawn.
  const skeleton = svc.spec.type === "LoadBalancer" && paths.length === 0 ? skeletonOf(svc, index, ownership, missingHalf(svc, ownership, ingress, joinedAny, warnings, index)) : null;
  return {
    cluster: s.cluster.name,
    service: {
      namespace: svc.metadata.namespace,
      name: svc.metadata.name,
      type: svc.spec.type ?? "ClusterIP",
      externalTrafficPolicy: etp,
      // TGB-1: a Service that is not of type LoadBalancer but bound by hand: the AWS Load Balancer Controller keeps its targets.
      controller: svc.spec.type !== "LoadBalancer" && bound.paths.length > 0 ? "aws-load-balancer-controller" : ownership.controller,
      loadBalancerClass: svc.spec.loadBalancerClass ?? null,
      healthCheckNodePort: svc.spec.healthCheckNodePort ?? null,
      ingress,
      annotations: svc.metadata.annotations ?? {},
      labels: svc.metadata.labels ?? {},
    },
    nodes: relevantNodes(paths, index),
    paths,
    skeleton,
    findings,
    warnings,
    age: { capturedAt: s.capturedAt, kubernetes: s.ages?.kubernetes ?? null, aws: s.ages?.aws ?? null },
  };
}

function missingLoadBalancer(ingress: string[], unmatched: string[], index: SnapshotIndex): Finding {
  if (ingress.length === 0)
    return { severity: "info", code: "LB_PENDING", message: "The Service has no load-balancer address yet (EXTERNAL-IP <pending>): the controller has not finished provisioning.", action: "Wait a few minutes; if it stays pending, kubectl describe service shows the controller's events.", rules: ["JOIN-2"], pathId: null, refs: [] };
  if (index.missing.aws)
    return { severity: "warning", code: "PARTIAL_DATA", message: `The load balancer ${ingress.join(", ")} could not be looked up: AWS data is unavailable.`, action: "See the partial-data warning for the cause.", rules: ["JOIN-2"], pathId: null, refs: [] };
  return { severity: "critical", code: "LB_NOT_FOUND", message: `The Service points at ${unmatched.join(", ")}, but no load balancer with that DNS name exists in ${index.snapshot.cluster.region ?? "this region"}.`, action: "Check the region (AWS_REGION) and account lbpath reads, and the controller's events; the load balancer may have been deleted.", rules: ["JOIN-2"], pathId: null, refs: [] };
}

/** Why there is no path, in the placeholder's words (JOIN-1, JOIN-2, JOIN-3). */
function missingHalf(svc: k8s.Service, ownership: ReturnType<typeof owningController>, ingress: string[], joinedAny: boolean, warnings: Warning[], index: SnapshotIndex): Pick<Skeleton, "reason" | "message" | "hostname"> {
  const hostname = ingress[0] ?? null;
  if (ownership.controller === "unknown") return { reason: "unknown-controller", message: `unmodelled controller (${svc.spec.loadBalancerClass ?? "?"})`, hostname };
  if (ingress.length === 0) return { reason: "pending", message: "pending (not created yet)", hostname };
  if (joinedAny) return { reason: "no-listener", message: "no listener for its ports", hostname };
  if (index.missing.aws) {
    const codes = [...new Set(warnings.filter((w) => w.source === "aws").map((w) => w.code))].join(", ");
    return { reason: "aws-unreadable", message: `AWS unreadable${codes ? ` (${codes})` : ""}`, hostname };
  }
  return { reason: "not-found", message: `not found in ${index.snapshot.cluster.region ?? "the region lbpath reads"}`, hostname };
}

export function relevantNodes(paths: Path[], index: SnapshotIndex): NodeInfo[] {
  const names = new Set<string>();
  for (const p of paths) {
    for (const t of p.targets) if (t.node) names.add(t.node);
    for (const pod of p.pods) if (pod.node) names.add(pod.node);
  }
  return [...names]
    .sort()
    .map((name) => {
      const n = index.nodesByName.get(name);
      return {
        key: `Node:${name}`,
        name,
        zone: (n && zoneOfNode(n)) ?? null,
        instanceId: (n && instanceIdOf(n)) ?? null,
        internalIp: n ? internalIp(n) : null,
        ready: n ? isNodeReady(n) : false,
        excluded: n ? nodeRemoval(n) : null,
      };
    });
}
