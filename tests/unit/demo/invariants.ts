import type { TargetGroup } from "@/server/core/model/elbv2";
import type { Snapshot } from "@/server/core/model/snapshot";
import type { ScenarioExpectation } from "@/tests/unit/core/scenarioExpectations";
import { SnapshotSchema } from "./snapshotSchema";
import { annotationsFit, isDns1123Label, isDns1123Subdomain, isElbTag, isLabelValue, isQualifiedKey } from "./validity";

/**
 * Structural invariants of a scenario snapshot, each returning the problems it finds (empty = holds), so the
 * tests can show both that every scenario passes and that a broken copy is caught.
 */

const ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012";
const A = "service.beta.kubernetes.io/";
type Check = (snap: Snapshot, exp: ScenarioExpectation) => string[];

const ownTg = (tg: TargetGroup) => tg.tags["kubernetes.io/cluster/demo"] === "owned" || tg.tags["elbv2.k8s.aws/cluster"] === "demo";
const keyOf = (m: { namespace?: string; name: string }) => `${m.namespace}/${m.name}`;
const bindingOf = (snap: Snapshot, tg: TargetGroup) => snap.kubernetes.targetGroupBindings?.find((b) => b.spec.targetGroupARN === tg.targetGroupArn);
/** The Service of a target group: by the Service controllers' tags, or (Ingress target groups) its TargetGroupBinding. */
const serviceOfTg = (snap: Snapshot, tg: TargetGroup) => {
  const b = bindingOf(snap, tg);
  const key = b ? `${b.metadata.namespace}/${b.spec.serviceRef.name}` : (tg.tags["service.k8s.aws/stack"] ?? tg.tags["kubernetes.io/service-name"]);
  return snap.kubernetes.services.find((s) => keyOf(s.metadata) === key);
};
/** The forward target groups of a listener: its default action and, on an ALB, every rule's (weighted) forward. */
const forwardedBy = (l: Snapshot["aws"]["loadBalancers"][number]["listeners"][number]) =>
  [...l.defaultActions, ...(l.rules ?? []).flatMap((r) => r.actions)].flatMap((a) => a.forwardConfig?.targetGroups?.map((t) => t.targetGroupArn) ?? (a.targetGroupArn ? [a.targetGroupArn] : []));
const nodesByInstance = (snap: Snapshot) => new Map(snap.kubernetes.nodes.map((n) => [n.spec?.providerID?.split("/").pop() ?? "", n]));

/** Parses as the model with nothing extra; fixed metadata; a 2–4 sentence story. */
export const modelShape: Check = (snap, exp) => {
  const out: string[] = [];
  const r = SnapshotSchema.safeParse(snap);
  if (!r.success) out.push(...r.error.issues.map((i) => `schema: ${i.path.join(".")}: ${i.message}`));
  if (snap.capturedAt !== "2026-11-20T10:00:00Z") out.push(`capturedAt ${snap.capturedAt}`);
  if (snap.cluster.name !== exp.cluster || snap.cluster.awsClusterName !== "demo" || snap.cluster.region !== "us-east-1") out.push("cluster identity");
  const n = (snap.meta?.story ?? "").split(/(?<=[.!?])\s+/).filter(Boolean).length;
  if (n < 2 || n > 4) out.push(`story has ${n} sentences`);
  if ((snap.meta?.title ?? "").length < 10) out.push("no title");
  return out;
};

