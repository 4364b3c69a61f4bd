import type * as k8s from "@/server/core/model/kubernetes";
import { keepLabel, keepServiceAnnotation, keepServiceLabel, pick } from "./trim";
import { sleepSeconds } from "@/server/core/analysis/rollout";

/**
 * Pure: trim Kubernetes objects (as @kubernetes/client-node returns them, or as a Snapshot already holds them) to
 * the Snapshot model, applying the trim rule of ./trim.ts. Keeps only fields the model has; Dates become
 * RFC 3339 strings as the apiserver writes them. Applying it twice changes nothing.
 */

type Time = Date | string | null | undefined;
type Labels = Record<string, string> | null | undefined;
interface MetaIn {
  name?: string; namespace?: string; uid?: string; labels?: Labels; annotations?: Labels;
  creationTimestamp?: Time; deletionTimestamp?: Time;
}

/** Drop keys whose value is undefined, so snapshots serialise and compare cleanly. */
export function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** undefined for an object without keys: empty `spec`/`status` parents are not kept (canonical, minimal form). */
export function nonEmpty<T extends object>(o: T | undefined): T | undefined {
  return o && Object.keys(o).length ? o : undefined;
}

/** RFC 3339 with second precision (what the apiserver sends; client-node parses it into a Date). */
export function rfc3339(t: Time): string | undefined {
  if (t === null || t === undefined) return undefined;
  const d = t instanceof Date ? t : new Date(t);
  if (Number.isNaN(d.getTime())) return String(t);
  return d.toISOString().replace(/\.000Z$/, "Z");
}

function meta(m: MetaIn | undefined, labelKeep: (k: string) => boolean, annotationKeep?: (k: string) => boolean): k8s.ObjectMeta {
  return defined({
    name: m?.name ?? "",
    namespace: m?.namespace,
    uid: m?.uid,
    labels: pick(m?.labels, labelKeep),
    annotations: annotationKeep ? pick(m?.annotations, annotationKeep) : undefined,
    creationTimestamp: rfc3339(m?.creationTimestamp),
    deletionTimestamp: rfc3339(m?.deletionTimestamp),
  });
}

const nsMeta = (m: k8s.ObjectMeta) => m as k8s.ObjectMeta & { namespace: string };

export interface ServiceIn {
  metadata?: MetaIn;
  spec?: {
    type?: string; selector?: Labels; externalTrafficPolicy?: string; internalTrafficPolicy?: string;
    healthCheckNodePort?: number; loadBalancerClass?: string; allocateLoadBalancerNodePorts?: boolean;
    trafficDistribution?: string; ipFamilies?: string[];
    ports?: { name?: string; protocol?: string; port: number; targetPort?: number | string; nodePort?: number }[];
  };
  status?: { loadBalancer?: { ingress?: { hostname?: string; ip?: string }[] } };
}

export function reshapeService(s: ServiceIn): k8s.Service {
  const spec = s.spec ?? {};
  const lb = s.status?.loadBalancer;
  return defined({
    metadata: nsMeta(meta(s.metadata, keepServiceLabel, keepServiceAnnotation)),
    spec: defined({
      type: spec.type as k8s.Service["spec"]["type"],
      ports: spec.ports?.map((p) => defined({
        name: p.name, protocol: p.protocol as k8s.ServicePort["protocol"], port: p.port, targetPort: p.targetPort, nodePort: p.nodePort,
      })),
      selector: spec.selector ?? undefined,
      externalTrafficPolicy: spec.externalTrafficPolicy as k8s.Service["spec"]["externalTrafficPolicy"],
      internalTrafficPolicy: spec.internalTrafficPolicy as k8s.Service["spec"]["internalTrafficPolicy"],
      healthCheckNodePort: spec.healthCheckNodePort,
      loadBalancerClass: spec.loadBalancerClass,
      allocateLoadBalancerNodePorts: spec.allocateLoadBalancerNodePorts,
      trafficDistribution: spec.trafficDistribution,
      ipFamilies: spec.ipFamilies,
    }),
    status: nonEmpty(defined({
      loadBalancer: nonEmpty(defined({ ingress: lb?.ingress?.map((i) => defined({ hostname: i.hostname, ip: i.ip })) })),
    })),
  });
}

export interface EndpointSliceIn {
  metadata?: MetaIn;
  addressType?: string;
  endpoints?: {
    addresses?: string[]; nodeName?: string; zone?: string;
    conditions?: { ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null };
    targetRef?: { kind?: string; namespace?: string; name?: string; uid?: string };
    hints?: { forZones?: { name: string }[]; forNodes?: { name: string }[] };
  }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
}

