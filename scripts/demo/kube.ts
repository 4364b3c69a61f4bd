import type { Endpoint, EndpointSlice, Node, Pod, Service } from "../../server/core/model/kubernetes";
import { k8sSuffix, uuid } from "./ids";
import type { PodState, ServiceDef } from "./model";
import { LONG_AGO, REGION, type ResolvedNode, type ResolvedPod, type World } from "./world";

/**
 * Kubernetes objects as `kubectl get -o json` shows them, trimmed to the model (server/core/model/kubernetes.ts).
 */

export function buildNode(n: ResolvedNode): Node {
  const d = n.def;
  return {
    metadata: {
      name: n.name,
      uid: uuid(`node/${n.instanceId}`),
      labels: {
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/os": "linux",
        "kubernetes.io/hostname": n.name,
        "node.kubernetes.io/instance-type": "m6i.large",
        "topology.kubernetes.io/region": REGION,
        "topology.kubernetes.io/zone": n.zone,
        "eks.amazonaws.com/nodegroup": "general",
        ...d.labels,
      },
      ...(d.annotations ? { annotations: d.annotations } : {}),
      creationTimestamp: d.createdAt ?? LONG_AGO,
      ...(d.deleting ? { deletionTimestamp: "2026-11-20T09:58:30Z" } : {}),
    },
    spec: {
      // A4/L10: providerID aws:///<zone>/<instance-id>; the instance target ID is its last segment.
      providerID: `aws:///${n.zone}/${n.instanceId}`,
      ...(d.cordoned ? { unschedulable: true } : {}),
      ...(d.taints || d.cordoned ? { taints: [...(d.taints ?? []), ...(d.cordoned ? [{ key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" }] : [])] } : {}),
    },
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False" },
        { type: "DiskPressure", status: "False" },
        { type: "PIDPressure", status: "False" },
        { type: "Ready", status: d.ready ?? "True" },
      ],
      addresses: [
        { type: "InternalIP", address: n.ip },
        { type: "InternalDNS", address: n.name },
        { type: "Hostname", address: n.name },
      ],
    },
  };
}

/** Readiness as the Pod reports it (Ready, ContainersReady) per state. */
function podConditions(state: PodState, gate: string | undefined, nodeLost: boolean): { type: string; status: string }[] {
  const containersReady = state === "ready" || state === "terminating" || state === "gate-pending" || state === "gate-failing";
  // The node lifecycle controller marks pods on a node that stopped reporting not Ready.
  const ready = (state === "ready" || state === "terminating") && !nodeLost;
  const conds = [
    { type: "PodReadyToStartContainers", status: "True" },
    { type: "Initialized", status: "True" },
    { type: "Ready", status: ready ? "True" : "False" },
    { type: "ContainersReady", status: containersReady ? "True" : "False" },
    { type: "PodScheduled", status: "True" },
  ];
  // L10: the LBC readiness gate condition is named target-health.elbv2.k8s.aws/<TargetGroupBinding name>.
  if (gate) conds.push({ type: `target-health.elbv2.k8s.aws/${gate}`, status: ready ? "True" : "False" });
  return conds;
}

/** The spec fields of issue 12's rollout check, when the scenario gives them (one container, named after the app). */
function podSpec(p: ResolvedPod, gate: string | undefined): Partial<NonNullable<Pod["spec"]>> {
  const s = p.def.spec;
  if (!s) return {};
  const h = s.preStop;
  const preStop = !h ? undefined : "sleep" in h ? { sleep: { seconds: h.sleep } } : "exec" in h ? { exec: { command: h.exec } } : { httpGet: { port: h.httpGet, scheme: "HTTP" } };
  return {
    terminationGracePeriodSeconds: s.terminationGracePeriodSeconds,
    ...(preStop ? { containers: [{ name: p.def.app, lifecycle: { preStop } }] } : {}),
    ...(gate ? { readinessGates: [{ conditionType: `target-health.elbv2.k8s.aws/${gate}` }] } : {}),
  };
}

export function buildPod(p: ResolvedPod, world: World, gate?: string): Pod {
  const state = p.def.state ?? "ready";
  const young = state === "gate-pending" || state === "gate-failing" || p.def.revision === "new";
  return {
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: p.uid,
      labels: { app: p.def.app, "pod-template-hash": world.templateHash(p.def), ...p.def.labels },
      ...(p.def.annotations ? { annotations: p.def.annotations } : {}),
      creationTimestamp: young ? "2026-11-20T09:57:41Z" : LONG_AGO,
      ...(state === "terminating" ? { deletionTimestamp: "2026-11-20T09:59:48Z" } : {}),
    },
    spec: { nodeName: p.node.name, ...podSpec(p, gate) },
    status: { phase: "Running", podIP: p.ip, conditions: podConditions(state, gate, (p.node.def.ready ?? "True") !== "True") },
  };
}

export function selects(svc: ServiceDef, p: ResolvedPod): boolean {
  const sel = svc.selector ?? { app: svc.name };
  const labels: Record<string, string> = { app: p.def.app, ...p.def.labels };
  return p.namespace === svc.namespace && Object.entries(sel).every(([k, v]) => labels[k] === v);
}

/** K6: ready/serving/terminating as the EndpointSlice controller sets them for each pod state. */
function conditions(state: PodState | "lost-terminating"): Endpoint["conditions"] {
  switch (state) {
    case "lost-terminating":
      return { ready: false, serving: false, terminating: true };
    case "ready":
      return { ready: true, serving: true, terminating: false };
    case "terminating":
      return { ready: false, serving: true, terminating: true };
    default:
      return { ready: false, serving: false, terminating: false };
  }
}

export function buildEndpointSlice(svc: ServiceDef, world: World): EndpointSlice {
  const pods = world.pods.filter((p) => selects(svc, p));
  // A pod on a node that stopped reporting is marked not ready by the node lifecycle controller; once evicted it is
  // terminating too, and never serving (serving follows readiness, K6).
  const lost = (p: ResolvedPod) => !!p.node.def.ready && p.node.def.ready !== "True";
  const stateOf = (p: ResolvedPod): PodState | "lost-terminating" => (lost(p) ? (p.def.state === "terminating" ? "lost-terminating" : "not-ready") : (p.def.state ?? "ready"));
  return {
    metadata: {
      name: `${svc.name}-${k8sSuffix(`${world.seed}/eps/${svc.namespace}/${svc.name}`, 5)}`,
      namespace: svc.namespace,
      uid: uuid(`${world.seed}/eps/${svc.namespace}/${svc.name}`),
      labels: {
        "kubernetes.io/service-name": svc.name,
        "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      },
      creationTimestamp: LONG_AGO,
    },
    addressType: "IPv4",
    endpoints: pods.map((p) => ({
      addresses: [p.ip],
      conditions: conditions(stateOf(p)),
      nodeName: p.node.name,
      zone: p.node.zone,
      targetRef: { kind: "Pod", namespace: p.namespace, name: p.name, uid: p.uid },
    })),
    // Named like the Service ports; `port` is the resolved targetPort.
    ports: svc.ports.map((sp) => ({ name: sp.name, port: sp.targetPort, protocol: sp.protocol ?? "TCP" })),
  };
}

export function buildService(svc: ServiceDef, world: World, hostname: string | undefined): Service {
  const isLb = (svc.type ?? "LoadBalancer") === "LoadBalancer";
  const nodePorts = isLb || svc.type === "NodePort";
  const etp = svc.externalTrafficPolicy ?? "Cluster";
  if (isLb && etp === "Local" && svc.healthCheckNodePort === undefined) throw new Error(`${svc.namespace}/${svc.name}: Local needs healthCheckNodePort`);
  const ingress = svc.lb === "foreign" ? [{ ip: "198.51.100.24" }] : hostname ? [{ hostname }] : undefined;
  return {
    metadata: {
      name: svc.name,
      namespace: svc.namespace,
      uid: serviceUid(world.seed, svc),
      ...(svc.labels ? { labels: svc.labels } : {}),
      ...(svc.annotations ? { annotations: svc.annotations } : {}),
      creationTimestamp: LONG_AGO,
    },
    spec: {
      type: svc.type ?? "LoadBalancer",
      ports: svc.ports.map((p) => ({
        name: p.name,
        protocol: p.protocol ?? "TCP",
        port: p.port,
        targetPort: p.targetPort,
        ...(nodePorts ? { nodePort: p.nodePort } : {}),
      })),
      selector: svc.selector ?? { app: svc.name },
      ...(nodePorts ? { externalTrafficPolicy: etp } : {}),
      internalTrafficPolicy: "Cluster",
      ...(isLb && etp === "Local" ? { healthCheckNodePort: svc.healthCheckNodePort } : {}),
      ...(svc.loadBalancerClass ? { loadBalancerClass: svc.loadBalancerClass } : {}),
      ...(isLb ? { allocateLoadBalancerNodePorts: true } : {}),
      ipFamilies: ["IPv4"],
    },
    status: { loadBalancer: ingress ? { ingress } : {} },
  };
}

export function serviceUid(seed: string, svc: Pick<ServiceDef, "namespace" | "name">): string {
  return uuid(`${seed}/svc/${svc.namespace}/${svc.name}`);
}