/** JOIN-2: status hostname = one LB's DNS name, except Services pending / not found / unsupported on purpose. */
export const hostnameJoin: Check = (snap, exp) => {
  const out: string[] = [];
  const dns = new Set([...snap.aws.loadBalancers, ...snap.aws.classicLoadBalancers].map((l) => l.dnsName.toLowerCase()));
  for (const svc of snap.kubernetes.services.filter((s) => s.spec.type === "LoadBalancer")) {
    const key = keyOf(svc.metadata);
    const status = exp.services[key]?.status;
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    const hosts = ingress.map((i) => i.hostname?.toLowerCase()).filter((h): h is string => !!h);
    if (status === undefined) out.push(`${key}: no expectation`);
    else if (status === "pending" && ingress.length > 0) out.push(`${key}: pending but has ingress`);
    else if (status === "not-found" && (hosts.length !== 1 || hosts.some((h) => dns.has(h)))) out.push(`${key}: not-found but its LB exists`);
    else if (status === "unsupported" && (!svc.spec.loadBalancerClass || svc.spec.loadBalancerClass === "service.k8s.aws/nlb")) out.push(`${key}: unsupported without a foreign class`);
    else if (status === "ok" && !(hosts.length === 1 && dns.has(hosts[0]))) out.push(`${key}: hostname matches no load balancer`);
  }
  for (const key of exp.notListed) if (snap.kubernetes.services.find((s) => keyOf(s.metadata) === key)?.spec.type === "LoadBalancer") out.push(`${key}: should not be a LoadBalancer Service`);
  return out;
};

/** A Gateway's load balancer (GW-2: its status address), tagged by the gateway controller (pkg/gateway/constants). */
const gatewayLb = (snap: Snapshot, dnsName: string) => !!snap.kubernetes.gateways?.some((g) => g.status?.addresses?.some((a) => a.value === dnsName));

/** The gateway controller's tags on its load balancer: exactly the cluster, the Gateway's stack and the resource ID. */
const gatewayTagsOk = (snap: Snapshot, lb: { dnsName: string; tags: Record<string, string> }, kind: "alb" | "nlb") => {
  const gw = snap.kubernetes.gateways?.find((g) => g.status?.addresses?.some((a) => a.value === lb.dnsName));
  return !!gw && JSON.stringify(lb.tags) === JSON.stringify({ "elbv2.k8s.aws/cluster": "demo", [`gateway.k8s.aws.${kind}/stack`]: `${gw.metadata.namespace}/${gw.metadata.name}`, [`gateway.k8s.aws.${kind}/resource`]: "LoadBalancer" });
};

