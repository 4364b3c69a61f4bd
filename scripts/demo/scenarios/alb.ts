import type { NodeDef, ScenarioDef } from "../model";

/** ALB Ingress scenarios (issue 13): IngressGroups and rule shadowing, instance targets, a weighted canary. */

// One node in zone a, two in zone b: the smallest cluster where per-zone and per-node shares differ.
const nodesABB: NodeDef[] = [
  { key: "n1", zone: "a" },
  { key: "n2", zone: "b" },
  { key: "n3", zone: "b" },
];
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
  nodes: nodesABB,
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

export const tgbForeignTarget: ScenarioDef = {
  id: "tgb-foreign-target",
  title: "TargetGroupBinding to a Terraform NLB, with a target of another cluster",
  story:
    "An NLB and its instance target group were made with Terraform; a hand-written TargetGroupBinding binds the target group to the NodePort Service legacy-api, so the AWS Load Balancer Controller registers this cluster's nodes on its nodePort. " +
    "The target group also holds an instance that is no node of this cluster, registered by another cluster that binds the same group; no binding sets multiClusterTargetGroup, so each controller deregisters the other's targets. " +
    "lbpath should draw the bound path on the Service's page and flag the foreign target.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "legacy-api" },
    { key: "p2", node: "n2", app: "legacy-api" },
  ],
  services: [{ namespace: "default", name: "legacy-api", type: "NodePort", ports: [port("http", 80, 8080, 31880)] }],
  externalTargetGroups: [{ name: "legacy-api-tg", service: { namespace: "default", name: "legacy-api", port: 80 }, zones: ["a", "b"], foreignTargets: [{ id: "i-0fe1e1e1e1e1e1e1e", zone: "a" }] }],
};

export const gatewayHttpRoute: ScenarioDef = {
  id: "gateway-httproute",
  title: "Gateway API: an ALB Gateway with an HTTPRoute",
  story:
    "A Gateway of class `aws-alb` (controller gateway.k8s.aws/alb) and an HTTPRoute with two rules: PathPrefix /store to the store Service and / to web, ip targets (a TargetGroupConfiguration asks for them; the controller's default is instance). " +
    "The AWS Load Balancer Controller makes one ALB; its listener rules come from the route's rules in order, so /store is evaluated before /. " +
    "lbpath should draw Gateway → listener → rules → both target groups → pods, and name the HTTPRoute as the rules' source.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "store" },
  ],
  services: [
    { namespace: "default", name: "web", type: "ClusterIP", ports: [port("http", 80, 8080, 0)] },
    { namespace: "default", name: "store", type: "ClusterIP", ports: [port("http", 80, 8080, 0)] },
  ],
  // ip targets by the Gateway's default TargetGroupConfiguration: the controller's own default is instance.
  gateways: [{ namespace: "default", name: "shop-gw", className: "aws-alb", zones: ["a", "b"], config: { defaultTargetType: "ip" }, route: { name: "shop", hostnames: ["shop.example.com"], rules: [{ pathPrefix: "/store", service: "store", port: 80 }, { pathPrefix: "/", service: "web", port: 80 }] } }],
};

export const gatewayConfigNotApplied: ScenarioDef = {
  ...gatewayHttpRoute,
  id: "gateway-config-not-applied",
  title: "Gateway API: a TargetGroupConfiguration the controller has not applied",
  story:
    "The Gateway of gateway-httproute, now with the controller's configuration objects: a LoadBalancerConfiguration on the Gateway (internet-facing, and a default TargetGroupConfiguration asking for ip targets) and a TargetGroupConfiguration for the store Service asking for instance targets. " +
    "Both target groups in AWS still have ip targets: the Service's TargetGroupConfiguration wins over the Gateway's default, so store's target group should be instance, and AWS cannot change a target group's type in place. " +
    "lbpath should name store-tg as the object that decides, flag its target group (GATEWAY_CONFIG_NOT_APPLIED), and leave web's target group (ip, as the default asks) and the scheme alone.",
  gateways: gatewayHttpRoute.gateways!.map((g) => ({ ...g, config: { scheme: "internet-facing", defaultTargetType: "ip", serviceTargetTypes: { store: "instance" } } })),
};

export const autoModeNlb: ScenarioDef = {
  id: "auto-mode-nlb",
  title: "EKS Auto Mode: a Service with loadBalancerClass eks.amazonaws.com/nlb",
  story:
    "A Service of type LoadBalancer with `loadBalancerClass: eks.amazonaws.com/nlb` and ip targets: EKS Auto Mode's load balancing makes the NLB, not the self-installed AWS Load Balancer Controller or the legacy provider. " +
    "The NLB sends flows straight to the two pods; client IP preservation is off for ip targets by default, so the pods see the NLB's address. " +
    "lbpath should name EKS Auto Mode as the owner and show even shares.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "api" },
    { key: "p2", node: "n2", app: "api" },
  ],
  services: [
    {
      namespace: "default",
      name: "api",
      loadBalancerClass: "eks.amazonaws.com/nlb",
      annotations: { "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip", "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" },
      ports: [port("http", 80, 8080, 30880)],
      lb: { zones: ["a", "b"] },
    },
  ],
};

export const gatewayNlbTcpRoute: ScenarioDef = {
  id: "gateway-nlb-tcproute",
  title: "Gateway API: an NLB Gateway with a TCPRoute",
  story:
    "A Gateway of class `aws-nlb` (controller gateway.k8s.aws/nlb) with one TCP listener, mqtt on 1883, and a TCPRoute that sends it to the NodePort Service broker. " +
    "The AWS Load Balancer Controller makes an NLB whose listener forwards to one target group of instance targets (its default target type): every node on the broker's nodePort; with cross-zone off, zone a's one node gets half of the new flows and zone b's two nodes a quarter each, and externalTrafficPolicy Cluster lets every node spread over both pods, which get half each. " +
    "The NLB keeps the client's address, then kube-proxy SNATs it to the node's IP, so lbpath should draw Gateway → NLB → listener → target group → nodes → pods without a rules column, name the TCPRoute, and say the pods see a node IP.",
  nodes: nodesABB,
  pods: [
    { key: "p1", node: "n1", app: "broker" },
    { key: "p2", node: "n3", app: "broker" },
  ],
  services: [{ namespace: "iot", name: "broker", type: "NodePort", ports: [port("mqtt", 1883, 1883, 31883)] }],
  gateways: [{ namespace: "iot", name: "iot-gw", className: "aws-nlb", zones: ["a", "b"], route: { kind: "TCPRoute", name: "broker", listener: { name: "mqtt", port: 1883 }, backend: { service: "broker", port: 1883 } } }],
};

export const moreAlbCases: ScenarioDef[] = [tgbForeignTarget, gatewayHttpRoute, gatewayConfigNotApplied, gatewayNlbTcpRoute, autoModeNlb];
