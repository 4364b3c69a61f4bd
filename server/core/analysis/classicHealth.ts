import type * as elb from "../model/elb";

/**
 * §2.4 (W2): map a Classic ELB InstanceState to its ELBv2 analog (state + reason), so one classifier serves both.
 * The Description strings are AWS's; only their distinctive fragments are matched.
 */
export function classicToElbv2(s: elb.InstanceState): { state: string; reason: string | null } {
  if (s.state === "InService") return { state: "healthy", reason: null };
  const d = (s.description ?? "").toLowerCase();
  // AWS reports its own transient error as State "Unknown" (ReasonCode ELB): that one is an AWS fault (§2.4).
  if (s.state === "Unknown") return { state: "unavailable", reason: d.includes("transient error") ? "Elb.InternalError" : null };
  if (d.includes("failed at least the unhealthythreshold")) return { state: "unhealthy", reason: "Target.FailedHealthChecks" };
  if (d.includes("has not passed the configured healthythreshold")) return { state: "initial", reason: "Elb.InitialHealthChecking" };
  if (d.includes("registration is still in progress")) return { state: "initial", reason: "Elb.RegistrationInProgress" };
  if (d.includes("availability zone for which loadbalancer is not configured") || d.includes("disable availability zone")) return { state: "unused", reason: "Target.NotInUse" };
  if (d.includes("not currently registered")) return { state: "unused", reason: "Target.NotRegistered" };
  if (d.includes("deregistration currently in progress")) return { state: "draining", reason: "Target.DeregistrationInProgress" };
  if (/(pending|stopped|terminated) state/.test(d)) return { state: "unused", reason: "Target.InvalidState" };
  if (d.includes("transient error")) return { state: "unavailable", reason: "Elb.InternalError" };
  return { state: "unhealthy", reason: "Target.FailedHealthChecks" };
}

/** HC-4/HC-5: a Classic health-check target such as "TCP:31234" or "HTTP:32181/healthz". */
export function parseClassicHealthCheckTarget(target: string | undefined): { protocol: string | null; port: string | null; path: string | null } {
  const m = /^([A-Za-z]+):(\d+)(\/.*)?$/.exec(target ?? "");
  if (!m) return { protocol: null, port: null, path: null };
  return { protocol: m[1].toUpperCase(), port: m[2], path: m[3] ?? null };
}
