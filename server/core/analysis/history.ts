import type { Path, Target } from "@/lib/api/topology";
import type { TargetHistory, Timeline } from "../model/observed";
import { memoPerObject } from "../memo";
import type { RuleId } from "@/lib/api/rules";

/**
 * What the timeline says about each target: since when it is in its current state, and whether it flaps. Pure; the
 * "now" is the snapshot's capturedAt.
 *
 * Flapping: at least FLAP_CHANGES state changes within FLAP_WINDOW_MS before now (the "≥ 3 changes in
 * 15 min"; no source gives a number). A normal life stays below it: registration (initial → healthy) and
 * deregistration (healthy → draining) are two changes, and a target that leaves is not a change. A flapping target
 * is a fault whatever its current state: the load balancer keeps moving flows on and off it, and with the default
 * connection termination every turn to unhealthy resets its connections (§2.4).
 */

export const FLAP_CHANGES = 3;
export const FLAP_WINDOW_MS = 15 * 60_000;

export type HistoryGroup = { targetGroupArn: string } | { loadBalancerName: string };

const keyOf = (group: string, id: string, port: number | null | undefined) => `${group}|${id}|${port ?? ""}`;

const historyIndex = memoPerObject((t: Timeline) => {
  const m = new Map<string, TargetHistory>();
  for (const h of t.targets) m.set(keyOf(h.targetGroupArn ?? `classic:${h.loadBalancerName ?? ""}`, h.id, h.port), h);
  return m;
});

export function historyOf(timeline: Timeline, group: HistoryGroup, id: string, port: number | null): TargetHistory | undefined {
  const g = "targetGroupArn" in group ? group.targetGroupArn : `classic:${group.loadBalancerName}`;
  const index = historyIndex(timeline);
  // Classic instances are registered without a port: their history carries none either.
  return index.get(keyOf(g, id, port)) ?? index.get(keyOf(g, id, undefined));
}

/** State changes (span boundaries where the state differs) that happened in (now − window, now]. */
export function recentChanges(h: TargetHistory, now: number, windowMs = FLAP_WINDOW_MS): number {
  let n = 0;
  for (let i = 1; i < h.spans.length; i++) {
    const prev = h.spans[i - 1];
    const span = h.spans[i];
    const at = Date.parse(span.from);
    if (prev.to !== span.from || prev.state === span.state) continue; // a gap (target gone and back) is not a change
    if (at > now - windowMs && at <= now) n++;
  }
  return n;
}

/** When the target entered the state it has in the snapshot; null when the history does not end in that state. */
export function sinceOf(h: TargetHistory, state: string): Target["since"] {
  const lastSpan = h.spans[h.spans.length - 1];
  if (!lastSpan || lastSpan.to !== null || lastSpan.state !== state) return null;
  return { at: lastSpan.from, atLeast: !h.seenArriving && Date.parse(lastSpan.from) <= Date.parse(h.observedSince) };
}

/**
 * Adds `since` and `recentChanges` to the path's targets and turns flapping ones into faults (TARGET_FLAPPING),
 * recounting the path's health. Targets without history are left as they are.
 */
export function applyHistory(path: Path, timeline: Timeline | undefined, group: HistoryGroup | null, capturedAt: string): void {
  if (!timeline || !group) return;
  const now = Date.parse(capturedAt);
  let changed = false;
  for (const t of path.targets) {
    const h = historyOf(timeline, group, t.id, t.port);
    if (!h) continue;
    t.since = sinceOf(h, t.state);
    t.recentChanges = recentChanges(h, now);
    if (t.recentChanges >= FLAP_CHANGES && t.verdict !== "unknown") {
      const states = h.spans.filter((s) => Date.parse(s.to ?? capturedAt) > now - FLAP_WINDOW_MS).map((s) => s.state);
      t.diagnosis = `Flapping: its health changed ${t.recentChanges} times in the last 15 min (${states.join(" → ")}). Now: ${t.diagnosis}`;
      t.action = "Find what makes its health check pass and fail in turn: a readiness that toggles, a pod restarting (crash loop, OOM), kube-proxy restarts, an overloaded node timing out the check, or a check interval/threshold too tight. Each turn to unhealthy resets its connections.";
      t.verdict = "fault";
      t.code = "TARGET_FLAPPING";
      t.rules = [...new Set<RuleId>([...t.rules, "§2.4", "HLT-F3"])];
      changed = true;
    }
  }
  if (changed) {
    const health = { healthy: 0, expected: 0, transient: 0, fault: 0, unknown: 0 };
    for (const t of path.targets) health[t.verdict] += 1;
    path.health = health;
  }
}
