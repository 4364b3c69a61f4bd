import type { InstanceState } from "../../server/core/model/elb";
import type { TargetHealth, TargetHealthDescription } from "../../server/core/model/elbv2";
import type { HealthSpec, LbDef, NodeDef, ZoneLetter } from "./model";

/**
 * Target health exactly as the APIs word it: ELBv2 State/Reason/Description (W1, W11, §2.4) and Classic
 * InstanceState (W2; the Description strings map to the ELBv2 reasons as §2.4 lists them).
 */

export function elbv2Health(spec: Exclude<HealthSpec, "absent">, description?: string): TargetHealth {
  const h = ((): TargetHealth => {
    switch (spec) {
      case "healthy":
        return { state: "healthy" };
      case "failed":
        return { state: "unhealthy", reason: "Target.FailedHealthChecks", description: "Health checks failed" };
      case "registering":
        return { state: "initial", reason: "Elb.RegistrationInProgress", description: "Target registration is in progress" };
      case "initial":
        return { state: "initial", reason: "Elb.InitialHealthChecking", description: "Initial health checks in progress" };
      case "not-in-use":
        return { state: "unused", reason: "Target.NotInUse", description: "Target is in an Availability Zone that is not enabled for the load balancer" };
      case "stopped":
        return { state: "unused", reason: "Target.InvalidState", description: "Target is in the stopped state" };
      case "draining":
        return { state: "draining", reason: "Target.DeregistrationInProgress", description: "Target deregistration is in progress" };
      // W11: these two reasons apply only to ALB and GWLB target groups.
      case "response-code-mismatch":
        return { state: "unhealthy", reason: "Target.ResponseCodeMismatch", description: "Health checks failed with these codes: [404]" };
      case "timeout":
        return { state: "unhealthy", reason: "Target.Timeout", description: "Request timed out" };
    }
  })();
  return description === undefined ? h : { ...h, description };
}

export function classicHealth(instanceId: string, spec: Exclude<HealthSpec, "absent" | "response-code-mismatch" | "timeout">, description?: string): InstanceState {
  const s = ((): Omit<InstanceState, "instanceId"> => {
    switch (spec) {
      case "healthy":
        return { state: "InService", reasonCode: "N/A", description: "N/A" };
      case "failed":
        return { state: "OutOfService", reasonCode: "Instance", description: "Instance has failed at least the UnhealthyThreshold number of health checks consecutively." };
      case "initial":
        return { state: "OutOfService", reasonCode: "Instance", description: "Instance has not passed the configured HealthyThreshold number of health checks consecutively." };
      case "registering":
        return { state: "OutOfService", reasonCode: "ELB", description: "Instance registration is still in progress." };
      case "not-in-use":
        return { state: "OutOfService", reasonCode: "ELB", description: "Instance is in the EC2 Availability Zone for which LoadBalancer is not configured to route traffic to." };
      case "stopped":
        return { state: "OutOfService", reasonCode: "Instance", description: "Instance is in stopped state." };
      case "draining":
        return { state: "OutOfService", reasonCode: "ELB", description: "Instance deregistration currently in progress." };
    }
  })();
  return { instanceId, ...s, ...(description === undefined ? {} : { description }) };
}

/** AdministrativeOverride of a target while a zonal shift is on (W1 API_AdministrativeOverride's values). */
export function administrativeOverride(shift: NonNullable<LbDef["zonalShift"]>, zone: ZoneLetter): NonNullable<TargetHealthDescription["administrativeOverride"]> {
  if (shift.zone !== zone) return { state: "no_override", reason: "AdministrativeOverride.NoOverride", description: "No override is currently active on target" };
  return shift.state === "delegated-to-dns"
    ? { state: "zonal_shift_delegated_to_dns", reason: "AdministrativeOverride.ZonalShiftDelegatedToDns", description: "Target's zonal shift state is delegated to DNS" }
    : { state: "zonal_shift_active", reason: "AdministrativeOverride.ZonalShiftActive", description: "Zonal shift is active in target Availability Zone" };
}

/** The health spec of one target: explicit, else `not-in-use` outside the LB's zones (DST-3), else healthy. */
export function specFor(lb: LbDef, port: number, key: string, zone: ZoneLetter): HealthSpec {
  const explicit = lb.healthByPort?.[port]?.[key] ?? lb.health?.[key];
  if (explicit) return explicit;
  return lb.zones.includes(zone) ? "healthy" : "not-in-use";
}

export function hasExplicitSpec(lb: LbDef, port: number, key: string): boolean {
  return (lb.healthByPort?.[port]?.[key] ?? lb.health?.[key]) !== undefined;
}

/** Nodes the legacy service controller registers (C3): not deleting, not excluded, not tainted for removal. */
export function legacyEligible(n: NodeDef): boolean {
  return !n.deleting && !n.labels?.["node.kubernetes.io/exclude-from-external-load-balancers"] && !(n.taints ?? []).some((t) => t.key === "ToBeDeletedByClusterAutoscaler");
}

/** Nodes the LBC registers for instance targets (L7): additionally only Ready=True nodes. */
export function lbcEligible(n: NodeDef): boolean {
  return legacyEligible(n) && (n.ready ?? "True") === "True" && !(n.taints ?? []).some((t) => t.key === "karpenter.sh/disrupted");
}
