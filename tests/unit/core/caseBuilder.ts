import type { Snapshot } from "@/server/core/model/snapshot";
import type * as k8s from "@/server/core/model/kubernetes";
import type * as elbv2 from "@/server/core/model/elbv2";

/**
 * A terse way to write the reference's worked cases (§3.2, §5) as snapshots: nodes with zones and pods,
 * target health as given by the case, and the LB/TG settings that matter. Everything else gets the values
 * the controllers really use (HC-1..HC-8 defaults, AWS attribute defaults).
 */
export type PodState = "R" | "T" | "NR";
export type Health = elbv2.TargetHealth["state"] | [elbv2.TargetHealth["state"], string];

export interface CaseSpec {
  lb?: "nlb" | "clb";
  targetType?: "instance" | "ip";
  etp: "Cluster" | "Local";
  crossZone?: boolean;
  lbZones: string[];
  nodes: { name: string; zone: string; pods?: ([string, PodState] | string)[]; health?: Health; removal?: "taint" | "deleting"; notReady?: boolean }[];
  /** ip targets: health per pod name (default healthy). */
  podHealth?: Record<string, Health>;
  tgAttributes?: Record<string, string>;
  tgProtocol?: string;
  listenerProtocol?: string;
  hc?: Partial<Pick<elbv2.TargetGroup, "healthCheckProtocol" | "healthCheckPort" | "healthCheckPath">>;
  clb?: { listenerProtocol?: "TCP" | "HTTP" | "SSL" | "HTTPS"; proxyProtocol?: boolean };
  scheme?: "internet-facing" | "internal";
  ipAddressType?: string;
  hints?: Record<string, string[]>;
}

const NODE_PORT = 31234;
const HCNP = 32181;

