import { describe, expect, it } from "vitest";
import type { Path, Topology } from "@/lib/api/topology";
import { buildTopology } from "@/server/core/buildTopology";
import { predictWhatIf } from "@/server/core/whatIf";
import { buildScenario } from "@/scripts/demo/scenario";
import { CHANGE_KINDS } from "@/lib/api/whatIf";
import { CASES } from "./cases";

/**
 * Issue 11's test: the prediction equals what the engine computes from a snapshot in which the change really
 * happened, for shares, source IP, verdicts, imbalance and findings. Names the change itself creates (new pods,
 * a new target group, a new healthCheckNodePort) differ between the two, so pods and ip targets are compared by
 * where they run, not by name.
 */
const r = (x: number) => Math.round(x * 1e4) / 1e4;

function projectPath(p: Path) {
  const podNode = new Map(p.pods.map((x) => [x.ip, x.node]));
  return {
    port: p.listener?.port ?? null,
    targetType: p.targetGroup?.targetType ?? "instance",
    preserveClientIp: p.targetGroup?.preserveClientIp ?? null,
    proxyProtocol: p.targetGroup?.proxyProtocol ?? null,
    crossZone: p.loadBalancer.crossZone,
    healthCheck: p.targetGroup ? { protocol: p.targetGroup.healthCheck.protocol, meaning: p.targetGroup.healthCheck.portMeaning } : { protocol: p.classicHealthCheck?.protocol, meaning: p.classicHealthCheck?.portMeaning },
    clientIp: { row: p.clientIp.row, snatAt: p.clientIp.snatAt, hop1: p.clientIp.hop1, header: p.clientIp.header },
    zones: p.zones.map((z) => ({ name: z.name, inDns: z.inDns, zonalShift: z.zonalShift, failingOpen: z.failingOpen, healthy: z.healthyTargets, targets: z.targets, share: r(z.share) })),
    targets: p.targets
      .map((t) => [p.targetGroup?.targetType === "ip" ? `pod on ${podNode.get(t.id)}` : t.id, t.zone, t.state, t.reason, t.verdict, t.code, r(t.share), t.receivesFailOpenTraffic].join("|"))
      .sort(),
    pods: p.pods.map((x) => [x.node, x.zone, x.ready, x.serving, x.terminating, r(x.share), x.starved, x.sourceIp.seenAs, x.sourceIp.header].join("|")).sort(),
    dropped: r(p.dropped),
    rejected: r(p.rejected),
    unknown: r(p.unknown),
    failOpen: p.failOpen,
    imbalance: { level: p.imbalance.level, ratio: p.imbalance.ratio === null ? null : r(p.imbalance.ratio), starved: p.imbalance.starved.length },
  };
}

function project(t: Topology) {
  return {
    etp: t.service.externalTrafficPolicy,
    paths: t.paths.map(projectPath),
    findings: t.findings.map((f) => `${f.severity}|${f.code}|${f.pathId ?? "service"}`).sort(),
  };
}

describe("what-if = the topology of the cluster where the change really happened", () => {
  it("covers every change kind", () => {
    expect(new Set(CASES.flatMap((c) => c.changes.map((x) => x.kind)))).toEqual(new Set(CHANGE_KINDS));
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const svc = c.from.services[0];
    const ref = { namespace: svc.namespace, name: svc.name };
    const prediction = predictWhatIf(buildScenario(c.from), ref, c.changes);
    expect(prediction && "refusal" in prediction ? prediction.refusal : null).toBeNull();
    const p = prediction as Exclude<typeof prediction, null | { refusal: unknown }>;
    // A prediction has no observations of its own (metrics, timeline): compare with the changed cluster without them.
    const { metrics: _m, timeline: _t, ...changed } = buildScenario(c.to);
    const real = buildTopology(changed, ref)!;
    expect(project(p.after)).toEqual(project(real));
    // The prediction is a change: the current topology differs from it, and stays what it was.
    expect(project(p.before)).toEqual(project(buildTopology(buildScenario(c.from), ref)!));
    expect(p.after.paths.every((x) => !x.observed)).toBe(true);
    expect(project(p.before)).not.toEqual(project(p.after));
  });
});
