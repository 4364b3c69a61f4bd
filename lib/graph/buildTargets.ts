import type { Target, Verdict } from "@/lib/api/topology";
import { targetAria, targetGroupAria } from "./aria";
import { formatShare } from "./format";
import { compareStrings, hubKey, kubeProxyKey, kubeProxyZoneKey, moreTargetsKey, targetsGroupKey, type GraphCollector } from "./collector";
import type { TargetPage, VerdictCounts } from "./model";

const emptyVerdicts = (): VerdictCounts => ({ healthy: 0, expected: 0, transient: 0, fault: 0, unknown: 0 });

/** Targets per zone band; under Local a kube-proxy per node, under Cluster every node into the hub. */
export function addTargets(c: GraphCollector): void {
  const { path } = c;
  const hop1 = path.clientIp.hop1;
  const byZone = new Map<string, Target[]>();
  for (const t of [...path.targets].sort((a, b) => compareStrings(a.key, b.key))) {
    const zone = c.targetZone(t);
    const list = byZone.get(zone);
    if (list) list.push(t);
    else byZone.set(zone, [t]);
  }
  for (const [zone, targets] of byZone) {
    if (c.zoneCollapsed(zone)) {
      addZoneGroup(c, zone, targets);
      continue;
    }
    const rest: Target[] = [];
    for (const t of targets) {
      if (c.targetShown(t)) addTarget(c, zone, t);
      else rest.push(t);
    }
    // An opened zone too big for the budget: the targets off its page stay grouped (window.ts).
    if (rest.length) addZoneGroup(c, zone, rest);
  }

  function addTarget(c: GraphCollector, zone: string, t: Target): void {
    c.addNode({
      key: t.key,
      column: "target",
      band: zone,
      order: `${t.node ?? t.id}\u0000${t.key}`,
      collapseKey: c.level >= 2 && c.expand.has(targetsGroupKey(zone)) ? targetsGroupKey(zone) : undefined,
      title: t.node ?? t.id,
      ariaLabel: targetAria(t, zone),
      data: { kind: "target", target: t, failOpen: t.receivesFailOpenTraffic },
    });
    c.addEdge(c.upstream, t.key, t.share, hop1);
    c.representNode(t.node, t.key);
    if (c.mode === "local") {
      const node = t.node ?? t.id;
      const kp = kubeProxyKey(node);
      c.kubeProxyOfNode.set(node, kp);
      c.nodeShare.set(node, (c.nodeShare.get(node) ?? 0) + t.share);
      c.addNode({
        key: kp,
        column: "proxy",
        band: zone,
        order: `${node}`,
        alignWith: t.key,
        title: "kube-proxy",
        ariaLabel: "", // completed in addPods, once the local pods are known
        data: { kind: "kubeProxy", node, policy: "Local", localEndpoints: t.readyLocalEndpoints, share: 0, dropped: 0 },
      });
      c.addEdge(t.key, kp, t.share, hop1);
    } else if (c.mode === "cluster") {
      c.addEdge(t.key, hubKey, t.share, hop1);
    }
  }

  function addZoneGroup(c: GraphCollector, zone: string, targets: Target[]): void {
    const w = c.windows.get(zone);
    const group = targetsGroupKey(zone);
    const window: TargetPage | undefined = w
      ? { group, page: w.page, pages: w.pages, pageSize: w.pageSize, shown: w.shown.size, candidates: w.candidates, total: w.total, find: w.find }
      : undefined;
    const key = window ? moreTargetsKey(zone) : group;
    const verdicts = emptyVerdicts();
    let share = 0;
    for (const t of targets) {
      verdicts[t.verdict as Verdict] += 1;
      share += t.share;
      c.representative[t.key] = key;
      c.representNode(t.node, key);
    }
    c.addNode({
      key,
      column: "target",
      band: zone,
      order: "",
      expandKey: window ? undefined : group,
      collapseKey: window && c.expand.has(group) ? group : undefined,
      title: window ? `${targets.length} more targets` : `${targets.length} targets`,
      ariaLabel: targetGroupAria(zone, targets.length, share, verdicts, window),
      data: { kind: "targetZoneGroup", zone, count: targets.length, share, verdicts, members: targets.map((t) => t.key), window },
    });
    c.addEdge(c.upstream, key, share, hop1);
    if (c.mode === "local") {
      const kp = kubeProxyZoneKey(zone);
      for (const t of targets) {
        const node = t.node ?? t.id;
        c.kubeProxyOfNode.set(node, kp);
        c.nodeShare.set(node, (c.nodeShare.get(node) ?? 0) + t.share);
      }
      c.addNode({
        key: kp,
        column: "proxy",
        band: zone,
        order: "",
        alignWith: key,
        expandKey: window ? undefined : group,
        title: `kube-proxy ×${targets.length}`,
        ariaLabel: `kube-proxy on ${targets.length} nodes in zone ${zone}, externalTrafficPolicy Local: each forwards only to pods on its own node; ${formatShare(share)} of new flows.`,
        data: { kind: "kubeProxyGroup", zone, count: targets.length, share, dropped: 0 },
      });
      c.addEdge(key, kp, share, hop1);
    } else if (c.mode === "cluster") {
      c.addEdge(key, hubKey, share, hop1);
    }
  }
}

/**
 * Flows a Local node receives minus what its pods get: kube-proxy drops them (SRC-9, DST-10). The API rounds
 * shares to 6 decimals, so differences below 0.01 % are rounding, not drops.
 */
export const ROUNDING = 1e-4;
export function localLeftover(nodeShare: number, podShares: number): number {
  const left = nodeShare - podShares;
  return left > ROUNDING ? left : 0;
}
