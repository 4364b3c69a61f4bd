import type { TargetCode } from "@/lib/api/codes";
import type { FindingDoc } from "./findingDocTypes";
import { OVER_TIME_TARGET_DOCS } from "./findingDocsOverTime";

const DTH = "aws elbv2 describe-target-health --target-group-arn <target-group-arn>";
const SLICES = "kubectl get endpointslices -n <namespace> -l kubernetes.io/service-name=<service> -o wide";

/** One entry per target code; the Record type makes a missing code a compile error. */
export const TARGET_DOCS: Record<TargetCode, FindingDoc> = {
  HEALTHY: {
    title: "Healthy target",
    kind: "healthy",
    meaning: "The target passes its health check, so the load balancer sends it new flows.",
    rules: ["HLT-E1", "HLT-E2", "HLT-E4", "DST-7"],
    confirm: [`\`${DTH}\` shows State \`healthy\`.`],
    fix: ["Nothing to do."],
  },
  LOCAL_NO_ENDPOINT: {
    title: "Local policy, no ready pod on this node: unhealthy by design",
    kind: "expected",
    meaning:
      "The Service has externalTrafficPolicy: Local, so the load balancer health-checks kube-proxy's healthCheckNodePort. kube-proxy answers 503 on a node with no Ready local endpoint of the Service, and the load balancer stops sending new flows to that node. This is how Local keeps the client IP: only nodes that run a pod receive traffic. It is not a fault, unless every target is in this state (then see FAIL_OPEN).",
    rules: ["HLT-C1", "HLT-1", "HLT-2", "HLT-3", "HLT-E1", "HLT-F1", "HC-2", "HC-5", "HC-7"],
    confirm: [
      `\`${SLICES}\`: no Ready endpoint has nodeName = this node.`,
      "From a host in the VPC: `curl -s -o /dev/null -w '%{http_code}' http://<node-ip>:<healthCheckNodePort>/healthz` prints 503.",
    ],
    fix: [
      "Nothing, if the Service is meant to run on fewer nodes than are registered.",
      "To give every registered node a pod: a DaemonSet, or topologySpreadConstraints over kubernetes.io/hostname.",
      "To register pods instead of nodes: ip targets (`service.beta.kubernetes.io/aws-load-balancer-nlb-target-type: ip` with the AWS Load Balancer Controller).",
      "To register only the nodes that run the pods: `service.beta.kubernetes.io/aws-load-balancer-target-node-labels`.",
    ],
  },
  LOCAL_ONLY_TERMINATING: {
    title: "Local policy, the node's only pods are terminating (rolling update)",
    kind: "expected",
    meaning:
      "kube-proxy counts only Ready endpoints in its health answer, never terminating ones, so a node whose last pod is shutting down fails its health check. kube-proxy still forwards flows that arrive there to the terminating pod until it exits. The state clears when a new pod is Ready on the node or the node stops being registered.",
    rules: ["HLT-C1", "HLT-3", "HLT-5", "HLT-F2", "HLT-F3"],
    confirm: [`\`${SLICES} -o yaml\`: the node's endpoints have \`terminating: true\` (and \`serving: true\` while they drain).`],
    fix: [
      "Nothing during a rollout.",
      "To avoid reset connections: a preStop sleep longer than the health-check interval × unhealthy threshold (20 s with the Local defaults), and a terminationGracePeriodSeconds above it; roll out with maxSurge so new pods are Ready first.",
    ],
  },
  ZONE_SHIFTED_AWAY: {
    title: "Healthy target in a zone shifted away by an ARC zonal shift",
    kind: "expected",
    meaning:
      "An Application Recovery Controller zonal shift (started by someone, or by zonal autoshift or its weekly practice run) moved the load balancer's traffic away from this target's zone. AWS marks the zone's targets with AdministrativeOverride `zonal_shift_active`, independent of their health: they still pass health checks, but the load balancer sends them no new flows and the zone's address leaves DNS. Existing connections continue until they close. With `zonal_shift_delegated_to_dns` only the DNS answer changes; with cross-zone load balancing on, such targets still get flows from the other zones.",
    rules: ["DST-3", "DST-5", "DST-6"],
    confirm: [
      "`aws elbv2 describe-target-health --target-group-arn <arn>`: `AdministrativeOverride.State` is `zonal_shift_active` on the zone's targets.",
      "`aws arc-zonal-shift list-zonal-shifts --resource-identifier <load balancer ARN>` lists the active shift, its expiry and comment.",
    ],
    fix: ["Nothing to fix on the target. When the zone has recovered, cancel the shift (`aws arc-zonal-shift cancel-zonal-shift --zonal-shift-id <id>`) or let it expire; see ZONAL_SHIFT."],
  },
  ZONE_NOT_ENABLED: {
    title: "Target in a zone the load balancer has no subnet in",
    kind: "expected",
    meaning:
      "AWS reports Target.NotInUse: the target is in an Availability Zone the load balancer is not enabled in, so it receives no traffic at all. Not an outage, but the capacity in that zone is unreachable through this load balancer.",
    rules: ["DST-3", "DST-4", "§2.4"],
    confirm: [
      "`aws elbv2 describe-load-balancers --names <lb-name> --query 'LoadBalancers[].AvailabilityZones[].ZoneName'` does not list the target's zone.",
      "`kubectl get node <node> -L topology.kubernetes.io/zone` shows the zone.",
    ],
    fix: [
      "Add a subnet in that zone to the load balancer (`service.beta.kubernetes.io/aws-load-balancer-subnets`, or tag a subnet there `kubernetes.io/role/elb` / `kubernetes.io/role/internal-elb`).",
      "Or keep the Service's nodes and pods out of that zone (`aws-load-balancer-target-node-labels`, node affinity).",
    ],
  },
  TG_NOT_IN_USE: {
    title: "Target group not attached to any load balancer",
    kind: "expected",
    meaning:
      "AWS reports Target.NotInUse because no listener forwards to this target group (its LoadBalancerArns is empty), e.g. an orphan left by a port change, or a TargetGroupBinding to a group that nothing uses. No traffic reaches these targets.",
    rules: ["JOIN-3", "DST-3"],
    confirm: ["`aws elbv2 describe-target-groups --target-group-arns <arn> --query 'TargetGroups[].LoadBalancerArns'` is empty."],
    fix: ["Attach the target group to a listener, or delete the orphan target group / TargetGroupBinding."],
  },
  DRAINING: {
    title: "Target deregistering",
    kind: "expected",
    meaning:
      "The controller is deregistering the target (pod terminating with ip targets; node NotReady, tainted, excluded or deleted with instance targets). It gets no new flows; existing flows continue until deregistration_delay.timeout_seconds (300 s by default) has passed.",
    rules: ["JOIN-4", "§2.4"],
    confirm: [`\`${DTH}\` shows \`draining\` / \`Target.DeregistrationInProgress\`.`],
    fix: [
      "Wait for the deregistration delay.",
      "If drains take too long: lower `deregistration_delay.timeout_seconds` with `service.beta.kubernetes.io/aws-load-balancer-target-group-attributes`.",
    ],
  },
  NODE_DELETING: {
    title: "Node being removed",
    kind: "expected",
    meaning:
      "The node is being deleted or is tainted ToBeDeletedByClusterAutoscaler. kube-proxy's node health reports it ineligible and the controllers deregister it, so the load balancer stops using it. Expected during scale-down.",
    rules: ["HLT-C5", "HLT-4", "HLT-E3", "JOIN-4"],
    confirm: ["`kubectl get node <node> -o jsonpath='{.metadata.deletionTimestamp} {.spec.taints}'`"],
    fix: ["Nothing; it disappears when the node is gone. If it stays for long, check the cluster autoscaler / Karpenter."],
  },
  POD_NOT_READY: {
    title: "ip target whose pod is not Ready",
    kind: "expected",
    meaning:
      "With ip targets the load balancer checks the pod directly. The pod is not Ready in Kubernetes either, so the load balancer agrees with Kubernetes: the problem is the workload, not the load balancer.",
    rules: ["HLT-C6", "HLT-E4", "SRC-11"],
    confirm: ["`kubectl get pod <pod> -n <namespace>` and `kubectl describe pod <pod> -n <namespace>` (readiness probe events)."],
    fix: ["Fix the pod: readiness probe, crash loop, resources, dependencies. Look at its logs and events."],
  },
  REGISTERING: {
    title: "Registration in progress",
    kind: "transient",
    meaning: "AWS reports initial / Elb.RegistrationInProgress: the target was just registered; this takes a few minutes.",
    rules: ["§2.4"],
    confirm: [`\`${DTH}\` shows \`initial\` / \`Elb.RegistrationInProgress\`.`],
    fix: [
      "Wait.",
      "If it persists: check that the load balancer has a subnet in the target's zone, and the controller's logs.",
    ],
  },
  INITIAL_HEALTH_CHECK: {
    title: "Initial health checks in progress",
    kind: "transient",
    meaning:
      "AWS reports initial / Elb.InitialHealthChecking: the target must pass HealthyThreshold checks in a row before it gets traffic (2 × 10 s with the Local defaults, 3 × 30 s for the legacy Cluster default).",
    rules: ["HC-1", "HC-2", "HC-6", "HC-7", "HLT-F3"],
    confirm: [`\`${DTH}\` shows \`initial\` / \`Elb.InitialHealthChecking\`.`],
    fix: ["Wait healthy threshold × interval. If the target then turns unhealthy, follow that target's code."],
  },
  UNHEALTHY_DRAINING: {
    title: "Unhealthy, draining existing connections",
    kind: "transient",
    meaning:
      "The target failed its health checks; it gets no new connections and keeps existing ones for target_health_state.unhealthy.draining_interval_seconds (only when unhealthy connection termination is disabled). It then becomes plain unhealthy.",
    rules: ["§2.4"],
    confirm: [`\`${DTH}\` shows \`unhealthy.draining\`.`],
    fix: ["Find out why it failed its health check: the same causes as HC_BLOCKED or NO_READY_ENDPOINTS."],
  },
  NOT_REGISTERED: {
    title: "Not registered (a read raced a change)",
    kind: "transient",
    meaning:
      "AWS reports unused / Target.NotRegistered for a target lbpath asked about: it was deregistered between two reads. A join artefact, not a load-balancer problem.",
    rules: ["JOIN-4", "§2.4"],
    confirm: [`Refresh; \`${DTH}\` no longer lists the target.`],
    fix: ["Refresh. Do not alert on it. If it persists, the controller failed to register the target: check its logs and the TargetGroupBinding status."],
  },
  HC_BLOCKED: {
    title: "Health check fails although the target should pass it",
    kind: "fault",
    meaning:
      "The target should be healthy (Local: the node has a Ready local endpoint; Cluster: the Service has usable endpoints; ip: the pod is Ready), yet the load balancer's health check fails. Usual causes: the security group or NACL blocks the health-check port from the load balancer's subnets, kube-proxy is down or unhealthy on the node, or the target group checks an old healthCheckNodePort.",
    rules: ["HLT-C2", "HLT-C4", "HLT-C7", "HLT-E1", "HLT-E2", "HLT-E4"],
    confirm: [
      "From a host in the load balancer's subnets: `curl -v http://<node-ip>:<health-check-port>/healthz` (Local) or `nc -vz <node-ip> <nodePort>` (Cluster).",
      "The node's (or pod ENI's) security group allows the health-check port from the VPC / load balancer subnet CIDRs.",
      "`kubectl -n kube-system get pods -l k8s-app=kube-proxy -o wide`: kube-proxy runs on the node.",
      "The target group's HealthCheckPort equals the Service's `spec.healthCheckNodePort` (Local).",
    ],
    fix: [
      "Open the health-check port (and the nodePort) from the load balancer's subnets in the node security group.",
      "Restart or repair kube-proxy on the node.",
      "Let the controller reconcile the health-check port (it follows spec.healthCheckNodePort), or set it with `service.beta.kubernetes.io/aws-load-balancer-healthcheck-port`.",
    ],
  },
  PPV2_BREAKS_HC: {
    title: "Proxy protocol v2 breaks the HTTP health check on healthCheckNodePort",
    kind: "fault",
    meaning:
      "The target group has proxy_protocol_v2.enabled, and the load balancer sends the PROXY v2 header on health-check connections too. kube-proxy's health server on healthCheckNodePort does not speak it, so every target fails and the load balancer fails open.",
    rules: ["HLT-F4", "SRC-6", "HLT-C2"],
    confirm: [
      "`aws elbv2 describe-target-group-attributes --target-group-arn <arn>` shows `proxy_protocol_v2.enabled=true`.",
      "`aws elbv2 describe-target-groups --target-group-arns <arn>` shows HealthCheckProtocol HTTP on the healthCheckNodePort.",
    ],
    fix: [
      "Do not combine PPv2 with instance targets and externalTrafficPolicy: Local.",
      "Either drop PPv2 and keep the client IP through Local (client IP preservation), or keep PPv2 with externalTrafficPolicy: Cluster (TCP health check on the traffic port), or use ip targets whose app speaks PPv2.",
    ],
  },
  NO_READY_ENDPOINTS: {
    title: "The Service has no ready endpoints",
    kind: "fault",
    meaning:
      "No pod of the Service is Ready, so kube-proxy rejects every connection and every target fails its health check; the load balancer fails open and the traffic is rejected.",
    rules: ["HLT-C3", "HLT-E2", "SRC-9", "DST-10"],
    confirm: [`\`${SLICES}\` shows no Ready endpoint.`, "`kubectl get pods -n <namespace> -l <selector>`: are there pods, and does the selector match them?"],
    fix: ["Fix the workload: crash loop, failing readiness, scaled to zero, or a selector that matches no pod."],
  },
  UDP_HC_MISMATCH: {
    title: "UDP target group health-checked over TCP on the traffic port",
    kind: "fault",
    meaning:
      "A UDP-only port never accepts a TCP connection, so every target fails the TCP health check and the load balancer fails open.",
    rules: ["HLT-C8", "HLT-F5", "HLT-E4"],
    confirm: ["`aws elbv2 describe-target-groups --target-group-arns <arn>` shows Protocol UDP, HealthCheckProtocol TCP, HealthCheckPort traffic-port."],
    fix: [
      "Point the health check at a TCP or HTTP port the pods serve: `service.beta.kubernetes.io/aws-load-balancer-healthcheck-port`.",
      "Or use externalTrafficPolicy: Local, whose health check is HTTP on healthCheckNodePort.",
    ],
  },
  INSTANCE_INVALID: {
    title: "Registered instance is stopped or terminated",
    kind: "fault",
    meaning: "AWS reports Target.InvalidState: the EC2 instance behind the target is stopped or terminated but still registered (controller lag or a leak).",
    rules: ["JOIN-4", "§2.4"],
    confirm: ["`aws ec2 describe-instances --instance-ids <instance-id> --query 'Reservations[].Instances[].State.Name'`", "`kubectl get nodes`: is a stale Node object left?"],
    fix: ["If it lasts beyond a reconcile: check that the controller runs and has its IAM permissions; delete the stale Node; deregister the target."],
  },
  IP_UNUSABLE: {
    title: "Target IP is reserved for a load balancer",
    kind: "fault",
    meaning: "AWS reports Target.IpUnusable: the registered IP belongs to a load balancer's network interface.",
    rules: ["§2.4"],
    confirm: ["`aws ec2 describe-network-interfaces --filters Name=addr.private-ip-address,Values=<ip>` shows an ELB interface."],
    fix: ["Deregister the address; look for an address overlap or a wrong manual registration / TargetGroupBinding."],
  },
  HC_DISABLED: {
    title: "Health checks disabled for the target group",
    kind: "fault",
    meaning: "AWS reports unavailable / Target.HealthCheckDisabled: the load balancer cannot tell a working target from a broken one.",
    rules: ["§2.4"],
    confirm: ["`aws elbv2 describe-target-groups --target-group-arns <arn> --query 'TargetGroups[].HealthCheckEnabled'` is false."],
    fix: ["Enable health checks (`aws elbv2 modify-target-group --health-check-enabled`), or let the controller reconcile the target group."],
  },
  AWS_INTERNAL_ERROR: {
    title: "AWS internal error for this target's health",
    kind: "fault",
    meaning: "AWS reports Elb.InternalError: the health of the target is not available for reasons on AWS's side.",
    rules: ["§2.4"],
    confirm: [`\`${DTH}\` shows \`Elb.InternalError\`; check the AWS Health Dashboard.`],
    fix: ["Retry later; open an AWS support case if it persists."],
  },
  HC_RESPONSE_MISMATCH: {
    title: "HTTP health check got an unexpected status code (ALB/GWLB)",
    kind: "fault",
    meaning: "The HTTP health check got a status code outside the target group's matcher.",
    rules: ["§2.4"],
    confirm: ["`curl -v http://<target>:<port><health-check-path>` from the VPC; compare with the target group's Matcher."],
    fix: ["Fix the health-check path or port (`…-healthcheck-path`, `…-healthcheck-port`) or the success codes."],
  },
  HC_TIMEOUT: {
    title: "Health check timed out (ALB/GWLB)",
    kind: "fault",
    meaning: "The health check got no answer in time: the port is blocked or the target is overloaded.",
    rules: ["§2.4"],
    confirm: ["The security group allows the health-check port from the load balancer; the target answers quickly from the VPC."],
    fix: ["Open the health-check port from the load balancer's subnets; raise the timeout if the target is slow."],
  },
  HEALTH_UNKNOWN: {
    title: "Target health could not be read",
    kind: "unknown",
    meaning:
      "lbpath could not read this target's health (permission denied, throttling, AWS unreachable) or AWS reported it unavailable. lbpath does not guess: the target is shown as unknown and left out of the shares.",
    rules: ["DST-7"],
    confirm: ["The page's partial-data warning names what failed, e.g. `elasticloadbalancing:DescribeTargetHealth`."],
    fix: ["Grant the missing IAM action, or wait for throttling to pass; see PARTIAL_DATA."],
  },
  ...OVER_TIME_TARGET_DOCS,
};
