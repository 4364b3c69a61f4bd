import type { Controller, Finding, Path } from "@/lib/api/topology";
import type * as k8s from "../model/kubernetes";
import type { SnapshotIndex } from "../index/snapshotIndex";
import { objectKey } from "../index/snapshotIndex";
import type { RuleId } from "@/lib/api/rules";

/**
 * The rollout check: can a pod exit while the load balancer still sends it flows? Then every rollout and scale-in
 * resets connections (502s, resets). Inputs: the pods' preStop hooks and terminationGracePeriodSeconds against how
 * long the load balancer keeps sending.
 *
 * - ip targets (the pod is the target): deleting the pod makes it not ready, so the controller deregisters the
 *   target. It drains for `deregistration_delay.timeout_seconds` (default 300 s, W1/W3), during which "if the
 *   deregistered instance stays healthy and an existing connection is not idle, the load balancer can continue to
 *   send traffic" (W3); with `deregistration_delay.connection_termination.enabled` (default false, true for new UDP
 *   target groups, W1) the rest is reset when it ends. New flows are still delivered for about 2 minutes after
 *   deregistration starts, whatever the delay (aws-load-balancer-controller #2366, #3270: measured, not documented
 *   by AWS; ingress-nginx #11891 sleeps in preStop as long as the delay). So the pod must keep serving
 *   max(delay, 120 s).
 * - instance targets with externalTrafficPolicy Local: the node stays a target; when its last ready pod of the
 *   Service terminates, its health check fails (HLT-3) but only after interval × unhealthy threshold (HLT-F3), and
 *   meanwhile kube-proxy forwards to the terminating pod (HLT-5, HLT-F2); once the pod exits the node drops them
 *   (SRC-9). So the pod must keep serving that detection lag.
 * - instance targets with Cluster: kube-proxy stops sending to a not-ready endpoint when it syncs, no load balancer
 *   involved: not checked. Classic ELBs are checked as instance targets (the same health-check lag under Local).
 * - ALB ip targets: only the readiness gate below; no source gives how long an ALB keeps routing new requests to a
 *   deregistering target, so the exit-before-deregistration check is not made for them.
 *
 * How long a pod keeps serving after deletion: its preStop sleep (the kubelet runs preStop before SIGTERM), capped
 * by terminationGracePeriodSeconds, which includes the hook. A hook of unknown length (httpGet, an exec that is not
 * a sleep) is counted as lasting the whole grace period (the most it can); no hook counts as 0 s (many servers stop
 * accepting on SIGTERM). Pods whose spec was not captured (no terminationGracePeriodSeconds, which the API always
 * sets) are skipped.
 *
 * Readiness gates (L10, LBC pod readiness gate docs): with ip targets a rollout may replace old pods before the new
 * targets are healthy, "the target group might only have registered targets that are in »Initial« or »Draining«
 * state; this results in service outage"; the `target-health.elbv2.k8s.aws/*` gate holds the rollout back.
 */

export const NEW_FLOW_LAG_SECONDS = 120;
export const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;
const GATE_PREFIX = "target-health.elbv2.k8s.aws/";

export interface PreStop {
  kind: "none" | "sleep" | "exec" | "httpGet" | "tcpSocket";
  /** Seconds it sleeps; null when the length is unknown. */
  seconds: number | null;
}

/** Seconds slept by an exec command: `sleep N`, `sh -c "sleep N; …"` (every `sleep N` counted); null if none. */
export function sleepSeconds(command: string[] | undefined): number | null {
  if (!command?.length) return null;
  const text = command.join(" ");
  let total = 0;
  let found = false;
  for (const m of text.matchAll(/(?:^|[\s;&|(/])sleep\s+(\d+(?:\.\d+)?)(s|m)?(?=$|[\s;&|)])/g)) {
    total += Number(m[1]) * (m[2] === "m" ? 60 : 1);
    found = true;
  }
  return found ? total : null;
}

function hookOf(c: k8s.Container): PreStop {
  const h = c.lifecycle?.preStop;
  if (!h) return { kind: "none", seconds: 0 };
  return h.sleep ? { kind: "sleep", seconds: h.sleep.seconds }
    : h.exec ? { kind: "exec", seconds: sleepSeconds(h.exec.command) }
    : h.httpGet ? { kind: "httpGet", seconds: null }
    : h.tcpSocket ? { kind: "tcpSocket", seconds: null }
    : { kind: "none", seconds: 0 };
}

