import type * as k8s from "../model/kubernetes";
import { zoneOfNode } from "../index/snapshotIndex";
import type { Draft } from "./draft";
import type { Plan } from "./plan";
import { addReadyPod, cordon, deletePod, loseContact, markUnreachable, placeNext, removalOrder, workloadPods } from "./workload";

/**
 * The Kubernetes objects once the planned changes have settled (WIF-3): the Service's fields, the nodes, and the
 * workload's pods and endpoints. Order: policy, drains, a lost zone, added pods, then the replica count (which
 * counts what the others left). Returns the Service as it will be.
 */
export function applyKubernetes(draft: Draft, svcNow: k8s.Service, plan: Plan): k8s.Service {
  const at = draft.base.capturedAt;
  let svc = svcNow;
  if (plan.etp && plan.etp !== (svc.spec.externalTrafficPolicy ?? "Cluster")) {
    const port = plan.etp === "Local" ? freeNodePort(draft) : undefined;
    svc = draft.edit(draft.services, svc, (s) => {
      s.spec.externalTrafficPolicy = plan.etp;
      // C2: only Local LoadBalancer Services get a healthCheckNodePort, allocated from the nodePort range.
      if (port === undefined) delete s.spec.healthCheckNodePort;
      else s.spec.healthCheckNodePort = s.spec.healthCheckNodePort ?? port;
    });
  }
  const template = () => workloadPods(draft, svc).find((p) => !p.metadata.deletionTimestamp) ?? workloadPods(draft, svc)[0];
  const replace = (count: number) => {
    for (let i = 0; i < count; i++) {
      const node = placeNext(draft, workloadPods(draft, svc));
      if (node) addReadyPod(draft, svc, template(), node, at);
    }
  };

  for (const d of plan.drains) {
    const node = draft.nodes.find((n) => n.metadata.name === d.node);
    if (!node) continue;
    const tpl = template();
    cordon(draft, node);
    // kubectl drain evicts the pods; their Deployment recreates them on other nodes (WIF-1).
    const evicted = workloadPods(draft, svc).filter((p) => p.spec?.nodeName === d.node);
    for (const p of evicted) deletePod(draft, svc, p);
    for (let i = 0; i < evicted.length; i++) {
      const target = placeNext(draft, workloadPods(draft, svc));
      if (target) addReadyPod(draft, svc, tpl, target, at);
    }
    if (d.remove) draft.remove(draft.nodes, draft.nodes.find((n) => n.metadata.name === d.node)!);
  }

  if (plan.zonalShift?.mode === "outage" && plan.zonalShift.zone) {
    const zone = plan.zonalShift.zone;
    const lost = draft.nodes.filter((n) => zoneOfNode(n) === zone);
    for (const n of lost) markUnreachable(draft, n);
    // After the NoExecute toleration (300 s) the pods are evicted but never confirmed gone: terminating, not
    // Ready; the Deployment replaces them elsewhere.
    const stranded = workloadPods(draft, svc).filter((p) => lost.some((n) => n.metadata.name === p.spec?.nodeName) && !p.metadata.deletionTimestamp);
    for (const p of stranded) loseContact(draft, svc, p, at);
    replace(stranded.length);
  }

  for (const name of plan.addPods) {
    const node = draft.nodes.find((n) => n.metadata.name === name);
    if (node) addReadyPod(draft, svc, template(), node, at);
  }

  if (plan.replicas !== undefined) {
    const live = workloadPods(draft, svc).filter((p) => !p.metadata.deletionTimestamp);
    if (plan.replicas > live.length) replace(plan.replicas - live.length);
    else for (const p of removalOrder(live).slice(0, live.length - plan.replicas)) deletePod(draft, svc, p);
  }
  return svc;
}

/** The lowest port of the default nodePort range (30000–32767) no Service of the cluster uses. */
function freeNodePort(draft: Draft): number {
  const used = new Set(draft.services.flatMap((s) => [...(s.spec.ports ?? []).map((p) => p.nodePort), s.spec.healthCheckNodePort]).filter((p): p is number => p !== undefined));
  for (let p = 30000; p <= 32767; p++) if (!used.has(p)) return p;
  return 32767;
}
