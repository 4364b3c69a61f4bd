import type * as k8s from "../model/kubernetes";
import type { Change } from "@/lib/api/whatIf";
import type { Topology } from "@/lib/api/topology";
import type { Ownership } from "../join/owningController";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { zoneOfNode } from "../index/snapshotIndex";
import { isNodeReady } from "../join/nodeFacts";
import type { Flavour } from "./controller";

/** The changes of one request, folded into what each part of the reconcile needs to know. */
export interface Plan {
  etp?: "Local" | "Cluster";
  crossZone?: boolean;
  targetGroupCrossZone?: boolean | "use_load_balancer_configuration";
  targetType?: "instance" | "ip";
  preserveClientIp?: boolean;
  proxyProtocolV2?: boolean;
  drains: { node: string; remove: boolean }[];
  addPods: string[];
  replicas?: number;
  zonalShift?: { zone: string | null; mode: "shift" | "outage" };
  /** The health-check settings the controller derives change (externalTrafficPolicy, HC-*). */
  healthCheckChanges: boolean;
  /** Target registrations or health may change: recompute them (WIF-3). */
  healthChanges: boolean;
}

export function planOf(changes: readonly Change[], current: { etp: "Local" | "Cluster" }): Plan {
  const plan: Plan = { drains: [], addPods: [], healthCheckChanges: false, healthChanges: false };
  for (const c of changes) {
    switch (c.kind) {
      case "externalTrafficPolicy":
        plan.etp = c.value;
        break;
      case "crossZone":
        plan.crossZone = c.value;
        break;
      case "targetGroupCrossZone":
        plan.targetGroupCrossZone = c.value;
        break;
      case "targetType":
        plan.targetType = c.value;
        break;
      case "preserveClientIp":
        plan.preserveClientIp = c.value;
        break;
      case "proxyProtocolV2":
        plan.proxyProtocolV2 = c.value;
        break;
      case "drainNode":
        plan.drains.push(typeof c.value === "string" ? { node: c.value, remove: false } : { node: c.value.node, remove: !!c.value.remove });
        break;
      case "addPod":
        plan.addPods.push(typeof c.value === "string" ? c.value : c.value.node);
        break;
      case "replicas":
        plan.replicas = c.value;
        break;
      case "zonalShift":
        plan.zonalShift = c.value === null ? { zone: null, mode: "shift" } : typeof c.value === "string" ? { zone: c.value, mode: "shift" } : { zone: c.value.zone, mode: c.value.outage ? "outage" : "shift" };
        break;
    }
  }
  plan.healthCheckChanges = plan.etp !== undefined && plan.etp !== current.etp;
  plan.healthChanges =
    plan.healthCheckChanges || plan.proxyProtocolV2 !== undefined || plan.drains.length > 0 || plan.addPods.length > 0 || plan.replicas !== undefined || plan.zonalShift?.mode === "outage";
  return plan;
}

/** A change that cannot be made, or cannot be predicted: refused with the field and the reason, never ignored. */
export interface Refusal {
  /** JSON path of the offending part of the request, e.g. "changes[1].value". */
  field: string;
  message: string;
  fix?: string;
}

/**
 * Which changes this Service's controller can make, and which the data allows predicting (JOIN-1, JOIN-5).
 * Returns the first problem, so the caller answers 400 naming it.
 */
