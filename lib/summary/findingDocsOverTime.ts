import type { FindingDoc } from "./findingDocTypes";

/**
 * Finding docs of issue 12 (observed traffic, history, rollouts), spread into TARGET_DOCS and PATH_DOCS. Where no
 * rule of the reference gives a number (the divergence thresholds, the flapping count), the text says it is this
 * project's choice; docs/api.md "Observed traffic" has the arithmetic.
 */

const DTH = "aws elbv2 describe-target-health --target-group-arn <target-group-arn>";
const GMD = "aws cloudwatch get-metric-data";
const NLB_METRIC = "`NewFlowCount` (Sum) per `LoadBalancer` and `AvailabilityZone` in `AWS/NetworkELB` (ALB: `RequestCount` in `AWS/ApplicationELB`; Classic ELB: `RequestCount` in `AWS/ELB`)";

export const OVER_TIME_TARGET_DOCS = {
  TARGET_FLAPPING: {
    title: "Target flapping: its health keeps changing",
    kind: "fault",
    meaning:
      "The timeline shows the target's health changing 3 or more times in the 15 minutes before the snapshot (healthy → unhealthy → healthy …). Each turn to unhealthy takes it out of the routing set and, with the default connection termination for unhealthy targets, resets its connections; each turn back brings new flows to something unstable. A normal registration or deregistration is at most 2 changes. The threshold (3 in 15 min) is this project's choice, from the issue that asked for it; the reference gives none.",
    rules: ["§2.4", "HLT-F3"],
    confirm: [
      `Repeat \`${DTH}\` a few times a minute apart: the State moves between healthy and unhealthy.`,
      "`kubectl get pods -o wide` and `kubectl describe pod`: restarts, readiness probe failures or OOM kills on the pods behind it (ip targets) or on its node (instance targets).",
    ],
    fix: [
      "Find what makes the health check pass and fail in turn: a readiness that toggles, a crash-looping or OOM-killed pod, kube-proxy restarts, a node too busy to answer in time.",
      "If the check is too tight for the workload, raise its interval or unhealthy threshold (`service.beta.kubernetes.io/aws-load-balancer-healthcheck-*`).",
    ],
  },
} satisfies Record<string, FindingDoc>;

