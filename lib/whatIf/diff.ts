import type { Finding, Path, PodShare, Target, Topology } from "@/lib/api/topology";
import { VERDICT_ORDER } from "@/lib/vocabulary";

/**
 * What a what-if changes, for the page to show next to the two pictures: per pod (share, what it sees), per target
 * (state, verdict), the path's headline numbers, and the findings that appear or go. Pure, so it is unit-tested
 * and the page only draws it.
 */

export interface PodRow {
  key: string;
  name: string;
  node: string | null;
  before: Pick<PodShare, "share" | "ready" | "terminating" | "starved" | "sourceIp"> | null;
  after: Pick<PodShare, "share" | "ready" | "terminating" | "starved" | "sourceIp"> | null;
}

export interface TargetRow {
  key: string;
  id: string;
  node: string | null;
  zone: string | null;
  before: Pick<Target, "state" | "verdict" | "code" | "share"> | null;
  after: Pick<Target, "state" | "verdict" | "code" | "share"> | null;
}

export interface Headline {
  imbalance: { level: Path["imbalance"]["level"]; ratio: number | null };
  dropped: number;
  rejected: number;
  failOpen: boolean;
  seenAs: string[];
  healthy: number;
  targets: number;
}

export interface WhatIfDiff {
  pathId: string | null;
  before: Headline | null;
  after: Headline | null;
  pods: PodRow[];
  /** Only targets whose state, verdict or share changes, or that come or go. */
  targets: TargetRow[];
  findingsAdded: Finding[];
  findingsGone: Finding[];
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-6;

function headline(p: Path | undefined): Headline | null {
  if (!p) return null;
  return {
    imbalance: { level: p.imbalance.level, ratio: p.imbalance.ratio },
    dropped: p.dropped,
    rejected: p.rejected,
    failOpen: p.failOpen,
    seenAs: [...new Set(p.pods.filter((x) => x.share > 0).map((x) => x.sourceIp.seenAs))].sort(),
    healthy: p.health.healthy,
    targets: p.targets.length,
  };
}

const findingKey = (f: Finding) => `${f.code}|${f.pathId ?? ""}`;

/** The path to compare: the one shown, matched by its id (load balancer and listener stay the same). */
export function diffWhatIf(before: Topology, after: Topology, pathId: string | null): WhatIfDiff {
  const b = before.paths.find((p) => p.id === pathId) ?? before.paths[0];
  const a = after.paths.find((p) => p.id === b?.id) ?? after.paths[0];
  const pods = new Map<string, PodRow>();
  for (const x of b?.pods ?? []) pods.set(x.key, { key: x.key, name: x.name, node: x.node, before: x, after: null });
  for (const x of a?.pods ?? []) {
    const row = pods.get(x.key) ?? { key: x.key, name: x.name, node: x.node, before: null, after: null };
    pods.set(x.key, { ...row, node: x.node, after: x });
  }
  const targets = new Map<string, TargetRow>();
  for (const t of b?.targets ?? []) targets.set(t.key, { key: t.key, id: t.id, node: t.node, zone: t.zone, before: t, after: null });
  for (const t of a?.targets ?? []) {
    const row = targets.get(t.key) ?? { key: t.key, id: t.id, node: t.node, zone: t.zone, before: null, after: null };
    targets.set(t.key, { ...row, after: t });
  }
  const changed = (r: TargetRow) => !r.before || !r.after || r.before.state !== r.after.state || r.before.verdict !== r.after.verdict || r.before.code !== r.after.code || !same(r.before.share, r.after.share);
  const beforeCodes = new Set(before.findings.map(findingKey));
  const afterCodes = new Set(after.findings.map(findingKey));
  return {
    pathId: b?.id ?? null,
    before: headline(b),
    after: headline(a),
    pods: [...pods.values()].sort((x, y) => (y.after?.share ?? 0) - (x.after?.share ?? 0) || x.name.localeCompare(y.name)),
    targets: [...targets.values()]
      .filter(changed)
      .sort((x, y) => VERDICT_ORDER[x.after?.verdict ?? "healthy"] - VERDICT_ORDER[y.after?.verdict ?? "healthy"] || x.key.localeCompare(y.key)),
    findingsAdded: after.findings.filter((f) => !beforeCodes.has(findingKey(f))),
    findingsGone: before.findings.filter((f) => !afterCodes.has(findingKey(f))),
  };
}
