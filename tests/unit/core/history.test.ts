import { describe, expect, it } from "vitest";
import type { TargetHistory } from "@/server/core/model/observed";
import type { Snapshot } from "@/server/core/model/snapshot";
import { buildTopology } from "@/server/core/buildTopology";
import { FLAP_CHANGES, recentChanges, sinceOf } from "@/server/core/analysis/history";
import { serviceTimeline, timelineOf } from "@/server/core/timeline";
import { buildIngressTopology } from "@/server/core/alb/buildIngressTopology";
import { triage } from "@/server/core/summaries";
import { snapshot } from "../summary/scenario";

/** Target history (issue 12): since when, flapping (≥ 3 state changes in 15 min is a fault), and the timeline answer. */

const NOW = Date.parse("2026-11-20T10:00:00Z");
const at = (minutesBefore: number) => new Date(NOW - minutesBefore * 60_000).toISOString();
const h = (spans: [string, number, number | null][], observedSince = at(360)): TargetHistory =>
  ({ targetGroupArn: "arn:tg", id: "i-1", port: 80, observedSince, spans: spans.map(([state, from, to]) => ({ state, from: at(from), to: to === null ? null : at(to) })) });

describe("history of one target", () => {
  it("counts state changes in the 15 minutes before now; reason changes, gaps and older changes do not count", () => {
    const four = h([["healthy", 360, 14], ["unhealthy", 14, 10], ["healthy", 10, 6], ["unhealthy", 6, 2], ["healthy", 2, null]]);
    expect(recentChanges(four, NOW)).toBe(4);
    const old = h([["healthy", 360, 30], ["unhealthy", 30, 20], ["healthy", 20, 16], ["unhealthy", 16, null]]);
    expect(recentChanges(old, NOW)).toBe(0);
    const reasons = h([["initial", 8, 6], ["initial", 6, 3], ["healthy", 3, null]]);
    expect(recentChanges(reasons, NOW)).toBe(1); // initial → initial (reason only) is no state change
    const gap = h([["healthy", 10, 8], ["healthy", 5, null]]);
    expect(recentChanges(gap, NOW)).toBe(0); // gone and back: not a change
  });

  it("says since when it is in its current state, and whether that is only as far back as lbpath has watched", () => {
    expect(sinceOf(h([["healthy", 360, 5], ["unhealthy", 5, null]]), "unhealthy")).toEqual({ at: at(5), atLeast: false });
    expect(sinceOf(h([["healthy", 360, null]]), "healthy")).toEqual({ at: at(360), atLeast: true });
    // The history does not end in the state the snapshot shows (it lags): no claim.
    expect(sinceOf(h([["healthy", 360, null]]), "unhealthy")).toBeNull();
    expect(sinceOf(h([["healthy", 360, 5]]), "healthy")).toBeNull();
  });
});

describe("in the topology", () => {
  it("a target with ≥ 3 changes in 15 min is a fault (TARGET_FLAPPING) whatever its state; the path's health is recounted", () => {
    const t = buildTopology(snapshot("flapping-target"), { namespace: "default", name: "web" })!;
    const p = t.paths[0];
    const flapping = p.targets.filter((x) => x.code === "TARGET_FLAPPING");
    expect(flapping).toHaveLength(1);
    expect(flapping[0]).toMatchObject({ state: "healthy", verdict: "fault", recentChanges: 4 });
    expect(flapping[0].diagnosis).toMatch(/^Flapping: its health changed 4 times in the last 15 min \(healthy → unhealthy → healthy → unhealthy → healthy\)/);
    expect(p.health).toEqual({ healthy: 2, expected: 0, transient: 0, fault: 1, unknown: 0 });
    expect(t.findings.find((f) => f.code === "TARGET_FLAPPING")!.refs).toEqual([flapping[0].key]);
    expect(FLAP_CHANGES).toBe(3);
  });

  it("two changes are not flapping", () => {
    const s: Snapshot = structuredClone(snapshot("flapping-target"));
    const hist = s.timeline!.targets.find((x) => x.spans.length > 2)!;
    hist.spans.splice(1, 2); // keep the first and the last two: two turns in the window
    hist.spans[0].to = hist.spans[1].from;
    const t = buildTopology(s, { namespace: "default", name: "web" })!;
    expect(t.paths[0].targets.every((x) => x.verdict === "healthy")).toBe(true);
  });

  it("every target says since when; triage rows carry it", () => {
    const t = buildTopology(snapshot("mixed-health"), { namespace: "default", name: "web" })!;
    for (const x of t.paths[0].targets) expect(x.since, x.id).toBeTruthy();
    // A registering node appeared at 09:57:02: registering since 20 s later, known exactly.
    const registering = t.paths[0].targets.find((x) => x.code === "REGISTERING")!;
    expect(registering.since).toEqual({ at: "2026-11-20T09:57:22Z", atLeast: false });
    const row = triage(snapshot("mixed-health")).targets.find((r) => r.key === registering.key)!;
    expect(row.since).toEqual(registering.since);
    // Without a timeline: nothing is claimed.
    const bare = structuredClone(snapshot("mixed-health"));
    delete bare.timeline;
    expect(buildTopology(bare, { namespace: "default", name: "web" })!.paths[0].targets.every((x) => x.since === undefined)).toBe(true);
  });
});

