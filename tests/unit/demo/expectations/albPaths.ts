import type { PathCode, TargetCode } from "@/lib/api/codes";
import type { Verdict } from "@/lib/api/topology";

/**
 * Hand-derived outcomes of the ALB demo scenarios (issue 13), worked out from AWS's documented rule evaluation and
 * the reference — never computed by lbpath's code. Readings:
 * - ALB-R1/R2 (ALB guide "Listener rules"): rules in priority order, lowest first; the default rule last; the first
 *   rule whose conditions all match wins. ALB-I3/I4: the controller numbers the rules 1, 2, … in group order
 *   (group.order, then namespace/name), one per Ingress path; Prefix `/` becomes `/*`, Prefix `/api` becomes
 *   `/api` + `/api/*`. ALB-R9: `/*` on the same host matches every path `/api…` does, so a later `/api` rule never wins.
 * - DST-2: an ALB balances across zones; both zones have healthy targets, so both stay in DNS (DST-5) and every ALB
 *   node spreads over every healthy target: T(t) = 1/#healthy. ip targets: pod share = T (DST-9). instance + Cluster:
 *   each node spreads over all Ready endpoints (DST-8). A weighted forward sends weight/Σweights of the rule's
 *   requests to each target group (ALB-R10), so shares multiply.
 * - Source IP (SRC-13, S22/S23): ip → the ALB's private IP; instance + Cluster → a node IP; the client in X-Forwarded-For.
 */

export interface AlbPodExp { share: number; seenAs: "client" | "node" | "load-balancer"; header: "x-forwarded-for" | null }
export interface AlbPathExp {
  /** Backend Service name of the path's target group. */
  service: string;
  weight: number;
  pods: Record<string, AlbPodExp>;
  targets: Record<string, { verdict: Verdict; code: TargetCode }>;
}
export interface IngressExp {
  /** Listener port → rule priority → shadowedBy (null: can win). */
  rules: Record<number, Record<string, string | null>>;
  /** By listener port, then the path's backend Service. */
  paths: Record<number, AlbPathExp[]>;
  /** Finding codes expected (a subset; target codes appear as findings too). */
  findings: (PathCode | TargetCode)[];
}
export interface RouteExp {
  /** "namespace/name" of the Ingress, or of the Gateway when kind says so. */
  object: string;
  kind?: "Gateway";
  request: { host: string; path: string; headers?: Record<string, string>; method?: string; query?: string; sourceIp?: string; port?: number };
  winner: string;
  alsoMatching: string[];
  /** Pod name → share of the matching requests; {} for a fixed response. */
  pods: Record<string, number>;
  fixedStatus?: string;
}

const lb = (share: number): AlbPodExp => ({ share, seenAs: "load-balancer", header: "x-forwarded-for" });
const node = (share: number): AlbPodExp => ({ share, seenAs: "node", header: "x-forwarded-for" });
/** An NLB path (no X-Forwarded-For): kube-proxy SNAT under Cluster. */
const nodeSnat = (share: number): AlbPodExp => ({ share, seenAs: "node", header: null });
const healthy = { verdict: "healthy" as const, code: "HEALTHY" as const };

const groupRules = { 80: { "1": null, "2": "1", "3": "1", default: null } };

/** The demo's shop Gateway: HTTPRoute /store → store, / → web, one ip target each (pod names differ per scenario). */
function shopGateway(storePod: string, webPod: string, findings: (PathCode | TargetCode)[]): { ingresses: Record<string, IngressExp>; gateways: Record<string, IngressExp>; routes: RouteExp[] } {
  return {
    ingresses: {},
    gateways: {
      "default/shop-gw": {
        rules: { 80: { "1": null, "2": null, default: null } },
        paths: {
          80: [
            { service: "store", weight: 1, pods: { [storePod]: lb(1) }, targets: { "10.0.20.22": healthy } },
            { service: "web", weight: 1, pods: { [webPod]: lb(1) }, targets: { "10.0.4.21": healthy } },
          ],
        },
        findings: [...findings, "CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_IN_HEADER"],
      },
    },
    routes: [
      // /store/cart matches rule 1 (`/store/*`) first; rule 2 (`/*`) matches too but comes later (ALB-R1).
      { object: "default/shop-gw", kind: "Gateway", request: { host: "shop.example.com", path: "/store/cart" }, winner: "1", alsoMatching: ["2"], pods: { [storePod]: 1 } },
      // `/store` is not `/stores`: path patterns match the whole path, so /storefront misses rule 1 (ALB-R4).
      { object: "default/shop-gw", kind: "Gateway", request: { host: "shop.example.com", path: "/storefront" }, winner: "2", alsoMatching: [], pods: { [webPod]: 1 } },
      // The route's hostnames are conditions of its rules: another host falls to the default rule, a fixed 404.
      { object: "default/shop-gw", kind: "Gateway", request: { host: "other.example.com", path: "/store" }, winner: "default", alsoMatching: [], pods: {}, fixedStatus: "404" },
    ],
  };
}

