import type * as elb from "@/server/core/model/elb";
import type { Rng } from "../prng";
import { REGION, ZONES, digits } from "./ids";
import { legacyName, type Network } from "./elbv2";
import { classicState, readyLocal, registeredNodes } from "./health";
import type { NodeGen, ServicePlan } from "./types";

const PROXY_POLICY = "k8s-proxyprotocol-enabled";
const A = "service.beta.kubernetes.io/";

/**
 * A Classic ELB as the legacy provider creates it (A1, A2): a listener per port to the nodePort (HTTP with
 * backend-protocol http, SRC-2), PROXY v1 policy on every backend with proxy-protocol "*", health check HC-4
 * (TCP on the first nodePort) or HC-5 (HTTP /healthz on healthCheckNodePort).
 */
export function buildClassic(rng: Rng, plan: ServicePlan, nodes: NodeGen[], net: Network): elb.LoadBalancerDescription {
  const name = legacyName(plan.uid);
  const http = plan.annotations[`${A}aws-load-balancer-backend-protocol`] === "http";
  const proxy = plan.annotations[`${A}aws-load-balancer-proxy-protocol`] === "*";
  const local = readyLocal(plan);
  const states = registeredNodes(plan, nodes).map((n) => classicState(rng, plan, n, local));
  plan.hostname = `${plan.internal ? "internal-" : ""}${name}-${digits(rng, 10)}.${REGION}.elb.amazonaws.com`;
  return {
    loadBalancerName: name,
    dnsName: plan.hostname,
    scheme: plan.internal ? "internal" : "internet-facing",
    listenerDescriptions: plan.ports.map((p) => ({
      listener: { protocol: http ? "HTTP" : "TCP", loadBalancerPort: p.port, instanceProtocol: http ? "HTTP" : "TCP", instancePort: p.nodePort! },
      policyNames: [],
    })),
    backendServerDescriptions: proxy ? plan.ports.map((p) => ({ instancePort: p.nodePort!, policyNames: [PROXY_POLICY] })) : [],
    policies: proxy ? [{ policyName: PROXY_POLICY, policyTypeName: "ProxyProtocolPolicyType" }] : [],
    instances: states.map((s) => ({ instanceId: s.instanceId })),
    availabilityZones: plan.lbZones.map((z) => ZONES[z]),
    subnets: plan.lbZones.map((z) => (plan.internal ? net.privateSubnets : net.publicSubnets)[z]),
    healthCheck: {
      target: plan.etp === "Local" ? `HTTP:${plan.healthCheckNodePort}/healthz` : `TCP:${plan.ports[0].nodePort}`,
      interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 6,
    },
    attributes: { crossZoneLoadBalancing: plan.crossZone, connectionDraining: { enabled: false, timeout: 300 } },
    tags: { "kubernetes.io/service-name": `${plan.namespace}/${plan.name}`, [`kubernetes.io/cluster/${net.clusterId}`]: "owned" },
    instanceStates: states,
  };
}