describe("the timeline answer", () => {
  it("clips spans to the window, marks open ones, and attaches the Kubernetes changes to the rows they concern", () => {
    const s = snapshot("rollout-drain-gap");
    const tl = serviceTimeline(s, { namespace: "shop", name: "checkout" }, { seconds: 3600 })!;
    expect(tl.window).toEqual({ start: "2026-11-20T09:00:00.000Z", end: "2026-11-20T10:00:00.000Z", seconds: 3600 });
    expect(tl.coverage).toEqual({ start: "2026-11-20T04:00:00Z", end: "2026-11-20T10:00:00Z" });
    expect(tl.rows).toHaveLength(5);
    const draining = tl.rows.find((r) => r.state === "draining")!;
    expect(draining.spans.map((x) => [x.state, x.from, x.to, x.open])).toEqual([
      ["healthy", "2026-11-20T09:00:00.000Z", "2026-11-20T09:59:53.000Z", false],
      ["draining", "2026-11-20T09:59:53.000Z", "2026-11-20T10:00:00.000Z", true],
    ]);
    const marks = tl.events.filter((e) => e.rows.includes(draining.key)).map((e) => e.kind);
    expect(marks).toEqual(["pod-terminating", "endpoint-terminating"]);
    // A new pod's row starts when it registered.
    const young = tl.rows.find((r) => r.spans[0]?.state === "initial")!;
    expect(young.spans.map((x) => x.state)).toEqual(["initial", "initial", "healthy"]);
  });

  it("an earlier end moves the window; a later one is clamped to the data's time", () => {
    const s = snapshot("flapping-target");
    const early = serviceTimeline(s, { namespace: "default", name: "web" }, { seconds: 900, end: "2026-11-20T09:50:00Z" })!;
    expect(early.window).toMatchObject({ start: "2026-11-20T09:35:00.000Z", end: "2026-11-20T09:50:00.000Z" });
    expect(early.rows.every((r) => r.spans.every((x) => !x.open))).toBe(true);
    const late = serviceTimeline(s, { namespace: "default", name: "web" }, { seconds: 900, end: "2026-11-21T00:00:00Z" })!;
    expect(late.window.end).toBe("2026-11-20T10:00:00.000Z");
  });

  it("is null for an unknown Service; without a timeline every row has no spans and coverage is null", () => {
    expect(serviceTimeline(snapshot("blog-local"), { namespace: "default", name: "nope" }, { seconds: 900 })).toBeNull();
    const bare = structuredClone(snapshot("blog-local"));
    delete bare.timeline;
    const tl = serviceTimeline(bare, { namespace: "default", name: "web" }, { seconds: 900 })!;
    expect(tl.coverage).toBeNull();
    expect(tl.rows.every((r) => r.spans.length === 0 && r.observedSince === null)).toBe(true);
  });

  it("an Ingress's ALB targets have the same history (issue 13): rows for each listener's path, the unhealthy node's span", () => {
    const s = snapshot("alb-instance");
    const t = buildIngressTopology(s, { namespace: "default", name: "web" })!;
    const tl = timelineOf(s, t, { seconds: 3600 });
    expect(tl.service).toEqual({ namespace: "default", name: "web" });
    expect([...new Set(tl.rows.map((r) => r.pathId))].sort()).toEqual(t.paths.map((p) => p.id).sort());
    expect(tl.rows).toHaveLength(t.paths.reduce((n, p) => n + p.targets.length, 0));
    const bad = tl.rows.find((r) => r.id === "i-09ba9c2c9f47660bc")!;
    expect(bad.spans.map((x) => [x.state, x.open])).toEqual([["unhealthy", true]]);
  });
});
