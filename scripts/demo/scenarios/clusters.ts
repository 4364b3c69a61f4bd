import type { NodeDef, PodDef, ScenarioDef } from "../model";
import { ann, http, LBC_CLASS, lbc, LEGACY_NLB } from "./common";

/** Whole-cluster scenarios: several ports, several Services, joins, hostile text, size. */

export const multiPort: ScenarioDef = {
  id: "multi-port",
  title: "One Service, two ports: two listeners, two target groups",
  story:
    "A Service with an http and an https port behind one NLB: the legacy provider creates one listener and one target group per port, each with its own nodePort. " +
    "Each port is its own path through the load balancer, with its own target health and shares. " +
    "lbpath should show two paths, both healthy, with every pod at a third of each port's flows (externalTrafficPolicy Cluster).",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n1", app: "web" },
    { key: "p3", node: "n2", app: "web" },
  ],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: LEGACY_NLB,
      ports: [http(30080), { name: "https", port: 443, targetPort: 8443, nodePort: 30443 }],
      lb: { zones: ["a", "b"] },
    },
  ],
};

export const shop: ScenarioDef = {
  id: "shop",
  title: "A shop cluster: several Services, some without a usable load balancer",
  story:
    "A cluster with the usual mix: a storefront on a legacy NLB (Local), checkout on ip targets, an internal admin Classic ELB, a Service still <pending>, one whose load balancer was deleted in AWS, one owned by another controller (loadBalancerClass example.com/other) and a ClusterIP Redis. " +
    "Look at the Service list: each LoadBalancer Service shows its state, and the ClusterIP Service is not listed. " +
    "lbpath should report pending, not found and unsupported for the last three LoadBalancer Services instead of guessing.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "b" },
  ],
  pods: [
    { key: "storefront-1", node: "n1", app: "storefront" },
    { key: "storefront-2", node: "n2", app: "storefront" },
    { key: "checkout-1", node: "n1", app: "checkout" },
    { key: "checkout-2", node: "n3", app: "checkout" },
    { key: "admin-1", node: "n2", app: "admin" },
    { key: "search-1", node: "n3", app: "search" },
    { key: "legacy-api-1", node: "n1", app: "legacy-api" },
    { key: "partner-gw-1", node: "n2", app: "partner-gw" },
    { key: "cart-redis-1", node: "n3", app: "cart-redis" },
  ],
  services: [
    {
      namespace: "shop",
      name: "storefront",
      annotations: LEGACY_NLB,
      ports: [http(31100)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 32100,
      lb: { zones: ["a", "b"], health: { n3: "failed" } },
    },
    { namespace: "shop", name: "checkout", loadBalancerClass: LBC_CLASS, annotations: lbc("ip"), ports: [{ name: "https", port: 443, targetPort: 8443, nodePort: 31200 }], lb: { zones: ["a", "b"] } },
    { namespace: "shop", name: "admin", annotations: ann({ "aws-load-balancer-internal": "true" }), ports: [http(31300)], lb: { zones: ["a", "b"] } },
    { namespace: "shop", name: "search", loadBalancerClass: LBC_CLASS, annotations: lbc("instance"), ports: [http(31400)], lb: "pending" },
    { namespace: "shop", name: "legacy-api", annotations: LEGACY_NLB, ports: [http(31500)], lb: "missing" },
    { namespace: "shop", name: "partner-gw", loadBalancerClass: "example.com/other", ports: [{ name: "https", port: 443, targetPort: 8443, nodePort: 31600 }], lb: "foreign" },
    { namespace: "shop", name: "cart-redis", type: "ClusterIP", ports: [{ name: "redis", port: 6379, targetPort: 6379, nodePort: 0 }] },
  ],
};

const frontendNodes: NodeDef[] = [
  { key: "n1", zone: "a" },
  { key: "n2", zone: "b" },
];

export const strictJoin: ScenarioDef = {
  id: "strict-join",
  title: "Joining strictly: look-alike load balancers of another cluster and another Service",
  story:
    "The account holds three NLBs tagged kubernetes.io/service-name=web/frontend or close to it: this cluster's, one made by a staging cluster for its own web/frontend (tag kubernetes.io/cluster/staging), and this cluster's NLB for web/frontend-canary. " +
    "The Service's status hostname names exactly one of them, and the cluster tag rules out the staging one even by tags. " +
    "lbpath should join web/frontend to its own NLB only (two pods at half each) and web/frontend-canary to the canary NLB (one pod).",
  nodes: frontendNodes,
  pods: [
    { key: "p1", node: "n1", app: "frontend", labels: { track: "stable" } },
    { key: "p2", node: "n2", app: "frontend", labels: { track: "stable" } },
    { key: "p3", node: "n1", app: "frontend", deployment: "frontend-canary", labels: { track: "canary" } },
  ],
  services: [
    { namespace: "web", name: "frontend", selector: { app: "frontend", track: "stable" }, annotations: LEGACY_NLB, ports: [http(30990)], lb: { zones: ["a", "b"] } },
    { namespace: "web", name: "frontend-canary", selector: { app: "frontend", track: "canary" }, annotations: LEGACY_NLB, ports: [http(30991)], lb: { zones: ["a", "b"] } },
  ],
  decoys: [
    {
      clusterId: "staging",
      service: { namespace: "web", name: "frontend", selector: { app: "frontend" }, annotations: LEGACY_NLB, ports: [http(31990)], lb: { zones: ["a", "b"] } },
      nodes: frontendNodes,
      pods: [
        { key: "s1", node: "n1", app: "frontend" },
        { key: "s2", node: "n2", app: "frontend" },
      ],
    },
  ],
};

