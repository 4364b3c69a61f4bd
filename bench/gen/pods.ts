import type * as k8s from "@/server/core/model/kubernetes";
import type { Rng } from "../prng";
import { k8sSuffix, uuid, zoneAddress } from "./ids";
import type { NodeGen, PodGen, PodState, ServicePlan } from "./types";

/**
 * Pods in the live source's trimmed form (name, namespace, node, phase, IP, readiness conditions; no labels).
 * Two DaemonSet pods per node (kube-proxy, aws-node), then each Service's Deployment. Pod IPs come from the
 * node's zone range, as with the VPC CNI.
 */
export function generatePods(rng: Rng, nodes: NodeGen[], plans: ServicePlan[], zoneCounters: number[]): PodGen[] {
  const pods: PodGen[] = [];
  const make = (namespace: string, name: string, node: NodeGen | null, state: PodState): PodGen => {
    const ip = node && state !== "pending" ? zoneAddress(node.zone, zoneCounters[node.zone]++) : null;
    const ready = state === "ready";
    const obj: k8s.Pod = {
      metadata: { name, namespace, ...(state === "terminating" ? { deletionTimestamp: "2026-11-20T09:59:41Z" } : {}) },
      ...(node ? { spec: { nodeName: node.name } } : {}),
      status: {
        phase: state === "pending" ? "Pending" : "Running",
        ...(ip ? { podIP: ip } : {}),
        conditions: [
          { type: "Ready", status: ready ? "True" : "False" },
          { type: "ContainersReady", status: ready ? "True" : "False" },
        ],
      },
    };
    const pod = { name, namespace, uid: uuid(rng), node, ip, state, obj };
    pods.push(pod);
    return pod;
  };

  for (const node of nodes) {
    make("kube-system", `kube-proxy-${k8sSuffix(rng, 5)}`, node, "ready");
    make("kube-system", `aws-node-${k8sSuffix(rng, 5)}`, node, "ready");
  }

  const ingressNodes = nodes.filter((n) => n.ingress);
  const poolNodes = new Map<string, NodeGen[]>();
  for (const n of nodes) if (n.pool) poolNodes.set(n.pool, [...(poolNodes.get(n.pool) ?? []), n]);
  const schedulable = nodes.filter((n) => n.ready && !n.tainted);

  for (const plan of plans) {
    if (plan.replicas === 0) continue;
    const hash = k8sSuffix(rng, 10);
    // The big instance Service runs one pod per node (anti-affinity) on a subset of the labelled nodes.
    const spreadOver = plan.role === "big-instance" ? rng.shuffle([...ingressNodes]).slice(0, plan.replicas) : null;
    const candidates = plan.pool ? poolNodes.get(plan.pool)!.filter((n) => n.ready && !n.tainted) : schedulable;
    for (let i = 0; i < plan.replicas; i++) {
      // The big ip Service keeps exactly `bigIpPods` registered targets: Ready pods, and 1 % draining (a rollout).
      const state: PodState = plan.role === "small" ? "ready" : plan.role === "big-ip" ? (rng.chance(0.01) ? "terminating" : "ready") : podState(rng);
      const node = state === "pending" ? null : spreadOver ? spreadOver[i] : rng.pick(candidates.length ? candidates : schedulable);
      plan.pods.push(make(plan.namespace, `${plan.name}-${hash}-${k8sSuffix(rng, 5)}`, node, state));
    }
  }
  return pods;
}

/** 96 % Ready, 2 % Running but not Ready, 1 % terminating, 1 % Pending (unscheduled). */
function podState(rng: Rng): PodState {
  const r = rng.next();
  return r < 0.96 ? "ready" : r < 0.98 ? "not-ready" : r < 0.99 ? "terminating" : "pending";
}
