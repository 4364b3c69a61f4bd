import type { Snapshot } from "../../server/core/model/snapshot";
import type { HealthSpan, TargetHistory, Timeline, TimelineEvent } from "../../server/core/model/observed";
import type { Target } from "../../lib/api/topology";
import { buildTopology } from "../../server/core/buildTopology";
import { LABEL_SERVICE_NAME } from "../../server/core/model/kubernetes";
import { instanceIdOf } from "../../server/core/index/snapshotIndex";
import { Rng } from "../../bench/prng";
import type { ScenarioDef } from "./model";
import { CAPTURED_AT } from "./world";

/**
 * A plausible 6-hour history for a demo scenario (issue 12), ending in the state the scenario shows: healthy targets
 * were healthy all along (or registered when their node or pod appeared), a target failing now turned unhealthy at
 * some time in the last hour (a fixed-seed time), unhealthy-by-design ones were so all along, draining ones started
 * when their pod or node began to go; `timeline.flapping` targets flap in the last 15 minutes. The Kubernetes
 * changes that go with it: pods terminating and turning (not) ready, endpoints terminating, nodes tainted or lost.
 */

const HOURS = 6;
const iso = (t: number) => new Date(t).toISOString().replace(/\.000Z$/, "Z");

/** Target codes whose cause is configuration present since before the window: never healthy while watched. */
const CONFIG_FAULTS = new Set(["PPV2_BREAKS_HC", "UDP_HC_MISMATCH", "HC_DISABLED", "IP_UNUSABLE"]);

export function demoTimeline(snap: Snapshot, def: ScenarioDef): Timeline {
  const now = Date.parse(CAPTURED_AT);
  const w0 = now - HOURS * 3600_000;
  const rng = new Rng(`${def.id}/timeline`);
  // When the scenario's fault began: one moment per scenario, in the last hour (a workload or node failing).
  const faultAt = now - (12 + rng.int(40)) * 60_000 - rng.int(60) * 1000;
  const clamp = (t: number) => Math.min(t, now - 2_000);
  const podsByName = new Map(snap.kubernetes.pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]));
  const nodesByInstance = new Map(snap.kubernetes.nodes.map((n) => [instanceIdOf(n) ?? "", n]));
  const nodesByName = new Map(snap.kubernetes.nodes.map((n) => [n.metadata.name, n]));

  // The analysis's verdict of every target, to know which story each one tells.
  const analysed = new Map<string, Target>();
  for (const svc of snap.kubernetes.services.filter((s) => s.spec.type === "LoadBalancer"))
    for (const p of buildTopology(snap, { namespace: svc.metadata.namespace, name: svc.metadata.name })?.paths ?? [])
      for (const t of p.targets) analysed.set(`${p.targetGroup?.arn ?? `classic:${p.loadBalancer.name}`}|${t.id}`, t);

  const bornOf = (id: string, pod: string | null): number => {
    const created = pod ? podsByName.get(pod)?.metadata.creationTimestamp : nodesByInstance.get(id)?.metadata.creationTimestamp;
    return Math.max(w0, created ? Date.parse(created) : w0);
  };
  const spansFor = (group: string, id: string, state: string, reason: string | undefined, classic: boolean, flapKey: string | undefined): { spans: HealthSpan[]; observedSince: number } => {
    const t = analysed.get(`${group}|${id}`);
    const pod = t?.pod ? `${t.pod.namespace}/${t.pod.name}` : null;
    const born = bornOf(id, pod);
    const up = classic ? { state: "InService" } : { state: "healthy" };
    const down = classic ? { state: "OutOfService", reason: "Instance" } : { state: "unhealthy", reason: "Target.FailedHealthChecks" };
    const steps: { state: string; reason?: string; at: number }[] = [];
    const registration = () => {
      if (classic) return;
      steps.push({ state: "initial", reason: "Elb.RegistrationInProgress", at: born + 20_000 });
      steps.push({ state: "initial", reason: "Elb.InitialHealthChecking", at: born + 60_000 });
    };
    const code = t?.code;
    if (flapKey) {
      // Four turns in the last 15 minutes, ending in the state it has now.
      const turns = [now - 820_000, now - 610_000, now - 410_000, now - 200_000];
      const isUp = state === up.state;
      steps.push({ ...(isUp ? up : down), at: w0 });
      turns.forEach((at, i) => steps.push({ ...((i % 2 === 0) === isUp ? down : up), at }));
    } else if (born > w0) {
      registration();
      if (code === "REGISTERING") steps.splice(1);
      else if (code !== "INITIAL_HEALTH_CHECK" || classic) steps.push({ state, reason, at: clamp(born + 100_000) });
    } else if (code === "LOCAL_ONLY_TERMINATING" || code === "DRAINING") {
      const deleted = (pod ? podsByName.get(pod) : undefined)?.metadata.deletionTimestamp ?? pods(snap, t?.node).find((p) => p.metadata.deletionTimestamp)?.metadata.deletionTimestamp;
      steps.push({ ...up, at: w0 }, { state, reason, at: clamp((deleted ? Date.parse(deleted) : now - 30_000) + 5_000) });
    } else if (code === "NODE_DELETING") {
      const node = t?.node ? nodesByName.get(t.node) : undefined;
      steps.push({ ...up, at: w0 }, { state, reason, at: clamp(Date.parse(node?.metadata.deletionTimestamp ?? iso(now - 90_000)) + 10_000) });
    } else if (code === "INSTANCE_INVALID") {
      steps.push({ ...up, at: w0 }, { ...down, at: faultAt }, { state, reason, at: faultAt + 240_000 });
    } else if (t?.verdict === "fault" && !CONFIG_FAULTS.has(code ?? "")) {
      steps.push({ ...up, at: w0 }, { state, reason, at: faultAt + rng.int(45_000) });
    } else {
      steps.push({ state, reason, at: w0 });
    }
    const spans = steps.map((s, i): HealthSpan => ({ state: s.state, ...(s.reason ? { reason: s.reason } : {}), from: iso(s.at), to: i + 1 < steps.length ? iso(steps[i + 1].at) : null }));
    return { spans, observedSince: steps[0].at };
  };

  const targets: TargetHistory[] = [];
  for (const tg of snap.aws.targetGroups) {
    for (const d of tg.targetHealthDescriptions ?? []) {
      const { spans, observedSince } = spansFor(tg.targetGroupArn, d.target.id, d.targetHealth.state, d.targetHealth.reason, false, flapKeys(def, snap, d.target.id));
      targets.push({ targetGroupArn: tg.targetGroupArn, id: d.target.id, ...(d.target.port !== undefined ? { port: d.target.port } : {}), observedSince: iso(observedSince), ...(observedSince > w0 ? { seenArriving: true } : {}), spans });
    }
  }
  for (const c of snap.aws.classicLoadBalancers) {
    for (const s of c.instanceStates ?? []) {
      const { spans, observedSince } = spansFor(`classic:${c.loadBalancerName}`, s.instanceId, s.state, s.reasonCode !== "N/A" ? s.reasonCode : undefined, true, flapKeys(def, snap, s.instanceId));
      targets.push({ loadBalancerName: c.loadBalancerName, id: s.instanceId, observedSince: iso(observedSince), ...(observedSince > w0 ? { seenArriving: true } : {}), spans });
    }
  }
  return { window: { start: iso(w0), end: CAPTURED_AT }, targets, events: demoEvents(snap, faultAt, w0, now) };
}

