import { describe, expect, it } from "vitest";
import { buildTopology } from "@/server/core/buildTopology";
import { subjectTopologies } from "@/server/core/alb/subjects";
import { userBindings } from "@/server/core/alb/bindingPaths";
import { indexSnapshot } from "@/server/core/index/snapshotIndex";
import { trimSnapshot } from "@/server/sources/live/reshapeSnapshot";
import type { Snapshot } from "@/server/core/model/snapshot";
import { loadSnapshot, readThroughEmulator, scenarioFiles } from "./helpers";

/**
 * Issue #2's promise: live mode builds the same Snapshot the demo loads, so the analysis never knows where its
 * data came from. Every demo scenario is served by the emulator, read back through the real Kubernetes and AWS
 * clients, and must give the same topology as the scenario loaded directly. The only difference allowed is
 * what the trim rule removes on purpose (Service annotations other than the AWS load-balancer ones).
 *
 * CloudWatch too (issue 12): the read asks the emulator's GetMetricData for every series through the real
 * CloudWatch client, and the observed split, divergence and findings must be the scenario's. Only the metrics'
 * window differs (the live read's ends at the last whole minute; the emulator replays the scenario's minutes up to
 * it), so window times are masked. The timeline is not compared: a single read has no history.
 */
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g;
const topologies = (snapshot: Snapshot) => {
  const s: Snapshot = { ...snapshot, timeline: undefined };
  return s.kubernetes.services
    .filter((svc) => svc.spec.type === "LoadBalancer" || userBindings(svc, indexSnapshot(s)).length > 0)
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
    .map((svc) => buildTopology(s, { namespace: svc.metadata.namespace, name: svc.metadata.name })!)
    // Issue 13: the Ingresses' and Gateways' topologies too.
    .concat(subjectTopologies(s))
    .map(({ age: _age, cluster: _cluster, ...rest }) => ({
      ...rest,
      paths: rest.paths.map((p) => ({ ...p, observed: p.observed ? { ...p.observed, window: null } : p.observed })),
      findings: rest.findings.map((f) => ({ ...f, message: f.message.replace(ISO, "<time>") })),
    }));
};

describe("topology via the emulator and the real clients = topology of the scenario loaded directly", () => {
  it.each(scenarioFiles().map((f) => [f.split("/").pop()!, f]))("%s", async (_name, file) => {
    const scenario = loadSnapshot(file);
    const history = { metricsMs: 60_000, metricsWindowMinutes: 15, timeline: { windowMs: 3600_000, maxSpans: 8 }, events: { windowMs: 3600_000, capacity: 100 } };
    const { read } = await readThroughEmulator(scenario, {}, { history }); // the emulator is stopped after the read
    expect(read.metrics?.series.length).toBe(scenario.metrics?.series.length);
    const viaEmulator = topologies(read);
    const direct = topologies(scenario);
    expect(viaEmulator.length).toBe(direct.length);
    expect(viaEmulator.map((t) => ({ paths: t.paths, findings: t.findings, nodes: t.nodes, subject: t.subject }))).toStrictEqual(direct.map((t) => ({ paths: t.paths, findings: t.findings, nodes: t.nodes, subject: t.subject })));
    expect(viaEmulator.map((t) => t.service)).toStrictEqual(topologies(trimSnapshot(scenario)).map((t) => t.service));
  });
});
