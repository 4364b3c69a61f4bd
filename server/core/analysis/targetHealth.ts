import type { HealthCheck, Verdict } from "@/lib/api/topology";
import type { TargetCode } from "@/lib/api/codes";
import type { RuleId } from "@/lib/api/rules";

export interface TargetHealthInput {
  /** ELBv2 state (Classic states are mapped first, see classicHealth.ts). */
  state: string;
  reason: string | null;
  lbKind: "network" | "classic" | "application";
  targetType: "instance" | "ip";
  externalTrafficPolicy: "Cluster" | "Local";
  healthCheck: HealthCheck;
  tgProtocol: string | null;
  proxyProtocolV2: boolean;
  zone: string | null;
  zoneEnabled: boolean;
  /** DST-3: the target's zone is under an ARC zonal shift (AdministrativeOverride), or null. */
  zonalShift: "active" | "delegated-to-dns" | null;
  /** Effective cross-zone (DST-2): with it, a zone shifted only in DNS still gets flows from the other zones. */
  crossZone: boolean;
  /** The target group is attached to a load balancer. */
  tgAttached: boolean;
  /** Instance targets: the Node behind the instance, if any. */
  node: { name: string; ready: boolean; removal: string | null; kubeProxyIneligible: string | null } | null;
  /** Ready local endpoints (HLT-3) and serving∧terminating local ones; null when EndpointSlices are unknown. */
  readyLocal: number | null;
  terminatingLocal: number;
  /** Usable endpoints cluster-wide (HLT-5); null when unknown. */
  usableEndpoints: number | null;
  /** ip targets: the endpoint behind the IP, if any. */
  endpoint: { ready: boolean; serving: boolean; terminating: boolean; pod: string | null } | null;
}

export interface TargetVerdict {
  verdict: Verdict;
  code: TargetCode;
  rules: RuleId[];
  diagnosis: string;
  action: string | null;
}

const v = (verdict: Verdict, code: TargetCode, rules: RuleId[], diagnosis: string, action: string | null): TargetVerdict => ({ verdict, code, rules, diagnosis, action });

function hcText(hc: HealthCheck): string {
  const port = hc.port === "traffic-port" ? "traffic-port" : `:${hc.port ?? "?"}`;
  return `${hc.protocol ?? "?"} ${port}${hc.path ?? ""}`;
}

function detectionWait(hc: HealthCheck, threshold: number | null): string {
  if (!hc.intervalSeconds || !threshold) return "a few health-check intervals";
  return `about ${hc.intervalSeconds * threshold} s (${threshold} × ${hc.intervalSeconds} s)`;
}

/**
 * §2.4 + HLT-C: the verdict on one target — healthy, expected (by design or configuration), transient, or
 * fault — with the evidence and the action. The order of checks follows the reference's tables.
 */
export function classifyTarget(i: TargetHealthInput): TargetVerdict {
  const verdict = classifyHealth(i);
  if (!i.zonalShift || verdict.code === "HEALTHY") return verdict;
  // The target's own health still matters once the shift ends: keep its verdict and say that the zone is shifted.
  return { ...verdict, rules: [...verdict.rules, "DST-3"], diagnosis: `${verdict.diagnosis} Its zone is also shifted away (zonal shift).` };
}

