import type * as k8s from "@/server/core/model/kubernetes";
import type { TimelineEvent, TimelineEventKind } from "@/server/core/model/observed";
import { LABEL_SERVICE_NAME } from "@/server/core/model/kubernetes";
import { Ring } from "./ring";

/**
 * The Kubernetes changes that explain target health (issue 12), derived from what the watches deliver: a pod's
 * Ready condition and deletion, an EndpointSlice endpoint's serving/terminating conditions (K6), a node's taints,
 * Ready condition and removal. No Event objects are read, so no RBAC beyond the four lists and watches. Kept in a
 * ring of `capacity` entries (a fixed memory bound) for `windowMs`.
 */

export type WatchType = "ADDED" | "MODIFIED" | "DELETED";

export interface KubeEventOptions {
  windowMs: number;
  /** Changes kept per cluster (LBPATH_TIMELINE_EVENTS, default 2,000). */
  capacity: number;
}

const readyOf = (conds: { type: string; status: string }[] | undefined) => conds?.find((c) => c.type === "Ready")?.status === "True";
const taintKey = (t: k8s.Taint) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;

export class KubeEventLog {
  version = 0;
  private readonly ring: Ring<TimelineEvent>;
  private built?: { version: number; events: TimelineEvent[] };

  constructor(private readonly o: KubeEventOptions, private readonly now: () => number = Date.now) {
    this.ring = new Ring(o.capacity);
  }

  private add(kind: TimelineEventKind, fields: Omit<TimelineEvent, "at" | "kind">): void {
    this.ring.push({ at: new Date(this.now()).toISOString(), kind, ...fields });
    this.version++;
  }

  pod(type: WatchType, pod: k8s.Pod, old: k8s.Pod | undefined): void {
    const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
    const where = { pod: name, ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}), ...(pod.status?.podIP ? { ip: pod.status.podIP } : {}) };
    if (type === "DELETED") return this.add("pod-deleted", where);
    if (!old) return; // a new pod: its Ready change will come
    if (pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp) this.add("pod-terminating", where);
    const was = readyOf(old.status?.conditions);
    const is = readyOf(pod.status?.conditions);
    if (was !== is) this.add(is ? "pod-ready" : "pod-not-ready", where);
  }

  endpointSlice(type: WatchType, slice: k8s.EndpointSlice, old: k8s.EndpointSlice | undefined): void {
    if (type !== "MODIFIED" || !old) return; // endpoints that come and go are their pods' events
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    const detail = service ? `${slice.metadata.namespace}/${service}` : undefined;
    const before = new Map((old.endpoints ?? []).map((e) => [e.addresses[0], e]));
    for (const e of slice.endpoints ?? []) {
      const b = before.get(e.addresses[0]);
      if (!b) continue;
      // HLT-5 nil defaults: serving nil → true, terminating nil → false.
      const serving = e.conditions?.serving ?? true, wasServing = b.conditions?.serving ?? true;
      const terminating = e.conditions?.terminating ?? false, wasTerminating = b.conditions?.terminating ?? false;
      const where = {
        ...(e.targetRef?.name ? { pod: `${e.targetRef.namespace ?? slice.metadata.namespace}/${e.targetRef.name}` } : {}),
        ...(e.nodeName ? { node: e.nodeName } : {}),
        ip: e.addresses[0],
        ...(detail ? { detail } : {}),
      };
      if (terminating && !wasTerminating) this.add("endpoint-terminating", where);
      if (serving !== wasServing) this.add(serving ? "endpoint-serving" : "endpoint-not-serving", where);
    }
  }

  node(type: WatchType, node: k8s.Node, old: k8s.Node | undefined): void {
    const name = node.metadata.name;
    if (type === "DELETED") return this.add("node-removed", { node: name });
    if (!old) return;
    const was = new Set((old.spec?.taints ?? []).map(taintKey));
    const is = new Set((node.spec?.taints ?? []).map(taintKey));
    for (const t of is) if (!was.has(t)) this.add("node-tainted", { node: name, detail: t });
    for (const t of was) if (!is.has(t)) this.add("node-untainted", { node: name, detail: t });
    const wasReady = readyOf(old.status?.conditions);
    const isReady = readyOf(node.status?.conditions);
    if (wasReady !== isReady) this.add(isReady ? "node-ready" : "node-not-ready", { node: name });
  }

  /** Changes within the window, oldest first; the same array while nothing changed. */
  events(): TimelineEvent[] {
    const cutoff = this.now() - this.o.windowMs;
    let pruned = false;
    while (this.ring.size && Date.parse(this.ring.first()!.at) < cutoff) { this.ring.shift(); pruned = true; }
    if (pruned) this.version++;
    if (this.built?.version === this.version) return this.built.events;
    this.built = { version: this.version, events: this.ring.toArray() };
    return this.built.events;
  }

  get size(): number {
    return this.ring.size;
  }
}

/**
 * Poll mode and capture see no watch events: the changes between two reads are found by comparing them (the same
 * derivations, timed at the second read).
 */
export function diffReads(log: KubeEventLog, before: { pods: k8s.Pod[]; endpointSlices: k8s.EndpointSlice[]; nodes: k8s.Node[] }, after: typeof before): void {
  const diff = <T extends { metadata: { name: string; namespace?: string } }>(a: T[], b: T[], f: (type: WatchType, obj: T, old: T | undefined) => void) => {
    const k = (o: T) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    const old = new Map(a.map((o) => [k(o), o]));
    for (const o of b) { const prev = old.get(k(o)); f(prev ? "MODIFIED" : "ADDED", o, prev); old.delete(k(o)); }
    for (const o of old.values()) f("DELETED", o, o);
  };
  diff(before.pods, after.pods, (t, o, p) => log.pod(t, o, p));
  diff(before.endpointSlices, after.endpointSlices, (t, o, p) => log.endpointSlice(t, o, p));
  diff(before.nodes, after.nodes, (t, o, p) => log.node(t, o, p));
}