export function reshapeEndpointSlice(e: EndpointSliceIn): k8s.EndpointSlice {
  return defined({
    metadata: nsMeta(meta(e.metadata, (k) => keepLabel(k))),
    addressType: e.addressType as k8s.EndpointSlice["addressType"],
    endpoints: e.endpoints?.map((ep) => defined({
      addresses: ep.addresses ?? [],
      conditions: ep.conditions && nonEmpty(defined({ ready: ep.conditions.ready, serving: ep.conditions.serving, terminating: ep.conditions.terminating })),
      nodeName: ep.nodeName,
      zone: ep.zone,
      targetRef: ep.targetRef && defined({ kind: ep.targetRef.kind, namespace: ep.targetRef.namespace, name: ep.targetRef.name, uid: ep.targetRef.uid }),
      hints: ep.hints && nonEmpty(defined({
        forZones: ep.hints.forZones?.map((z) => ({ name: z.name })),
        forNodes: ep.hints.forNodes?.map((n) => ({ name: n.name })),
      })),
    })),
    ports: e.ports?.map((p) => defined({ name: p.name, port: p.port, protocol: p.protocol as k8s.EndpointPort["protocol"] })),
  });
}

export interface NodeIn {
  metadata?: MetaIn;
  spec?: { providerID?: string; unschedulable?: boolean; taints?: { key: string; value?: string; effect: string }[] };
  status?: { conditions?: { type: string; status: string }[]; addresses?: { type: string; address: string }[] };
}

/** `extraNodeLabels: true` keeps every label (the informer's store; the trim rule is applied when assembling). */
export function reshapeNode(n: NodeIn, extraNodeLabels?: ReadonlySet<string> | true): k8s.Node {
  return defined({
    metadata: meta(n.metadata, (k) => extraNodeLabels === true || keepLabel(k, extraNodeLabels)),
    spec: n.spec && nonEmpty(defined({
      providerID: n.spec.providerID,
      taints: n.spec.taints?.map((t) => defined({ key: t.key, value: t.value, effect: t.effect })),
      unschedulable: n.spec.unschedulable,
    })),
    status: n.status && nonEmpty(defined({
      conditions: n.status.conditions?.map((c) => ({ type: c.type, status: c.status as k8s.NodeCondition["status"] })),
      addresses: n.status.addresses?.map((a) => ({ type: a.type, address: a.address })),
    })),
  });
}

type HandlerIn = {
  exec?: { command?: string[] } | null; sleep?: { seconds: number } | null;
  httpGet?: { port?: number | string; scheme?: string } | null; tcpSocket?: { port?: number | string } | null;
};

export interface PodIn {
  metadata?: MetaIn;
  spec?: {
    nodeName?: string; terminationGracePeriodSeconds?: number;
    containers?: { name: string; ports?: { containerPort: number; name?: string }[] | null; lifecycle?: { preStop?: HandlerIn | null } | null }[];
    readinessGates?: { conditionType: string }[];
  };
  status?: { phase?: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

/**
 * A preStop handler, trimmed (rollout check, issue 12): `sleep` as it is; `exec` reduced to the `sleep N` its
 * command runs, if any (a command can carry tokens or URLs, so nothing else of it is kept); `httpGet` and
 * `tcpSocket` to their port (and scheme): never a host, path or headers.
 */
function trimHandler(h: HandlerIn): k8s.LifecycleHandler | undefined {
  if (h.sleep) return { sleep: { seconds: h.sleep.seconds } };
  if (h.exec) {
    const secs = sleepSeconds(h.exec.command ?? undefined);
    return { exec: secs === null ? {} : { command: ["sleep", String(secs)] } };
  }
  if (h.httpGet) return { httpGet: defined({ port: h.httpGet.port, scheme: h.httpGet.scheme }) };
  if (h.tcpSocket) return { tcpSocket: defined({ port: h.tcpSocket.port }) };
  return undefined;
}

/**
 * Pods are the bulk of a cluster: keep only identity, placement and readiness (no labels, capture rule), and for the
 * rollout check the grace period, the containers' preStop hooks and declared ports (which container serves the
 * Service; containers with neither are dropped) and readiness gates.
 */
export function reshapePod(p: PodIn): k8s.Pod {
  const containers: k8s.Container[] = (p.spec?.containers ?? [])
    .map((c) => ({ name: c.name, preStop: c.lifecycle?.preStop ? trimHandler(c.lifecycle.preStop) : undefined, ports: (c.ports ?? []).map((x) => defined({ containerPort: x.containerPort, name: x.name })) }))
    .filter((c) => !!c.preStop || c.ports.length > 0)
    .map((c) => defined({ name: c.name, ports: c.ports.length ? c.ports : undefined, lifecycle: c.preStop ? { preStop: c.preStop } : undefined }));
  return defined({
    metadata: defined({ name: p.metadata?.name ?? "", namespace: p.metadata?.namespace ?? "", deletionTimestamp: rfc3339(p.metadata?.deletionTimestamp) }),
    spec: p.spec && nonEmpty(defined({
      nodeName: p.spec.nodeName,
      terminationGracePeriodSeconds: p.spec.terminationGracePeriodSeconds,
      containers: containers.length ? containers : undefined,
      readinessGates: p.spec.readinessGates?.length ? p.spec.readinessGates.map((g) => ({ conditionType: g.conditionType })) : undefined,
    })),
    status: p.status && nonEmpty(defined({
      phase: p.status.phase,
      podIP: p.status.podIP,
      conditions: p.status.conditions?.map((c) => ({ type: c.type, status: c.status })),
    })),
  });
}