function classifyHealth(i: TargetHealthInput): TargetVerdict {
  const { state, reason, healthCheck: hc } = i;
  if (state === "healthy") {
    // DST-3 (W1 AdministrativeOverride): health checks still pass, but the shift keeps new flows away.
    if (i.zonalShift === "active" || (i.zonalShift === "delegated-to-dns" && !i.crossZone))
      return v("expected", "ZONE_SHIFTED_AWAY", ["DST-3"], `Healthy, but an ARC zonal shift moved traffic away from ${i.zone ?? "its zone"} (AdministrativeOverride ${i.zonalShift === "active" ? "zonal_shift_active" : "zonal_shift_delegated_to_dns"}): it gets no new flows until the shift ends; existing connections continue.`, "End the zonal shift once the zone has recovered (see the ZONAL_SHIFT finding), or let it expire.");
    return v("healthy", "HEALTHY", [], "Passing health checks; receives new flows.", null);
  }

  if (state === "initial") {
    if (reason === "Elb.RegistrationInProgress")
      return v("transient", "REGISTERING", ["§2.4"], "Being registered with the target group; AWS says this takes a few minutes.", "Wait; if it persists, check the load balancer's subnets/zones and the controller's logs.");
    return v("transient", "INITIAL_HEALTH_CHECK", ["§2.4", "HLT-F3"], `New target still running its first health checks (${hcText(hc)}); it needs ${detectionWait(hc, hc.healthyThreshold)} of passing checks.`, "Wait for the healthy threshold; if it then turns unhealthy, see that verdict.");
  }
  if (state === "draining") {
    // The node's removal is the more useful explanation than the AWS state: name it (L7, C3).
    if (i.node?.removal)
      return v("expected", "NODE_DELETING", ["§2.4", "JOIN-4"], `${i.node.name} is being removed (${i.node.removal}), so the controller deregistered it; existing connections continue until deregistration_delay.timeout_seconds expires.`, "Nothing to do; it leaves the target group when the delay expires.");
    const why = i.endpoint?.terminating ? " Its pod is terminating." : "";
    return v("expected", "DRAINING", ["§2.4"], `Deregistering; existing connections continue until deregistration_delay.timeout_seconds expires.${why}`, "Nothing to do; it disappears when the delay expires.");
  }
  if (state === "unhealthy.draining")
    return v("transient", "UNHEALTHY_DRAINING", ["§2.4"], "Failed health checks and is draining existing connections (connection termination is off for this target group).", "Look at why it failed once draining ends; see the other targets' verdicts.");
  if (state === "unused") {
    if (reason === "Target.NotRegistered") return v("transient", "NOT_REGISTERED", ["§2.4"], "Not registered with the target group: the read raced a registration change.", "Refresh; do not alert on this.");
    if (reason === "Target.InvalidState") return v("fault", "INSTANCE_INVALID", ["§2.4"], "The registered EC2 instance is stopped or terminated, yet still registered.", "Check that the controller reconciles (its logs) and whether a stale Node object remains.");
    if (reason === "Target.IpUnusable") return v("fault", "IP_UNUSABLE", ["§2.4"], "The target IP is reserved for use by a load balancer.", "Investigate the address overlap between the pod CIDR and load-balancer ENIs.");
    if (!i.tgAttached) return v("expected", "TG_NOT_IN_USE", ["§2.4"], "The target group is not attached to any load balancer (orphan).", "Delete the orphan target group, or attach it.");
    // AWS gives two causes for Target.NotInUse (W1); neither holds here, so lbpath does not guess a third.
    if (i.zoneEnabled)
      return v("unknown", "HEALTH_UNKNOWN", ["§2.4"], `AWS reports the target unused (${reason ?? "no reason"}), yet its zone ${i.zone ?? ""} has a subnet of the load balancer and the target group is attached: neither documented cause applies (the load balancer's zones or listeners may be changing).`, "Refresh; if it persists, compare the load balancer's subnets and listeners with the controller's events.");
    return v(
      "expected",
      "ZONE_NOT_ENABLED",
      ["DST-3", "§2.4"],
      `The target is in ${i.zone ?? "an Availability Zone"}, where the load balancer has no subnet, so it never gets traffic and the capacity there is unreachable.`,
      "Add a subnet in that zone (annotation service.beta.kubernetes.io/aws-load-balancer-subnets) or keep these nodes out (aws-load-balancer-target-node-labels).",
    );
  }
  if (state === "unavailable") {
    if (reason === "Target.HealthCheckDisabled") return v("fault", "HC_DISABLED", ["§2.4"], "Health checks are disabled for the target group.", "Enable health checks on the target group.");
    if (reason === "Elb.InternalError") return v("fault", "AWS_INTERNAL_ERROR", ["§2.4"], "AWS cannot report this target's health (internal error).", "Retry later; open an AWS support case if it persists.");
    return v("unknown", "HEALTH_UNKNOWN", [], "AWS reports the target's health as unavailable.", "Refresh; check the AWS Health Dashboard.");
  }
  if (state !== "unhealthy") return v("unknown", "HEALTH_UNKNOWN", [], `Unrecognised target state "${state}".`, null);

  if (reason === "Target.ResponseCodeMismatch") return v("fault", "HC_RESPONSE_MISMATCH", ["§2.4"], `The HTTP health check (${hcText(hc)}) returned a code outside the matcher.`, "Fix the health-check path, port or success codes.");
  if (reason === "Target.Timeout") return v("fault", "HC_TIMEOUT", ["§2.4"], `The health check (${hcText(hc)}) timed out.`, "Open the health-check port to the load balancer's subnets in the node/pod security group; raise the timeout.");
  if (reason === "Elb.InternalError") return v("fault", "AWS_INTERNAL_ERROR", ["§2.4"], "AWS reports an internal error for this target.", "Retry later; open an AWS support case if it persists.");
  return classifyFailedHealthChecks(i);
}

