import type { ScenarioDef } from "../model";

const NLB = { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" };

/** TC-01: the AWS blog's example (X2). */
export const blogLocal: ScenarioDef = {
  id: "blog-local",
  title: "The blog's example: NLB, instance targets, externalTrafficPolicy Local",
  story:
    "A Service annotated `aws-load-balancer-type: nlb` with externalTrafficPolicy Local, as in the AWS blog: a Network Load Balancer with instance targets on two nodes in us-east-1a and us-east-1b, and one pod, on the node in us-east-1a. " +
    "The node without a pod fails the health check on the healthCheckNodePort because kube-proxy answers 503 there — by design, not a fault. " +
    "lbpath should show one healthy and one expected-unhealthy target, the pod receiving all new flows and seeing the client's own IP address, and us-east-1b dropped from DNS.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [{ key: "p1", node: "n1", app: "web" }],
  services: [
    {
      namespace: "default",
      name: "web",
      annotations: NLB,
      ports: [{ name: "http", port: 80, targetPort: 80, nodePort: 31380 }],
      externalTrafficPolicy: "Local",
      healthCheckNodePort: 32145,
      lb: { zones: ["a", "b"], health: { n2: "failed" } },
    },
  ],
};
