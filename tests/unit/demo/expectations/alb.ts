import { expected, HEALTHY, pod, scenario, type ScenarioExpectation } from "./dsl";

/**
 * ALB Ingress scenarios (issue 13). These clusters have no LoadBalancer Service: the Service list has none of
 * their (ClusterIP / NodePort) backends. The Ingress paths' expectations are in ingressExpectations (albPaths.ts).
 */
export const albExpectations: Record<string, ScenarioExpectation> = {
  "alb-ingress-group": scenario("alb-ingress-group", { ids: {}, rules: ["JOIN-1"], services: {}, notListed: ["shop/web", "shop/api"] }),
  "alb-instance": scenario("alb-instance", { ids: {}, rules: ["JOIN-1"], services: {}, notListed: ["default/web"] }),
  "alb-canary": scenario("alb-canary", { ids: {}, rules: ["JOIN-1"], services: {}, notListed: ["default/web-stable", "default/web-canary"] }),
  // TGB-1/2: the NodePort Service is listed because a TargetGroupBinding binds it. NLB cross-zone off, zones a and
  // b each ½ (DST-6); the foreign instance is no Node here, so its zone is unknown and it is outside every routing set
  // (DST-4 MODEL): T(n1) = T(n2) = ½; Cluster → each node spreads over p1, p2 (DST-8): ½ each; kube-proxy SNAT (S5).
  "tgb-foreign-target": scenario("tgb-foreign-target", {
    ids: { n1: "i-0afc76ca099366b02", n2: "i-04eee923510fae1cc", f: "i-0fe1e1e1e1e1e1e1e", p1: "legacy-api-whbvrbxgcc-5b9w5@10.0.4.21", p2: "legacy-api-whbvrbxgcc-vpvtc@10.0.20.22" },
    rules: ["TGB-1", "TGB-2", "DST-4", "DST-6", "DST-8", "S5"],
    services: {
      "default/legacy-api": {
        controller: "aws-load-balancer-controller",
        paths: { 80: { pods: { p1: pod(0.5, "node"), p2: pod(0.5, "node") }, targets: { n1: HEALTHY, n2: HEALTHY, f: HEALTHY }, imbalanceLevel: "ok", findings: ["FOREIGN_TARGETS", "CLIENT_IP_SNAT_KUBE_PROXY"] } },
      },
    },
  }),
  // The Gateway's paths are in albPaths.ts; its backends are ClusterIP Services.
  "gateway-httproute": scenario("gateway-httproute", { ids: {}, rules: ["GW-1"], services: {}, notListed: ["default/web", "default/store"] }),
  "gateway-config-not-applied": scenario("gateway-config-not-applied", { ids: {}, rules: ["GW-1", "GW-4"], services: {}, notListed: ["default/web", "default/store"] }),
  // The NLB Gateway's path is in albPaths.ts; its NodePort backend is reached through the Gateway, not listed alone.
  "gateway-nlb-tcproute": scenario("gateway-nlb-tcproute", { ids: {}, rules: ["GW-1"], services: {}, notListed: ["iot/broker"] }),
  // JOIN-1: loadBalancerClass eks.amazonaws.com/nlb → EKS Auto Mode. ip targets, preservation off by default (SRC-3):
  // pods see the NLB's address (S11); cross-zone off, one pod per zone: ½ each (DST-6, DST-9).
  "auto-mode-nlb": scenario("auto-mode-nlb", {
    ids: { p1: "api-bgzcpg2998-v4zn2@10.0.4.21", p2: "api-bgzcpg2998-jxwfg@10.0.20.22" },
    rules: ["JOIN-1", "SRC-3", "SRC-11", "DST-6", "DST-9", "S11"],
    services: {
      "default/api": {
        controller: "eks-auto-mode",
        paths: { 80: { pods: { p1: pod(0.5, "load-balancer"), p2: pod(0.5, "load-balancer") }, targets: { p1: HEALTHY, p2: HEALTHY }, imbalanceLevel: "ok", findings: ["CLIENT_IP_REPLACED_BY_LB"] } },
      },
    },
  }),
};
void expected;