/** HLT-C1..C8 for Target.FailedHealthChecks (for NLB the only documented unhealthy reason). */
function classifyFailedHealthChecks(i: TargetHealthInput): TargetVerdict {
  const hc = i.healthCheck;
  const proto = (i.tgProtocol ?? "").toUpperCase();
  const httpHc = hc.protocol === "HTTP" || hc.protocol === "HTTPS";
  if ((proto === "UDP") && hc.portMeaning === "traffic-port" && (hc.protocol === "TCP" || hc.protocol === null))
    return v("fault", "UDP_HC_MISMATCH", ["HLT-C8", "HLT-F5"], `A UDP target group is health-checked over TCP on the traffic port (${hcText(hc)}); a UDP-only pod never answers it.`, "Point the health check at a TCP/HTTP port: annotation service.beta.kubernetes.io/aws-load-balancer-healthcheck-port (or use externalTrafficPolicy Local).");

  if (i.targetType === "ip") {
    const e = i.endpoint;
    if (!e) return v("fault", "HC_BLOCKED", ["JOIN-4", "HLT-C7"], "No endpoint of this Service has this IP: the target is a stale registration, or the pod is gone.", "Check the controller's reconcile (TargetGroupBinding status, controller logs).");
    if (!e.ready || !e.serving)
      return v("expected", "POD_NOT_READY", ["HLT-C6"], `The pod${e.pod ? ` ${e.pod}` : ""} is not Ready${e.terminating ? " (terminating)" : ""}; the load balancer agrees with Kubernetes.`, "Fix the pod's readiness (kubectl describe pod; its readiness probe and logs), not the load balancer.");
    if (i.proxyProtocolV2 && httpHc)
      return v("fault", "PPV2_BREAKS_HC", ["HLT-F4", "SRC-6", "HLT-C7"], `Proxy protocol v2 is on and the health check is ${hcText(hc)}: the header is sent on health checks too, and the pod's health endpoint must speak PROXY v2.`, "Make the health-check port accept PROXY v2, or use a TCP health check.");
    return v("fault", "HC_BLOCKED", ["HLT-C7"], `The pod is Ready but fails ${hcText(hc)}: port/protocol mismatch, or the pod's security group blocks the load balancer's subnets.`, "Allow the load balancer's subnets to the pod port in the pod/node security group; check the health-check port and protocol.");
  }

  // Instance targets: the node behind them.
  const nodeName = i.node?.name ?? "this node";
  const nodeDown = i.node && !i.node.ready ? ` Node ${nodeName} is NotReady, which alone explains it.` : "";
  switch (hc.portMeaning) {
    case "healthCheckNodePort": {
      if (i.readyLocal === null) return v("unknown", "HEALTH_UNKNOWN", ["HLT-C1"], "EndpointSlices could not be read, so lbpath cannot tell whether this node has a ready local endpoint.", "Grant list/watch on endpointslices.discovery.k8s.io (ClusterRole lbpath-reader).");
      if (i.readyLocal === 0) {
        const ppv2 = i.proxyProtocolV2 && httpHc ? " (Proxy protocol v2 with this HTTP health check would fail it anyway, see PPV2_BREAKS_HC.)" : "";
        if (i.terminatingLocal > 0)
          return v("expected", "LOCAL_ONLY_TERMINATING", ["HLT-C1", "HLT-3", "HLT-F2"], `Health check ${hcText(hc)} = healthCheckNodePort; ${nodeName}'s only local endpoints are terminating, which kube-proxy does not count, so it answers 503 while still forwarding to them until they exit.${ppv2}`, "Nothing to do during a rolling update; it recovers when a new pod on this node is Ready.");
        return v("expected", "LOCAL_NO_ENDPOINT", ["HLT-C1", "HLT-E1"], `Health check ${hcText(hc)} = healthCheckNodePort; 0 ready local endpoints on ${nodeName} ⇒ kube-proxy answers 503 by design under externalTrafficPolicy Local.${ppv2}`, "Nothing to fix. To use this node, schedule a pod on it (DaemonSet, topologySpreadConstraints).");
      }
      if (i.proxyProtocolV2 && httpHc)
        return v("fault", "PPV2_BREAKS_HC", ["HLT-F4", "SRC-6"], `Proxy protocol v2 is on and the health check is ${hcText(hc)}: the NLB sends the PROXY header on health checks too, and kube-proxy's healthCheckNodePort server does not speak it, so every node fails.`, "Do not combine proxy protocol v2 with instance targets + externalTrafficPolicy Local: turn PPv2 off, or use ip targets, or externalTrafficPolicy Cluster.");
      return v("fault", "HC_BLOCKED", ["HLT-C2"], `${nodeName} has ${i.readyLocal} ready local endpoint(s), so kube-proxy should answer 200 on ${hcText(hc)}, yet it fails.${nodeDown}`, "Check kube-proxy on the node (serviceProxyHealthy), and that the node security group allows the health-check port from the load balancer's subnets.");
    }
    case "traffic-port": {
      // SRC-9, HLT-5: under Local kube-proxy drops connections to the nodePort on a node without a usable local
      // endpoint, health checks included: unhealthy by design.
      // An ALB Ingress health-checks the traffic port by default (ALB-H1), so there this is the usual case.
      if (i.externalTrafficPolicy === "Local" && i.targetType === "instance" && i.readyLocal === 0 && i.terminatingLocal === 0 && (i.usableEndpoints ?? 0) > 0)
        return i.lbKind === "application"
          ? v("expected", "LOCAL_NO_ENDPOINT", ["ALB-H1", "SRC-9", "HLT-5"], `${nodeName} has no ready pod of this Service and externalTrafficPolicy is Local, so kube-proxy drops the ALB's health check on the nodePort: unhealthy by design.`, "Nothing to fix. To use this node, run a pod on it; or use ip targets (alb.ingress.kubernetes.io/target-type: ip).")
          : v("expected", "LOCAL_NO_ENDPOINT", ["SRC-9", "HLT-5"], `The health check probes the traffic port (${hcText(hc)}) and externalTrafficPolicy is Local: ${nodeName} has no ready pod of this Service, so kube-proxy drops the probe like any other connection. Unhealthy by design.`, "Nothing to fix. To use this node, schedule a pod on it; or health-check the healthCheckNodePort, as the controllers do by default for Local.");
      if (i.usableEndpoints === 0)
        return v("fault", "NO_READY_ENDPOINTS", ["HLT-C3", "HLT-E2", "SRC-9"], "The Service has no ready endpoints, so kube-proxy rejects connections to the nodePort and every node fails the health check.", "Fix the workload: kubectl get endpointslices -l kubernetes.io/service-name=<svc>; look at the pods' readiness.");
      if (i.usableEndpoints === null) return v("unknown", "HEALTH_UNKNOWN", ["HLT-C3"], "EndpointSlices could not be read, so lbpath cannot tell whether the Service has ready endpoints.", "Grant list/watch on endpointslices.discovery.k8s.io (ClusterRole lbpath-reader).");
      return v("fault", "HC_BLOCKED", ["HLT-C4"], `The Service has ready endpoints, but ${nodeName} fails ${hcText(hc)}: a node-specific problem.${nodeDown}`, "Check kube-proxy on the node, and that the node security group allows the nodePort from the load balancer's subnets.");
    }
    case "kube-proxy-healthz": {
      if (i.node?.kubeProxyIneligible) return v("expected", "NODE_DELETING", ["HLT-C5", "HLT-4"], `${nodeName} is being removed (${i.node.kubeProxyIneligible}); kube-proxy's /healthz reports it ineligible.`, "Nothing to do; the node leaves the target group.");
      return v("fault", "HC_BLOCKED", ["HLT-E3"], `kube-proxy's health endpoint ${hcText(hc)} fails on ${nodeName}.${nodeDown}`, "Check kube-proxy on the node and the security group for port 10256.");
    }
    default:
      return v(
        "fault",
        "HC_BLOCKED",
        ["HLT-C2"],
        `The health check probes ${hcText(hc)}, which is neither the Service's healthCheckNodePort nor its traffic port${i.externalTrafficPolicy === "Local" ? " (a stale healthCheckNodePort?)" : ""}.`,
        "Align the health-check port with the Service (annotation service.beta.kubernetes.io/aws-load-balancer-healthcheck-port) and let the controller reconcile.",
      );
  }
}
