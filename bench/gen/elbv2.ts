import type * as elbv2 from "@/server/core/model/elbv2";
import type { Rng } from "../prng";
import { ACCOUNT, REGION, ZONES } from "./ids";
import { instanceHealth, ipHealth, readyLocal, registeredNodes, registeredPods } from "./health";
import type { NodeGen, PortPlan, ServicePlan } from "./types";
// The same AWS defaults the demo scenarios use: one place for what AWS answers.
import { nlbTargetGroupDefaults } from "@/scripts/demo/controllers";

const ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;

export interface Network {
  vpcId: string;
  publicSubnets: string[];
  privateSubnets: string[];
  clusterId: string;
}

/** C1: "a" + the Service UID without dashes, 32 characters. */
export const legacyName = (uid: string) => `a${uid.replaceAll("-", "")}`.slice(0, 32);

/** L5, L3: `k8s-<ns[:8]>-<name[:8]>-<10 hex>` with non-alphanumerics removed. */
export function k8sName(plan: ServicePlan, rng: Rng): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, "").slice(0, 8);
  return `k8s-${clean(plan.namespace)}-${clean(plan.name)}-${rng.hex(10)}`;
}

/** JOIN-2 tags: legacy `kubernetes.io/service-name` + cluster tag; LBC stack + cluster tags (A2, A3, L6). */
function tags(plan: ServicePlan, net: Network, resource: string): Record<string, string> {
  if (plan.flavour === "legacy-nlb" || plan.flavour === "classic") return { "kubernetes.io/service-name": `${plan.namespace}/${plan.name}`, [`kubernetes.io/cluster/${net.clusterId}`]: "owned" };
  return { "elbv2.k8s.aws/cluster": net.clusterId, "service.k8s.aws/stack": `${plan.namespace}/${plan.name}`, "service.k8s.aws/resource": resource };
}

/** HC-1/HC-2 (legacy), HC-6/HC-7 (LBC instance), HC-8 (LBC ip). */
function healthCheck(plan: ServicePlan): Pick<elbv2.TargetGroup, "healthCheckProtocol" | "healthCheckPort" | "healthCheckPath" | "healthCheckIntervalSeconds" | "healthCheckTimeoutSeconds" | "healthyThresholdCount" | "unhealthyThresholdCount" | "matcher"> {
  const local = plan.etp === "Local" && plan.flavour !== "lbc-ip";
  if (local) return { healthCheckProtocol: "HTTP", healthCheckPort: String(plan.healthCheckNodePort), healthCheckPath: "/healthz", healthCheckIntervalSeconds: 10, healthCheckTimeoutSeconds: 6, healthyThresholdCount: 2, unhealthyThresholdCount: 2, matcher: { httpCode: "200-399" } };
  const legacy = plan.flavour === "legacy-nlb";
  return { healthCheckProtocol: "TCP", healthCheckPort: "traffic-port", healthCheckIntervalSeconds: legacy ? 30 : 10, healthCheckTimeoutSeconds: 10, healthyThresholdCount: 3, unhealthyThresholdCount: 3 };
}

function lbAttributes(crossZone: boolean): Record<string, string> {
  return {
    "access_logs.s3.enabled": "false",
    "deletion_protection.enabled": "false",
    "load_balancing.cross_zone.enabled": String(crossZone),
    "dns_record.client_routing_policy": "any_availability_zone",
    "zonal_shift.config.enabled": "false",
  };
}

/** One NLB for a LoadBalancer Service: a listener and a target group per port (JOIN-3), targets with health. */
export function buildNlb(rng: Rng, plan: ServicePlan, nodes: NodeGen[], net: Network): { lb: elbv2.LoadBalancer; targetGroups: elbv2.TargetGroup[] } {
  const name = plan.flavour === "legacy-nlb" ? legacyName(plan.uid) : k8sName(plan, rng);
  const lbId = rng.hex(16);
  const lbArn = `${ARN}:loadbalancer/net/${name}/${lbId}`;
  const ip = plan.flavour === "lbc-ip";
  const local = readyLocal(plan);
  const registered = ip ? null : registeredNodes(plan, nodes);
  const pods = ip ? registeredPods(plan) : null;

  const targetGroups = plan.ports.map((port: PortPlan): elbv2.TargetGroup => {
    const tgName = k8sName(plan, rng);
    const hc = healthCheck(plan);
    const targetPort = ip ? port.targetPort : port.nodePort!;
    const hcPort = hc.healthCheckPort === "traffic-port" ? String(targetPort) : hc.healthCheckPort;
    const descriptions: elbv2.TargetHealthDescription[] = ip
      ? pods!.map((p) => ({ target: { id: p.ip!, port: targetPort, availabilityZone: ZONES[p.node!.zone] }, healthCheckPort: hcPort, targetHealth: ipHealth(rng, plan, p) }))
      : registered!.map((n) => ({ target: { id: n.instanceId, port: targetPort }, healthCheckPort: hcPort, targetHealth: instanceHealth(rng, plan, n, local) }));
    return {
      targetGroupArn: `${ARN}:targetgroup/${tgName}/${rng.hex(16)}`,
      targetGroupName: tgName,
      protocol: port.protocol,
      port: targetPort,
      targetType: ip ? "ip" : "instance",
      healthCheckEnabled: true,
      ...hc,
      loadBalancerArns: [lbArn],
      ipAddressType: "ipv4",
      attributes: nlbTargetGroupDefaults(ip, port.protocol === "UDP"),
      tags: tags(plan, net, plan.flavour === "legacy-nlb" ? "" : `${plan.namespace}/${plan.name}:${port.port}`),
      targetHealthDescriptions: descriptions,
    };
  });

  const lb: elbv2.LoadBalancer = {
    loadBalancerArn: lbArn,
    loadBalancerName: name,
    dnsName: `${name}-${rng.hex(16)}.elb.${REGION}.amazonaws.com`,
    type: "network",
    scheme: plan.internal ? "internal" : "internet-facing",
    state: "active",
    vpcId: net.vpcId,
    ipAddressType: "ipv4",
    availabilityZones: plan.lbZones.map((z) => ({ zoneName: ZONES[z], subnetId: (plan.internal ? net.privateSubnets : net.publicSubnets)[z], loadBalancerAddresses: [] })),
    attributes: lbAttributes(plan.crossZone),
    tags: tags(plan, net, "LoadBalancer"),
    listeners: plan.ports.map((port, i) => ({
      listenerArn: `${ARN}:listener/net/${name}/${lbId}/${rng.hex(16)}`,
      port: port.port,
      protocol: port.protocol,
      defaultActions: [{ type: "forward", targetGroupArn: targetGroups[i].targetGroupArn, forwardConfig: { targetGroups: [{ targetGroupArn: targetGroups[i].targetGroupArn, weight: 1 }] } }],
    })),
  };
  if (plan.flavour === "legacy-nlb") for (const tg of targetGroups) tg.tags = lb.tags; // A2: legacy TGs carry the LB's tags
  plan.hostname = lb.dnsName;
  return { lb, targetGroups };
}
