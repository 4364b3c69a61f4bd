import type { Snapshot } from "@/server/core/model/snapshot";
import type { TargetHistory } from "@/server/core/model/observed";
import { FLAP_WINDOW_MS } from "@/server/core/analysis/history";
import type { AwsHealth } from "../awsStages";
import { Ring } from "./ring";

/**
 * Target health over time (issue 12), kept by the live cache: per target, its state spans (state, reason, from, to)
 * in a ring of `maxSpans` (a fixed memory bound per target, whatever it does), for `windowMs` (spans that ended
 * earlier are dropped, and so are targets gone for that long). Fed by every good health read: a change of state or
 * reason closes the open span and opens one; a target no longer registered gets its span closed. Times are the
 * reads' start times, so a change is placed within one health interval of when AWS made it.
 *
 * `version` moves when anything a snapshot shows changes, including when a change leaves the 15-minute flapping
 * window (so a target stops counting as flapping without waiting for another change).
 */

export interface HealthReading {
  /** "arn:…:targetgroup/…" or "classic:<load balancer name>". */
  group: string;
  /** Undefined: this group's health could not be read this time (nothing is closed or opened for it). */
  targets: { id: string; port?: number; state: string; reason?: string }[] | undefined;
}

interface Span { state: string; reason?: string; from: number; to: number | null }
interface Entry { group: string; id: string; port?: number; observedSince: number; seenArriving: boolean; spans: Ring<Span> }

export interface TargetHistoryOptions {
  /** How long history is kept (LBPATH_TIMELINE_HOURS, default 6 h). */
  windowMs: number;
  /** Spans kept per target (LBPATH_TIMELINE_SPANS, default 64). */
  maxSpans: number;
}

const key = (group: string, id: string, port?: number) => `${group}|${id}|${port ?? ""}`;

export class TargetHistoryStore {
  version = 0;
  private readonly entries = new Map<string, Entry>();
  /** The same entries by group, so closing a group's departed targets does not scan every target. */
  private readonly byGroup = new Map<string, Map<string, Entry>>();
  private startedAt?: number;
  private coveredFrom?: number;
  private lastChange?: number;
  private recent = 0;
  private built?: { version: number; targets: TargetHistory[] };

  constructor(private readonly o: TargetHistoryOptions) {}

  /** One health read at `at` (epoch ms). */
  record(readings: HealthReading[], at: number): void {
    const first = this.startedAt === undefined;
    this.startedAt ??= at;
    this.coveredFrom ??= at;
    let changed = false;
    const known = new Set<string>();
    for (const r of readings) {
      known.add(r.group);
      if (!r.targets) continue;
      const seen = new Set<string>();
      for (const t of r.targets) {
        const k = key(r.group, t.id, t.port);
        seen.add(k);
        let e = this.entries.get(k);
        if (!e) {
          e = { group: r.group, id: t.id, ...(t.port !== undefined ? { port: t.port } : {}), observedSince: at, seenArriving: !first, spans: new Ring(this.o.maxSpans) };
          this.entries.set(k, e);
          const g = this.byGroup.get(r.group) ?? new Map<string, Entry>();
          g.set(k, e);
          this.byGroup.set(r.group, g);
        }
        const last = e.spans.last();
        if (last && last.to === null && last.state === t.state && last.reason === t.reason) continue;
        if (last && last.to === null) last.to = at;
        e.spans.push({ state: t.state, ...(t.reason ? { reason: t.reason } : {}), from: at, to: null });
        changed = true;
      }
      // Registered no more: its last span ends here.
      for (const [k, e] of this.byGroup.get(r.group) ?? []) {
        if (seen.has(k)) continue;
        const last = e.spans.last();
        if (last && last.to === null) { last.to = at; changed = true; }
      }
    }
    // Groups that no longer exist (a deleted target group): their targets are gone too.
    for (const [group, entries] of this.byGroup) {
      if (known.has(group)) continue;
      for (const e of entries.values()) {
        const last = e.spans.last();
        if (last && last.to === null) { last.to = at; changed = true; }
      }
    }
    if (this.prune(at)) changed = true;
    const recent = this.countRecent(at);
    if (recent !== this.recent) { this.recent = recent; changed = true; }
    if (changed) { this.version++; this.lastChange = at; }
  }

