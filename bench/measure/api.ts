import type { Snapshot } from "@/server/core/model/snapshot";
import { topologyApiPath } from "@/lib/url/paths";
import type { Probes } from "../generate";
import { GOALS } from "../goals";
import type { Latency, ServerResult, TopologyProbe } from "../report";
import { computeCosts } from "./compute";
import { measureFixedCost } from "./fixedCost";
import { get, sample, type HttpResult } from "./http";
import { rssMiB, type RunningServer } from "./server";
import { percentile, summarize } from "./stats";

/** The warm API figures of one size against a running `next start` (see bench/report.ts for the fields). */

const latency = (times: number[], last: HttpResult): Latency => ({ ...summarize(times), bytes: last.bytes, wireBytes: last.wireBytes });

export async function loadSnapshotThroughServer(server: RunningServer): Promise<{ firstLoadMs: number; rss: number }> {
  const first = await get(`${server.base}/api/v1/clusters/${encodeURIComponent(server.cluster)}/services`, 300_000);
  if (first.status !== 200) throw new Error(`services list → ${first.status}: ${first.body.toString("utf8").slice(0, 300)}\n${server.log().slice(-1500)}`);
  return { firstLoadMs: first.ms, rss: rssMiB(server.pid) };
}

export async function measureApi(server: RunningServer, snapshot: Snapshot, probes: Probes, n: number): Promise<ServerResult> {
  const baseline = await sample(`${server.base}/api/healthz`, 20);
  const { firstLoadMs, rss: rssAfterLoadMiB } = await loadSnapshotThroughServer(server);
  const cluster = server.cluster;
  const services = await sample(`${server.base}/api/v1/clusters/${encodeURIComponent(cluster)}/services`, n);

  const topology: TopologyProbe[] = [];
  const roles = [["small", probes.small], ["big-instance", probes.bigInstance], ["big-ip", probes.bigIp]] as const;
  for (const [role, probe] of roles) {
    if (!probe) continue;
    const s = await sample(`${server.base}${topologyApiPath({ cluster, namespace: probe.namespace, name: probe.name })}`, n);
    const response: unknown = JSON.parse(s.last.body.toString("utf8"));
    const compute = await computeCosts(snapshot, probe, response, n);
    topology.push({ role, namespace: probe.namespace, name: probe.name, targets: probe.targets, latency: latency(s.times, s.last), compute, goalMs: GOALS.topologyP95Ms(probe.targets) });
  }

  const triage = await sample(`${server.base}/api/v1/clusters/${encodeURIComponent(cluster)}/triage`, n);
  const rows = (JSON.parse(triage.last.body.toString("utf8")) as { targets: unknown[] }).targets.length;
  // lbpath next to a bare node:http server sending the same bytes: what a request costs beyond HTTP itself.
  const fixedCost = await measureFixedCost(server.base, ["/api/healthz", topologyApiPath({ cluster, namespace: probes.small.namespace, name: probes.small.name })], Math.max(n, 40) * 2);
  return {
    fixedCost,
    firstLoadMs,
    rssAfterLoadMiB,
    rssAfterBenchMiB: rssMiB(server.pid),
    baselineMs: percentile(baseline.times, 50),
    services: latency(services.times, services.last),
    triage: { ...latency(triage.times, triage.last), rows },
    topology,
  };
}

/** XL: memory only. Load the snapshot (every LoadBalancer topology is built for the list), then triage once. */
export async function measureMemoryOnly(server: RunningServer): Promise<ServerResult> {
  const baseline = await sample(`${server.base}/api/healthz`, 5);
  const { firstLoadMs, rss: rssAfterLoadMiB } = await loadSnapshotThroughServer(server);
  const triage = await get(`${server.base}/api/v1/clusters/${encodeURIComponent(server.cluster)}/triage`, 120_000);
  const rows = (JSON.parse(triage.body.toString("utf8")) as { targets: unknown[] }).targets.length;
  const none = { ...summarize([NaN]), bytes: 0, wireBytes: 0 };
  return {
    firstLoadMs, rssAfterLoadMiB, rssAfterBenchMiB: rssMiB(server.pid), baselineMs: percentile(baseline.times, 50),
    services: none, triage: { ...summarize([triage.ms]), bytes: triage.bytes, wireBytes: triage.wireBytes, rows }, topology: [],
  };
}
