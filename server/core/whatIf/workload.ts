import type * as k8s from "../model/kubernetes";
import { LABEL_SERVICE_NAME } from "../model/kubernetes";
import { zoneOfNode } from "../index/snapshotIndex";
import { isNodeReady } from "../join/nodeFacts";
import type { Draft } from "./draft";

/**
 * The Kubernetes half of a what-if: the pods behind the Service (its "workload"), where new ones land and which
 * ones go first, and what a drain, a node removal or a zone outage does to Nodes, Pods and EndpointSlices.
 * Steady state: what the objects look like once the controllers are done (WIF-3).
 */

export const TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
export const TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";

/** The pods the Service selects, in its namespace (what `replicas`, `addPod` and a drain act on). */
export function workloadPods(draft: Draft, svc: k8s.Service): k8s.Pod[] {
  const sel = svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) return [];
  return draft.pods.filter((p) => p.metadata.namespace === svc.metadata.namespace && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v));
}

/** `web-7d9f8c6b5-x2kq9` → `web` (Deployment, then ReplicaSet hash, then pod suffix); other names as they are. */
export function deploymentName(pods: readonly k8s.Pod[], svc: k8s.Service): string {
  const m = pods.map((p) => /^(.+)-[a-z0-9]{5,10}-[a-z0-9]{5}$/.exec(p.metadata.name)?.[1]).find(Boolean);
  return m ?? svc.metadata.name;
}

export const isReady = (p: k8s.Pod) => p.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
const isTerminating = (p: k8s.Pod) => !!p.metadata.deletionTimestamp;

/** Ready, not cordoned, no NoSchedule/NoExecute taint, not being deleted: where the scheduler may put a new pod. */
export function schedulable(n: k8s.Node): boolean {
  return isNodeReady(n) && !n.spec?.unschedulable && !n.metadata.deletionTimestamp && !(n.spec?.taints ?? []).some((t) => t.effect === "NoSchedule" || t.effect === "NoExecute");
}

/**
 * WIF-1 (MODEL): where the default scheduler puts the next pod. Its default PodTopologySpread constraints
 * (zone maxSkew 5, hostname maxSkew 3, both ScheduleAnyway) prefer the zone, then the node, with the fewest
 * pods of the workload; resources are not in the snapshot, so ties go by name.
 */
