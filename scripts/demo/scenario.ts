import type { Snapshot } from "../../server/core/model/snapshot";
import { buildClassic } from "./classic";
import { flavourOf, legacyLbName, targetTypeOf } from "./controllers";
import { buildNlb } from "./elbv2";
import { buildAlb, buildIngress, buildIngressClasses, stackOf } from "./alb";
import { buildExternal, buildGateway } from "./external";
import { hex } from "./ids";
import { buildEndpointSlice, buildNode, buildPod, buildService, selects, serviceUid } from "./kube";
import type { ScenarioDef, ServiceDef } from "./model";
import { CAPTURED_AT, CLUSTER_ID, REGION, World } from "./world";
import { demoMetrics } from "./observedData";
import { demoTimeline } from "./timelineData";

/** Turn a scenario definition into the Snapshot the demo serves and the emulator is seeded with. */
export function buildScenario(def: ScenarioDef): Snapshot {
  const namespaceOf = (p: ScenarioDef["pods"][number]) =>
    def.services.find((s) => Object.entries(s.selector ?? { app: s.name }).every(([k, v]) => ({ app: p.app, ...p.labels })[k] === v))?.namespace ?? "default";
  const world = new World(def.id, def.nodes, def.pods, namespaceOf);
  const snap: Snapshot = {
    schemaVersion: 1,
    capturedAt: CAPTURED_AT,
    cluster: { name: `demo-${def.id}`, awsClusterName: CLUSTER_ID, region: REGION },
    kubernetes: { services: [], endpointSlices: [], nodes: world.nodes.map(buildNode), pods: [] },
    aws: { loadBalancers: [], targetGroups: [], classicLoadBalancers: [] },
    meta: { title: def.title, story: def.story },
  };
  const gates = new Map<string, string>();

  def.services.forEach((svc, i) => {
    let hostname: string | undefined;
    const lb = svc.lb;
    if (typeof lb === "object") {
      const flavour = flavourOf(svc);
      if (flavour === "unknown") throw new Error(`${def.id}: ${svc.name} has an LB but no modelled controller`);
      if (flavour === "legacy-clb") {
        const clb = buildClassic(svc, lb, world, CLUSTER_ID);
        snap.aws.classicLoadBalancers.push(clb);
        hostname = clb.dnsName;
      } else {
        const built = buildNlb(flavour, svc, lb, world, CLUSTER_ID, i);
        snap.aws.loadBalancers.push(built.lb);
        snap.aws.targetGroups.push(...built.targetGroups);
        hostname = built.lb.dnsName;
        // L10: with readiness-gate injection every pod of the Service carries the gate condition.
        const pods = world.pods.filter((x) => selects(svc, x));
        const gated = targetTypeOf(svc) === "ip" && pods.some((p) => p.def.state === "gate-pending" || p.def.state === "gate-failing" || p.def.spec?.readinessGate);
        if (gated) for (const p of pods) gates.set(p.def.key, built.targetGroups[0].targetGroupName);
      }
    } else if (lb === "missing") {
      hostname = missingHostname(def.id, svc);
    }
    snap.kubernetes.services.push(buildService(svc, world, hostname));
    snap.kubernetes.endpointSlices.push(buildEndpointSlice(svc, world));
  });

  snap.kubernetes.pods = world.pods.map((p) => buildPod(p, world, gates.get(p.def.key)));

  // Ingresses and their ALBs (issue 13): only scenarios that have them get the fields (older ones stay as they were).
  if (def.ingresses) {
    const hostnames = new Map<string, string>();
    const bindings = [];
    for (const alb of def.albs ?? []) {
      const built = buildAlb(def, alb, world, CLUSTER_ID);
      snap.aws.loadBalancers.push(built.lb);
      snap.aws.targetGroups.push(...built.targetGroups);
      bindings.push(...built.bindings);
      hostnames.set(alb.stack, built.lb.dnsName);
    }
    if (bindings.length) snap.kubernetes.targetGroupBindings = bindings;
    snap.kubernetes.ingressClasses = buildIngressClasses(def.ingressClasses ?? { alb: "ingress.k8s.aws/alb" });
    snap.kubernetes.ingresses = def.ingresses.map((i) => buildIngress(i, hostnames.get(stackOf(i))));
  }
  for (const e of def.externalTargetGroups ?? []) {
    const built = buildExternal(def, e, world);
    snap.aws.loadBalancers.push(built.lb);
    snap.aws.targetGroups.push(built.tg);
    (snap.kubernetes.targetGroupBindings ??= []).push(built.binding);
  }
  for (const g of def.gateways ?? []) {
    const built = buildGateway(def, g, world, CLUSTER_ID);
    snap.aws.loadBalancers.push(built.lb);
    snap.aws.targetGroups.push(...built.targetGroups);
    (snap.kubernetes.targetGroupBindings ??= []).push(...built.bindings);
    (snap.kubernetes.gatewayClasses ??= []).push(built.gatewayClass);
    (snap.kubernetes.gateways ??= []).push(built.gateway);
    (snap.kubernetes.routes ??= []).push(built.route);
    if (built.lbcs.length) (snap.kubernetes.loadBalancerConfigurations ??= []).push(...built.lbcs);
    if (built.tgcs.length) (snap.kubernetes.targetGroupConfigurations ??= []).push(...built.tgcs);
  }

  (def.decoys ?? []).forEach((d, i) => {
    const other = new World(`${def.id}/decoy/${d.clusterId}`, d.nodes, d.pods, () => d.service.namespace, i + 1);
    const built = buildNlb(flavourOf(d.service) as "legacy-nlb" | "lbc", d.service, d.service.lb, other, d.clusterId, 50 + i);
    snap.aws.loadBalancers.push(built.lb);
    snap.aws.targetGroups.push(...built.targetGroups);
  });
  // Issue 12: what CloudWatch observed and what lbpath recorded over time, worked out on a copy (the analysis is
  // memoised per snapshot object, and the scenario itself gets these parts only now).
  const base = structuredClone(snap);
  return { ...snap, metrics: demoMetrics(base, def), timeline: demoTimeline(base, def) };
}

/** The hostname a legacy NLB had before someone deleted it in AWS (the Service status still names it). */
function missingHostname(seed: string, svc: ServiceDef): string {
  return `${legacyLbName(serviceUid(seed, svc))}-${hex(`${seed}/missing/${svc.namespace}/${svc.name}`, 16)}.elb.${REGION}.amazonaws.com`;
}
