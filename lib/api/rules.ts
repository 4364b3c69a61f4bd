/**
 * The rulebook: every rule lbpath's analysis cites (the `rules` arrays of targets, pods, paths and findings), in
 * words an operator understands, with the primary sources behind it. docs/rules.md and the /rules page are both
 * rendered from this file (lib/summary/rulesMarkdown.ts). Rule IDs follow the project's traffic-semantics
 * reference: SRC-* source IP, HC-* health-check settings the controllers create, HLT-* health, DST-* distribution,
 * JOIN-* how Kubernetes objects are matched to AWS resources, § sections for tables without a single ID.
 * A `rules` array may only hold these IDs (RuleId): citing an ID without text here fails the typecheck.
 */

export type RuleGroup = "Source IP" | "Health checks" | "Health" | "Distribution" | "Joins" | "ALB, TargetGroupBinding, Gateway" | "What-if";

export interface Rule {
  group: RuleGroup;
  text: string;
  /** Keys of SOURCES. */
  sources: SourceKey[];
  /** MODEL: a modelling assumption; UNVERIFIED: not confirmed in a primary source (said in the text). */
  status?: "model" | "unverified";
}

export const SOURCES = {
  K1: { title: "Kubernetes: Using Source IP", url: "https://kubernetes.io/docs/tutorials/services/source-ip/" },
  K2: { title: "Kubernetes: Create an External Load Balancer (preserving the client source IP)", url: "https://kubernetes.io/docs/tasks/access-application-cluster/create-external-load-balancer/" },
  K3: { title: "Kubernetes: Virtual IPs and Service Proxies (traffic policies, terminating endpoints)", url: "https://kubernetes.io/docs/reference/networking/virtual-ips/" },
  K4: { title: "Kubernetes: Service (traffic distribution)", url: "https://kubernetes.io/docs/concepts/services-networking/service/" },
  K5: { title: "Kubernetes: Topology Aware Routing", url: "https://kubernetes.io/docs/concepts/services-networking/topology-aware-routing/" },
  K6: { title: "kubernetes/api discovery/v1 types.go (EndpointConditions, hints)", url: "https://github.com/kubernetes/api/blob/master/discovery/v1/types.go" },
  K7: { title: "kubernetes/api core/v1 well_known_labels.go (topology.kubernetes.io/zone)", url: "https://github.com/kubernetes/api/blob/master/core/v1/well_known_labels.go" },
  P1: { title: "kube-proxy pkg/proxy/healthcheck/service_health.go (healthCheckNodePort server)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/healthcheck/service_health.go" },
  P2: { title: "kube-proxy pkg/proxy/healthcheck/proxy_health.go (/healthz, node eligibility)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/healthcheck/proxy_health.go" },
  P3: { title: "kube-proxy pkg/proxy/endpoints.go (local ready endpoints)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/endpoints.go" },
  P4: { title: "kube-proxy pkg/proxy/topology.go (CategorizeEndpoints)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/topology.go" },
  P5: { title: "kube-proxy pkg/proxy/iptables/proxier.go (masquerade, DROP/REJECT rules)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/iptables/proxier.go" },
  P6: { title: "kube-proxy pkg/proxy/nftables/proxier_test.go (expected rules)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/nftables/proxier_test.go" },
  P7: { title: "kube-proxy pkg/proxy/ipvs (KUBE-NODE-PORT-LOCAL ipsets)", url: "https://github.com/kubernetes/kubernetes/tree/master/pkg/proxy/ipvs" },
  P8: { title: "kube-proxy pkg/proxy/endpointslicecache.go (nil-condition defaults)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/proxy/endpointslicecache.go" },
  P9: { title: "endpointslice topologycache.go (overloadThreshold = 0.2)", url: "https://github.com/kubernetes/kubernetes/blob/master/staging/src/k8s.io/endpointslice/topologycache/topologycache.go" },
  C1: { title: "cloud-provider cloud.go (DefaultLoadBalancerName)", url: "https://github.com/kubernetes/cloud-provider/blob/master/cloud.go" },
  C2: { title: "cloud-provider service/helpers/helper.go (NeedsHealthCheck, healthCheckNodePort)", url: "https://github.com/kubernetes/cloud-provider/blob/master/service/helpers/helper.go" },
  C3: { title: "cloud-provider controllers/service/controller.go (loadBalancerClass, stable node set)", url: "https://github.com/kubernetes/cloud-provider/blob/master/controllers/service/controller.go" },
  A1: { title: "cloud-provider-aws pkg/providers/v1/aws.go (EnsureLoadBalancer, NLB health checks, annotations)", url: "https://github.com/kubernetes/cloud-provider-aws/blob/master/pkg/providers/v1/aws.go" },
  A2: { title: "cloud-provider-aws pkg/providers/v1/aws_loadbalancer.go (target groups, proxy protocol, cross-zone)", url: "https://github.com/kubernetes/cloud-provider-aws/blob/master/pkg/providers/v1/aws_loadbalancer.go" },
  A3: { title: "cloud-provider-aws pkg/providers/v1/tags.go (cluster tags)", url: "https://github.com/kubernetes/cloud-provider-aws/blob/master/pkg/providers/v1/tags.go" },
  A4: { title: "cloud-provider-aws pkg/providers/v1/instances.go (providerID parsing)", url: "https://github.com/kubernetes/cloud-provider-aws/blob/master/pkg/providers/v1/instances.go" },
  A5: { title: "cloud-provider-aws config.go (ClusterServiceLoadBalancerHealthProbeMode)", url: "https://github.com/kubernetes/cloud-provider-aws/blob/master/pkg/providers/v1/config/config.go" },
  L1: { title: "AWS Load Balancer Controller: Network Load Balancer guide", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/nlb/" },
  L2: { title: "AWS Load Balancer Controller: Service annotations", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/" },
  L3: { title: "AWS Load Balancer Controller pkg/service/model_build_target_group.go", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/pkg/service/model_build_target_group.go" },
  L4: { title: "AWS Load Balancer Controller pkg/service/model_builder.go (health-check defaults)", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/pkg/service/model_builder.go" },
  L5: { title: "AWS Load Balancer Controller pkg/service/model_build_load_balancer.go, model_build_listener.go", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/tree/main/pkg/service" },
  L6: { title: "AWS Load Balancer Controller pkg/deploy/tracking/provider.go (tags)", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/pkg/deploy/tracking/provider.go" },
  L7: { title: "AWS Load Balancer Controller pkg/backend/endpoint_resolver.go (which nodes and pods are registered)", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/main/pkg/backend/endpoint_resolver.go" },
  L8: { title: "AWS Load Balancer Controller pkg/service/service_utils.go, webhooks/core/service_mutator.go", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/tree/main/pkg/service" },
  L9: { title: "AWS Load Balancer Controller: TargetGroupBinding", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/" },
  L10: { title: "AWS Load Balancer Controller: pod readiness gate; pkg/k8s/node_utils.go", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/pod_readiness_gate/" },
  L11: { title: "AWS Load Balancer Controller issues #2144 (UDP health checks) and #1813 (ip mode ignores healthCheckNodePort)", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2144" },
  W1: { title: "botocore elbv2 2015-12-01 service-2.json (API shapes, enums, attribute docs)", url: "https://github.com/boto/botocore/blob/develop/botocore/data/elbv2/2015-12-01/service-2.json" },
  W2: { title: "botocore elb 2012-06-01 service-2.json (Classic Load Balancer)", url: "https://github.com/boto/botocore/blob/develop/botocore/data/elb/2012-06-01/service-2.json" },
  W3: { title: "NLB target group attributes: client IP preservation, proxy protocol", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html" },
  W4: { title: "NLB health checks", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health-checks.html" },
  W5: { title: "Target group health (DNS failover, routing failover)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health.html" },
  W6: { title: "NLB cross-zone load balancing for target groups", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html" },
  W7: { title: "How Elastic Load Balancing works", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html" },
  W8: { title: "What is a Network Load Balancer (flow hash, zones and DNS)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/introduction.html" },
  W9: { title: "NLB troubleshooting: connections from a target to its own load balancer", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html#loopback-timeout" },
  W10: { title: "Classic Load Balancer: listeners, X-Forwarded headers, proxy protocol, health checks", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-listener-config.html" },
  W11: { title: "ELB API reference: TargetHealth", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html" },
  W12: { title: "Network Load Balancers (DNS name, one address per zone)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html" },
  W13: { title: "AWS re:Post: ELB shows only one IP in DNS", url: "https://repost.aws/knowledge-center/elb-dns-cross-zone-balance-configuration" },
  W14: { title: "EKS Auto Mode: Network Load Balancers", url: "https://docs.aws.amazon.com/eks/latest/userguide/auto-configure-nlb.html" },
  W15: { title: "AWS re:Post: NLB target health status while draining (unhealthy.draining)", url: "https://repost.aws/questions/QUePODIkkZTGKpTy_BZOV9Kw" },
  W16: { title: "Zonal shift for your Network Load Balancer (administrative override)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/zonal-shift.html" },
  W17: { title: "ELB API reference: AdministrativeOverride", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AdministrativeOverride.html" },
  K8: { title: "Kubernetes: Pod Topology Spread Constraints (cluster-level default constraints)", url: "https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/#internal-default-constraints" },
  K9: { title: "kubernetes pkg/controller/controller_utils.go (ActivePodsWithRanks: which pods a ReplicaSet removes first)", url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/controller/controller_utils.go" },
  K10: { title: "Kubernetes: Safely Drain a Node; Taint-based evictions (node.kubernetes.io/unreachable, 300 s)", url: "https://kubernetes.io/docs/tasks/administer-cluster/safely-drain-node/" },
  E1: { title: "ALB: Listener rules (evaluated in priority order, lowest first; the default rule last)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-rules.html" },
  E2: { title: "ALB: Condition types for listener rules", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html" },
  E3: { title: "botocore elbv2 service-2.json: rule conditions (HostHeader, PathPattern, HttpHeader, QueryString, HttpRequestMethod, SourceIp), Rule, Action, DescribeRules", url: "https://github.com/boto/botocore/blob/develop/botocore/data/elbv2/2015-12-01/service-2.json" },
  E4: { title: "ALB: X-Forwarded headers (routing.http.xff_header_processing.mode)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/x-forwarded-headers.html" },
  E5: { title: "ELB API reference: TargetHealth (ResponseCodeMismatch and Timeout apply to ALB and GWLB)", url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html" },
  LI: { title: "AWS Load Balancer Controller pkg/ingress (model builder: health-check defaults, target groups, tags)", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/tree/main/pkg/ingress" },
  LG: { title: "AWS Load Balancer Controller: IngressGroup, IngressClass and Gateway API guides", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/" },
  LGC: { title: "AWS Load Balancer Controller: Gateway API customization, LoadBalancerConfiguration and TargetGroupConfiguration (resolution order, merging)", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/gateway/targetgroupconfig/" },
  LT: { title: "AWS Load Balancer Controller: TargetGroupBinding and multi-cluster target groups", url: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/targetgroupbinding/targetgroupbinding/" },
  LBC2807: { title: "aws-load-balancer-controller issue 2807: a missing backend Service becomes a fixed-response 503 rule", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2807" },
  LBC2757: { title: "aws-load-balancer-controller issue 2757: a binding in a second cluster deregisters the first cluster's targets", url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/issues/2757" },
  GWAPI: { title: "Kubernetes Gateway API: HTTPRoute parentRefs and backendRefs", url: "https://gateway-api.sigs.k8s.io/api-types/httproute/" },
  X1: { title: "Cilium: Kubernetes without kube-proxy (SNAT, DSR)", url: "https://docs.cilium.io/en/stable/network/kubernetes/kubeproxy-free/" },
  X2: { title: "AWS blog: Network Load Balancer Support in Kubernetes 1.9", url: "https://aws.amazon.com/blogs/opensource/network-load-balancer-support-in-kubernetes-1-9/" },
} as const satisfies Record<string, { title: string; url: string }>;
export type SourceKey = keyof typeof SOURCES;

const src = (group: RuleGroup, text: string, sources: SourceKey[], status?: Rule["status"]): Rule => ({ group, text, sources, ...(status ? { status } : {}) });
const S = "Source IP", HC = "Health checks", H = "Health", D = "Distribution", J = "Joins", AG = "ALB, TargetGroupBinding, Gateway", W = "What-if";

export const RULES = {
  "SRC-1": src(S, "A Classic ELB always opens its own connection to the node, so the node sees the ELB's address; HTTP listeners add X-Forwarded-For, TCP/SSL listeners with a proxy-protocol policy prepend a PROXY v1 line with the client's address.", ["W10"]),
  "SRC-2": src(S, "The legacy controller builds Classic listeners from annotations: TCP by default, HTTP with backend-protocol http, PROXY v1 on every backend with proxy-protocol \"*\". Its NLB path ignores the proxy-protocol annotation; target-group attributes come from aws-load-balancer-target-group-attributes.", ["A1", "A2"]),
  "SRC-3": src(S, "An NLB keeps the client's address when client IP preservation is on: the default for instance targets, off for ip targets over TCP/TLS; UDP and TCP_UDP target groups always preserve it. With it off the target sees the NLB's private IP.", ["W3", "W1"]),
  "SRC-4": src(S, "When the client and the target speak different IP versions (an IPv6 client of a dual-stack NLB reaching IPv4 targets), the target sees the NLB's address instead of the client's.", ["W3"]),
  "SRC-5": src(S, "Traffic through PrivateLink (VPC endpoint service consumers) reaches the target from the NLB's private address even with preservation on; preservation needs traffic to flow directly from the NLB to targets in its VPC.", ["W3"]),
  "SRC-6": src(S, "Proxy protocol v2 puts the client's address in a binary header before the data; the NLB sends it on health-check connections too.", ["W3"]),
  "SRC-7": src(S, "With preservation on, a registered instance that calls the NLB it sits behind times out whenever the flow is sent back to itself (hairpin). Disable preservation or use ip targets.", ["W9"]),
  "SRC-8": src(S, "With externalTrafficPolicy Cluster, kube-proxy masquerades external traffic (nodePort, load-balancer IP) to the receiving node's IP, even when the chosen pod runs on that node; iptables, nftables and IPVS alike.", ["P5", "P6", "P7", "K1"]),
  "SRC-9": src(S, "With externalTrafficPolicy Local, kube-proxy does not masquerade and forwards only to endpoints on the same node; a node that has endpoints elsewhere but none usable locally drops the flow, and a Service with no endpoint at all rejects it.", ["P5", "P6", "K1", "K3"]),
  "SRC-10": src(S, "kube-proxy rewrites only addresses and ports, so a PROXY header or X-Forwarded-For passes through unchanged.", ["P5"]),
  "SRC-11": src(S, "ip targets receive traffic straight from the load balancer at the pod IP: kube-proxy, externalTrafficPolicy and healthCheckNodePort play no part.", ["L1", "L11"]),
  "SRC-12": src(S, "In-cluster ClusterIP traffic is never SNATed by kube-proxy: the pod sees the client pod's IP.", ["K1"]),
  "SRC-13": src(S, "An ALB is an HTTP proxy: targets see its address, and it adds the client's address to X-Forwarded-For (routing.http.xff_header_processing.mode, default append).", ["W1", "W7", "L2"]),
  "SRC-14": src(S, "Cilium's kube-proxy replacement SNATs to the forwarding node by default; in DSR (or hybrid, for TCP) mode remote backends see the client IP.", ["X1"]),
  "SRC-15": src(S, "internalTrafficPolicy applies only to in-cluster traffic, never to flows that arrive from a load balancer.", ["K3"]),
  "HC-1": src(HC, "Legacy NLB, Cluster: TCP health check on the traffic port (the nodePort) every 30 s, 3 healthy / 3 unhealthy.", ["A1", "A2"]),
  "HC-2": src(HC, "Legacy NLB, Local: HTTP /healthz on the Service's healthCheckNodePort every 10 s, 2 / 2.", ["A1", "C2"]),
  "HC-3": src(HC, "Legacy NLB with the cloud config's Shared probe mode, Cluster: HTTP /healthz on kube-proxy's port 10256 every 30 s.", ["A1", "A5"]),
  "HC-4": src(HC, "Legacy Classic ELB, Cluster: TCP health check on the first listener's nodePort every 10 s, timeout 5 s, 2 healthy / 6 unhealthy.", ["A1", "A2"]),
  "HC-5": src(HC, "Legacy Classic ELB, Local: HTTP /healthz on the healthCheckNodePort every 10 s.", ["A1"]),
  "HC-6": src(HC, "AWS Load Balancer Controller, instance targets, Cluster: TCP health check on the traffic port every 10 s, 3 / 3.", ["L4", "L2"]),
  "HC-7": src(HC, "AWS Load Balancer Controller, instance targets, Local: HTTP /healthz on the healthCheckNodePort every 10 s, timeout 6 s, 2 / 2.", ["L3", "L4"]),
  "HC-8": src(HC, "AWS Load Balancer Controller, ip targets: TCP health check on the pod's port every 10 s, whatever the traffic policy.", ["L3", "L4", "L11"]),
  "HLT-1": src(H, "kube-proxy answers the healthCheckNodePort on every node, on any path (/healthz is only the convention the controllers use).", ["P1", "C2"]),
  "HLT-2": src(H, "That answer is 200 only when the node has a Ready local endpoint and kube-proxy is healthy, else 503; use the status code, not the body.", ["P1", "K2"]),
  "HLT-3": src(H, "Only Ready local endpoints count; terminating pods do not, although kube-proxy still forwards to them.", ["P3", "P8"]),
  "HLT-4": src(H, "kube-proxy's own /healthz (port 10256) fails when its rules are stale and when the node is being deleted or tainted ToBeDeletedByClusterAutoscaler.", ["P2", "P1"]),
  "HLT-5": src(H, "kube-proxy forwards to Ready endpoints, falling back to terminating-but-serving ones when none is Ready (Cluster: cluster-wide; Local: on the node only).", ["P4", "P8", "K3", "K6"]),
  "HLT-E1": src(H, "With a healthCheckNodePort check, a node is healthy exactly when it runs a Ready pod of the Service (and kube-proxy and the network are fine).", ["P1", "P3", "K1", "X2"]),
  "HLT-E2": src(H, "With a TCP check on the nodePort, every node passes while the Service has any usable endpoint, and every node fails when it has none (kube-proxy rejects).", ["P5"]),
  "HLT-E3": src(H, "With the shared check on kube-proxy's 10256, a node passes while kube-proxy is healthy and the node is not being removed.", ["P2", "A1"]),
  "HLT-E4": src(H, "An ip target passes a TCP check when its pod accepts TCP on the port (a UDP-only pod never does).", ["L11"]),
  "HLT-E5": src(H, "Classic ELB instances follow the same rules, reported as InService / OutOfService.", ["W2", "W10"]),
  "HLT-C1": src(H, "A node with no Ready local pod fails the Local health check by design: nothing to fix.", ["P1", "P3", "K1", "X2"]),
  "HLT-C2": src(H, "A node that has a Ready local pod but still fails the Local health check has a real problem: kube-proxy, a security group, a stale port, or proxy protocol v2.", ["P1", "L1"]),
  "HLT-C3": src(H, "When the Service has no ready endpoint, every target of a nodePort check fails: fix the workload.", ["P5"]),
  "HLT-C4": src(H, "One node failing a nodePort check while the Service has endpoints points at that node: kube-proxy, its security group, the node itself.", ["P5"]),
  "HLT-C5": src(H, "A node being removed fails kube-proxy's /healthz on purpose.", ["P2"]),
  "HLT-C6": src(H, "An ip target whose pod is not Ready fails because the pod fails its own readiness too: fix the pod, not the load balancer.", ["L7", "L10"]),
  "HLT-C7": src(H, "An ip target whose pod is Ready but fails points at the health-check configuration or the pod's security group.", ["L3", "L11"]),
  "HLT-C8": src(H, "A UDP target group needs a TCP or HTTP health-check port; a TCP check on a UDP-only port fails everywhere.", ["L11"]),
  "HLT-C9": src(H, "When every target in a routing scope is unhealthy the load balancer fails open and sends to all of them.", ["W4", "W5"]),
  "HLT-F1": src(H, "Under Local, nodes without pods show unhealthy: the blog's expected behaviour.", ["X2", "K1"]),
  "HLT-F2": src(H, "During a rolling update under Local, a node whose last Ready pod is terminating fails the check while kube-proxy still forwards to that pod until it exits.", ["P3", "P4", "K3"]),
  "HLT-F3": src(H, "A failing target keeps receiving new flows for interval × unhealthy threshold before the load balancer notices (20 s with the Local defaults, 90 s with the legacy Cluster defaults).", ["W4"]),
  "HLT-F4": src(H, "Proxy protocol v2 breaks HTTP health checks on kube-proxy's healthCheckNodePort (it does not speak PROXY): every target fails.", ["L1", "W3"]),
  "HLT-F5": src(H, "NLBs cannot health-check over UDP; a TCP check on a UDP-only port fails everywhere and the load balancer fails open.", ["L11", "W4"]),
  "DST-1": src(D, "The load balancer spreads new flows evenly over the targets it may use (NLB: flow hash; Classic: round robin or least outstanding requests).", ["W7", "W8"]),
  "DST-2": src(D, "Cross-zone load balancing decides whether a load-balancer node may send to targets in other zones: the target group's setting, else the load balancer's (NLB default off; the legacy Classic default off; ALB always on).", ["W1", "W6", "W7", "A1", "A2", "L2"]),
  "DST-3": src(D, "Only zones the load balancer has a subnet in take part, minus a zone under an active ARC zonal shift (AdministrativeOverride zonal_shift_active): targets elsewhere get nothing. A shift delegated to DNS takes only the zone's address out of DNS.", ["W1", "W7", "W16", "W17"]),
  "DST-4": src(D, "A target's zone is its node's zone (topology.kubernetes.io/zone or the providerID) for instance targets, the registered or EndpointSlice zone for ip targets.", ["K7", "A4", "K6", "W1"]),
  "DST-5": src(D, "A zone without enough healthy targets is removed from DNS (all zones stay if all are below); a load-balancer node below the routing threshold fails open and sends to all its targets. Cross-zone on judges the whole load balancer.", ["W1", "W4", "W5", "W8", "W13"]),
  "DST-6": src(D, "Each zone in DNS receives an equal share of new flows (a model: AWS's own examples assume it; DNS affinity policies change it).", ["W7", "W1"], "model"),
  "DST-7": src(D, "Each load-balancer node splits its share evenly over the healthy targets it may use (its zone's with cross-zone off, all enabled zones' with it on).", ["W4", "W5", "W7"]),
  "DST-8": src(D, "kube-proxy splits a node's flows evenly over its endpoints: all Ready pods under Cluster (narrowed by topology hints), the node's own under Local (none: dropped).", ["P4", "P5", "P8", "K3", "K4", "K5"]),
  "DST-9": src(D, "With ip targets, a pod's share is its target's share.", ["L1"]),
  "DST-10": src(D, "A pod's share is the sum over the nodes that forward to it; what a node cannot place is dropped, and everything is rejected when the Service has no endpoint.", ["P5"]),
  "DST-11": src(D, "Load balancers weigh nodes, not pods: under Local, pods on crowded nodes get less each.", ["K2", "X2"]),
  "JOIN-1": src(J, "Which controller owns the Service (loadBalancerClass, then the aws-load-balancer-type annotation) decides how the load balancer is built.", ["L8", "C3", "A1", "W14"]),
  "JOIN-2": src(J, "The load balancer is matched to the Service by the DNS name in its status first, by the controllers' names and tags second.", ["A1", "C1", "A2", "A3", "L5", "L6"]),
  "JOIN-3": src(J, "Listeners are matched to Service ports by port number, then to their target group by the forward action.", ["A2", "L5", "W1"]),
  "JOIN-4": src(J, "Targets are matched to nodes by instance ID (providerID) and to pods by IP; the controllers' rules say which nodes and pods should be registered.", ["A4", "L10", "L7", "C3"]),
  "JOIN-5": src(J, "Service annotations and fields change the path the controllers build (type, target type, scheme, attributes, health checks, subnets).", ["A1", "A2", "L2", "L3"]),
  "§2.4": src(H, "Target states and reasons as AWS reports them (initial, healthy, unhealthy, unused, draining, unavailable) and what each means in a Kubernetes cluster: transient, expected by configuration, or a fault.", ["W1", "W4", "W11", "W15", "L7", "C3"]),
  "§3.1": src(D, "Imbalance = the busiest pod's share ÷ the fair share (1 ÷ Ready pods): up to 1.2 ok (the EndpointSlice topology heuristic's 20 % overload precedent), up to 2 warn, above 2, or any starved Ready pod or dropped flow, high (this project's cut-offs).", ["P9"]),
  "§4.6": src(J, "The minimal set of AWS API calls and fields the join needs (DescribeLoadBalancers, DescribeListeners, DescribeTargetGroups, the attribute and tag calls, DescribeTargetHealth; Classic equivalents).", ["W1", "W2"]),
  "ALB-R1": src(AG, "A listener evaluates its rules in priority order, lowest number first; the first rule whose conditions all match wins and its actions run; the default rule (priority `default`, no conditions) is evaluated last.", ["E1"]),
  "ALB-R2": src(AG, "All conditions of a rule must match (AND); the values within one condition are alternatives (OR).", ["E1", "E2", "E3"]),
  "ALB-R3": src(AG, "`host-header`: case-insensitive, `*` = 0 or more characters, `?` = exactly one. (MODEL: a `:port` in the Host header is not part of the name compared.)", ["E3"], "model"),
  "ALB-R4": src(AG, "`path-pattern`: case-sensitive, same wildcards, compared with the path only (never the query string).", ["E3"]),
  "ALB-R5": src(AG, "`http-header`: the header name and the values compare case-insensitively, with wildcards.", ["E2", "E3"]),
  "ALB-R6": src(AG, "`query-string`: key/value pairs or values, case-insensitive, wildcards (`` escapes `*` `?`).", ["E3"]),
  "ALB-R7": src(AG, "`http-request-method`: case-sensitive, exact, no wildcards.", ["E3"]),
  "ALB-R8": src(AG, "`source-ip`: CIDR blocks matched against the connection's source address, never X-Forwarded-For.", ["E3"]),
  "ALB-R9": src(AG, "A rule is shadowed when an earlier rule matches every request it matches: it never wins. lbpath claims this only when certain: each condition field of the earlier rule must be present in the later one and cover all its values (a pattern covers another when every string the second matches, the first matches too: `/*` covers `/api/*`); headers, query strings and regex values count only when identical.", ["E1", "E3"]),
  "ALB-R10": src(AG, "A `forward` action with several target groups sends each a fraction weight / Σ weights of the rule's requests; lbpath multiplies the shares of that target group's path by it (`paths[].weight`, `otherTargetGroups`).", ["E3"]),
  "ALB-S1": src(AG, "Source IP: an ALB ends the client's connection and opens its own (SRC-13): the target sees the ALB's private IP; with instance targets and externalTrafficPolicy Cluster kube-proxy then SNATs that to the node IP (S22), with ip targets the pod sees the ALB (S23). The ALB writes the client's address into `X-Forwarded-For` (and sets `X-Forwarded-Proto`/`-Port`) when `routing.http.xff_header_processing.mode` is `append` (the default); `preserve` passes the client's own header unchanged, `remove` drops it.", ["E4"]),
  "ALB-H1": src(AG, "ALB health checks of an Ingress's target group probe the traffic port (L-I). With instance targets and externalTrafficPolicy Local, a node with no ready pod of the Service drops the probe (SRC-9): unhealthy by design (`LOCAL_NO_ENDPOINT`). `Target.ResponseCodeMismatch` and `Target.Timeout` are ALB reasons (E5): a wrong health-check path or matcher, a blocked port.", ["LI", "E5"]),
  "ALB-I1": src(AG, "The annotation `kubernetes.io/ingress.class`, when present, decides alone (the controller reads it before `spec.ingressClassName`): `alb` is the AWS Load Balancer Controller's. Without it, the IngressClass named by `spec.ingressClassName` decides: `spec.controller: ingress.k8s.aws/alb` is the AWS Load Balancer Controller, `eks.amazonaws.com/alb` EKS Auto Mode. Other classes: `INGRESS_NOT_AWS`, no path.", ["LG", "W14"]),
  "ALB-I2": src(AG, "The IngressClass's `parameters` name IngressClassParams (`elbv2.k8s.aws/v1beta1`, or `eks.amazonaws.com/v1` for Auto Mode).", ["LG", "W14"]),
  "ALB-I3": src(AG, "IngressGroup: the IngressClassParams' `group.name`, else `alb.ingress.kubernetes.io/group.name`; without either an Ingress is its own group (`<ns>/<name>`). All members share one ALB. Rules are numbered 1, 2, … in group order: `group.order` (default 0), then namespace/name; within an Ingress, its rules in spec order and each rule's paths Exact first, then Prefix longest first, then ImplementationSpecific (the controller's sortIngressPaths). So a member with a lower order can hide another member's rule (ALB-R9).", ["LG", "LI"]),
  "ALB-I4": src(AG, "Each Ingress path becomes one rule: its host → `host-header`; its path → `path-pattern`, Prefix `/foo` → `/foo` and `/foo/*` (`/` → `/*`), Exact and ImplementationSpecific as written. The listener's default action is the group's `defaultBackend`, else a fixed-response 404.", ["LI"]),
  "ALB-I5": src(AG, "A path whose Service does not exist still gets a rule: a fixed-response 503 \"Backend service does not exist\" (`BACKEND_SERVICE_MISSING`). The issue calls it a 404; the controller's own model (LBC-2807) is 503.", ["LBC2807"]),
  "ALB-J1": src(AG, "Ingress → ALB: `status.loadBalancer.ingress[].hostname` = the ALB's DNS name (authoritative); else the tags `ingress.k8s.aws/stack` = the group and `elbv2.k8s.aws/cluster` = this cluster's AWS name (required, as in JOIN-2). Target group → Service: its TargetGroupBinding (TGB-1), else the `ingress.k8s.aws/resource` tag.", ["LI"]),
  "TGB-1": src(AG, "A TargetGroupBinding (`elbv2.k8s.aws/v1beta1`) binds `spec.targetGroupARN` (or `targetGroupName`) to `spec.serviceRef` {name, port}; the controller registers the Service's nodes (instance, on the nodePort) or pods (ip) in it. The controllers' own target groups carry `ingress.k8s.aws/stack` or `service.k8s.aws/stack`; a binding without them is hand-made and drawn on the Service's page.", ["LT"]),
  "TGB-2": src(AG, "Foreign targets: registered targets that are no Node of this cluster (instance) and no Pod IP (ip). MODEL: their zone is unknown to lbpath (DST-4 needs the Node), so they get no computed share.", ["LT"], "model"),
  "TGB-3": src(AG, "Without `multiClusterTargetGroup: true` the controller owns the whole target group and deregisters targets not in its cluster; two clusters binding one group undo each other's registrations (LBC-2757): `FOREIGN_TARGETS`. With it, each cluster manages only its targets and the load balancer spreads over all of them (`MULTI_CLUSTER_TG`).", ["LT", "LBC2757"]),
  "GW-1": src(AG, "A GatewayClass with `controllerName: gateway.k8s.aws/alb` makes an ALB per Gateway, `gateway.k8s.aws/nlb` an NLB; other controllers: no AWS path.", ["LG"]),
  "GW-2": src(AG, "Gateway → load balancer: `status.addresses[].value` = its DNS name; without an address (the controller writes it only after deploying), the load balancer the controller tagged `gateway.k8s.aws.alb/stack` or `gateway.k8s.aws.nlb/stack` = `<ns>/<name>` with this cluster's `elbv2.k8s.aws/cluster`.", ["LG"]),
  "GW-3": src(AG, "Routes attach by `parentRefs` (kind Gateway, name, namespace defaulting to the route's); a rule is credited to the route its target group's `gateway.k8s.aws.{alb|nlb}/resource` tag names (`<gwNs>/<gw>:<routeNs>-<route>:<Kind>-<svcNs>-<svc>:<port>`: one target group per route and backend), else to the route whose `backendRefs` name the rule's Services. An NLB Gateway's listener has no rules: its default action forwards to the target group of the TCPRoute's, UDPRoute's or TLSRoute's backend, and is credited to that route. MODEL (not in the reference): an HTTPRoute `PathPrefix` becomes `path-pattern` like an Ingress's Prefix.", ["GWAPI", "LG"], "model"),
  "GW-4": src(AG, "The controller's configuration objects: a LoadBalancerConfiguration on the Gateway (`infrastructure.parametersRef`, same namespace) and on the GatewayClass (`parametersRef`); where both set a field, the class's `mergingMode` decides (`prefer-gateway-class`, the default, or `prefer-gateway`). A Service backend's target group follows, field by field: the best-matching `routeConfigurations` entry (kind+namespace+name, then kind+namespace, then kind) of the Service's TargetGroupConfiguration, its `defaultConfiguration`, then the default TargetGroupConfiguration the LoadBalancerConfigurations name (`defaultTargetGroupConfiguration`), then the controller's default (instance). A scheme or target type AWS does not have is not applied (yet): AWS fixes both at creation (`GATEWAY_CONFIG_NOT_APPLIED`).", ["LGC", "LG"]),
  "WIF-1": src(W, "Where a new or moved pod lands: the default scheduler's spreading (PodTopologySpread defaults: zone maxSkew 5, hostname maxSkew 3, ScheduleAnyway) puts it in the zone, then on the node, with the fewest pods of the workload; node resources are not in the snapshot, so ties go by name. Cordoned, NotReady and tainted nodes take none.", ["K8"], "model"),
  "WIF-2": src(W, "Which pods a scale-down removes first: the ReplicaSet controller's ranking, as far as the snapshot tells it: unscheduled, then not Ready, then pods doubled up on a node, then the newest.", ["K9"]),
  "WIF-3": src(W, "A prediction shows the cluster once the change has settled: the controller's registrations (JOIN-4), the health the rules expect (HLT-E1..E5) for nodes and pods without faults of their own, and a target that fails today for its own reason still failing. A drained node stays registered while cordoned; a node lost with its zone is NotReady and its pods are evicted after 300 s and recreated elsewhere.", ["K10", "L7", "C3"], "model"),
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];

export function isRuleId(id: string): id is RuleId {
  return Object.prototype.hasOwnProperty.call(RULES, id);
}

/** The rule in words, or null for an ID this build does not know. */
export function ruleText(id: string): string | null {
  return isRuleId(id) ? RULES[id].text : null;
}

/** In-app link to a rule's text; the anchor is the ID. */
export function ruleHref(id: string): string {
  return `/rules#${encodeURIComponent(id)}`;
}
