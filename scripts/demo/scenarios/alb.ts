import type { ScenarioDef } from "../model";

/** ALB Ingress scenarios (issue 13): IngressGroups and rule shadowing, instance targets, a weighted canary. */

const port = (name: string, p: number, targetPort: number, nodePort: number) => ({ name, port: p, targetPort, nodePort });

export const albIngressGroup: ScenarioDef = {
  id: "alb-ingress-group",
  title: "IngressGroup of two Ingresses: a /* rule shadows /api",
  story:
    "Two Ingresses share one internet-facing ALB through `alb.ingress.kubernetes.io/group.name: shop`: `storefront` (group.order 1) sends shop.example.com/ (Prefix, so `/*`) to web, and `api` (group.order 2) sends shop.example.com/api to api and /admin to a Service that does not exist. " +
    "The controller orders rules by group.order, so the storefront's `/*` gets priority 1 and matches every path of that host first: the api Ingress's rules never win, and /admin is a fixed 503 the controller added for the missing backend. " +
    "lbpath should flag the shadowed rules and the missing backend, and the simulator should send shop.example.com/api/orders to web.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
    { key: "p3", node: "n1", app: "api" },
    { key: "p4", node: "n2", app: "api" },
  ],
  services: [
    { namespace: "shop", name: "web", type: "ClusterIP", ports: [port("http", 80, 8080, 0)] },
    { namespace: "shop", name: "api", type: "ClusterIP", ports: [port("http", 80, 9090, 0)] },
  ],
  ingresses: [
    { namespace: "shop", name: "storefront", group: "shop", order: 1, targetType: "ip", scheme: "internet-facing", rules: [{ host: "shop.example.com", paths: [{ path: "/", service: "web", port: 80 }] }] },
    {
      namespace: "shop", name: "api", group: "shop", order: 2, targetType: "ip", scheme: "internet-facing",
      rules: [{ host: "shop.example.com", paths: [{ path: "/api", service: "api", port: 80 }, { path: "/admin", service: "admin", port: 80 }] }],
    },
  ],
  albs: [{ stack: "shop", zones: ["a", "b"] }],
};

export const albInstance: ScenarioDef = {
  id: "alb-instance",
  title: "ALB with instance targets: nodePort, kube-proxy SNAT, a wrong health-check path",
  story:
    "An Ingress with `target-type: instance` and an HTTPS listener: the ALB registers every node on the web Service's nodePort and health-checks `/` on it, as the controller does by default. " +
    "The ALB ends the client's connection and opens its own, adding the client to X-Forwarded-For; kube-proxy (externalTrafficPolicy Cluster) then SNATs to the node's IP. One node answers the health check with a 404 (Target.ResponseCodeMismatch). " +
    "lbpath should show the pods seeing a node IP with the client in X-Forwarded-For, and the 404 node as a fault with the health-check path to fix.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
  ],
  services: [{ namespace: "default", name: "web", type: "NodePort", ports: [port("http", 80, 8080, 30480)] }],
  ingresses: [{ namespace: "default", name: "web", targetType: "instance", scheme: "internet-facing", https: true, rules: [{ paths: [{ path: "/", service: "web", port: 80 }] }] }],
  albs: [{ stack: "default/web", zones: ["a", "b"], health: { "web:80": { n3: "response-code-mismatch" } } }],
};

export const albCanary: ScenarioDef = {
  id: "alb-canary",
  title: "Weighted canary: 90 % to stable, 10 % to canary",
  story:
    "One Ingress whose path `/` uses `alb.ingress.kubernetes.io/actions.web-rollout`: a forward action with two target groups weighted 90 and 10, for the web-stable and web-canary Services (ip targets). " +
    "The ALB picks the target group by weight for each request, then a target within it: the two stable pods get 45 % each and the one canary pod 10 %. " +
    "lbpath should show both target groups behind the rule with their weights and the shares multiplied by them.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web", deployment: "web-stable", labels: { track: "stable" } },
    { key: "p2", node: "n2", app: "web", deployment: "web-stable", labels: { track: "stable" } },
    { key: "p3", node: "n1", app: "web", deployment: "web-canary", labels: { track: "canary" } },
  ],
  services: [
    { namespace: "default", name: "web-stable", type: "ClusterIP", selector: { app: "web", track: "stable" }, ports: [port("http", 80, 8080, 0)] },
    { namespace: "default", name: "web-canary", type: "ClusterIP", selector: { app: "web", track: "canary" }, ports: [port("http", 80, 8080, 0)] },
  ],
  ingresses: [
    {
      namespace: "default", name: "web", targetType: "ip", scheme: "internet-facing",
      rules: [{ paths: [{ path: "/", service: "web-rollout", port: "use-annotation" }] }],
      weighted: { "web-rollout": [{ service: "web-stable", port: 80, weight: 90 }, { service: "web-canary", port: 80, weight: 10 }] },
    },
  ],
  albs: [{ stack: "default/web", zones: ["a", "b"] }],
};

export const albCases: ScenarioDef[] = [albIngressGroup, albInstance, albCanary];
