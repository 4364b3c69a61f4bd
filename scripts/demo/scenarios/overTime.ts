import type { PodSpecDef, ScenarioDef } from "../model";
import { http, LBC_CLASS, lbc, LEGACY_NLB } from "./common";

/** Issue 12: observed traffic against the expected split, history, and the rollout check. */

export const zoneSilent: ScenarioDef = {
  id: "zone-silent",
  title: "A zone in DNS that gets no traffic",
  story:
    "An NLB with instance targets in three zones, externalTrafficPolicy Cluster, every target healthy: by the configuration each zone's load-balancer node should take a third of the new flows. " +
    "CloudWatch shows none at all entering us-east-1c for the last 15 minutes, while us-east-1a and us-east-1b share everything: clients that resolve us-east-1c's address never reach it (here a network ACL on that public subnet was tightened), and traffic dropped there never shows in the metrics. " +
    "lbpath should report the silent zone with its evidence and what to check, and a high divergence between observed and expected.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
    { key: "n3", zone: "c" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n2", app: "web" },
    { key: "p3", node: "n3", app: "web" },
  ],
  services: [{ namespace: "default", name: "web", annotations: LEGACY_NLB, ports: [http(31720)], lb: { zones: ["a", "b", "c"] } }],
  observed: { zoneFactor: { c: 0 } },
};

/** A preStop sleep much shorter than the target group's 300 s deregistration delay; readiness gates in place. */
const SHORT_DRAIN: PodSpecDef = { terminationGracePeriodSeconds: 30, preStop: { exec: ["/bin/sh", "-c", "sleep 10"] }, readinessGate: true };
/** Long enough for the delay, but the namespace does not inject the readiness gate. */
const NO_GATE: PodSpecDef = { terminationGracePeriodSeconds: 330, preStop: { sleep: 310 } };

export const rolloutDrainGap: ScenarioDef = {
  id: "rollout-drain-gap",
  title: "A rollout where pods exit before their targets stop draining",
  story:
    "A rolling update of checkout behind an NLB with ip targets: one old pod is terminating and its target draining, two new pods took over. The pods sleep 10 s in preStop and have the default 30 s grace period, but the target group keeps a deregistering target draining for 300 s and the NLB keeps sending new flows for about 2 minutes after deregistration starts, so flows reach pods that are gone: the 502s and resets of every deploy. " +
    "The cart Service next to it sleeps long enough, but its namespace has no readiness-gate injection, so a rollout there may not wait for new targets to be healthy. " +
    "lbpath should flag both with what to change, and show the draining target as expected.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "checkout", revision: "old", spec: SHORT_DRAIN },
    { key: "p2", node: "n2", app: "checkout", revision: "old", spec: SHORT_DRAIN },
    { key: "p3", node: "n1", app: "checkout", revision: "new", spec: SHORT_DRAIN },
    { key: "p4", node: "n2", app: "checkout", state: "terminating", revision: "old", spec: SHORT_DRAIN },
    { key: "p5", node: "n2", app: "checkout", revision: "new", spec: SHORT_DRAIN },
    { key: "c1", node: "n1", app: "cart", spec: NO_GATE },
    { key: "c2", node: "n2", app: "cart", spec: NO_GATE },
  ],
  services: [
    { namespace: "shop", name: "checkout", loadBalancerClass: LBC_CLASS, annotations: lbc("ip"), ports: [http(30811)], lb: { zones: ["a", "b"], health: { p4: "draining" } } },
    { namespace: "shop", name: "cart", loadBalancerClass: LBC_CLASS, annotations: lbc("ip"), ports: [http(30812)], lb: { zones: ["a", "b"] } },
  ],
};

export const flappingTarget: ScenarioDef = {
  id: "flapping-target",
  title: "A flapping target: healthy now, unhealthy a minute ago",
  story:
    "An NLB with instance targets and externalTrafficPolicy Cluster: right now every target is healthy, but the timeline shows one node's target turning unhealthy and healthy again four times in the last 15 minutes (its kube-proxy keeps being OOM-killed and restarted). " +
    "Each turn to unhealthy resets the connections through that node and shifts new flows between nodes; the Kubernetes side shows no pod or node change at those times. " +
    "lbpath should call the target a fault (flapping) although its current state is healthy, and say for how long each target has been in its state.",
  nodes: [
    { key: "n1", zone: "a" },
    { key: "n2", zone: "a" },
    { key: "n3", zone: "b" },
  ],
  pods: [
    { key: "p1", node: "n1", app: "web" },
    { key: "p2", node: "n3", app: "web" },
  ],
  services: [{ namespace: "default", name: "web", annotations: LEGACY_NLB, ports: [http(31477)], lb: { zones: ["a", "b"] } }],
  timeline: { flapping: ["n2"] },
};

export const overTimeCases: ScenarioDef[] = [zoneSilent, rolloutDrainGap, flappingTarget];
