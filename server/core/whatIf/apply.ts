import type * as k8s from "../model/kubernetes";
import type { ApplyStep, Change } from "@/lib/api/whatIf";
import { CONTROLLER } from "@/lib/vocabulary";
import type { Ownership } from "../join/owningController";
import { ANN } from "../join/owningController";
import { ann, formatKeyValues, keyValues, type Flavour } from "./controller";

/**
 * The exact change to make, for the controller that owns the Service (JOIN-1, JOIN-5): a `kubectl patch` line and
 * the same change as YAML, or the command for changes that are not Service edits (drain, scale, zonal shift).
 * Annotation values are merged with what the Service already has, so applying one never drops another setting.
 */
export interface ApplyContext {
  svc: k8s.Service;
  ownership: Ownership;
  flavour: Flavour;
  deployment: string;
  /** Replica count the workload will have, for scale commands. */
  replicasAfter: number;
  loadBalancerArn: string | null;
  zonalShiftEnabled: boolean;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function servicePatch(ctx: ApplyContext, patch: { annotations?: Record<string, string | null>; spec?: Record<string, unknown> }, note: string | null): ApplyStep {
  const { svc } = ctx;
  const body: Record<string, unknown> = {};
  if (patch.annotations) body.metadata = { annotations: patch.annotations };
  if (patch.spec) body.spec = patch.spec;
  const yaml = [
    "apiVersion: v1",
    "kind: Service",
    "metadata:",
    `  name: ${JSON.stringify(svc.metadata.name)}`,
    `  namespace: ${JSON.stringify(svc.metadata.namespace)}`,
    ...(patch.annotations ? ["  annotations:", ...Object.entries(patch.annotations).map(([k, v]) => `    ${k}: ${v === null ? "null  # remove" : JSON.stringify(v)}`)] : []),
    ...(patch.spec ? ["spec:", ...Object.entries(patch.spec).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)] : []),
  ].join("\n");
  return {
    controller: CONTROLLER[ctx.ownership.controller].label,
    kubectlPatch: `kubectl -n ${q(svc.metadata.namespace)} patch service ${q(svc.metadata.name)} --type merge -p ${q(JSON.stringify(body))}`,
    yaml,
    note,
  };
}

/** `aws-load-balancer-(target-group-)attributes` with one key set, the others kept. */
function mergedAttributes(svc: k8s.Service, key: string, attr: string, value: string): Record<string, string> {
  const kv = keyValues(ann(svc, key));
  kv[attr] = value;
  return { [`${ANN}${key}`]: formatKeyValues(kv) };
}

/**
 * The LBC merges the deprecated cross-zone annotation over aws-load-balancer-attributes (MergeStringMap keeps the
 * first map's value), so a Service that still carries it would keep its old setting: remove it with the change.
 */
function lbcCrossZone(svc: k8s.Service, value: boolean): Record<string, string | null> {
  const deprecated = `${ANN}aws-load-balancer-cross-zone-load-balancing-enabled`;
  return { ...mergedAttributes(svc, "aws-load-balancer-attributes", "load_balancing.cross_zone.enabled", String(value)), ...(svc.metadata.annotations?.[deprecated] !== undefined ? { [deprecated]: null } : {}) };
}

function command(ctx: ApplyContext, line: string, yaml: string, note: string | null): ApplyStep {
  return { controller: CONTROLLER[ctx.ownership.controller].label, kubectlPatch: line, yaml, note };
}

