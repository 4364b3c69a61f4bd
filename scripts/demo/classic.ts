import type { LoadBalancerDescription } from "../../server/core/model/elb";
import { annotation, isInternal, lbTags, legacyLbName } from "./controllers";
import { classicHealth, hasExplicitSpec, legacyEligible, specFor } from "./health";
import { digits } from "./ids";
import { serviceUid } from "./kube";
import type { LbDef, ServiceDef } from "./model";
import { REGION, type World } from "./world";

const PROXY_POLICY = "k8s-proxyprotocol-enabled";

/**
 * A Classic ELB as the legacy provider creates it (A1, A2): one listener per Service port to the nodePort,
 * TCP unless `aws-load-balancer-backend-protocol: http` (SRC-2), PROXY v1 policy on every backend port with
 * `aws-load-balancer-proxy-protocol: "*"`, health check HC-4 (TCP on the first listener's nodePort) or HC-5
 * (HTTP /healthz on healthCheckNodePort), cross-zone off unless annotated (DST-2).
 */
export function buildClassic(svc: ServiceDef, lbDef: LbDef, world: World, clusterId: string): LoadBalancerDescription {
  const name = legacyLbName(serviceUid(world.seed, svc));
  const internal = isInternal("legacy-clb", svc);
  const backend = (annotation(svc, "aws-load-balancer-backend-protocol") ?? "tcp").toUpperCase();
  const proxy = annotation(svc, "aws-load-balancer-proxy-protocol") === "*";
  const local = svc.externalTrafficPolicy === "Local";
  const first = svc.ports[0];
  const registered = world.nodes.filter((n) => hasExplicitSpec(lbDef, first.port, n.def.key) || legacyEligible(n.def));
  const states = registered.flatMap((n) => {
    const spec = specFor(lbDef, first.port, n.def.key, n.def.zone);
    if (spec === "response-code-mismatch" || spec === "timeout") throw new Error(`${svc.name}: ${spec} is an ALB/GWLB reason (W11), not a Classic ELB state`);
    return spec === "absent" ? [] : [classicHealth(n.instanceId, spec, lbDef.descriptions?.[n.def.key])];
  });
  return {
    loadBalancerName: name,
    // W10: <name>-<digits>.<region>.elb.amazonaws.com, internal ones prefixed "internal-".
    dnsName: `${internal ? "internal-" : ""}${name}-${digits(`${world.seed}/clb/${svc.namespace}/${svc.name}`, 10)}.${REGION}.elb.amazonaws.com`,
    scheme: internal ? "internal" : "internet-facing",
    listenerDescriptions: svc.ports.map((p) => ({
      listener: { protocol: backend === "HTTP" ? "HTTP" : "TCP", loadBalancerPort: p.port, instanceProtocol: backend === "HTTP" ? "HTTP" : "TCP", instancePort: p.nodePort },
      policyNames: [],
    })),
    backendServerDescriptions: proxy ? svc.ports.map((p) => ({ instancePort: p.nodePort, policyNames: [PROXY_POLICY] })) : [],
    policies: proxy ? [{ policyName: PROXY_POLICY, policyTypeName: "ProxyProtocolPolicyType" }] : [],
    instances: states.map((s) => ({ instanceId: s.instanceId })),
    availabilityZones: lbDef.zones.map((z) => `${REGION}${z}`),
    subnets: lbDef.zones.map((z) => world.lbSubnet(z, internal)),
    healthCheck: {
      target: local ? `HTTP:${svc.healthCheckNodePort}/healthz` : `TCP:${first.nodePort}`,
      interval: 10,
      timeout: 5,
      healthyThreshold: 2,
      unhealthyThreshold: 6,
    },
    attributes: {
      crossZoneLoadBalancing: annotation(svc, "aws-load-balancer-cross-zone-load-balancing-enabled") === "true",
      connectionDraining: { enabled: annotation(svc, "aws-load-balancer-connection-draining-enabled") === "true", timeout: 300 },
    },
    tags: lbTags("legacy-clb", svc, clusterId),
    instanceStates: states,
  };
}
