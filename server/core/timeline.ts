import type { ServiceTimeline, TimelineMark, TimelineRow } from "@/lib/api/timeline";
import type { Snapshot } from "./model/snapshot";
import type { Topology } from "@/lib/api/topology";
import { buildTopology, type ServiceRef } from "./buildTopology";
import { historyOf } from "./analysis/history";

/**
 * One Service's timeline (docs/api.md "Timeline"): its targets as rows of health spans, clipped to the window, and
 * the pod, endpoint and node changes that concern them. Pure: the window ends at `end` (default, and at most, the
 * snapshot's capturedAt), never at a clock.
 */
export function serviceTimeline(snapshot: Snapshot, ref: ServiceRef, opts: { seconds: number; end?: string }): Omit<ServiceTimeline, "age"> | null {
  const topology = buildTopology(snapshot, ref);
  return topology ? timelineOf(snapshot, topology, opts) : null;
}

/**
 * The timeline of any topology's paths: a Service's, an Ingress's or a Gateway's (issue 13: their target groups
 * have the same history). `service` in the answer names the page's object.
 */
export function timelineOf(snapshot: Snapshot, topology: Topology, opts: { seconds: number; end?: string }): Omit<ServiceTimeline, "age"> {
  const now = Date.parse(snapshot.capturedAt);
  const askedEnd = opts.end ? Date.parse(opts.end) : now;
  const end = Math.min(Number.isFinite(askedEnd) ? askedEnd : now, now);
  const start = end - opts.seconds * 1000;
  const iso = (t: number) => new Date(t).toISOString();
  const tl = snapshot.timeline;

  const rows: TimelineRow[] = [];
  for (const path of topology.paths) {
    const group = path.targetGroup ? { targetGroupArn: path.targetGroup.arn } : path.loadBalancer.kind === "classic" ? { loadBalancerName: path.loadBalancer.name } : null;
    for (const t of path.targets) {
      const h = tl && group ? historyOf(tl, group, t.id, t.port) : undefined;
      const spans = (h?.spans ?? [])
        .map((s) => ({ s, from: Date.parse(s.from), to: s.to === null ? now : Date.parse(s.to) }))
        .filter(({ from, to }) => to > start && from < end)
        .map(({ s, from, to }) => ({ state: s.state, reason: s.reason ?? null, from: iso(Math.max(from, start)), to: iso(Math.min(to, end)), open: s.to === null && end >= now }));
      rows.push({
        key: `${path.id}|${t.key}`,
        pathId: path.id,
        target: t.key,
        id: t.id,
        port: t.port,
        zone: t.zone,
        node: t.node,
        pod: t.pod ? `${t.pod.namespace}/${t.pod.name}` : null,
        state: t.state,
        verdict: t.verdict,
        since: t.since ?? null,
        recentChanges: t.recentChanges ?? null,
        observedSince: h?.observedSince ?? null,
        spans,
        truncated: !!h?.truncated,
      });
    }
  }

  // Changes that concern these targets: an ip target's own pod (by name or IP); an instance target's node, and the
  // pods on it (its kube-proxy forwards to them); any target's node going away or tainted.
  const events: TimelineMark[] = [];
  const index = (key: (r: TimelineRow) => string | null) => {
    const m = new Map<string, string[]>();
    for (const r of rows) { const k = key(r); if (k) m.set(k, [...(m.get(k) ?? []), r.key]); }
    return m;
  };
  const byPod = index((r) => r.pod), byId = index((r) => r.id), byNode = index((r) => r.node), byNodeInstance = index((r) => (r.pod === null ? r.node : null));
  for (const e of tl?.events ?? []) {
    const at = Date.parse(e.at);
    if (!(at >= start && at <= end)) continue;
    const nodeRows = e.node ? (e.kind.startsWith("node-") ? byNode : byNodeInstance).get(e.node) ?? [] : [];
    const concerned = [...new Set([...(e.pod ? byPod.get(e.pod) ?? [] : []), ...(e.ip ? byId.get(e.ip) ?? [] : []), ...nodeRows])];
    if (!concerned.length) continue;
    events.push({ at: e.at, kind: e.kind, pod: e.pod ?? null, node: e.node ?? null, ip: e.ip ?? null, detail: e.detail ?? null, rows: concerned.sort() });
  }
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  return {
    cluster: topology.cluster,
    service: { namespace: topology.service.namespace, name: topology.service.name },
    window: { start: iso(start), end: iso(end), seconds: opts.seconds },
    coverage: tl ? { start: tl.window.start, end: tl.window.end } : null,
    rows,
    events,
    warnings: topology.warnings,
  };
}
