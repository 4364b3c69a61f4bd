import type * as elbv2 from "../model/elbv2";
import type * as k8s from "../model/kubernetes";
import type { Finding, Path, RuleTargetGroupView, RuleView, Warning } from "@/lib/api/topology";
import { enrichPath } from "../analysis/overTime";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { objectKey } from "../index/snapshotIndex";
import { buildPath, type LbFacts } from "../buildPath";
import { healthCheckOf, rawV2, siblingTargetSets } from "../join/pathInputs";
import { round } from "../analysis/distribution";
import type { RuleId } from "@/lib/api/rules";

/**
 * One ALB (or Gateway) path: listener → rules → one target group → its bound Service's targets and pods. The
 * target, zone, health and share analysis is buildPath's (JOIN-4, HLT-*, DST-*); on top of it, for ALBs:
 * - ALB-H1: an instance target under externalTrafficPolicy Local whose node has no ready local endpoint fails the
 *   health check on the traffic port by design (kube-proxy drops it, SRC-9): the shared classifier (targetHealth.ts)
 *   says so for every traffic-port check;
 * - ALB-S1: the source IP says which hop adds what (the ALB opens its own connection and writes X-Forwarded-For);
 * - ALB-R10: a weighted forward scales every share of the path by its target group's weight.
 */

export interface TargetGroupPathInput {
  lb: elbv2.LoadBalancer;
  facts: LbFacts;
  listener: elbv2.Listener;
  tg: elbv2.TargetGroup;
  service: NonNullable<RuleTargetGroupView["service"]>;
  /** Fraction of the rule's requests sent to this target group (1 unless weighted). */
  weight: number;
  rules: RuleView[];
}

/** The Service port a binding or an Ingress backend names (number: the Service port; string: its name). */
export function servicePortOf(svc: k8s.Service, port: number | string): k8s.ServicePort | undefined {
  return (svc.spec.ports ?? []).find((p) => (typeof port === "number" ? p.port === port : p.name === port));
}

/**
 * The path, and the findings of issue 12 on it (observed traffic, target history, the rollout check), worked out
 * before a weighted forward scales its shares: CloudWatch's numbers are the load balancer's, not the weight's.
 */
export function targetGroupPath(i: TargetGroupPathInput, index: SnapshotIndex, warnings: Warning[]): { path: Path; findings: Finding[] } | null {
  const svc = index.servicesByKey.get(objectKey(i.service.namespace, i.service.name));
  const svcPort = svc && servicePortOf(svc, i.service.port);
  if (!svc || !svcPort) return null;
  const targetType = i.tg.targetType === "ip" ? "ip" : "instance";
  const path = buildPath(
    {
      svc,
      svcPort,
      lb: i.facts,
      listener: { port: i.listener.port, protocol: i.listener.protocol },
      targetGroup: i.tg,
      targetType,
      tgProtocol: i.tg.protocol ?? null,
      tgAttributes: i.tg.attributes,
      healthCheck: healthCheckOf(i.tg, svc),
      targets: i.tg.targetHealthDescriptions ? i.tg.targetHealthDescriptions.map(rawV2) : null,
      siblingTargetSets: siblingTargetSets(i.lb, i.facts, index),
      classicProxyProtocol: false,
      failOpenSupported: true,
    },
    index,
    warnings,
  );
  const etp = svc.spec.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
  if (i.lb.type === "application") applyAlbSourceIp(path, i.lb, targetType, etp);
  path.id = `${path.loadBalancer.kind}:${path.loadBalancer.name}:${i.listener.port}:${i.tg.targetGroupName}`;
  // Target groups bound by a TargetGroupBinding are the AWS Load Balancer Controller's (Ingress, Gateway or by hand).
  const findings = enrichPath(path, index, { controller: "aws-load-balancer-controller", etp });
  return {
    path: { ...scaled(path, i.weight), rules: i.rules, backendService: { namespace: svc.metadata.namespace, name: svc.metadata.name, externalTrafficPolicy: etp } },
    findings,
  };
}

/**
 * ALB-S1 (SRC-13, S22/S23): the ALB ends the client's connection and opens its own, so the target sees the ALB's
 * private address; it writes the client address into X-Forwarded-For unless the LB attribute
 * `routing.http.xff_header_processing.mode` is `preserve` (passed on unchanged) or `remove` (W-ALB-XFF).
 */
function applyAlbSourceIp(path: Path, lb: elbv2.LoadBalancer, targetType: "instance" | "ip", etp: "Local" | "Cluster"): void {
  const mode = lb.attributes["routing.http.xff_header_processing.mode"] ?? "append";
  const header = mode === "append" ? "x-forwarded-for" : null;
  const xff =
    mode === "append"
      ? "The ALB appends the client's address to X-Forwarded-For (and sets X-Forwarded-Proto and X-Forwarded-Port); kube-proxy changes only the packet's source, never the header."
      : mode === "preserve"
        ? "X-Forwarded-For is passed on exactly as the client sent it (routing.http.xff_header_processing.mode=preserve): the ALB does not add the client's address, so the header cannot be trusted."
        : "X-Forwarded-For is removed (routing.http.xff_header_processing.mode=remove): the client's address is lost.";
  const seen =
    targetType === "ip"
      ? "The pod sees the ALB's private IP: the ALB ends the client's connection and opens its own straight to the pod."
      : etp === "Cluster"
        ? "The ALB ends the client's connection and opens its own to the node's nodePort (the node sees the ALB's private IP); kube-proxy then SNATs that to the node's IP (externalTrafficPolicy Cluster), so the pod sees a node IP."
        : "The ALB ends the client's connection and opens its own to the node's nodePort; with externalTrafficPolicy Local kube-proxy does not SNAT, so the pod sees the ALB's private IP.";
  path.clientIp = { ...path.clientIp, header, rules: [...new Set<RuleId>([...path.clientIp.rules, "ALB-S1"])], summary: `${seen} ${xff}` };
  for (const p of path.pods) p.sourceIp = { ...p.sourceIp, header, rules: [...new Set<RuleId>([...p.sourceIp.rules, "ALB-S1"])] };
}

/** ALB-R10: multiply the path's shares by the weight; the rest goes to the action's other target groups. */
function scaled(path: Path, w: number): Path {
  if (w >= 1 - 1e-12) return path;
  const x = (v: number) => round(v * w);
  return {
    ...path,
    zones: path.zones.map((z) => ({ ...z, share: x(z.share) })),
    targets: path.targets.map((t) => ({ ...t, share: x(t.share) })),
    pods: path.pods.map((p) => ({ ...p, share: x(p.share) })),
    dropped: x(path.dropped),
    rejected: x(path.rejected),
    unknown: x(path.unknown),
    weight: round(w),
    otherTargetGroups: round(1 - w),
  };
}