export const ingressExpectations: Record<string, { ingresses: Record<string, IngressExp>; gateways?: Record<string, IngressExp>; routes: RouteExp[] }> = {
  // GW-3 (MODEL: PathPrefix as an Ingress's Prefix): rule 1 /store + /store/*, rule 2 /* on shop.example.com; /store
  // comes first, so nothing is shadowed. One ip target per group; an ALB balances across zones: each pod all of its group.
  "gateway-httproute": shopGateway("store-bhvt4cfp6t-dwhlz", "web-fs6rpq5nlz-bglb7", []),
  // GW-4 on the same data plane (same rules, same shares): store's own TargetGroupConfiguration asks for instance
  // targets and wins over the Gateway's default (ip); its target group is ip, fixed at creation → flagged.
  "gateway-config-not-applied": shopGateway("store-qm65xb29tk-vggbc", "web-l6w5vpkcmq-wk7xx", ["GATEWAY_CONFIG_NOT_APPLIED"]),
  // GW-1: controller gateway.k8s.aws/nlb → an NLB; the TCPRoute on listener mqtt forwards to broker's target group
  // (the listener's default action, the only "rule" an NLB has; GW-3 names the route). Cross-zone off (DST-6): zone a
  // ½ → n1; zone b ½ over n2, n3 → ¼ each. Cluster: each node spreads over both Ready endpoints (DST-8) → ½ per pod.
  // Instance targets keep the client IP (SRC-3), kube-proxy SNATs under Cluster (S5): the pods see a node IP, no header.
  "gateway-nlb-tcproute": {
    ingresses: {},
    gateways: {
      "iot/iot-gw": {
        rules: { 1883: { default: null } },
        paths: {
          1883: [{
            service: "broker", weight: 1,
            pods: { "broker-9kpd5nfgst-28xjg": nodeSnat(0.5), "broker-9kpd5nfgst-54gp8": nodeSnat(0.5) },
            targets: { "i-022afc09513c89c1d": healthy, "i-033fd6d9571592115": healthy, "i-0943ec3e813a6df28": healthy },
          }],
        },
        findings: ["CLIENT_IP_SNAT_KUBE_PROXY"],
      },
    },
    routes: [],
  },
  "alb-ingress-group": {
    ingresses: {
      "shop/storefront": {
        rules: groupRules,
        paths: { 80: [{ service: "web", weight: 1, pods: { "web-q9j7bnvbz4-fbflf": lb(0.5), "web-q9j7bnvbz4-jjwh8": lb(0.5) }, targets: { "10.0.4.21": healthy, "10.0.20.22": healthy } }] },
        findings: ["CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_IN_HEADER"],
      },
      "shop/api": {
        rules: groupRules,
        paths: { 80: [{ service: "api", weight: 1, pods: { "api-fmqvlf8n8c-qbf8k": lb(0.5), "api-fmqvlf8n8c-8zfwp": lb(0.5) }, targets: { "10.0.4.23": healthy, "10.0.20.24": healthy } }] },
        findings: ["RULE_SHADOWED", "BACKEND_SERVICE_MISSING"],
      },
    },
    routes: [
      // /api/orders matches rule 1 (`/*`) first; rule 3 (`/api/*`) matches too but comes later. (Within the api
      // Ingress the controller orders Prefix paths longest first, so /admin is rule 2 and /api rule 3.)
      { object: "shop/api", request: { host: "shop.example.com", path: "/api/orders" }, winner: "1", alsoMatching: ["3"], pods: { "web-q9j7bnvbz4-fbflf": 0.5, "web-q9j7bnvbz4-jjwh8": 0.5 } },
      // Host names compare case-insensitively (ALB-R3); /admin also matches rule 2, the 503 rule, later.
      { object: "shop/api", request: { host: "SHOP.Example.com", path: "/admin" }, winner: "1", alsoMatching: ["2"], pods: { "web-q9j7bnvbz4-fbflf": 0.5, "web-q9j7bnvbz4-jjwh8": 0.5 } },
      // Another host matches no rule: the default rule, the controller's fixed 404.
      { object: "shop/storefront", request: { host: "other.example.com", path: "/" }, winner: "default", alsoMatching: [], pods: {}, fixedStatus: "404" },
    ],
  },
  "alb-instance": {
    ingresses: {
      "default/web": {
        rules: { 80: { "1": null, default: null }, 443: { "1": null, default: null } },
        // T(n1) = T(n2) = ½ (n3 unhealthy); each node spreads over p1, p2 (Cluster): ½ each.
        paths: Object.fromEntries([80, 443].map((port) => [port, [{
          service: "web", weight: 1,
          pods: { "web-x76879hrcr-r2hz5": node(0.5), "web-x76879hrcr-jxdml": node(0.5) },
          targets: { "i-0afb782ec94ad2919": healthy, "i-0e5ad5730b3da14f2": healthy, "i-09ba9c2c9f47660bc": { verdict: "fault", code: "HC_RESPONSE_MISMATCH" } },
        }]])),
        findings: ["HC_RESPONSE_MISMATCH", "CLIENT_IP_REPLACED_BY_LB", "CLIENT_IP_IN_HEADER"],
      },
    },
    routes: [{ object: "default/web", request: { host: "web.example.com", path: "/anything", port: 443 }, winner: "1", alsoMatching: [], pods: { "web-x76879hrcr-r2hz5": 0.5, "web-x76879hrcr-jxdml": 0.5 } }],
  },
  "alb-canary": {
    ingresses: {
      "default/web": {
        rules: { 80: { "1": null, default: null } },
        paths: {
          80: [
            { service: "web-stable", weight: 0.9, pods: { "web-stable-c475ld7j7h-kwjfm": lb(0.45), "web-stable-c475ld7j7h-z8slw": lb(0.45) }, targets: { "10.0.4.21": healthy, "10.0.20.22": healthy } },
            { service: "web-canary", weight: 0.1, pods: { "web-canary-7wjsmv6j6d-4852b": lb(0.1) }, targets: { "10.0.4.23": healthy } },
          ],
        },
        findings: ["CLIENT_IP_REPLACED_BY_LB"],
      },
    },
    routes: [{ object: "default/web", request: { host: "web.example.com", path: "/" }, winner: "1", alsoMatching: [], pods: { "web-stable-c475ld7j7h-kwjfm": 0.45, "web-stable-c475ld7j7h-z8slw": 0.45, "web-canary-7wjsmv6j6d-4852b": 0.1 } }],
  },
};
