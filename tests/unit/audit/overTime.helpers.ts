import type * as k8s from "@/server/core/model/kubernetes";
import type { Metrics } from "@/server/core/model/observed";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { loadBalancerDimension } from "@/server/core/analysis/metricKeys";
import { snapshot } from "../summary/scenario";

/** Shared inputs of the "over time" audit (overTime.audit.test.ts, overTime.fixes.test.ts). */

export const WINDOW = { start: "2026-11-20T09:45:00Z", end: "2026-11-20T10:00:00Z", periodSeconds: 60 };
export const Z = (l: string) => `us-east-1${l}`;
export const minutes = (n = 15, start = WINDOW.start) =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse(start) + i * 60_000).toISOString().replace(/\.000Z$/, "Z"));

/** A scenario with NLB NewFlowCount per zone replaced: `flows[zone]` per minute for 15 minutes (0 → no data point). */
export function withFlows(id: string, flows: Record<string, number>, window: Metrics["window"] = WINDOW): Snapshot {
  const s: Snapshot = structuredClone(snapshot(id));
  const dim = loadBalancerDimension(s.aws.loadBalancers[0].loadBalancerArn);
  const ts = minutes(15, window.start);
  s.metrics = {
    window,
    series: Object.entries(flows).map(([zone, n]) => ({
      namespace: "AWS/NetworkELB", metricName: "NewFlowCount", stat: "Sum", dimensions: { LoadBalancer: dim, AvailabilityZone: zone },
      timestamps: n ? ts : [], values: n ? ts.map(() => n) : [],
    })),
  };
  return s;
}

export const web = (s: Snapshot) => buildTopology(s, { namespace: "default", name: "web" })!;
export const codes = (t: { findings: { code: string }[] }) => t.findings.map((f) => f.code);

/** rollout-drain-gap (LBC, NLB ip targets, TCP) with every checkout pod's spec replaced and the TG's attributes changed. */
export function checkout(spec: k8s.Pod["spec"], attrs: Record<string, string> = {}, mutate?: (s: Snapshot) => void) {
  const s: Snapshot = structuredClone(snapshot("rollout-drain-gap"));
  for (const p of s.kubernetes.pods) if (p.metadata.name.startsWith("checkout-")) p.spec = { nodeName: p.spec?.nodeName, ...spec };
  for (const tg of s.aws.targetGroups) if (tg.targetGroupName.includes("checkout")) Object.assign(tg.attributes, attrs);
  mutate?.(s);
  return buildTopology(s, { namespace: "shop", name: "checkout" })!;
}

export const GATE = [{ conditionType: "target-health.elbv2.k8s.aws/k8s-shop-checkout-67f01cf608" }];
export const sleepSpec = (seconds: number, grace: number, gates = GATE): k8s.Pod["spec"] => ({
  terminationGracePeriodSeconds: grace,
  containers: [{ name: "app", lifecycle: { preStop: { sleep: { seconds } } } }],
  readinessGates: gates,
});
