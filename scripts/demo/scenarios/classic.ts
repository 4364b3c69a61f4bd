import type { NodeDef, PodDef, ScenarioDef } from "../model";
import { ann, http } from "./common";

/** Classic ELB scenarios: TC-19, TC-20 (§5) and the source-IP rows S2, S4 (§1.3). */

const twoNodes: NodeDef[] = [
  { key: "n1", zone: "a" },
  { key: "n2", zone: "b" },
];
const twoPods = (app: string): PodDef[] => [
  { key: "p1", node: "n1", app },
  { key: "p2", node: "n2", app },
];

// TC-19
export const classicTcp: ScenarioDef = {
  id: "classic-tcp",
  title: "Classic ELB, TCP listener, Cluster: the client IP is lost twice",
  story:
    "A LoadBalancer Service without annotations gets a Classic Load Balancer from the legacy provider: a TCP listener to the nodePort, a TCP health check, cross-zone off. " +
    "The Classic ELB opens its own connection to the node, and kube-proxy then SNATs again, so the pods see a node IP. " +
    "lbpath should show both instances InService, the pods at half of the flows each, and no way to recover the client IP.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
  ],
  services: [{ namespace: "default", name: "web", ports: [http(30116)], lb: { zones: ["a", "b"] } }],
};

// TC-20
export const classicProxyProtocol: ScenarioDef = {
  id: "classic-proxy-protocol",
  title: "Classic ELB with proxy protocol and Local policy (ingress-nginx)",
  story:
    "ingress-nginx behind a Classic Load Balancer with `aws-load-balancer-proxy-protocol: \"*\"`, externalTrafficPolicy Local and cross-zone load balancing on; its only pod runs in us-east-1a. " +
    "The node in us-east-1b fails the HTTP check on the healthCheckNodePort (no local pod) and is OutOfService — expected. " +
    "lbpath should show the pod seeing the Classic ELB's address at L3 with the client IP in a PROXY protocol v1 line, on both listeners.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [{ key: "p1", node: "n1", app: "ingress-nginx" }],
  services: [
    {
      namespace: "ingress-nginx",
      name: "ingress-nginx-controller",
      selector: { app: "ingress-nginx" },
      annotations: ann({ "aws-load-balancer-proxy-protocol": "*", "aws-load-balancer-cross-zone-load-balancing-enabled": "true" }),
      ports: [
        { name: "http", port: 80, targetPort: 80, nodePort: 31080 },
        { name: "https", port: 443, targetPort: 443, nodePort: 31443 },
      ],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 32370,
      lb: { zones: ["a", "b"], health: { n2: "failed" } },
    },
  ],
};

// S2
export const classicLocal: ScenarioDef = {
  id: "classic-local",
  title: "Classic ELB with Local policy: still the ELB's address",
  story:
    "A Classic Load Balancer with a TCP listener and externalTrafficPolicy Local; one node in us-east-1b has no pod and is OutOfService, as expected. " +
    "Local keeps kube-proxy from adding SNAT, but the Classic ELB has already opened its own connection, so pods see the ELB's address, not the client's. " +
    "lbpath should show the client IP replaced by the load balancer and recommend proxy protocol or an NLB if the client IP matters.",
  nodes: [...twoNodes, { key: "n3", zone: "b" }],
  pods: twoPods("web"),
  services: [
    {
      namespace: "default",
      name: "web",
      ports: [http(30755)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31247,
      lb: { zones: ["a", "b"], health: { n3: "failed" } },
    },
  ],
};

// S4
export const classicHttp: ScenarioDef = {
  id: "classic-http",
  title: "Classic ELB HTTP listener: the client IP travels in X-Forwarded-For",
  story:
    "`aws-load-balancer-backend-protocol: http` makes the legacy provider create an HTTP listener on the Classic Load Balancer, which terminates HTTP and adds X-Forwarded-For. " +
    "With externalTrafficPolicy Cluster the pods see a node IP at L3, but the header still carries the client's address. " +
    "lbpath should show the header badge (X-Forwarded-For) and even shares.",
  nodes: twoNodes,
  pods: twoPods("web"),
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: ann({ "aws-load-balancer-backend-protocol": "http", "aws-load-balancer-cross-zone-load-balancing-enabled": "true" }),
      ports: [http(31880)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

export const classicCases: ScenarioDef[] = [classicTcp, classicProxyProtocol, classicLocal, classicHttp];
