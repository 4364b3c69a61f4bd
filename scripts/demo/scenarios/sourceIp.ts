import type { NodeDef, PodDef, ScenarioDef } from "../model";
import { ann, http, LBC_CLASS, lbc, LEGACY_NLB } from "./common";

/** Rows of the source-IP table (§1.3) not already shown by a worked case. */

const twoNodes: NodeDef[] = [
  { key: "n1", zone: "a" },
  { key: "n2", zone: "b" },
];
const twoPods = (app: string): PodDef[] => [
  { key: "p1", node: "n1", app },
  { key: "p2", node: "n2", app },
];

// S7
export const nlbNoPreserveLocal: ScenarioDef = {
  id: "nlb-no-preserve-local",
  title: "NLB instance targets with client IP preservation off, Local",
  story:
    "An internal NLB from the AWS Load Balancer Controller with instance targets, `preserve_client_ip.enabled=false` and externalTrafficPolicy Local, with fixed private addresses per zone. " +
    "The NLB itself replaces the client address with its own private IP in each zone; Local then only avoids a second SNAT. " +
    "lbpath should show the pods seeing the load balancer's address and both targets healthy.",
  nodes: twoNodes,
  pods: twoPods("api"),
  services: [
    {
      namespace: "default",
      name: "api",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc(
        "instance",
        { "aws-load-balancer-target-group-attributes": "preserve_client_ip.enabled=false", "aws-load-balancer-private-ipv4-addresses": "10.0.12.100,10.0.28.100" },
        "internal",
      ),
      ports: [http(30190)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 32588,
      lb: { zones: ["a", "b"], privateIps: true },
    },
  ],
};

// S8
export const nlbNoPreserveCluster: ScenarioDef = {
  id: "nlb-no-preserve-cluster",
  title: "NLB instance targets with client IP preservation off, Cluster",
  story:
    "A legacy-provider NLB whose target group attribute annotation turns client IP preservation off, with externalTrafficPolicy Cluster. " +
    "The NLB replaces the client address, and kube-proxy SNATs once more to the receiving node's IP. " +
    "lbpath should show the pods seeing a node IP, with both replacements marked.",
  nodes: twoNodes,
  pods: twoPods("web"),
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: { ...LEGACY_NLB, ...ann({ "aws-load-balancer-target-group-attributes": "preserve_client_ip.enabled=false" }) },
      ports: [http(32071)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

// S9
export const ppv2Cluster: ScenarioDef = {
  id: "ppv2-cluster",
  title: "Proxy protocol v2 with Cluster: client IP in the header",
  story:
    "An AWS Load Balancer Controller NLB with instance targets, `aws-load-balancer-proxy-protocol: \"*\"` (proxy protocol v2 on the target group) and externalTrafficPolicy Cluster. " +
    "kube-proxy SNATs to the node IP, but only at L3: the PROXY v2 header in front of the data still carries the client's address. " +
    "lbpath should show the pods seeing a node IP with the client IP in a proxy-protocol-v2 header; the TCP health checks pass.",
  nodes: twoNodes,
  pods: twoPods("web"),
  services: [
    {
      namespace: "default",
      name: "web",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance", { "aws-load-balancer-proxy-protocol": "*" }),
      ports: [http(30933)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

// S10
export const ppv2LocalBrokenHc: ScenarioDef = {
  id: "ppv2-local-broken-hc",
  title: "Proxy protocol v2 with Local: every health check fails",
  story:
    "Proxy protocol v2 on an NLB with instance targets and externalTrafficPolicy Local: the NLB also prefixes its HTTP health checks to kube-proxy's healthCheckNodePort with a PROXY v2 header, which kube-proxy cannot parse, so every target fails. " +
    "With all targets unhealthy the NLB fails open; flows that land on the node without a pod are dropped. " +
    "lbpath should call the two nodes with a pod configuration faults (proxy protocol breaks the health check) — the node without a pod would fail anyway — and show the fail-open and the dropped quarter.",
  nodes: [...twoNodes, { key: "n3", zone: "b" }],
  pods: twoPods("web"),
  services: [
    {
      namespace: "default",
      name: "web",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance", { "aws-load-balancer-proxy-protocol": "*" }),
      ports: [http(31314)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30288,
      lb: { zones: ["a", "b"], health: { n1: "failed", n2: "failed", n3: "failed" } },
    },
  ],
};

// S12
export const ipPreserve: ScenarioDef = {
  id: "ip-preserve",
  title: "ip targets with client IP preservation on",
  story:
    "An NLB with ip targets and `preserve_client_ip.enabled=true` set through `aws-load-balancer-target-group-attributes`. " +
    "The NLB delivers straight to the pods and keeps the client's address, so the pods see the client IP without any header. " +
    "lbpath should show the client IP preserved and even shares.",
  nodes: twoNodes,
  pods: twoPods("api"),
  services: [
    {
      namespace: "default",
      name: "api",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("ip", { "aws-load-balancer-target-group-attributes": "preserve_client_ip.enabled=true" }),
      ports: [http(30347)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

// S13
export const ipProxyProtocol: ScenarioDef = {
  id: "ip-proxy-protocol",
  title: "ip targets with proxy protocol v2 and cross-zone on",
  story:
    "An NLB with ip targets, proxy protocol v2 (`aws-load-balancer-proxy-protocol: \"*\"`) and cross-zone load balancing on (`aws-load-balancer-attributes`). " +
    "Pods see the NLB's private address at L3 and the client's in the PROXY v2 header; with cross-zone on, the three pods share the flows evenly although two are in the same zone. " +
    "lbpath should show the header badge, a third per pod and no imbalance.",
  nodes: twoNodes,
  pods: [...twoPods("api"), { key: "p3", node: "n2", app: "api" }],
  services: [
    {
      namespace: "default",
      name: "api",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("ip", { "aws-load-balancer-proxy-protocol": "*", "aws-load-balancer-attributes": "load_balancing.cross_zone.enabled=true" }),
      ports: [http(31792)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

const udpPort = { name: "statsd", port: 8125, targetPort: 8125, protocol: "UDP" as const };

// S14
export const udpCluster: ScenarioDef = {
  id: "udp-cluster",
  title: "UDP with Cluster: a TCP health check on a UDP port fails everywhere",
  story:
    "A legacy-provider NLB for a UDP Service (statsd) with externalTrafficPolicy Cluster: the target group is health-checked over TCP on the traffic port, where nothing listens for TCP, so every target fails. " +
    "The NLB fails open and traffic still flows, SNATed by kube-proxy. " +
    "lbpath should call the targets a configuration fault (UDP target group needs a TCP or HTTP health-check port) and show the fail-open.",
  nodes: twoNodes,
  pods: twoPods("statsd"),
  services: [
    {
      namespace: "telemetry",
      name: "statsd",
      annotations: LEGACY_NLB,
      ports: [{ ...udpPort, nodePort: 31125 }],
      lb: { zones: ["a", "b"], health: { n1: "failed", n2: "failed" } },
    },
  ],
};

// S15
export const udpLocal: ScenarioDef = {
  id: "udp-local",
  title: "UDP with Local: HTTP health check on the healthCheckNodePort works",
  story:
    "The same UDP Service through the AWS Load Balancer Controller with instance targets and externalTrafficPolicy Local: the controller health-checks kube-proxy's healthCheckNodePort over HTTP, which works for UDP Services. " +
    "UDP always preserves the client IP, and Local avoids SNAT, so pods see the client. " +
    "lbpath should show the node without a pod as expected-unhealthy and both pods at half of the flows.",
  nodes: [...twoNodes, { key: "n3", zone: "b" }],
  pods: twoPods("statsd"),
  services: [
    {
      namespace: "telemetry",
      name: "statsd",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance"),
      ports: [{ ...udpPort, nodePort: 30125 }],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31725,
      lb: { zones: ["a", "b"], health: { n3: "failed" } },
    },
  ],
};

// S16
export const udpIp: ScenarioDef = {
  id: "udp-ip",
  title: "UDP with ip targets: client IP always preserved",
  story:
    "A UDP Service with ip targets; the health check is pointed at the pods' TCP health port with `aws-load-balancer-healthcheck-port: \"8080\"`, so targets pass. " +
    "Client IP preservation cannot be turned off for UDP, and ip targets bypass kube-proxy, so pods see the client. " +
    "lbpath should show both targets healthy and the client IP preserved.",
  nodes: twoNodes,
  pods: twoPods("statsd"),
  services: [
    {
      namespace: "telemetry",
      name: "statsd",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("ip", { "aws-load-balancer-healthcheck-port": "8080", "aws-load-balancer-healthcheck-protocol": "tcp" }),
      ports: [{ ...udpPort, nodePort: 32125 }],
      lb: { zones: ["a", "b"] },
    },
  ],
};

// S17
export const tlsListener: ScenarioDef = {
  id: "tls-listener",
  title: "TLS listener terminating on the NLB, TCP to the pods",
  story:
    "The NLB terminates TLS on port 443 (`aws-load-balancer-ssl-cert`) and forwards plain TCP to instance targets; externalTrafficPolicy Local. " +
    "Terminating TLS does not change the source address: with instance targets client IP preservation is on, so pods see the client. " +
    "lbpath should show a TLS listener in front of a TCP target group, the client IP preserved and even shares.",
  nodes: twoNodes,
  pods: twoPods("web"),
  services: [
    {
      namespace: "default",
      name: "web",
      loadBalancerClass: LBC_CLASS,
      annotations: lbc("instance", {
        "aws-load-balancer-ssl-cert": "arn:aws:acm:us-east-1:123456789012:certificate/3f0e9d2c-5b1a-4c8e-9f7d-2a6b4c8d0e1f",
        "aws-load-balancer-ssl-ports": "443",
      }),
      ports: [{ name: "https", port: 443, targetPort: 8080, nodePort: 30443 }],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31043,
      lb: { zones: ["a", "b"] },
    },
  ],
};

export const sourceIpCases: ScenarioDef[] = [
  nlbNoPreserveLocal,
  nlbNoPreserveCluster,
  ppv2Cluster,
  ppv2LocalBrokenHc,
  ipPreserve,
  ipProxyProtocol,
  udpCluster,
  udpLocal,
  udpIp,
  tlsListener,
];
