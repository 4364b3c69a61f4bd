import type { PathCode } from "@/lib/api/codes";
import type { FindingDoc } from "./findingDocTypes";
import { ALB_PATH_DOCS } from "./findingDocsAlb";
import { OVER_TIME_PATH_DOCS } from "./findingDocsOverTime";

const TGA = "aws elbv2 describe-target-group-attributes --target-group-arn <arn>";
const TGA_ANNOTATION = "service.beta.kubernetes.io/aws-load-balancer-target-group-attributes";

/** One entry per path code; the Record type makes a missing code a compile error. */
export const PATH_DOCS: Record<PathCode, FindingDoc> = {
  ...ALB_PATH_DOCS,
  FAIL_OPEN: {
    title: "Load balancer failing open",
    kind: "path",
    meaning:
      "Every target in a routing scope (a zone with cross-zone off, the whole load balancer with cross-zone on) is unhealthy, so the load balancer ignores health and sends new flows to all of them. Traffic now reaches broken targets: flows are dropped on Local nodes without a pod and rejected when the Service has no endpoint. This needs a human first.",
    rules: ["DST-5", "HLT-C9", "DST-10"],
    confirm: ["`aws elbv2 describe-target-health --target-group-arn <arn>`: no target is healthy (in that zone, with cross-zone off)."],
    fix: ["Fix the cause shown on the targets: usually HC_BLOCKED, PPV2_BREAKS_HC, UDP_HC_MISMATCH or NO_READY_ENDPOINTS."],
  },
  ZONAL_SHIFT: {
    title: "A zonal shift moved traffic away from a zone",
    kind: "path",
    meaning:
      "An Application Recovery Controller zonal shift is active on the load balancer (it needs `zonal_shift.config.enabled=true`). The shifted zone's load-balancer address is out of DNS and its targets get no new flows, administratively: they may be perfectly healthy. The other zones take the whole load, so pods in the shifted zone are starved and the others get more than their fair share. Shifts are temporary (a customer-started shift lasts at most three days; autoshift practice runs 30 minutes), but a forgotten one keeps a zone's capacity idle.",
    rules: ["DST-3", "DST-5", "DST-6", "§3.1"],
    confirm: [
      "`aws arc-zonal-shift list-zonal-shifts --resource-identifier <load balancer ARN>`: the shift, who started it (comment), its expiry.",
      "`aws elbv2 describe-target-health --target-group-arn <arn>`: `AdministrativeOverride.State` `zonal_shift_active` on the zone's targets.",
    ],
    fix: [
      "If the zone was shifted away on purpose and is still impaired: nothing, and check that the other zones have the capacity.",
      "If it has recovered: `aws arc-zonal-shift cancel-zonal-shift --zonal-shift-id <id>`, or let the shift expire.",
    ],
  },
  ZONE_NO_HEALTHY: {
    title: "A zone has no healthy target and is dropped from DNS",
    kind: "path",
    meaning:
      "An enabled zone has no healthy target, so its load-balancer address is removed from DNS (for every target group of the load balancer). Clients with a cached answer (60 s TTL) still reach that zone, where the load balancer node fails open.",
    rules: ["DST-5", "DST-6", "DST-7"],
    confirm: ["`dig +short <lb-dns-name>` returns fewer addresses than the load balancer has zones.", "Target health grouped by zone: none healthy in that zone."],
    fix: [
      "Make a target in that zone healthy (under Local: run a Ready pod on a node there).",
      "Or enable cross-zone load balancing (`load_balancing.cross_zone.enabled=true`), so the zone is judged on all targets.",
    ],
  },
  CLIENT_IP_SNAT_KUBE_PROXY: {
    title: "kube-proxy replaces the client IP with the node IP",
    kind: "path",
    meaning:
      "With externalTrafficPolicy: Cluster and instance targets, kube-proxy masquerades every external flow to the receiving node's IP, even when the pod runs on that node. Pods see node IPs, never the client.",
    rules: ["SRC-8", "SRC-10"],
    confirm: ["The app's access log shows node InternalIPs as the source."],
    fix: [
      "If the app needs the client IP: externalTrafficPolicy: Local (only nodes with pods get traffic; see LOCAL_NO_ENDPOINT and UNEVEN_TRAFFIC),",
      "or proxy protocol v2 parsed by the app (`service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: \"*\"` with the AWS Load Balancer Controller),",
      `or ip targets with \`preserve_client_ip.enabled=true\` (\`${TGA_ANNOTATION}\`).`,
    ],
  },
  CLIENT_IP_REPLACED_BY_LB: {
    title: "The load balancer replaces the client IP",
    kind: "path",
    meaning:
      "A Classic ELB always opens its own connection to the node, and an NLB with client IP preservation off (the default for ip targets) or reached through PrivateLink sends from its own private address. Pods see the load balancer's address.",
    rules: ["SRC-1", "SRC-3", "SRC-5"],
    confirm: [`\`${TGA}\` shows \`preserve_client_ip.enabled=false\` (NLB); or the Service uses a Classic ELB.`],
    fix: [
      `NLB: set \`preserve_client_ip.enabled=true\` with \`${TGA_ANNOTATION}\` (the traffic must stay in the VPC), or enable proxy protocol v2.`,
      "Classic ELB: `service.beta.kubernetes.io/aws-load-balancer-proxy-protocol: \"*\"` (PROXY v1) or an HTTP listener (X-Forwarded-For), or move to an NLB.",
    ],
  },
  CLIENT_IP_IN_HEADER: {
    title: "The client IP travels in a header",
    kind: "path",
    meaning:
      "The L3 source the pods see is not the client, but the client IP is carried in-band: a PROXY v1 line (Classic ELB), a PROXY v2 header (NLB) or X-Forwarded-For (HTTP listeners). kube-proxy passes it through unchanged.",
    rules: ["SRC-10", "SRC-6", "SRC-1", "SRC-2"],
    confirm: ["The app or its ingress proxy parses the header (e.g. nginx `listen … proxy_protocol` with `real_ip_header proxy_protocol`)."],
    fix: ["Make sure the app parses the header; an app that does not will see garbage (PROXY) or the wrong address (XFF ignored)."],
  },
  CLIENT_IP_PRESERVED: {
    title: "Pods see the client IP",
    kind: "path",
    meaning: "Nothing on the path replaces the client's address: NLB client IP preservation plus externalTrafficPolicy: Local, or ip targets with preservation on.",
    rules: ["SRC-3", "SRC-9", "SRC-11"],
    confirm: ["The app's access log shows client addresses."],
    fix: ["Nothing. Mind HAIRPIN (in-VPC clients behind the same NLB) and IPV6_CLIENTS_SEE_LB."],
  },
  UNEVEN_TRAFFIC: {
    title: "New flows are spread unevenly over pods",
    kind: "path",
    meaning:
      "Load balancers balance per target, not per pod. With instance targets and Local, a pod alone on its node gets as much as all the pods of a crowded node together; zones out of DNS and cross-zone off skew it further. The imbalance ratio is the busiest pod's share over the fair share: above 1.2 warn, 2.0 or more high.",
    rules: ["DST-11", "DST-7", "DST-8", "§3.1"],
    confirm: ["`kubectl get pods -n <namespace> -l <selector> -o wide`: count Ready pods per node and zone."],
    fix: [
      "Spread pods evenly: topologySpreadConstraints (maxSkew 1 over kubernetes.io/hostname and topology.kubernetes.io/zone), pod anti-affinity, or a DaemonSet.",
      "Or register pods instead of nodes (ip targets); or enable cross-zone load balancing for zone skew.",
    ],
  },
  PODS_STARVED: {
    title: "Ready pods receive no new flows",
    kind: "path",
    meaning: "Some Ready pods get no share at all: their node is not registered or not healthy, their zone is out of DNS or not enabled, or kube-proxy routes elsewhere.",
    rules: ["DST-7", "DST-8", "DST-10", "§3.1"],
    confirm: ["The pods' nodes and zones against the target list and the load balancer's zones."],
    fix: ["Follow the target and zone findings of the same path (ZONE_NOT_ENABLED, TARGETS_MISSING, ZONE_NO_HEALTHY)."],
  },
  TRAFFIC_DROPPED: {
    title: "Some flows are dropped at nodes without a local pod",
    kind: "path",
    meaning:
      "Under Local, a flow that reaches a node with no usable local endpoint is dropped by kube-proxy. It happens through fail-open, stale DNS answers, and the health-check detection lag after the last pod leaves a node.",
    rules: ["SRC-9", "DST-10", "HLT-F3", "DST-5"],
    confirm: ["The path shows a dropped share; look for FAIL_OPEN or ZONE_NO_HEALTHY on the same load balancer."],
    fix: ["Fix the fail-open or empty zone; use a preStop delay so nodes fail their health check before the last pod exits."],
  },
  TRAFFIC_REJECTED: {
    title: "Every flow is rejected: the Service has no usable endpoint",
    kind: "path",
    meaning: "kube-proxy rejects connections to a Service with no endpoint at all, wherever they arrive.",
    rules: ["DST-10", "HLT-E2", "HLT-C3"],
    confirm: ["`kubectl get endpointslices -n <namespace> -l kubernetes.io/service-name=<service>` has no usable endpoint."],
    fix: ["Fix the workload, as for NO_READY_ENDPOINTS."],
  },
  LB_PENDING: {
    title: "No load balancer address yet (EXTERNAL-IP pending)",
    kind: "path",
    meaning:
      "status.loadBalancer.ingress is empty: the controller has not provisioned the load balancer, or no controller handles the Service (wrong loadBalancerClass, controller not installed, missing subnet tags, missing IAM permissions).",
    rules: ["JOIN-1", "JOIN-2"],
    confirm: ["`kubectl describe service <service> -n <namespace>`: look for SyncLoadBalancerFailed events.", "The controller's logs (cloud-controller-manager or aws-load-balancer-controller)."],
    fix: ["Fix what the events say: subnet tags `kubernetes.io/role/elb`, the controller's IAM policy, or install the controller its loadBalancerClass names."],
  },
  LB_NOT_FOUND: {
    title: "The Service's load balancer was not found in AWS",
    kind: "path",
    meaning:
      "The Service has an address, but no load balancer with that DNS name (or with this cluster's and Service's tags) exists in the account and region lbpath reads. It was deleted by hand, or lbpath looks at the wrong account or region.",
    rules: ["JOIN-2"],
    confirm: ["`aws elbv2 describe-load-balancers --query \"LoadBalancers[?DNSName=='<hostname>']\"` and `aws elb describe-load-balancers` in the Service's region."],
    fix: ["Point lbpath at the right account and region (AWS_REGION, AWS_PROFILE).", "If it was deleted, make the controller recreate it (re-create the Service, or change an annotation to trigger a reconcile)."],
  },
  LB_NOT_ACTIVE: {
    title: "The load balancer is not active",
    kind: "path",
    meaning: "The load balancer's state is provisioning, active_impaired or failed.",
    rules: ["JOIN-2"],
    confirm: ["`aws elbv2 describe-load-balancers --names <lb-name> --query 'LoadBalancers[].State'`"],
    fix: ["provisioning: wait. failed: read the controller's events and recreate. active_impaired: check the AWS Health Dashboard."],
  },
  CONTROLLER_UNKNOWN: {
    title: "A controller lbpath does not model",
    kind: "path",
    meaning: "spec.loadBalancerClass names a controller other than the legacy provider, the AWS Load Balancer Controller or EKS Auto Mode, so lbpath cannot compute the path. The Service is listed, not analysed.",
    rules: ["JOIN-1"],
    confirm: ["`kubectl get service <service> -n <namespace> -o jsonpath='{.spec.loadBalancerClass}'`"],
    fix: ["Nothing in lbpath; see that controller's documentation. `service.k8s.aws/nlb` selects the AWS Load Balancer Controller."],
  },
  NO_LISTENER: {
    title: "No listener forwards to this Service port",
    kind: "path",
    meaning: "The load balancer has no listener on this Service port: the port was added and the controller has not reconciled, or the listener was changed by hand.",
    rules: ["JOIN-3"],
    confirm: ["`aws elbv2 describe-listeners --load-balancer-arn <arn>`: no listener on the port."],
    fix: ["Check the controller's logs and events; trigger a reconcile. Avoid hand-editing controller-owned listeners."],
  },
  ETP_IGNORED_IP_TARGETS: {
    title: "externalTrafficPolicy has no effect with ip targets",
    kind: "path",
    meaning: "ip targets send straight to pod IPs, bypassing kube-proxy: there is no healthCheckNodePort health check and no kube-proxy SNAT, whatever externalTrafficPolicy says.",
    rules: ["SRC-11", "HC-8"],
    confirm: ["The target group's TargetType is ip."],
    fix: ["Nothing to fix. For the client IP with ip targets use `preserve_client_ip.enabled=true` or proxy protocol v2."],
  },
  HAIRPIN: {
    title: "In-VPC clients behind the same internal NLB time out",
    kind: "path",
    meaning:
      "With client IP preservation on and instance targets, a registered instance (or a host-network pod) that calls the NLB times out whenever its flow is hashed to itself, because source and destination are the same address.",
    rules: ["SRC-7"],
    confirm: ["Intermittent timeouts only from clients inside the cluster that use the NLB's DNS name."],
    fix: ["In-cluster clients should use the Service's ClusterIP; or set `preserve_client_ip.enabled=false`; or use ip targets."],
  },
  IPV6_CLIENTS_SEE_LB: {
    title: "IPv6 clients appear as the load balancer's IPv4 address",
    kind: "path",
    meaning: "A dual-stack NLB in front of IPv4 targets translates IPv6 clients; pods see the NLB's IPv4 address for them.",
    rules: ["SRC-4"],
    confirm: ["The load balancer's IpAddressType is dualstack and the targets are IPv4."],
    fix: ["Carry the client address with proxy protocol v2, or register IPv6 targets (ip targets in a dual-stack cluster)."],
  },
  TARGETS_MISSING: {
    title: "Nodes or pods that should be registered are not",
    kind: "path",
    meaning: "The controller's rules say these nodes (or pods) belong in the target group, but they are not registered, so their pods get no traffic through this load balancer.",
    rules: ["JOIN-4"],
    confirm: ["Compare `kubectl get nodes` (minus excluded ones) with `aws elbv2 describe-target-health --target-group-arn <arn>`."],
    fix: [
      "Check the controller's logs; the node labels `node.kubernetes.io/exclude-from-external-load-balancers` and `aws-load-balancer-target-node-labels`; that the Node has a providerID.",
    ],
  },
  PARTIAL_DATA: {
    title: "Part of the data could not be read",
    kind: "path",
    meaning: "A Kubernetes or AWS read failed (permission, throttling, unreachable). What was read is still shown; the rest is marked unknown.",
    rules: ["§4.6"],
    confirm: ["The warning names the failed call, e.g. `list endpointslices.discovery.k8s.io` or `elasticloadbalancing:DescribeTargetHealth`."],
    fix: ["Grant what the warning names: RBAC get/list/watch on services, endpointslices, pods and nodes; the ELB Describe* IAM actions."],
  },
  ...OVER_TIME_PATH_DOCS,
};