export function placeNext(draft: Draft, pods: readonly k8s.Pod[]): k8s.Node | null {
  const live = pods.filter((p) => !isTerminating(p));
  const inZone = new Map<string, number>();
  const onNode = new Map<string, number>();
  for (const p of live) {
    const node = draft.nodes.find((n) => n.metadata.name === p.spec?.nodeName);
    const zone = node ? zoneOfNode(node) : undefined;
    if (zone) inZone.set(zone, (inZone.get(zone) ?? 0) + 1);
    if (p.spec?.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  }
  const candidates = draft.nodes.filter(schedulable);
  candidates.sort(
    (a, b) =>
      (inZone.get(zoneOfNode(a) ?? "") ?? 0) - (inZone.get(zoneOfNode(b) ?? "") ?? 0) ||
      (onNode.get(a.metadata.name) ?? 0) - (onNode.get(b.metadata.name) ?? 0) ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
  return candidates[0] ?? null;
}

/**
 * WIF-2: which pod a ReplicaSet removes first when scaled down (Kubernetes' ActivePodsWithRanks, the parts the
 * snapshot can tell): unscheduled, then not Ready, then pods doubled up on a node, then the newest.
 */
export function removalOrder(pods: readonly k8s.Pod[]): k8s.Pod[] {
  const onNode = new Map<string, number>();
  for (const p of pods) if (p.spec?.nodeName) onNode.set(p.spec.nodeName, (onNode.get(p.spec.nodeName) ?? 0) + 1);
  return [...pods].sort(
    (a, b) =>
      Number(!!a.spec?.nodeName) - Number(!!b.spec?.nodeName) ||
      Number(isReady(a)) - Number(isReady(b)) ||
      (onNode.get(b.spec?.nodeName ?? "") ?? 0) - (onNode.get(a.spec?.nodeName ?? "") ?? 0) ||
      (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}

function slicesOf(draft: Draft, svc: k8s.Service): k8s.EndpointSlice[] {
  return draft.endpointSlices.filter((s) => s.metadata.namespace === svc.metadata.namespace && s.metadata.labels?.[LABEL_SERVICE_NAME] === svc.metadata.name);
}

/** Remove a pod and its endpoints: it has terminated and the EndpointSlice controller has dropped it. */
export function deletePod(draft: Draft, svc: k8s.Service, pod: k8s.Pod): void {
  draft.remove(draft.pods, pod);
  for (const slice of slicesOf(draft, svc)) {
    if (!(slice.endpoints ?? []).some((e) => e.targetRef?.name === pod.metadata.name)) continue;
    draft.edit(draft.endpointSlices, slice, (s) => {
      s.endpoints = (s.endpoints ?? []).filter((e) => e.targetRef?.name !== pod.metadata.name);
    });
  }
}

/** A pod on a node that stopped reporting: not Ready, evicted (terminating) but never confirmed gone (K6, HLT-5). */
export function loseContact(draft: Draft, svc: k8s.Service, pod: k8s.Pod, at: string): void {
  draft.edit(draft.pods, pod, (p) => {
    p.metadata.deletionTimestamp = at;
    p.status = { ...p.status, conditions: [...(p.status?.conditions ?? []).filter((c) => c.type !== "Ready" && c.type !== "ContainersReady"), { type: "Ready", status: "False" }, { type: "ContainersReady", status: "False" }] };
  });
  for (const slice of slicesOf(draft, svc)) {
    if (!(slice.endpoints ?? []).some((e) => e.targetRef?.name === pod.metadata.name)) continue;
    draft.edit(draft.endpointSlices, slice, (s) => {
      for (const e of s.endpoints ?? []) if (e.targetRef?.name === pod.metadata.name) e.conditions = { ready: false, serving: false, terminating: true };
    });
  }
}

/** Addresses no real pod has (198.18.0.0/15 is reserved for benchmarking, RFC 2544): predicted pods are marked. */
function predictedIp(draft: Draft): string {
  const used = new Set(draft.pods.map((p) => p.status?.podIP));
  for (let n = 1; ; n++) {
    const ip = `198.18.${Math.floor(n / 250)}.${(n % 250) + 1}`;
    if (!used.has(ip)) return ip;
  }
}

/** A new Ready pod of the workload on `node`, with its endpoint in each of the Service's EndpointSlices (K6). */
export function addReadyPod(draft: Draft, svc: k8s.Service, template: k8s.Pod | undefined, node: k8s.Node, at: string): k8s.Pod {
  const base = deploymentName(template ? [template] : [], svc);
  const hash = template ? /^.+-([a-z0-9]{5,10})-[a-z0-9]{5}$/.exec(template.metadata.name)?.[1] : undefined;
  let n = 1;
  const name = () => `${base}-${hash ?? "whatif"}-wif${String(n).padStart(2, "0")}`;
  while (draft.pods.some((p) => p.metadata.namespace === svc.metadata.namespace && p.metadata.name === name())) n++;
  const pod: k8s.Pod = {
    metadata: { name: name(), namespace: svc.metadata.namespace, labels: { ...(template?.metadata.labels ?? svc.spec.selector ?? {}) }, creationTimestamp: at },
    spec: { nodeName: node.metadata.name },
    status: { phase: "Running", podIP: predictedIp(draft), conditions: [{ type: "Ready", status: "True" }, { type: "ContainersReady", status: "True" }] },
  };
  draft.pods.push(pod);
  const endpoint: k8s.Endpoint = {
    addresses: [pod.status!.podIP!],
    conditions: { ready: true, serving: true, terminating: false },
    nodeName: node.metadata.name,
    ...(zoneOfNode(node) ? { zone: zoneOfNode(node) } : {}),
    targetRef: { kind: "Pod", namespace: svc.metadata.namespace, name: pod.metadata.name },
  };
  // Every distinct port set of the Service gets the endpoint (one slice per port set, K6).
  const seen = new Set<string>();
  for (const slice of slicesOf(draft, svc)) {
    const ports = JSON.stringify(slice.ports ?? []);
    if (seen.has(ports) || slice.addressType === "FQDN") continue;
    seen.add(ports);
    draft.edit(draft.endpointSlices, slice, (s) => {
      s.endpoints = [...(s.endpoints ?? []), structuredClone(endpoint)];
    });
  }
  return pod;
}

export function cordon(draft: Draft, node: k8s.Node): k8s.Node {
  return draft.edit(draft.nodes, node, (n) => {
    n.spec = { ...n.spec, unschedulable: true, taints: [...(n.spec?.taints ?? []).filter((t) => t.key !== TAINT_UNSCHEDULABLE), { key: TAINT_UNSCHEDULABLE, effect: "NoSchedule" }] };
  });
}

/** The node stops reporting (zone outage): Ready Unknown and the unreachable taints the node controller adds. */
export function markUnreachable(draft: Draft, node: k8s.Node): k8s.Node {
  return draft.edit(draft.nodes, node, (n) => {
    n.status = { ...n.status, conditions: [...(n.status?.conditions ?? []).filter((c) => c.type !== "Ready"), { type: "Ready", status: "Unknown" }] };
    const taints = (n.spec?.taints ?? []).filter((t) => t.key !== TAINT_UNREACHABLE);
    n.spec = { ...n.spec, taints: [...taints, { key: TAINT_UNREACHABLE, effect: "NoSchedule" }, { key: TAINT_UNREACHABLE, effect: "NoExecute" }] };
  });
}
