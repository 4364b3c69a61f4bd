import type { LoadBalancer, TargetGroup, TargetHealthDescription } from "../../server/core/model/elbv2";
import { annotation, type Flavour, isInternal, k8sName, lbTags, legacyLbName, nlbAttributes, nlbHealthCheck, nlbTargetGroupAttributes, targetTypeOf, tgTags } from "./controllers";
import { administrativeOverride, elbv2Health, hasExplicitSpec, lbcEligible, legacyEligible, specFor } from "./health";
import { hex } from "./ids";
import { selects, serviceUid } from "./kube";
import type { LbDef, PortDef, ServiceDef } from "./model";
import { ACCOUNT, REGION, type World } from "./world";

/** One NLB with its target groups, as DescribeLoadBalancers/Listeners/TargetGroups/TargetHealth return them. */
export interface BuiltNlb {
  lb: LoadBalancer;
  targetGroups: TargetGroup[];
}

const ARN = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}`;

export function buildNlb(flavour: Exclude<Flavour, "legacy-clb">, svc: ServiceDef, lbDef: LbDef, world: World, clusterId: string, lbIndex: number): BuiltNlb {
  const uid = serviceUid(world.seed, svc);
  const seed = `${world.seed}/${world.net}/lb/${svc.namespace}/${svc.name}`;
  const name = annotation(svc, "aws-load-balancer-name") ?? (flavour === "lbc" ? k8sName(svc, `${seed}/name`) : legacyLbName(uid));
  const lbId = hex(`${seed}/arn`, 16);
  const lbArn = `${ARN}:loadbalancer/net/${name}/${lbId}`;
  const internal = isInternal(flavour, svc);
  const sslPorts = (annotation(svc, "aws-load-balancer-ssl-ports") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const tls = (p: PortDef) => annotation(svc, "aws-load-balancer-ssl-cert") !== undefined && (sslPorts.length === 0 || sslPorts.includes(String(p.port)) || sslPorts.includes(p.name));

  const targetGroups = svc.ports.map((p) => buildTargetGroup(flavour, svc, lbDef, world, clusterId, lbArn, p));
  const lb: LoadBalancer = {
    loadBalancerArn: lbArn,
    loadBalancerName: name,
    // W12: <name>-<id>.elb.<region>.amazonaws.com (the id differs from the ARN's).
    dnsName: `${name}-${hex(`${seed}/dns`, 16)}.elb.${REGION}.amazonaws.com`,
    type: "network",
    scheme: internal ? "internal" : "internet-facing",
    state: lbDef.state ?? "active",
    vpcId: world.vpcId,
    ipAddressType: annotation(svc, "aws-load-balancer-ip-address-type") === "dualstack" ? "dualstack" : "ipv4",
    availabilityZones: lbDef.zones.map((z) => ({
      zoneName: `${REGION}${z}`,
      subnetId: world.lbSubnet(z, internal),
      loadBalancerAddresses: lbDef.privateIps ? [{ privateIPv4Address: world.lbPrivateIp(z, lbIndex) }] : [],
    })),
    attributes: nlbAttributes(flavour, svc),
    tags: lbTags(flavour, svc, clusterId),
    listeners: svc.ports.map((p, i) => ({
      listenerArn: `${ARN}:listener/net/${name}/${lbId}/${hex(`${seed}/listener/${p.port}`, 16)}`,
      port: p.port,
      protocol: p.protocol === "UDP" ? "UDP" : tls(p) ? "TLS" : "TCP",
      defaultActions: [
        {
          type: "forward",
          targetGroupArn: targetGroups[i].targetGroupArn,
          forwardConfig: { targetGroups: [{ targetGroupArn: targetGroups[i].targetGroupArn, weight: 1 }] },
        },
      ],
    })),
  };
  return { lb, targetGroups };
}

function buildTargetGroup(flavour: Exclude<Flavour, "legacy-clb">, svc: ServiceDef, lbDef: LbDef, world: World, clusterId: string, lbArn: string, p: PortDef): TargetGroup {
  const seed = `${world.seed}/${world.net}/tg/${svc.namespace}/${svc.name}/${p.port}`;
  const name = k8sName(svc, `${seed}/name`);
  const protocol = p.protocol === "UDP" ? "UDP" : "TCP";
  const ip = targetTypeOf(svc) === "ip";
  const hc = nlbHealthCheck(flavour, svc);
  // L3: ip targets register the pod's targetPort, instance targets the nodePort.
  const targetPort = ip ? p.targetPort : p.nodePort;
  // W1: HealthCheckPort in DescribeTargetHealth is the resolved port.
  const hcPort = hc.port === "traffic-port" ? String(targetPort) : hc.port;
  const descriptions: TargetHealthDescription[] = [];
  const add = (key: string, id: string, zone: "a" | "b" | "c", withZone: boolean) => {
    const spec = specFor(lbDef, p.port, key, zone);
    if (spec === "absent") return;
    descriptions.push({
      target: { id, port: targetPort, ...(withZone ? { availabilityZone: `${REGION}${zone}` } : {}) },
      healthCheckPort: hcPort,
      targetHealth: elbv2Health(spec, lbDef.descriptions?.[key]),
      ...(lbDef.zonalShift ? { administrativeOverride: administrativeOverride(lbDef.zonalShift, zone) } : {}),
    });
  };
  if (ip) {
    // L7: ready endpoints, plus not-ready ones whose containers are ready (pending readiness gates), never terminating.
    for (const pod of world.pods.filter((x) => selects(svc, x))) {
      const st = pod.def.state ?? "ready";
      if (hasExplicitSpec(lbDef, p.port, pod.def.key) || st === "ready" || st === "gate-pending" || st === "gate-failing") add(pod.def.key, pod.ip, pod.node.def.zone, true);
    }
  } else {
    const eligible = flavour === "lbc" ? lbcEligible : legacyEligible;
    for (const n of world.nodes) {
      if (hasExplicitSpec(lbDef, p.port, n.def.key) || eligible(n.def)) add(n.def.key, n.instanceId, n.def.zone, false);
    }
  }
  return {
    targetGroupArn: `${ARN}:targetgroup/${name}/${hex(`${seed}/arn`, 16)}`,
    targetGroupName: name,
    protocol,
    port: targetPort,
    targetType: ip ? "ip" : "instance",
    healthCheckEnabled: true,
    healthCheckProtocol: hc.protocol,
    healthCheckPort: hc.port,
    ...(hc.path ? { healthCheckPath: hc.path } : {}),
    healthCheckIntervalSeconds: hc.interval,
    healthCheckTimeoutSeconds: hc.timeout,
    healthyThresholdCount: hc.healthy,
    unhealthyThresholdCount: hc.unhealthy,
    ...(hc.protocol === "HTTP" ? { matcher: { httpCode: "200-399" } } : {}),
    loadBalancerArns: [lbArn],
    ipAddressType: "ipv4",
    attributes: nlbTargetGroupAttributes(flavour, svc, protocol),
    tags: tgTags(flavour, svc, clusterId, p),
    targetHealthDescriptions: descriptions,
  };
}
