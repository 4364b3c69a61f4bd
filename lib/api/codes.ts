/**
 * Stable finding codes. The API, the UI, links (?code=…) and docs/findings.md all use these strings.
 * Remember to update docs/findings.md when adding or changing one.
 */
export const TARGET_CODES = {
  HEALTHY: "healthy target",
  // expected (by design or by configuration)
  LOCAL_NO_ENDPOINT: "externalTrafficPolicy Local and no ready local endpoint: kube-proxy answers 503 (HLT-C1)",
  LOCAL_ONLY_TERMINATING: "Local: the node's only endpoints are terminating (rolling update) (HLT-C1, HLT-F2)",
  ZONE_NOT_ENABLED: "target in an Availability Zone the load balancer has no subnet in (Target.NotInUse)",
  TG_NOT_IN_USE: "target group not attached to any load balancer (Target.NotInUse)",
  DRAINING: "target deregistering (Target.DeregistrationInProgress)",
  NODE_DELETING: "node being removed (deleting, tainted ToBeDeletedByClusterAutoscaler, excluded): deregistering, or failing kube-proxy /healthz (HLT-C5, L7)",
  POD_NOT_READY: "ip target whose pod is not Ready: the load balancer agrees with Kubernetes (HLT-C6)",
  ZONE_SHIFTED_AWAY: "target in a zone an ARC zonal shift moved traffic away from: healthy, but no new flows (DST-3)",
  // transient
  REGISTERING: "registration in progress (Elb.RegistrationInProgress)",
  INITIAL_HEALTH_CHECK: "initial health checks in progress (Elb.InitialHealthChecking)",
  UNHEALTHY_DRAINING: "unhealthy and draining existing connections (unhealthy.draining)",
  NOT_REGISTERED: "not registered (Target.NotRegistered): a read raced a change",
  // faults
  HC_BLOCKED: "health check fails although the target should pass it (HLT-C2, HLT-C4, HLT-C7)",
  PPV2_BREAKS_HC: "proxy protocol v2 with an HTTP health check on kube-proxy's healthCheckNodePort (HLT-F4)",
  NO_READY_ENDPOINTS: "the Service has no ready endpoints: kube-proxy rejects, every target fails (HLT-C3)",
  UDP_HC_MISMATCH: "UDP target group health-checked over TCP on the traffic port (HLT-C8)",
  INSTANCE_INVALID: "registered instance is stopped or terminated (Target.InvalidState)",
  IP_UNUSABLE: "target IP is reserved for a load balancer (Target.IpUnusable)",
  HC_DISABLED: "health checks disabled for the target group (Target.HealthCheckDisabled)",
  AWS_INTERNAL_ERROR: "AWS reports an internal error for this target's health (Elb.InternalError)",
  HC_RESPONSE_MISMATCH: "HTTP health check got a code outside the matcher (ALB/GWLB)",
  HC_TIMEOUT: "health check timed out (ALB/GWLB)",
  // unknown
  HEALTH_UNKNOWN: "target health could not be read",
  // over time (issue 12)
  TARGET_FLAPPING: "the target's health changed 3 or more times in 15 minutes (timeline)",
} as const;