export function buildCase(spec: CaseSpec): Snapshot {
  const lbKind = spec.lb ?? "nlb";
  const targetType = spec.targetType ?? "instance";
  const ns = "shop";
  const svcName = "web";
  const dns = lbKind === "nlb" ? "web-0123456789abcdef.elb.us-east-1.amazonaws.com" : "a1234-567.us-east-1.elb.amazonaws.com";
  const service: k8s.Service = {
    metadata: { namespace: ns, name: svcName, uid: "11111111-2222-3333-4444-555555555555", annotations: lbKind === "nlb" ? { "service.beta.kubernetes.io/aws-load-balancer-type": "nlb" } : {} },
    spec: {
      type: "LoadBalancer",
      ports: [{ name: "http", protocol: spec.tgProtocol === "UDP" ? "UDP" : "TCP", port: 80, targetPort: 8080, nodePort: NODE_PORT }],
      externalTrafficPolicy: spec.etp,
      ...(spec.etp === "Local" ? { healthCheckNodePort: HCNP } : {}),
    },
    status: { loadBalancer: { ingress: [{ hostname: dns }] } },
  };
  const nodes: k8s.Node[] = spec.nodes.map((n, i) => ({
    metadata: { name: n.name, labels: { "topology.kubernetes.io/zone": n.zone }, ...(n.removal === "deleting" ? { deletionTimestamp: "2026-11-20T09:59:00Z" } : {}) },
    spec: { providerID: `aws:///${n.zone}/i-${String(i + 1).padStart(17, "0")}`, ...(n.removal === "taint" ? { taints: [{ key: "ToBeDeletedByClusterAutoscaler", effect: "NoSchedule" }] } : {}) },
    status: { conditions: [{ type: "Ready", status: n.notReady ? "False" : "True" }], addresses: [{ type: "InternalIP", address: `10.0.${i}.10` }] },
  }));
  const instanceOf = (name: string) => nodes[spec.nodes.findIndex((n) => n.name === name)].spec!.providerID!.split("/").pop()!;
  const pods: k8s.Pod[] = [];
  const endpoints: k8s.Endpoint[] = [];
  spec.nodes.forEach((n, i) =>
    (n.pods ?? []).forEach((p, j) => {
      const [name, state] = typeof p === "string" ? [p, "R" as PodState] : p;
      const ip = `10.1.${i}.${j + 10}`;
      pods.push({ metadata: { namespace: ns, name }, spec: { nodeName: n.name }, status: { phase: "Running", podIP: ip, conditions: [{ type: "Ready", status: state === "R" ? "True" : "False" }] } });
      endpoints.push({
        addresses: [ip],
        conditions: { ready: state === "R", serving: state !== "NR", terminating: state === "T" },
        nodeName: n.name,
        zone: n.zone,
        targetRef: { kind: "Pod", namespace: ns, name },
        ...(spec.hints?.[name] ? { hints: { forZones: spec.hints[name].map((z) => ({ name: z })) } } : {}),
      });
    }),
  );
  const slice: k8s.EndpointSlice = { metadata: { namespace: ns, name: "web-abcde", labels: { "kubernetes.io/service-name": svcName } }, addressType: "IPv4", endpoints, ports: [{ name: "http", port: 8080, protocol: "TCP" }] };
  const toHealth = (h: Health | undefined): elbv2.TargetHealth => {
    const [state, reason] = Array.isArray(h) ? h : [h ?? "healthy", undefined];
    return { state, ...(reason ? { reason } : state === "unhealthy" ? { reason: "Target.FailedHealthChecks" } : {}) };
  };

  const base: Snapshot = {
    schemaVersion: 1,
    capturedAt: "2026-11-20T10:00:00Z",
    cluster: { name: "case", awsClusterName: "case", region: "us-east-1" },
    kubernetes: { services: [service], endpointSlices: [slice], nodes, pods },
    aws: { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] },
  };

  if (lbKind === "clb") {
    const proto = spec.clb?.listenerProtocol ?? "TCP";
    base.aws.classicLoadBalancers.push({
      loadBalancerName: "a11111111222233334444555555555555".slice(0, 32),
      dnsName: dns,
      scheme: spec.scheme ?? "internet-facing",
      listenerDescriptions: [{ listener: { protocol: proto, loadBalancerPort: 80, instanceProtocol: proto === "HTTP" || proto === "HTTPS" ? "HTTP" : "TCP", instancePort: NODE_PORT }, policyNames: [] }],
      backendServerDescriptions: spec.clb?.proxyProtocol ? [{ instancePort: NODE_PORT, policyNames: ["k8s-proxyprotocol-enabled"] }] : [],
      policies: spec.clb?.proxyProtocol ? [{ policyName: "k8s-proxyprotocol-enabled", policyTypeName: "ProxyProtocolPolicyType" }] : [],
      instances: spec.nodes.map((n) => ({ instanceId: instanceOf(n.name) })),
      availabilityZones: spec.lbZones,
      healthCheck: spec.etp === "Local" ? { target: `HTTP:${HCNP}/healthz`, interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 6 } : { target: `TCP:${NODE_PORT}`, interval: 10, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 6 },
      attributes: { crossZoneLoadBalancing: spec.crossZone ?? false },
      tags: { "kubernetes.io/service-name": `${ns}/${svcName}`, "kubernetes.io/cluster/case": "owned" },
      instanceStates: spec.nodes.map((n) => {
        const h = toHealth(n.health);
        return h.state === "healthy"
          ? { instanceId: instanceOf(n.name), state: "InService" as const, reasonCode: "N/A", description: "N/A" }
          : { instanceId: instanceOf(n.name), state: "OutOfService" as const, reasonCode: "Instance", description: "Instance has failed at least the UnhealthyThreshold number of health checks consecutively." };
      }),
    });
    return base;
  }

  const lbArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/web/0123456789abcdef";
  const tgArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/k8s-shop-web/0123456789abcdef";
  const local = spec.etp === "Local" && targetType === "instance";
  const targets: elbv2.TargetHealthDescription[] =
    targetType === "instance"
      ? spec.nodes.map((n) => ({ target: { id: instanceOf(n.name), port: NODE_PORT }, healthCheckPort: local ? String(HCNP) : String(NODE_PORT), targetHealth: toHealth(n.health) }))
      : endpoints.map((e) => ({ target: { id: e.addresses[0], port: 8080, availabilityZone: e.zone }, healthCheckPort: "8080", targetHealth: toHealth(spec.podHealth?.[e.targetRef!.name!]) }));
  base.aws.loadBalancers.push({
    loadBalancerArn: lbArn,
    loadBalancerName: "web",
    dnsName: dns,
    type: "network",
    scheme: spec.scheme ?? "internet-facing",
    state: "active",
    ipAddressType: spec.ipAddressType ?? "ipv4",
    availabilityZones: spec.lbZones.map((z) => ({ zoneName: z })),
    attributes: { "load_balancing.cross_zone.enabled": String(spec.crossZone ?? false), "dns_record.client_routing_policy": "any_availability_zone" },
    tags: {},
    listeners: [{ listenerArn: `${lbArn}/l1`, port: 80, protocol: spec.listenerProtocol ?? spec.tgProtocol ?? "TCP", defaultActions: [{ type: "forward", targetGroupArn: tgArn }] }],
  });
  base.aws.targetGroups.push({
    targetGroupArn: tgArn,
    targetGroupName: "k8s-shop-web",
    protocol: spec.tgProtocol ?? "TCP",
    port: targetType === "instance" ? NODE_PORT : 8080,
    targetType,
    healthCheckProtocol: spec.hc?.healthCheckProtocol ?? (local ? "HTTP" : "TCP"),
    healthCheckPort: spec.hc?.healthCheckPort ?? (local ? String(HCNP) : "traffic-port"),
    healthCheckPath: spec.hc?.healthCheckPath ?? (local ? "/healthz" : undefined),
    healthCheckIntervalSeconds: 10,
    healthyThresholdCount: 2,
    unhealthyThresholdCount: 2,
    loadBalancerArns: [lbArn],
    ipAddressType: "ipv4",
    attributes: { "load_balancing.cross_zone.enabled": "use_load_balancer_configuration", ...(spec.tgAttributes ?? {}) },
    tags: {},
    targetHealthDescriptions: targets,
  });
  return base;
}
