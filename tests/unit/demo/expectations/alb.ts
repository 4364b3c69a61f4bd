import { scenario, type ScenarioExpectation } from "./dsl";

/**
 * ALB Ingress scenarios (issue 13). These clusters have no LoadBalancer Service: the Service list has none of
 * their (ClusterIP / NodePort) backends. The Ingress paths' expectations are in ingressExpectations (albPaths.ts).
 */
export const albExpectations: Record<string, ScenarioExpectation> = {
  "alb-ingress-group": scenario("alb-ingress-group", { ids: {}, rules: ["JOIN-1"], services: {}, notListed: ["shop/web", "shop/api"] }),
  "alb-instance": scenario("alb-instance", { ids: {}, rules: ["JOIN-1"], services: {}, notListed: ["default/web"] }),
  "alb-canary": scenario("alb-canary", { ids: {}, rules: ["JOIN-1"], services: {}, notListed: ["default/web-stable", "default/web-canary"] }),
};