export function refusalOf(changes: readonly Change[], ctx: { svc: k8s.Service; ownership: Ownership; flavour: Flavour | null; before: Topology; index: SnapshotIndex; workload: readonly k8s.Pod[] }): Refusal | null {
  const { svc, flavour, before, index } = ctx;
  if (svc.spec.type !== "LoadBalancer") return { field: "service", message: `${svc.metadata.namespace}/${svc.metadata.name} is of type ${svc.spec.type ?? "ClusterIP"}: it has no load balancer to predict for.` };
  if (!flavour) return { field: "service", message: `loadBalancerClass "${svc.spec.loadBalancerClass}" names a controller lbpath does not model, so it cannot say what the controller would do.` };
  if (before.paths.length === 0) return { field: "service", message: "The Service's load balancer is not known (pending, not found, or AWS unreadable): there is no current path to change.", fix: "Wait for the load balancer, or fix the partial-data warning, then ask again." };
  if (before.paths.some((p) => p.unknown > 0.999)) return { field: "service", message: "Target health could not be read, so the current state, and with it any prediction, is unknown.", fix: "Fix the partial-data warning (elasticloadbalancing:DescribeTargetHealth), then ask again." };
  const classic = flavour === "legacy-clb";
  const tgProtocols = before.paths.map((p) => (p.targetGroup?.protocol ?? "").toUpperCase());
  for (const [i, c] of changes.entries()) {
    const at = `changes[${i}].value`;
    switch (c.kind) {
      case "targetType":
        if (flavour !== "lbc") return { field: `changes[${i}].kind`, message: `Target type ${c.value} needs the AWS Load Balancer Controller: the legacy cloud provider registers instance targets only${classic ? " (and a Classic ELB only knows instances)" : ""}.`, fix: "Move the Service to the AWS Load Balancer Controller (spec.loadBalancerClass: service.k8s.aws/nlb on a new Service), then set service.beta.kubernetes.io/aws-load-balancer-nlb-target-type." };
        break;
      case "targetGroupCrossZone":
      case "preserveClientIp":
      case "proxyProtocolV2":
        // The legacy provider validates aws-load-balancer-target-group-attributes: only these two keys pass (SRC-2).
        if (c.kind === "targetGroupCrossZone" && flavour === "legacy-nlb")
          return { field: `changes[${i}].kind`, message: "The legacy cloud provider accepts only preserve_client_ip.enabled and proxy_protocol_v2.enabled in aws-load-balancer-target-group-attributes; any other attribute makes every reconcile of the Service fail (SRC-2).", fix: "Change the load balancer's cross-zone setting instead (crossZone), or move the Service to the AWS Load Balancer Controller." };
        if (classic) return { field: `changes[${i}].kind`, message: `A Classic ELB has no target groups, so "${c.kind}" does not apply.${c.kind === "proxyProtocolV2" ? " Classic ELBs speak PROXY protocol v1 (annotation service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: \"*\")." : ""}`, fix: "Use an NLB (annotation service.beta.kubernetes.io/aws-load-balancer-type: nlb, or the AWS Load Balancer Controller)." };
        if (c.kind === "preserveClientIp" && c.value === false && tgProtocols.some((p) => p.includes("UDP")))
          return { field: at, message: "Client IP preservation cannot be turned off on a UDP target group: AWS always preserves it there (SRC-3)." };
        break;
      case "drainNode":
      case "addPod": {
        const name = typeof c.value === "string" ? c.value : c.value.node;
        const node = index.nodesByName.get(name);
        if (!node) return { field: at, message: `There is no node "${name}" in this cluster.`, fix: "Pick a node the page lists (kubectl get nodes)." };
        if (c.kind === "addPod" && (!isNodeReady(node) || node.spec?.unschedulable)) return { field: at, message: `Node "${name}" is ${node.spec?.unschedulable ? "cordoned" : "not Ready"}: no new pod can start there.` };
        if (ctx.workload.length === 0) return { field: at, message: "The Service selects no pods (no selector, or no pod matches it), so there is no workload to move or copy." };
        break;
      }
      case "replicas":
        if (!svc.spec.selector || Object.keys(svc.spec.selector).length === 0) return { field: at, message: "The Service has no selector, so lbpath cannot tell which workload to scale." };
        if (ctx.workload.length === 0) return { field: at, message: "The Service selects no pods, so lbpath cannot tell which workload to scale.", fix: "Scale the Deployment first; then it can be predicted from there." };
        break;
      case "zonalShift": {
        const v = c.value;
        const zone = v === null ? null : typeof v === "string" ? v : v.zone;
        const outage = v !== null && typeof v === "object" && !!v.outage;
        const lbZones = new Set(before.paths.flatMap((p) => p.loadBalancer.zones));
        const nodeZones = new Set(index.snapshot.kubernetes.nodes.map((n) => zoneOfNode(n)).filter(Boolean));
        if (!outage && classic) return { field: at, message: "Zonal shift is an ARC capability of NLBs and ALBs; a Classic ELB cannot be shifted.", fix: "Ask for a zone outage instead (zonalShift with outage: true) to see the effect of losing the zone." };
        if (zone && !lbZones.has(zone) && !nodeZones.has(zone)) return { field: at, message: `Zone "${zone}" is neither a zone of the load balancer (${[...lbZones].join(", ")}) nor of any node.` };
        if (zone && !outage && !lbZones.has(zone)) return { field: at, message: `The load balancer has no subnet in ${zone}, so there is nothing to shift away from.` };
        if (zone === null && !before.paths.some((p) => p.zones.some((z) => z.zonalShift))) return { field: at, message: "No zonal shift is active on this load balancer, so there is none to end." };
        break;
      }
    }
  }
  return null;
}