/** Names, ARNs, DNS names and tags as the controllers and AWS make them (C1, L5, L6, A2, W10, W12, W1 tag pattern). */
export const awsNaming: Check = (snap) => {
  const out: string[] = [];
  const bad = (ok: boolean, what: string) => (ok ? undefined : out.push(what));
  for (const lb of snap.aws.loadBalancers.filter((l) => l.type === "application")) {
    // ALB (W10-style DNS name, internal- prefix), named and tagged by the controller for an Ingress stack (L6).
    bad(new RegExp(`^${ARN}:loadbalancer/app/${lb.loadBalancerName}/[0-9a-f]{16}$`).test(lb.loadBalancerArn), `ALB ARN ${lb.loadBalancerArn}`);
    bad(new RegExp(`^(internal-)?${lb.loadBalancerName}-[1-9][0-9]{9}\\.us-east-1\\.elb\\.amazonaws\\.com$`).test(lb.dnsName), `ALB DNS ${lb.dnsName}`);
    bad(/^k8s-[a-z0-9]{1,17}(-[a-z0-9]{1,8})?-[0-9a-f]{10}$/.test(lb.loadBalancerName), `ALB name ${lb.loadBalancerName}`);
    // An Ingress's ALB carries the stack tags (L6); a Gateway's the gateway controller's: cluster, stack, resource.
    if (!gatewayLb(snap, lb.dnsName)) bad(lb.tags["ingress.k8s.aws/resource"] === "LoadBalancer" && !!lb.tags["ingress.k8s.aws/stack"] && !!lb.tags["elbv2.k8s.aws/cluster"], `Ingress tags ${lb.loadBalancerName}`);
    else bad(gatewayTagsOk(snap, lb, "alb"), `Gateway tags ${lb.loadBalancerName}`);
    for (const l of lb.listeners) {
      bad(l.rules?.at(-1)?.isDefault === true && JSON.stringify(l.rules.at(-1)!.actions) === JSON.stringify(l.defaultActions), `listener ${l.port}: default rule`);
      for (const arn of forwardedBy(l)) {
        const tg = snap.aws.targetGroups.find((t) => t.targetGroupArn === arn);
        bad(tg?.loadBalancerArns.length === 1 && tg.loadBalancerArns[0] === lb.loadBalancerArn, `listener ${l.port} → TG of another LB`);
      }
    }
  }
  // Load balancers made outside the cluster (Terraform) carry no controller tag and any valid name (TGB scenarios).
  const external = (lb: { tags: Record<string, string> }) => Object.keys(lb.tags).length === 0;
  for (const lb of snap.aws.loadBalancers.filter((l) => l.type !== "application" && external(l)))
    bad(/^[A-Za-z0-9-]{1,32}$/.test(lb.loadBalancerName) && !lb.loadBalancerName.startsWith("internal-"), `external LB name ${lb.loadBalancerName}`);
  for (const lb of snap.aws.loadBalancers.filter((l) => l.type !== "application" && !external(l))) {
    bad(new RegExp(`^${ARN}:loadbalancer/net/${lb.loadBalancerName}/[0-9a-f]{16}$`).test(lb.loadBalancerArn), `LB ARN ${lb.loadBalancerArn}`);
    bad(new RegExp(`^${lb.loadBalancerName}-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com$`).test(lb.dnsName), `NLB DNS ${lb.dnsName}`);
    bad(/^(a[0-9a-f]{31}|k8s-[a-z0-9]{1,8}-[a-z0-9]{1,8}-[0-9a-f]{10})$/.test(lb.loadBalancerName), `LB name ${lb.loadBalancerName}`);
    if (lb.loadBalancerName.startsWith("a")) bad(Object.keys(lb.tags).filter((t) => t.startsWith("kubernetes.io/")).length === 2, `legacy tags ${lb.loadBalancerName}`);
    else if (gatewayLb(snap, lb.dnsName)) bad(gatewayTagsOk(snap, lb, "nlb"), `Gateway tags ${lb.loadBalancerName}`);
    else bad(lb.tags["service.k8s.aws/resource"] === "LoadBalancer" && !!lb.tags["elbv2.k8s.aws/cluster"], `LBC tags ${lb.loadBalancerName}`);
    for (const l of lb.listeners) {
      const tg = snap.aws.targetGroups.find((t) => t.targetGroupArn === l.defaultActions[0]?.targetGroupArn);
      bad(tg?.loadBalancerArns.length === 1 && tg.loadBalancerArns[0] === lb.loadBalancerArn, `listener ${l.port} → TG of another LB`);
    }
  }
  for (const tg of snap.aws.targetGroups) {
    bad(new RegExp(`^${ARN}:targetgroup/${tg.targetGroupName}/[0-9a-f]{16}$`).test(tg.targetGroupArn), `TG ARN ${tg.targetGroupArn}`);
    if (Object.keys(tg.tags).length) bad(/^k8s-[a-z0-9]{1,8}-[a-z0-9]{1,8}-[0-9a-f]{10}$/.test(tg.targetGroupName), `TG name ${tg.targetGroupName}`);
    bad(tg.attributes["deregistration_delay.timeout_seconds"] === "300" && tg.attributes["load_balancing.cross_zone.enabled"] === "use_load_balancer_configuration", `TG attributes ${tg.targetGroupName}`);
  }
  for (const clb of snap.aws.classicLoadBalancers) {
    bad(/^a[0-9a-f]{31}$/.test(clb.loadBalancerName), `CLB name ${clb.loadBalancerName}`);
    bad(new RegExp(`^(internal-)?${clb.loadBalancerName}-[1-9][0-9]{9}\\.us-east-1\\.elb\\.amazonaws\\.com$`).test(clb.dnsName), `CLB DNS ${clb.dnsName}`);
  }
  for (const r of [...snap.aws.loadBalancers, ...snap.aws.targetGroups, ...snap.aws.classicLoadBalancers])
    for (const [k, v] of Object.entries(r.tags)) bad(isElbTag(k, v), `tag not accepted by ELB: ${k}=${v}`);
  return out;
};