const longer = (a: PreStop, b: PreStop) => (a.seconds === null ? a : b.seconds === null ? b : a.seconds >= b.seconds ? a : b);
const shorter = (a: PreStop, b: PreStop) => (a.seconds === null ? b : b.seconds === null ? a : a.seconds <= b.seconds ? a : b);

/**
 * How long the container that serves the Service keeps serving after deletion. Each container runs its own preStop
 * hook, then gets SIGTERM, in parallel and in any order (Kubernetes pod lifecycle), so a sidecar's sleep does not
 * hold the application. The serving container is the one declaring `servingPort` (the Service's targetPort, a number
 * or a port name); when none does, the shortest hook of the containers that declare ports; when no container
 * declares ports (older snapshots kept only containers with hooks), the longest hook.
 */
export function preStopOf(pod: k8s.Pod, servingPort?: number | string | null): PreStop {
  const containers = pod.spec?.containers ?? [];
  const serves = (c: k8s.Container) => servingPort != null && (c.ports ?? []).some((p) => (typeof servingPort === "number" ? p.containerPort === servingPort : p.name === servingPort));
  const serving = containers.filter(serves);
  if (serving.length) return serving.map(hookOf).reduce(longer);
  const withPorts = containers.filter((c) => c.ports?.length);
  if (withPorts.length) return withPorts.map(hookOf).reduce(shorter);
  return containers.map(hookOf).reduce(longer, { kind: "none", seconds: 0 } as PreStop);
}

export interface PodExit {
  grace: number;
  preStop: PreStop;
  /** Seconds the pod keeps serving after deletion, at least. */
  stays: number;
  /** The hook sleeps longer than the grace period: the kubelet kills it at the end of the grace period. */
  cutShort: boolean;
}

export function podExit(pod: k8s.Pod, servingPort?: number | string | null): PodExit | null {
  const grace = pod.spec?.terminationGracePeriodSeconds;
  if (grace === undefined) return null;
  const preStop = preStopOf(pod, servingPort);
  const stays = preStop.seconds === null ? grace : Math.min(preStop.seconds, grace);
  return { grace, preStop, stays, cutShort: preStop.seconds !== null && preStop.seconds > grace };
}

function preStopText(p: PreStop): string {
  if (p.kind === "none") return "no preStop hook";
  if (p.seconds === null) return `a preStop ${p.kind} hook of unknown length`;
  return `preStop sleeps ${p.seconds} s`;
}

interface Ctx { controller: Controller; etp: "Cluster" | "Local" }