export const PATH_CODES = {
  FAIL_OPEN: "every target in a routing scope is unhealthy: the load balancer fails open (DST-5, HLT-C9)",
  ZONE_NO_HEALTHY: "an enabled zone has no healthy target: its address is dropped from DNS (DST-5)",
  ZONAL_SHIFT: "an ARC zonal shift moved traffic away from a zone: out of DNS administratively, its targets get no new flows (DST-3)",
  CLIENT_IP_SNAT_KUBE_PROXY: "kube-proxy SNATs to the node IP (externalTrafficPolicy Cluster) (SRC-8)",
  CLIENT_IP_REPLACED_BY_LB: "the load balancer replaces the client IP (SRC-1, SRC-3)",
  CLIENT_IP_IN_HEADER: "the client IP travels in a header (PROXY v1/v2, X-Forwarded-For) (SRC-10)",
  CLIENT_IP_PRESERVED: "pods see the client IP",
  UNEVEN_TRAFFIC: "new flows are spread unevenly over pods (DST-11, §3.1)",
  PODS_STARVED: "Ready pods that receive no new flows",
  TRAFFIC_DROPPED: "some flows reach nodes with no usable local endpoint and are dropped (SRC-9, DST-10)",
  TRAFFIC_REJECTED: "the Service has no usable endpoint: kube-proxy rejects every flow (DST-10)",
  LB_PENDING: "the Service has no load balancer address yet (<pending>)",
  LB_NOT_FOUND: "the Service's load balancer was not found in AWS",
  LB_NOT_ACTIVE: "the load balancer is not active (provisioning, active_impaired or failed)",
  CONTROLLER_UNKNOWN: "loadBalancerClass names a controller lbpath does not model",
  NO_LISTENER: "no listener forwards to this Service port",
  ETP_IGNORED_IP_TARGETS: "externalTrafficPolicy has no effect with ip targets (SRC-11)",
  HAIRPIN: "an in-VPC client registered behind this internal NLB times out on its own instance (SRC-7)",
  IPV6_CLIENTS_SEE_LB: "IPv6 clients to IPv4 targets: pods see the load balancer's IPv4 address (SRC-4)",
  TARGETS_MISSING: "nodes or pods the controller registers are not registered (JOIN-4): a warning when they serve a Ready pod, information when only spare capacity is missing",
  PARTIAL_DATA: "part of the data could not be read",
  // ALB Ingress, TargetGroupBinding, Gateway API (issue 13; rules ALB-*, TGB-*, GW-* in docs/alb.md)
  RULE_SHADOWED: "an ALB listener rule never wins: an earlier rule matches every request it matches (ALB-R1, ALB-R9)",
  BACKEND_SERVICE_MISSING: "an Ingress path names a Service that does not exist: the controller answers it with a fixed 503 (ALB-I5)",
  BACKEND_UNKNOWN: "a rule forwards to a target group that no Service of this cluster is bound to (TGB-1)",
  INGRESS_NOT_AWS: "the Ingress's class belongs to a controller other than the AWS Load Balancer Controller or EKS Auto Mode (ALB-I1)",
  FOREIGN_TARGETS: "a bound target group holds targets that no Service of this cluster owns (TGB-2)",
  MULTI_CLUSTER_TG: "a target group bound here is shared with another cluster or source (TGB-3)",
  GATEWAY_CONFIG_NOT_APPLIED: "a Gateway's LoadBalancerConfiguration or TargetGroupConfiguration asks for a scheme or target type AWS does not have (GW-4)",
  // observed vs expected, rollouts (issue 12)
  ZONE_NO_OBSERVED_TRAFFIC: "a zone expected to get new flows got none in the CloudWatch window",
  ZONE_OUT_OF_DNS_TRAFFIC: "a zone out of DNS still gets new flows (clients caching DNS)",
  OBSERVED_SKEW: "the observed split of new flows over zones differs from the expected one",
  POD_EXITS_BEFORE_DEREGISTRATION: "pods can exit while the load balancer still sends them flows (preStop / grace period vs deregistration)",
  READINESS_GATE_MISSING: "ip targets without the AWS Load Balancer Controller's pod readiness gate",
} as const;

export type TargetCode = keyof typeof TARGET_CODES;
export type PathCode = keyof typeof PATH_CODES;
export type FindingCode = TargetCode | PathCode;

/** Every code, for the wire schema (lib/api/topology.ts): a code not listed here fails the typecheck and the parse. */
export const TARGET_CODE_LIST = Object.keys(TARGET_CODES) as [TargetCode, ...TargetCode[]];
/** The findings that say what the source IP is (a consequence of the configuration, not a fault): CLIENT_IP_*. */
export const isClientIpCode = (code: FindingCode): boolean => code.startsWith("CLIENT_IP_");
export const FINDING_CODE_LIST = [...TARGET_CODE_LIST, ...Object.keys(PATH_CODES)] as [FindingCode, ...FindingCode[]];