/** JOIN-3/4: instance targets are this cluster's nodes on the nodePort, ip targets its endpoints on the targetPort. */
export const targetsJoin: Check = (snap) => {
  const out: string[] = [];
  const nodes = nodesByInstance(snap);
  const endpoints = snap.kubernetes.endpointSlices.flatMap((s) => (s.endpoints ?? []).map((e) => ({ s, e })));
  for (const tg of snap.aws.targetGroups.filter(ownTg)) {
    const lb = snap.aws.loadBalancers.find((l) => l.loadBalancerArn === tg.loadBalancerArns[0]);
    // Service controllers: the listener port is the Service port (JOIN-3); Ingress target groups: the binding's port.
    const binding = bindingOf(snap, tg);
    const port = binding ? binding.spec.serviceRef.port : lb?.listeners.find((l) => l.defaultActions[0]?.targetGroupArn === tg.targetGroupArn)?.port;
    const sp = serviceOfTg(snap, tg)?.spec.ports?.find((p) => p.port === port);
    if (!sp) {
      out.push(`${tg.targetGroupName}: no Service port for listener ${port}`);
      continue;
    }
    if (tg.port !== (tg.targetType === "ip" ? sp.targetPort : sp.nodePort)) out.push(`${tg.targetGroupName}: port ${tg.port}`);
    for (const d of tg.targetHealthDescriptions ?? []) {
      if (d.target.port !== tg.port) out.push(`${d.target.id}: port ${d.target.port}`);
      if (d.healthCheckPort !== (tg.healthCheckPort === "traffic-port" ? String(tg.port) : tg.healthCheckPort)) out.push(`${d.target.id}: HealthCheckPort ${d.healthCheckPort}`);
      if (tg.targetType === "instance" && !nodes.has(d.target.id)) out.push(`${d.target.id}: no Node with this providerID`);
      if (tg.targetType === "ip") {
        const hit = endpoints.find(({ s, e }) => e.addresses[0] === d.target.id && s.ports?.some((p) => p.name === sp.name && p.port === d.target.port));
        if (!hit) out.push(`${d.target.id}: no endpoint`);
        else if (hit.e.zone !== d.target.availabilityZone) out.push(`${d.target.id}: zone`);
      }
    }
  }
  for (const clb of snap.aws.classicLoadBalancers) for (const i of clb.instances) if (!nodes.has(i.instanceId)) out.push(`${i.instanceId}: no Node (Classic)`);
  return out;
};

/** A target can be healthy only if the rules allow it: HLT-E1 (Local: a Ready local endpoint), HLT-E2 (Cluster: a Ready endpoint), HLT-E4/L10 (ip: its endpoint Ready). */
export const healthPossible: Check = (snap) => {
  const out: string[] = [];
  const nodes = nodesByInstance(snap);
  for (const tg of snap.aws.targetGroups.filter(ownTg)) {
    const svc = serviceOfTg(snap, tg);
    const eps = snap.kubernetes.endpointSlices.filter((s) => s.metadata.namespace === svc?.metadata.namespace && s.metadata.labels?.["kubernetes.io/service-name"] === svc?.metadata.name).flatMap((s) => s.endpoints ?? []);
    for (const d of (tg.targetHealthDescriptions ?? []).filter((x) => x.targetHealth.state === "healthy")) {
      const node = nodes.get(d.target.id);
      const ok =
        tg.targetType === "ip"
          ? eps.find((e) => e.addresses[0] === d.target.id)?.conditions?.ready === true
          : tg.healthCheckPort === String(svc?.spec.healthCheckNodePort)
            ? eps.some((e) => e.nodeName === node?.metadata.name && e.conditions?.ready)
            : eps.some((e) => e.conditions?.ready);
      if (!ok) out.push(`${d.target.id} healthy against the rules`);
    }
  }
  return out;
};

