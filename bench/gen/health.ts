import type * as elbv2 from "@/server/core/model/elbv2";
import type * as elb from "@/server/core/model/elb";
import type { Rng } from "../prng";
import type { NodeGen, PodGen, ServicePlan } from "./types";

/**
 * Target states as the load balancers would report them, derived from the cluster the way the rules say
 * (HLT-E1/E2/E4, DST-3), plus a little noise: a few faults and a few targets still in initial health checks.
 */

type Health = elbv2.TargetHealth;

const NOT_IN_USE: Health = { state: "unused", reason: "Target.NotInUse", description: "Target is in an Availability Zone that is not enabled for the load balancer" };
const FAILED: Health = { state: "unhealthy", reason: "Target.FailedHealthChecks", description: "Health checks failed" };
const FAILED_503: Health = { state: "unhealthy", reason: "Target.FailedHealthChecks", description: "Health checks failed with these codes: [503]" };
const INITIAL: Health = { state: "initial", reason: "Elb.InitialHealthChecking", description: "Initial health checks in progress" };
const DRAINING: Health = { state: "draining", reason: "Target.DeregistrationInProgress", description: "Target deregistration is in progress" };
const HEALTHY: Health = { state: "healthy" };

function noise(rng: Rng, h: Health): Health {
  if (h.state !== "healthy") return h;
  const r = rng.next();
  return r < 0.003 ? FAILED : r < 0.005 ? INITIAL : h;
}

/** Ready endpoints of the Service per node name (HLT-3: what kube-proxy's health server counts). */
export function readyLocal(plan: ServicePlan): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of plan.pods) if (p.state === "ready" && p.node) m.set(p.node.name, (m.get(p.node.name) ?? 0) + 1);
  return m;
}

/** Instance target (node) health: zone enabled (DST-3), node up, then HLT-E1 (Local) or HLT-E2 (Cluster). */
export function instanceHealth(rng: Rng, plan: ServicePlan, node: NodeGen, local: Map<string, number>): Health {
  if (!plan.lbZones.includes(node.zone)) return NOT_IN_USE;
  if (!node.ready) return FAILED;
  if (plan.etp === "Local") return (local.get(node.name) ?? 0) > 0 ? noise(rng, HEALTHY) : FAILED_503;
  return local.size > 0 ? noise(rng, HEALTHY) : FAILED;
}

/** ip target (pod) health: terminating pods drain (L7), others per HLT-E4. */
export function ipHealth(rng: Rng, plan: ServicePlan, pod: PodGen): Health {
  if (pod.state === "terminating") return DRAINING;
  if (!plan.lbZones.includes(pod.node!.zone)) return NOT_IN_USE;
  return noise(rng, HEALTHY);
}

/** Classic: InService / OutOfService (W2) from the same facts. */
export function classicState(rng: Rng, plan: ServicePlan, node: NodeGen, local: Map<string, number>): elb.InstanceState {
  const h = instanceHealth(rng, plan, node, local);
  return h.state === "healthy"
    ? { instanceId: node.instanceId, state: "InService", reasonCode: "N/A", description: "N/A" }
    : { instanceId: node.instanceId, state: "OutOfService", reasonCode: "Instance", description: "Instance has failed at least the UnhealthyThreshold number of health checks consecutively." };
}

/** Which nodes a controller registers (JOIN-4 expected target sets; target-node-labels via the plan's pool). */
export function registeredNodes(plan: ServicePlan, nodes: NodeGen[]): NodeGen[] {
  const lbc = plan.flavour === "lbc-instance";
  return nodes.filter((n) => {
    if (plan.role === "big-instance" ? !n.ingress : plan.pool !== null && n.pool !== plan.pool) return false;
    if (n.tainted) return false;
    return lbc ? n.ready : true; // legacy keeps NotReady nodes registered (stable node set, C3); the LBC does not (L7)
  });
}

/** Which pods the LBC registers in ip mode: Ready endpoints, and terminating ones until deregistered (L7). */
export function registeredPods(plan: ServicePlan): PodGen[] {
  return plan.pods.filter((p) => p.ip && p.node && (p.state === "ready" || p.state === "terminating"));
}