  private prune(at: number): boolean {
    const cutoff = at - this.o.windowMs;
    let pruned = false;
    for (const [k, e] of this.entries) {
      while (e.spans.size && (e.spans.first()!.to ?? Infinity) < cutoff) { e.spans.shift(); pruned = true; }
      if (!e.spans.size) {
        this.entries.delete(k);
        const g = this.byGroup.get(e.group);
        g?.delete(k);
        if (g && !g.size) this.byGroup.delete(e.group);
        pruned = true;
        continue;
      }
      if (e.observedSince < cutoff && e.spans.first()!.from > e.observedSince) e.observedSince = Math.max(cutoff, e.observedSince);
    }
    if (pruned && (this.coveredFrom ?? 0) < cutoff) this.coveredFrom = cutoff;
    return pruned;
  }

  private countRecent(at: number): number {
    let n = 0;
    for (const e of this.entries.values()) for (let i = 1; i < e.spans.size; i++) if (e.spans.at(i)!.from > at - FLAP_WINDOW_MS) n++;
    return n;
  }

  /** Targets with history, in a stable order; the same array while nothing changed. */
  targets(): TargetHistory[] {
    if (this.built?.version === this.version) return this.built.targets;
    const iso = (t: number) => new Date(t).toISOString();
    const targets = [...this.entries.values()]
      .sort((a, b) => (key(a.group, a.id, a.port) < key(b.group, b.id, b.port) ? -1 : 1))
      .map((e): TargetHistory => ({
        ...(e.group.startsWith("classic:") ? { loadBalancerName: e.group.slice("classic:".length) } : { targetGroupArn: e.group }),
        id: e.id,
        ...(e.port !== undefined ? { port: e.port } : {}),
        observedSince: iso(e.observedSince),
        ...(e.seenArriving ? { seenArriving: true } : {}),
        spans: e.spans.toArray().map((s) => ({ state: s.state, ...(s.reason ? { reason: s.reason } : {}), from: iso(s.from), to: s.to === null ? null : iso(s.to) })),
        ...(e.spans.dropped > 0 ? { truncated: true } : {}),
      }));
    this.built = { version: this.version, targets };
    return targets;
  }

  /** What the history covers: since watching began (or the oldest kept), up to the last change. */
  window(): { start: string; end: string } | undefined {
    if (this.coveredFrom === undefined) return undefined;
    return { start: new Date(this.coveredFrom).toISOString(), end: new Date(this.lastChange ?? this.coveredFrom).toISOString() };
  }

  /** Number of targets held, and the most spans any of them holds (tests check the bound). */
  stats(): { targets: number; maxSpans: number } {
    let max = 0;
    for (const e of this.entries.values()) max = Math.max(max, e.spans.size);
    return { targets: this.entries.size, maxSpans: max };
  }
}

/** The shared cache's raw health stage → readings. */
export function readingsFromAwsHealth(h: AwsHealth): HealthReading[] {
  const out: HealthReading[] = [];
  for (const [arn, descs] of h.targetHealth) {
    out.push({ group: arn, targets: descs?.map((d) => ({ id: d.Target?.Id ?? "", ...(d.Target?.Port !== undefined ? { port: d.Target.Port } : {}), state: d.TargetHealth?.State ?? "unknown", ...(d.TargetHealth?.Reason ? { reason: d.TargetHealth.Reason } : {}) })) });
  }
  for (const [name, states] of h.instanceHealth) {
    out.push({ group: `classic:${name}`, targets: states?.map((s) => ({ id: s.InstanceId ?? "", state: s.State ?? "Unknown", ...(s.ReasonCode && s.ReasonCode !== "N/A" ? { reason: s.ReasonCode } : {}) })) });
  }
  return out;
}

/** A snapshot's AWS half (poll mode, capture) → readings. */
export function readingsFromSnapshot(aws: Snapshot["aws"]): HealthReading[] {
  return [
    ...aws.targetGroups.map((tg) => ({
      group: tg.targetGroupArn,
      targets: tg.targetHealthDescriptions?.map((d) => ({ id: d.target.id, ...(d.target.port !== undefined ? { port: d.target.port } : {}), state: d.targetHealth.state, ...(d.targetHealth.reason ? { reason: d.targetHealth.reason } : {}) })),
    })),
    ...aws.classicLoadBalancers.map((c) => ({
      group: `classic:${c.loadBalancerName}`,
      targets: c.instanceStates?.map((s) => ({ id: s.instanceId, state: s.state, ...(s.reasonCode && s.reasonCode !== "N/A" ? { reason: s.reasonCode } : {}) })),
    })),
  ];
}