/** Annotation values may hold anything (K8s validates only their total size); ELB tag values may not (Tag pattern, W1). */
const HOSTILE: Record<string, string> = {
  "lbpath.example.com/note": "<img src=x onerror=alert(1)>",
  "lbpath.example.com/label-attempt": '"><script>alert(1)</script>',
  "lbpath.example.com/markdown": "[click me](javascript:alert(1)) **bold** | a | b | `code` ${7*7} {{7*7}}",
  "lbpath.example.com/bidi": "\u202Egnp.exe\u202C zero\u200Bwidth \u2028line-separator",
  "lbpath.example.com/multiline": "first line\nsecond line\r\n<b>third</b>\ttab",
  "lbpath.example.com/long": `${"A".repeat(300)}<svg onload=alert(1)>`,
};

export const hostileText: ScenarioDef = {
  id: "hostile-text",
  title: "Hostile text in cluster data: everything is shown as text",
  story:
    "Annotations on the Service, a pod and a node carry HTML, script, Markdown, bidirectional-override and multi-line text; a target's health description contains an HTML tag; AWS tags carry values that look like spreadsheet formulas and URLs. " +
    "Everything from the cluster and from AWS is untrusted and must appear verbatim as text, never interpreted. " +
    "Otherwise this is the blog's setup with a third node: lbpath should show two healthy targets, one expected-unhealthy, and the pods at half each.",
  nodes: [
    { key: "n1", zone: "a", annotations: { "lbpath.example.com/note": "<iframe src=javascript:alert(1)>" } },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "b", labels: { "lbpath.example.com/probe": "script.alert_1--x" } },
  ],
  pods: [
    { key: "p1", node: "n1", app: "render-check", annotations: { "lbpath.example.com/note": "</script><script>alert(document.domain)</script>" } },
    { key: "p2", node: "n2", app: "render-check" },
  ],
  services: [
    {
      namespace: "default",
      name: "render-check",
      labels: { "lbpath.example.com/probe": "script.alert_1--x" },
      annotations: {
        ...LEGACY_NLB,
        ...ann({ "aws-load-balancer-additional-resource-tags": "owner=ops@example.com,formula==1+1,link=javascript:alert/1" }),
        ...HOSTILE,
      },
      ports: [http(30666)],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 31666,
      lb: { zones: ["a", "b"], health: { n3: "failed" }, descriptions: { n3: "<img src=x onerror=alert(1)> Health checks failed" } },
    },
  ],
};

/** 24 nodes, 28 pods: zone a 8 nodes × 2 pods, zone b 4 nodes × 1 pod + 4 empty, zone c 8 nodes × 1 pod. */
function fleet(): { nodes: NodeDef[]; pods: PodDef[] } {
  const nodes: NodeDef[] = [];
  const pods: PodDef[] = [];
  for (const zone of ["a", "b", "c"] as const) {
    for (let i = 1; i <= 8; i++) {
      const key = `${zone}${i}`;
      nodes.push({ key, zone });
      const count = zone === "a" ? 2 : zone === "b" ? (i <= 4 ? 1 : 0) : 1;
      for (let j = 1; j <= count; j++) pods.push({ key: `${key}-p${j}`, node: key, app: "api-gateway" });
    }
  }
  return { nodes, pods };
}
const big = fleet();

export const largeFleet: ScenarioDef = {
  id: "large-fleet",
  title: "A larger fleet: 24 nodes, 28 pods, Local",
  story:
    "An API gateway on 24 nodes in three zones with externalTrafficPolicy Local and cross-zone off: every node in us-east-1a runs two pods, half the nodes in us-east-1b run one and the rest none, every node in us-east-1c runs one. " +
    "Each zone gets a third of the new flows, so a pod in us-east-1b gets four times the share of a pod in us-east-1a. " +
    "lbpath should show four expected-unhealthy targets and a high imbalance (2.33×), and stay readable at this size.",
  nodes: big.nodes,
  pods: big.pods,
  services: [
    {
      namespace: "edge",
      name: "api-gateway",
      annotations: LEGACY_NLB,
      ports: [{ name: "https", port: 443, targetPort: 8443, nodePort: 30044 }],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 30045,
      lb: { zones: ["a", "b", "c"], health: { b5: "failed", b6: "failed", b7: "failed", b8: "failed" } },
    },
  ],
};

export const clusterCases: ScenarioDef[] = [multiPort, shop, strictJoin, hostileText, largeFleet];