export function rolloutFindings(path: Path, index: SnapshotIndex, ctx: Ctx): Finding[] {
  const lb = path.loadBalancer;
  const targetType = path.targetGroup?.targetType ?? (lb.kind === "classic" ? "instance" : null);
  const pods = path.pods
    .map((p) => ({ share: p, pod: index.podsByKey.get(objectKey(p.namespace, p.name)) }))
    .filter((x): x is { share: Path["pods"][number]; pod: k8s.Pod } => !!x.pod)
    .map((x) => ({ ...x, exit: podExit(x.pod, path.servicePort.targetPort) }))
    .filter((x): x is typeof x & { exit: PodExit } => x.exit !== null);
  if (!pods.length) return [];
  const out: Finding[] = [];
  const targetOf = new Map(path.targets.map((t) => [t.pod ? `${t.pod.namespace}/${t.pod.name}` : `node:${t.node}`, t.key]));
  const refsOf = (list: typeof pods) => [...new Set(list.flatMap((x) => [x.share.key, targetOf.get(`${x.share.namespace}/${x.share.name}`) ?? targetOf.get(`node:${x.share.node}`) ?? ""]).filter(Boolean))];
  const names = (list: typeof pods) => `${list.slice(0, 3).map((x) => x.share.name).join(", ")}${list.length > 3 ? ", …" : ""}`;

  let required: number | null = null;
  let why = "";
  let rules: RuleId[] = [];
  if (lb.kind === "network" && targetType === "ip" && path.targetGroup) {
    const attrs = path.targetGroup.attributes;
    const raw = Number(attrs["deregistration_delay.timeout_seconds"]);
    const delay = Number.isFinite(raw) && attrs["deregistration_delay.timeout_seconds"] !== undefined ? raw : DEFAULT_DEREGISTRATION_DELAY_SECONDS;
    const udp = /UDP/.test(path.targetGroup.protocol ?? "");
    const ct = attrs["deregistration_delay.connection_termination.enabled"];
    const terminates = ct === undefined ? udp : ct === "true";
    required = Math.max(delay, NEW_FLOW_LAG_SECONDS);
    why = `its target keeps draining for deregistration_delay.timeout_seconds = ${delay} s${terminates ? " (then the load balancer resets what is left)" : ""}, and the NLB has been seen to deliver new flows for about ${NEW_FLOW_LAG_SECONDS} s after deregistration starts, whatever the delay`;
    rules = ["§2.4"];
  } else if (targetType === "instance" && ctx.etp === "Local") {
    const hc = path.targetGroup?.healthCheck ?? path.classicHealthCheck;
    if (hc?.intervalSeconds && hc.unhealthyThreshold) {
      required = hc.intervalSeconds * hc.unhealthyThreshold;
      why = `when its node's last ready pod terminates, the node fails its health check only after ${hc.intervalSeconds} s × ${hc.unhealthyThreshold} = ${required} s and keeps getting new flows meanwhile, which kube-proxy sends to the terminating pod and drops once it is gone`;
      rules = ["HLT-F2", "HLT-F3", "HLT-5", "SRC-9"];
    }
  }
  if (required !== null) {
    const early = pods.filter((x) => x.exit.stays < required!).sort((a, b) => a.exit.stays - b.exit.stays);
    if (early.length) {
      const worst = early[0].exit;
      const cut = early.some((x) => x.exit.cutShort) ? ` The grace period ends before the preStop sleep does, so the kubelet kills the hook early.` : "";
      out.push({
        severity: "warning",
        code: "POD_EXITS_BEFORE_DEREGISTRATION",
        message: `${early.length} of ${pods.length} pods (${names(early)}) can stop serving ${worst.stays} s after they are deleted (${preStopText(worst.preStop)}, terminationGracePeriodSeconds ${worst.grace}), but the load balancer can send them flows for up to ${required} s: ${why}. Flows that arrive after the pod exits are reset (502s, connection resets) in every rollout and scale-in.${cut}`,
        action: `Give the pods a preStop hook that keeps them serving at least ${required} s (lifecycle.preStop.sleep.seconds, or exec sleep ${required}) and a terminationGracePeriodSeconds above it plus the application's own shutdown time (≥ ${required + 30} s).${lb.kind === "network" && targetType === "ip" ? " A shorter deregistration delay shortens the wait, but not below about 120 s." : " A shorter health-check interval or unhealthy threshold shortens the wait."}`,
        rules,
        pathId: path.id,
        refs: refsOf(early),
      });
    }
  }
  // The gate works for ip targets of NLBs and ALBs alike (LBC pod readiness gate docs: "only works with target-type: ip").
  if (ctx.controller === "aws-load-balancer-controller" && (lb.kind === "network" || lb.kind === "application") && targetType === "ip") {
    const ungated = pods.filter((x) => !(x.pod.spec?.readinessGates ?? []).some((g) => g.conditionType.startsWith(GATE_PREFIX)));
    if (ungated.length) {
      out.push({
        severity: "warning",
        code: "READINESS_GATE_MISSING",
        message: `${ungated.length} of ${pods.length} pods (${names(ungated)}) carry no ${GATE_PREFIX}* readiness gate: a rolling update can replace old pods before their successors are healthy in the target group, so it may hold only initial or draining targets for a while (an outage).`,
        action: "Label the namespace elbv2.k8s.aws/pod-readiness-gate-inject=enabled; the AWS Load Balancer Controller then injects the gate into new pods (restart the Deployment to get it).",
        rules: ["JOIN-4", "§2.4"],
        pathId: path.id,
        refs: refsOf(ungated),
      });
    }
  }
  return out;
}