/** HC-1, HC-2, HC-4..HC-8 defaults, unless the Service overrides the port by annotation. */
export const healthChecks: Check = (snap) => {
  const out: string[] = [];
  for (const tg of snap.aws.targetGroups.filter(ownTg)) {
    const svc = serviceOfTg(snap, tg);
    if (!svc || svc.metadata.annotations?.[`${A}aws-load-balancer-healthcheck-port`]) continue;
    const gateway = tg.loadBalancerArns.some((a) => gatewayLb(snap, snap.aws.loadBalancers.find((l) => l.loadBalancerArn === a)?.dnsName ?? ""));
    if (bindingOf(snap, tg) && snap.aws.loadBalancers.find((l) => l.loadBalancerArn === tg.loadBalancerArns[0])?.type === "application") {
      // The controller's Ingress defaults (pkg/ingress/model_builder.go): HTTP traffic-port /, 15 s / 5 s, 2 / 2, "200";
      // its Gateway defaults (pkg/gateway/model/model_build_target_group.go): the same with 3 / 3 and "200-399".
      const got = [tg.healthCheckProtocol, tg.healthCheckPort, tg.healthCheckPath, tg.healthCheckIntervalSeconds, tg.healthCheckTimeoutSeconds, tg.healthyThresholdCount, tg.unhealthyThresholdCount, tg.matcher?.httpCode];
      const want = gateway ? ["HTTP", "traffic-port", "/", 15, 5, 3, 3, "200-399"] : ["HTTP", "traffic-port", "/", 15, 5, 2, 2, "200"];
      if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${tg.targetGroupName}: Ingress/Gateway health check ${JSON.stringify(got)}`);
      continue;
    }
    // The AWS Load Balancer Controller's: a Service's target group (stack tag, HC-6) or an NLB Gateway's (15 s).
    const lbc = "service.k8s.aws/stack" in tg.tags;
    const local = svc.spec.externalTrafficPolicy === "Local" && tg.targetType === "instance";
    const want = local ? ["HTTP", String(svc.spec.healthCheckNodePort), "/healthz", 10, 2, 2] : ["TCP", "traffic-port", undefined, gateway ? 15 : lbc ? 10 : 30, 3, 3];
    const got = [tg.healthCheckProtocol, tg.healthCheckPort, tg.healthCheckPath, tg.healthCheckIntervalSeconds, tg.healthyThresholdCount, tg.unhealthyThresholdCount];
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${tg.targetGroupName}: health check ${JSON.stringify(got)}`);
  }
  for (const clb of snap.aws.classicLoadBalancers) {
    const svc = snap.kubernetes.services.find((s) => s.status?.loadBalancer?.ingress?.[0]?.hostname === clb.dnsName);
    const target = svc?.spec.externalTrafficPolicy === "Local" ? `HTTP:${svc.spec.healthCheckNodePort}/healthz` : `TCP:${svc?.spec.ports?.[0].nodePort}`;
    const hc = clb.healthCheck;
    if (hc?.target !== target || hc.interval !== 10 || hc.timeout !== 5 || hc.healthyThreshold !== 2 || hc.unhealthyThreshold !== 6) out.push(`${clb.loadBalancerName}: health check`);
  }
  return out;
};