export const OVER_TIME_PATH_DOCS = {
  ZONE_NO_OBSERVED_TRAFFIC: {
    title: "A zone expected to take new flows gets none",
    kind: "path",
    meaning: `The zone's load-balancer address is in DNS and its targets are healthy, so about 1/N of new flows should enter there (DST-5, DST-6), but CloudWatch's ${NLB_METRIC} shows none in the window while the other zones took everything. Clients that resolve that address may be failing to connect: traffic dropped by the NLB's security group or a network ACL never appears in the metrics. It is judged only when the zone should have seen at least 20 new flows.`,
    rules: ["DST-5", "DST-6"],
    confirm: [
      "`dig +short <load-balancer-dns-name>` lists one address per zone in DNS; connect to the silent zone's address directly (`nc -vz <address> <port>`).",
      `\`${GMD}\` for NewFlowCount with the zone's AvailabilityZone dimension.`,
      "The load balancer's security group and the subnet's network ACL allow the clients' traffic.",
    ],
    fix: [
      "Open the security group or network ACL of the zone's load-balancer subnet to the clients.",
      "If clients pin addresses (stale DNS, connection pools that never re-resolve), make them re-resolve; enabling cross-zone load balancing does not help clients that cannot reach the zone's node.",
    ],
  },
  ZONE_OUT_OF_DNS_TRAFFIC: {
    title: "A zone out of DNS still gets new flows",
    kind: "path",
    meaning: `The zone has no healthy target, so its address was removed from DNS (DST-5), yet CloudWatch's ${NLB_METRIC} shows at least 5 % of new flows entering there: clients that cached an older answer (the TTL is 60 s) or pin the address. Those flows reach a load-balancer node that fails open to the zone's unhealthy targets (DST-7).`,
    rules: ["DST-5", "DST-6", "DST-7"],
    confirm: ["`dig +short <load-balancer-dns-name>` does not list the zone's address.", `\`${GMD}\` for NewFlowCount in that zone is not zero.`],
    fix: [
      "Make a target in the zone healthy again (see the zone's targets and ZONE_NO_HEALTHY).",
      "If the zone left DNS long ago, find the clients that keep its address: resolvers that ignore the TTL, long-lived connection pools.",
    ],
  },
  OBSERVED_SKEW: {
    title: "New flows split over zones unlike the expected split",
    kind: "path",
    meaning:
      "The busiest zone's observed share of new flows is more than 1.2× what the configuration predicts (warn; 2× or more: high). The expected split assumes clients spread evenly over the load balancer's DNS answers (DST-6, a model); a few clients behind NAT, resolvers that cache one address, or connection pools pin traffic to one zone. With cross-zone off that zone's targets carry the excess. The cut-offs are §3.1's for pods, which this project reuses for zones; fewer than 100 new flows in the window are not judged.",
    rules: ["DST-6", "§3.1"],
    confirm: [`\`${GMD}\` for NewFlowCount per AvailabilityZone over a longer window: the skew persists.`, "The clients' resolvers and NAT: how many distinct source addresses reach the load balancer."],
    fix: ["Turn on cross-zone load balancing (`load_balancing.cross_zone.enabled=true`) so every zone's node spreads over all targets, or give the busy zone more capacity.", "Make clients re-resolve and spread (shorter connection lifetimes, DNS round robin honoured)."],
  },
  POD_EXITS_BEFORE_DEREGISTRATION: {
    title: "Pods can exit while the load balancer still sends them flows",
    kind: "path",
    meaning:
      "The rollout check. ip targets: when a pod is deleted its target drains for deregistration_delay.timeout_seconds (default 300 s); the load balancer keeps delivering its existing flows, and has been measured delivering new flows for about 2 minutes after deregistration starts whatever the delay (aws-load-balancer-controller #2366, #3270). instance targets with externalTrafficPolicy Local: the node keeps getting new flows until its health check fails, interval × unhealthy threshold after its last ready pod terminates (HLT-F2, HLT-F3), and kube-proxy forwards them to the terminating pod. A pod keeps serving after deletion only as long as the preStop hook of the container that serves the Service runs (capped by terminationGracePeriodSeconds, which includes the hook; each container runs its own hook and gets SIGTERM in any order, so a sidecar's sleep does not hold the application); when that is shorter, flows reach a pod that is gone and are reset: 502s and resets in every rollout and scale-in. Pods whose spec was not captured are skipped.",
    rules: ["§2.4", "HLT-F2", "HLT-F3", "HLT-5"],
    confirm: [
      "`kubectl get pod <pod> -o jsonpath='{.spec.terminationGracePeriodSeconds} {.spec.containers[*].lifecycle.preStop}'`.",
      "`aws elbv2 describe-target-group-attributes --target-group-arn <arn>`: deregistration_delay.timeout_seconds and deregistration_delay.connection_termination.enabled.",
      "During a rollout: the target stays `draining` while the pod is already gone (`kubectl get pods`).",
    ],
    fix: [
      "Add a preStop hook that keeps the pod serving at least as long as the finding says (`lifecycle.preStop.sleep.seconds`, or `exec: [sleep, N]`), and set terminationGracePeriodSeconds above it plus the application's shutdown time.",
      "ip targets: a shorter deregistration delay (`service.beta.kubernetes.io/aws-load-balancer-target-group-attributes: deregistration_delay.timeout_seconds=…`) shortens the wait, but not below about 120 s; instance targets with Local: a shorter health-check interval or threshold does.",
    ],
  },
  READINESS_GATE_MISSING: {
    title: "ip targets without the pod readiness gate",
    kind: "path",
    meaning:
      "With ip targets a Deployment's rolling update only waits for pods to be Ready in Kubernetes, not healthy in the target group. New targets take a while to register and pass their checks, so the rollout can remove old pods first and leave only initial or draining targets: an outage for that time. The AWS Load Balancer Controller's pod readiness gate (`target-health.elbv2.k8s.aws/<binding>`) holds each new pod not Ready until its target is healthy.",
    rules: ["JOIN-4", "§2.4"],
    confirm: ["`kubectl get pod <pod> -o jsonpath='{.spec.readinessGates}'` lists no `target-health.elbv2.k8s.aws/` condition.", "`kubectl get ns <namespace> --show-labels`: no `elbv2.k8s.aws/pod-readiness-gate-inject=enabled`."],
    fix: ["`kubectl label namespace <namespace> elbv2.k8s.aws/pod-readiness-gate-inject=enabled`, then restart the Deployment so new pods get the gate."],
  },
} satisfies Record<string, FindingDoc>;