function pods(snap: Snapshot, node: string | null | undefined) {
  return snap.kubernetes.pods.filter((p) => p.spec?.nodeName === node);
}

/** The scenario's node or pod keys named in `timeline.flapping` that stand for this target (by node or pod name). */
function flapKeys(def: ScenarioDef, snap: Snapshot, id: string): string | undefined {
  if (!def.timeline?.flapping?.length) return undefined;
  const node = snap.kubernetes.nodes.find((n) => instanceIdOf(n) === id);
  const pod = snap.kubernetes.pods.find((p) => p.status?.podIP === id);
  const idx = (name: string | undefined, list: { metadata: { name: string } }[]) => (name ? list.findIndex((x) => x.metadata.name === name) : -1);
  // Scenario keys are positional (n1 is the first node, p1 the first pod): the builder keeps that order.
  for (const k of def.timeline.flapping) {
    const n = /^n(\d+)$/.exec(k);
    if (n && idx(node?.metadata.name, snap.kubernetes.nodes) === Number(n[1]) - 1) return k;
    const p = /^p(\d+)$/.exec(k);
    if (p && idx(pod?.metadata.name, snap.kubernetes.pods) === Number(p[1]) - 1) return k;
  }
  return undefined;
}

/** Pod, endpoint and node changes that go with the scenario's current state. */
function demoEvents(snap: Snapshot, faultAt: number, w0: number, now: number): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const services = new Map<string, string>();
  for (const s of snap.kubernetes.endpointSlices) for (const e of s.endpoints ?? []) if (e.targetRef?.name) services.set(`${s.metadata.namespace}/${e.targetRef.name}`, `${s.metadata.namespace}/${s.metadata.labels?.[LABEL_SERVICE_NAME] ?? ""}`);
  for (const p of snap.kubernetes.pods) {
    const name = `${p.metadata.namespace}/${p.metadata.name}`;
    const where = { pod: name, ...(p.spec?.nodeName ? { node: p.spec.nodeName } : {}), ...(p.status?.podIP ? { ip: p.status.podIP } : {}) };
    const ready = p.status?.conditions?.find((c) => c.type === "Ready")?.status === "True";
    const created = Date.parse(p.metadata.creationTimestamp ?? iso(w0));
    if (p.metadata.deletionTimestamp) {
      const at = Date.parse(p.metadata.deletionTimestamp);
      out.push({ at: iso(at), kind: "pod-terminating", ...where }, { at: iso(at + 1_000), kind: "endpoint-terminating", ...where, ...(services.get(name) ? { detail: services.get(name) } : {}) });
    } else if (created > w0 && ready) {
      // A pod with the LBC readiness gate turns Ready only once its target is healthy (registration + checks).
      const gated = (p.spec?.readinessGates?.length ?? 0) > 0;
      out.push({ at: iso(Math.min(created + (gated ? 101_000 : 15_000), now - 1_000)), kind: "pod-ready", ...where });
    } else if (created <= w0 && !ready) {
      out.push({ at: iso(faultAt - 12_000), kind: "pod-not-ready", ...where });
    }
  }
  for (const n of snap.kubernetes.nodes) {
    const ready = n.status?.conditions?.find((c) => c.type === "Ready")?.status;
    const created = Date.parse(n.metadata.creationTimestamp ?? iso(w0));
    if (ready && ready !== "True") out.push({ at: iso(faultAt - 30_000), kind: "node-not-ready", node: n.metadata.name });
    else if (created > w0) out.push({ at: iso(created + 40_000), kind: "node-ready", node: n.metadata.name });
    for (const t of n.spec?.taints ?? []) out.push({ at: iso(Date.parse(n.metadata.deletionTimestamp ?? iso(now - 90_000)) - 30_000), kind: "node-tainted", node: n.metadata.name, detail: `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}` });
  }
  return out.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