export function applyStep(c: Change, ctx: ApplyContext): ApplyStep {
  const { svc, flavour } = ctx;
  const ns = q(svc.metadata.namespace);
  switch (c.kind) {
    case "externalTrafficPolicy":
      return servicePatch(ctx, { spec: { externalTrafficPolicy: c.value } }, c.value === "Local" ? "Kubernetes allocates spec.healthCheckNodePort; the controller points the health check at it (HC-2, HC-5, HC-7)." : "Kubernetes releases spec.healthCheckNodePort; the controller health-checks the traffic port (HC-1, HC-4, HC-6).");
    case "crossZone":
      return flavour === "lbc"
        ? servicePatch(ctx, { annotations: lbcCrossZone(svc, c.value) }, "The AWS Load Balancer Controller sets the load balancer attribute from this annotation (DST-2).")
        : servicePatch(ctx, { annotations: { [`${ANN}aws-load-balancer-cross-zone-load-balancing-enabled`]: String(c.value) } }, "The legacy cloud provider sets the load balancer's cross-zone attribute from this annotation (DST-2).");
    case "targetGroupCrossZone":
      return servicePatch(ctx, { annotations: mergedAttributes(svc, "aws-load-balancer-target-group-attributes", "load_balancing.cross_zone.enabled", String(c.value)) }, "Applied to every target group of the Service (W6, SRC-2).");
    case "targetType": {
      const annotations: Record<string, string> = { [`${ANN}aws-load-balancer-nlb-target-type`]: c.value };
      if (ann(svc, "aws-load-balancer-type") === "nlb-ip") annotations[`${ANN}aws-load-balancer-type`] = "external";
      return servicePatch(ctx, { annotations }, "The controller creates a new target group for the new target type, points the listener at it and deletes the old one after it drains (L3).");
    }
    case "preserveClientIp":
      return servicePatch(ctx, { annotations: mergedAttributes(svc, "aws-load-balancer-target-group-attributes", "preserve_client_ip.enabled", String(c.value)) }, null);
    case "proxyProtocolV2": {
      if (flavour === "lbc") {
        const annotations: Record<string, string | null> = { [`${ANN}aws-load-balancer-proxy-protocol`]: c.value ? "*" : null };
        // The proxy-protocol annotation wins over the attribute annotation (L2); clear a stale attribute too.
        if (!c.value && keyValues(ann(svc, "aws-load-balancer-target-group-attributes"))["proxy_protocol_v2.enabled"] === "true")
          Object.assign(annotations, mergedAttributes(svc, "aws-load-balancer-target-group-attributes", "proxy_protocol_v2.enabled", "false"));
        return servicePatch(ctx, { annotations }, null);
      }
      return servicePatch(ctx, { annotations: mergedAttributes(svc, "aws-load-balancer-target-group-attributes", "proxy_protocol_v2.enabled", String(c.value)) }, "The legacy NLB path ignores the proxy-protocol annotation; it applies target-group attributes (SRC-2).");
    }
    case "drainNode": {
      const node = typeof c.value === "string" ? c.value : c.value.node;
      const remove = typeof c.value !== "string" && !!c.value.remove;
      const line = `kubectl drain ${q(node)} --ignore-daemonsets --delete-emptydir-data${remove ? ` && kubectl delete node ${q(node)}` : ""}`;
      return command(ctx, line, "", remove ? "Then terminate the instance (the node group or Karpenter does it when it scales in); the controller deregisters it." : "The node stays registered with the load balancer while cordoned (JOIN-4); uncordon it with kubectl uncordon.");
    }
    case "addPod": {
      const node = typeof c.value === "string" ? c.value : c.value.node;
      return command(ctx, `kubectl -n ${ns} scale deployment/${q(ctx.deployment)} --replicas=${ctx.replicasAfter}`, deploymentYaml(ctx), `The scheduler places the new pod; to make it land on ${node}, use node affinity or topologySpreadConstraints in the pod template.`);
    }
    case "replicas":
      return command(ctx, `kubectl -n ${ns} scale deployment/${q(ctx.deployment)} --replicas=${c.value}`, deploymentYaml(ctx), "If a HorizontalPodAutoscaler manages the Deployment, change its minReplicas/maxReplicas instead.");
    case "zonalShift": {
      const arn = ctx.loadBalancerArn ?? "<load balancer ARN>";
      if (c.value === null)
        return command(ctx, `aws arc-zonal-shift list-zonal-shifts --resource-identifier ${q(arn)} --status ACTIVE && aws arc-zonal-shift cancel-zonal-shift --zonal-shift-id <id>`, "", "Ends the shift now; otherwise it ends when it expires.");
      const zone = typeof c.value === "string" ? c.value : c.value.zone;
      if (typeof c.value !== "string" && c.value.outage)
        return { controller: CONTROLLER[ctx.ownership.controller].label, kubectlPatch: null, yaml: "", note: `Not a change to apply: what losing ${zone} would do. To rehearse it safely, run an AWS FIS availability-zone power interruption, or start a zonal shift.` };
      const enable = ctx.zonalShiftEnabled ? "" : `aws elbv2 modify-load-balancer-attributes --load-balancer-arn ${q(arn)} --attributes Key=zonal_shift.config.enabled,Value=true && `;
      return command(ctx, `${enable}aws arc-zonal-shift start-zonal-shift --resource-identifier ${q(arn)} --away-from <zone ID of ${zone}> --expires-in 1h --comment 'lbpath what-if'`, "", `--away-from takes the zone ID: aws ec2 describe-availability-zones --zone-names ${zone} --query 'AvailabilityZones[0].ZoneId'.${ctx.zonalShiftEnabled ? "" : " The first command turns the zonal-shift integration on (it is off by default, W16)."}`);
    }
  }
}

function deploymentYaml(ctx: ApplyContext): string {
  return ["apiVersion: apps/v1", "kind: Deployment", "metadata:", `  name: ${JSON.stringify(ctx.deployment)}`, `  namespace: ${JSON.stringify(ctx.svc.metadata.namespace)}`, "spec:", `  replicas: ${ctx.replicasAfter}`].join("\n");
}
