import type { PathCode } from "@/lib/api/codes";
import type { FindingDoc } from "./findingDocTypes";

type AlbCode = Extract<PathCode, "RULE_SHADOWED" | "BACKEND_SERVICE_MISSING" | "BACKEND_UNKNOWN" | "INGRESS_NOT_AWS" | "FOREIGN_TARGETS" | "MULTI_CLUSTER_TG" | "GATEWAY_CONFIG_NOT_APPLIED">;

/** ALB Ingress, TargetGroupBinding and Gateway findings (issue 13); the rules are in docs/alb.md. */
export const ALB_PATH_DOCS: Record<AlbCode, FindingDoc> = {
  RULE_SHADOWED: {
    title: "A listener rule can never win",
    kind: "path",
    meaning:
      "An ALB evaluates a listener's rules in priority order, lowest number first, and the first rule whose conditions all match wins. An earlier rule matches every request this rule matches (for example `/*` before `/api/*` on the same host), so this rule's action never runs. With an IngressGroup, the group.order of the Ingresses decides which Ingress's rules come first, so one Ingress can hide another's paths.",
    rules: ["ALB-R1", "ALB-R2", "ALB-R9", "ALB-I3"],
    confirm: ["`aws elbv2 describe-rules --listener-arn <arn>`: the shadowing rule has a lower priority and broader conditions.", "The rule simulator on the Ingress page: a request for the shadowed path lands on the earlier rule."],
    fix: [
      "Give the specific Ingress a lower `alb.ingress.kubernetes.io/group.order` than the catch-all one, or order the paths from specific to general within one Ingress.",
      "Or narrow the catch-all (an Exact path, or a host) so it stops covering the specific path.",
    ],
  },
  BACKEND_SERVICE_MISSING: {
    title: "An Ingress path's Service does not exist",
    kind: "path",
    meaning:
      "The path names a Service that is not in the cluster. The AWS Load Balancer Controller still makes a listener rule for it, with a fixed 503 response (\"Backend service does not exist\"), so clients get an error instead of a 404 from the application and nothing is logged on the Ingress.",
    rules: ["ALB-I5", "ALB-R1"],
    confirm: ["`kubectl -n <ns> get service <name>`: NotFound.", "`aws elbv2 describe-rules`: the rule's action is fixed-response 503."],
    fix: ["Create the Service, or fix the backend's name and port in the Ingress."],
  },
  BACKEND_UNKNOWN: {
    title: "A rule forwards to a target group no Service is bound to",
    kind: "path",
    meaning:
      "The target group is not bound to a Service of this cluster: no TargetGroupBinding names it and its tags name no Ingress backend. Its targets were registered by something else (another cluster, a script), so lbpath cannot tell which pods serve these requests.",
    rules: ["TGB-1", "JOIN-4"],
    confirm: ["`kubectl get targetgroupbindings -A -o wide`: no binding has this target group's ARN."],
    fix: ["Bind it to a Service with a TargetGroupBinding, or find the cluster that owns it."],
  },
  INGRESS_NOT_AWS: {
    title: "The Ingress belongs to another controller",
    kind: "path",
    meaning:
      "The Ingress's class is neither the AWS Load Balancer Controller's (`ingress.k8s.aws/alb`, or the `alb` class annotation) nor EKS Auto Mode's (`eks.amazonaws.com/alb`). No ALB is made for it, so there is no AWS path to draw.",
    rules: ["ALB-I1"],
    confirm: ["`kubectl get ingressclass <class> -o jsonpath='{.spec.controller}'`."],
    fix: ["Nothing, if another ingress controller serves it. For an ALB, set `spec.ingressClassName` to a class whose controller is `ingress.k8s.aws/alb` or `eks.amazonaws.com/alb`."],
  },
  FOREIGN_TARGETS: {
    title: "Targets no Service of this cluster owns",
    kind: "path",
    meaning:
      "The target group is bound to a Service here, but some of its registered targets are neither this cluster's nodes (instance targets) nor its pods (ip targets). Without `multiClusterTargetGroup` the controller treats the target group as its own and deregisters targets that are not in the cluster; if another cluster binds the same group, the two deregister each other's targets (LBC issue 2757).",
    rules: ["TGB-2", "TGB-3", "JOIN-4"],
    confirm: ["`aws elbv2 describe-target-health --target-group-arn <arn>`: IDs that are no Node's instance ID and no Pod's IP here."],
    fix: [
      "If another cluster or tool shares this target group on purpose: set `multiClusterTargetGroup: true` on every TargetGroupBinding of it (each cluster then manages only its own targets).",
      "Otherwise deregister the stray targets and give each cluster its own target group.",
    ],
  },
  MULTI_CLUSTER_TG: {
    title: "Target group shared with another cluster",
    kind: "path",
    meaning:
      "The TargetGroupBinding sets `multiClusterTargetGroup: true`: the target group may hold targets of other clusters or sources, and each cluster registers and deregisters only its own. The load balancer spreads requests over all registered targets, so this cluster's pods get only part of the traffic.",
    rules: ["TGB-3"],
    confirm: ["`kubectl get targetgroupbinding <name> -o jsonpath='{.spec.multiClusterTargetGroup}'`."],
    fix: ["Nothing to fix; expect shares below 100 % for this cluster's pods."],
  },
  GATEWAY_CONFIG_NOT_APPLIED: {
    title: "Gateway configuration not applied",
    kind: "path",
    meaning:
      "A LoadBalancerConfiguration or TargetGroupConfiguration of the AWS Load Balancer Controller asks for a scheme or a target type that the load balancer or target group in AWS does not have. AWS fixes both when it creates the resource, so the controller must replace it to follow the configuration; until it does, traffic takes the old path (an `instance` target group still goes through the nodePort and kube-proxy, an `ip` one straight to the pods). The finding names the configuration object that wins, following the controller's resolution order: a route override, then the Service's TargetGroupConfiguration, then the Gateway's and the GatewayClass's defaults.",
    rules: ["GW-4"],
    confirm: [
      "`kubectl describe gateway <name>` and `kubectl describe httproute <name>`: the controller's conditions and events.",
      "`aws elbv2 describe-target-groups --names <name> --query 'TargetGroups[0].TargetType'` or `describe-load-balancers … Scheme`.",
    ],
    fix: [
      "Fix what the controller's events report (permissions, a conflicting name, an invalid field), so it can replace the resource.",
      "Or, if AWS is right and the configuration is stale, change the configuration back to what AWS has.",
    ],
  },
};