/** K6/A4: providerIDs, EndpointSlice ports = Service ports, endpoints = pods (IP, node, zone, readiness). */
export const kubernetesConsistency: Check = (snap) => {
  const out: string[] = [];
  const k = snap.kubernetes;
  for (const n of k.nodes) {
    const zone = n.metadata.labels?.["topology.kubernetes.io/zone"];
    if (!new RegExp(`^aws:///${zone}/i-[0-9a-f]{17}$`).test(n.spec?.providerID ?? "")) out.push(`${n.metadata.name}: providerID`);
    if (!n.status?.addresses?.some((a) => a.type === "InternalIP")) out.push(`${n.metadata.name}: no InternalIP`);
  }
  for (const s of k.endpointSlices) {
    const svc = k.services.find((x) => x.metadata.namespace === s.metadata.namespace && x.metadata.name === s.metadata.labels?.["kubernetes.io/service-name"]);
    if (!svc) out.push(`${s.metadata.name}: no Service`);
    else if (JSON.stringify(s.ports) !== JSON.stringify(svc.spec.ports?.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })))) out.push(`${s.metadata.name}: ports differ from the Service's`);
    for (const e of s.endpoints ?? []) {
      const p = k.pods.find((x) => x.metadata.namespace === e.targetRef?.namespace && x.metadata.name === e.targetRef?.name);
      const zone = k.nodes.find((n) => n.metadata.name === e.nodeName)?.metadata.labels?.["topology.kubernetes.io/zone"];
      const ready = p?.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
      if (!p || p.status?.podIP !== e.addresses[0] || p.spec?.nodeName !== e.nodeName || p.metadata.uid !== e.targetRef?.uid) out.push(`${e.addresses[0]}: endpoint ≠ pod`);
      if (zone !== e.zone) out.push(`${e.addresses[0]}: zone`);
      if (e.conditions?.ready !== (ready && !e.conditions?.terminating)) out.push(`${e.addresses[0]}: ready ≠ pod Ready`);
    }
  }
  return out;
};

/** Names, labels and annotations the Kubernetes API would accept (apimachinery validation). */
export const kubernetesValid: Check = (snap) => {
  const out: string[] = [];
  const k = snap.kubernetes;
  for (const o of [...k.services, ...k.endpointSlices, ...k.nodes, ...k.pods]) {
    const m = o.metadata;
    if (!isDns1123Subdomain(m.name)) out.push(`name ${m.name}`);
    if (m.namespace !== undefined && !isDns1123Label(m.namespace)) out.push(`namespace ${m.namespace}`);
    for (const [key, v] of Object.entries(m.labels ?? {})) if (!isQualifiedKey(key) || !isLabelValue(v)) out.push(`label ${key}=${v}`);
    for (const key of Object.keys(m.annotations ?? {})) if (!isQualifiedKey(key)) out.push(`annotation key ${key}`);
    if (!annotationsFit(m.annotations ?? {})) out.push(`annotations too large on ${m.name}`);
  }
  for (const s of k.services) {
    if (!isDns1123Label(s.metadata.name)) out.push(`Service name ${s.metadata.name}`);
    // The default service-node-port-range.
    for (const port of [...(s.spec.ports ?? []).map((p) => p.nodePort), s.spec.healthCheckNodePort]) if (port !== undefined && (port < 30000 || port > 32767)) out.push(`node port ${port}`);
    if (s.spec.type !== "LoadBalancer" && s.spec.type !== "NodePort" && (s.spec.ports ?? []).some((p) => p.nodePort !== undefined)) out.push(`${s.metadata.name}: nodePort on a ${s.spec.type} Service`);
  }
  for (const o of [...(k.ingresses ?? []), ...(k.ingressClasses ?? []), ...(k.targetGroupBindings ?? [])]) {
    if (!isDns1123Subdomain(o.metadata.name)) out.push(`name ${o.metadata.name}`);
    for (const key of Object.keys(o.metadata.annotations ?? {})) if (!isQualifiedKey(key)) out.push(`annotation key ${key}`);
  }
  return out;
};

export const checks: Record<string, Check> = { modelShape, hostnameJoin, awsNaming, targetsJoin, healthPossible, healthChecks, kubernetesConsistency, kubernetesValid };
