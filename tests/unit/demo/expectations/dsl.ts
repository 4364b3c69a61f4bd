import type { PathCode, TargetCode } from "@/lib/api/codes";
import type { Controller, Verdict } from "@/lib/api/topology";

/**
 * The shape of the hand-derived outcomes (tests/unit/core/scenarioExpectations.ts) and a small notation to
 * write them: scenarios name nodes and pods by their scenario keys (n1, p1), `ids` maps those keys to the
 * generated identities (instance ID; pod name@IP), and `scenario()` only renames keys — every number,
 * verdict and code is written by hand from the reference, never computed.
 */

export type SeenAs = "client" | "node" | "load-balancer";
export type Header = null | "proxy-protocol-v1" | "proxy-protocol-v2" | "x-forwarded-for";

export interface PodExpectation {
  /** Fraction of new flows, rounded to 3 decimals (compare with a tolerance of 0.001). */
  share: number;
  seenAs: SeenAs;
  header: Header;
}

export interface TargetExpectation {
  verdict: Verdict;
  code: TargetCode;
}

export interface PathExpectation {
  /** By pod name. Every pod behind the Service is listed, also those with share 0. */
  pods: Record<string, PodExpectation>;
  /** By target id (instance ID or pod IP). Every registered target is listed. */
  targets: Record<string, TargetExpectation>;
  dropped: number;
  rejected: number;
  imbalanceLevel: "ok" | "warn" | "high";
  /** Path-level finding codes expected to be present (not an exhaustive list). */
  findings: PathCode[];
}

export interface ServiceExpectation {
  /** As in ServiceSummary.status. */
  status: "ok" | "pending" | "not-found" | "unsupported";
  controller: Controller;
  /** Service-level finding codes expected to be present (pathId null), e.g. LB_PENDING. */
  findings: PathCode[];
  /** Names of the load balancers the Service must be joined to (strict JOIN-2), when the scenario is about joins. */
  loadBalancerNames?: string[];
  /** By listener port (= Service port, JOIN-3). */
  paths: Record<number, PathExpectation>;
}

export interface ScenarioExpectation {
  /** Cluster name served by the demo source. */
  cluster: string;
  /** Rule IDs the outcome follows from. */
  rules: string[];
  /** By "namespace/name". */
  services: Record<string, ServiceExpectation>;
  /** Services that must not appear in the Service list (not type LoadBalancer). */
  notListed: string[];
}

// ---- notation ----

export const HEALTHY: TargetExpectation = { verdict: "healthy", code: "HEALTHY" };
export const expected = (code: TargetCode): TargetExpectation => ({ verdict: "expected", code });
export const transient = (code: TargetCode): TargetExpectation => ({ verdict: "transient", code });
export const fault = (code: TargetCode): TargetExpectation => ({ verdict: "fault", code });
export const pod = (share: number, seenAs: SeenAs, header: Header = null): PodExpectation => ({ share, seenAs, header });

export interface PathSpec {
  /** By pod key. */
  pods: Record<string, PodExpectation>;
  /** By node key (instance targets) or pod key (ip targets). */
  targets: Record<string, TargetExpectation>;
  dropped?: number;
  rejected?: number;
  imbalanceLevel: PathExpectation["imbalanceLevel"];
  findings: PathCode[];
}

export interface ServiceSpec {
  status?: ServiceExpectation["status"];
  controller: Controller;
  findings?: PathCode[];
  loadBalancerNames?: string[];
  paths?: Record<number, PathSpec>;
}

export interface ScenarioSpec {
  /** Scenario keys → "i-…" (nodes) or "<pod name>@<pod IP>" (pods). */
  ids: Record<string, string>;
  rules: string[];
  services: Record<string, ServiceSpec>;
  notListed?: string[];
}

function id(ids: Record<string, string>, key: string, part: "name" | "target"): string {
  const v = ids[key];
  if (v === undefined) throw new Error(`no id for ${key}`);
  const at = v.indexOf("@");
  if (at < 0) return v;
  return part === "name" ? v.slice(0, at) : v.slice(at + 1);
}

function mapKeys<T>(o: Record<string, T>, f: (k: string) => string): Record<string, T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v]));
}

export function scenario(cluster: string, spec: ScenarioSpec): ScenarioExpectation {
  return {
    cluster: `demo-${cluster}`,
    rules: spec.rules,
    notListed: spec.notListed ?? [],
    services: Object.fromEntries(
      Object.entries(spec.services).map(([name, s]) => [
        name,
        {
          status: s.status ?? "ok",
          controller: s.controller,
          findings: s.findings ?? [],
          ...(s.loadBalancerNames ? { loadBalancerNames: s.loadBalancerNames } : {}),
          paths: Object.fromEntries(
            Object.entries(s.paths ?? {}).map(([port, p]) => [
              Number(port),
              {
                pods: mapKeys(p.pods, (k) => id(spec.ids, k, "name")),
                targets: mapKeys(p.targets, (k) => id(spec.ids, k, "target")),
                dropped: p.dropped ?? 0,
                rejected: p.rejected ?? 0,
                imbalanceLevel: p.imbalanceLevel,
                findings: p.findings,
              },
            ]),
          ),
        },
      ]),
    ),
  };
}
