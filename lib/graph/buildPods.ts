import type { PodShare, Target } from "@/lib/api/topology";
import { podAria, podGroupAria } from "./aria";
import { formatShare, plural } from "./format";
import { localLeftover } from "./buildTargets";
import { compareStrings, EPS, hubKey, podsNodeGroupKey, podsZoneGroupKey, sinkKey, type GraphCollector } from "./collector";
import type { PodGroupSummary, SeenOnEdge } from "./model";

/** §3.1: a pod above 1.2× the fair share is flagged (the OK threshold). */
export const OVER_FAIR = 1.2;

/** Pods (or pod groups) and the kube-proxy → pod fan-out; under Local, what a node cannot place is dropped. */
export function addPods(c: GraphCollector): void {
  const { path } = c;
  const fair = path.imbalance.fair;
  // Drawn pods per node: a node's pods are grouped when it has two or more on view.
  const shown = new Set<string>();
  const perNode = new Map<string, number>();
  for (const p of path.pods) {
    if (!c.podShown(p)) continue;
    shown.add(p.key);
    if (p.node) perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
  }
  const pods = [...path.pods].sort((a, b) => compareStrings(a.node ?? "", b.node ?? "") || compareStrings(a.name, b.name) || compareStrings(a.key, b.key));
  const groups = new Map<string, { members: PodShare[]; node: string | null; zone: string }>();

  for (const p of pods) {
    const zone = c.podZone(p);
    let groupKey: string | null = null;
    // Pods of a collapsed zone, or of the targets off an opened zone's page, are one group per zone.
    if (!shown.has(p.key)) groupKey = podsZoneGroupKey(zone);
    else if (c.level >= 1 && p.node && (perNode.get(p.node) ?? 0) >= 2 && !c.expand.has(podsNodeGroupKey(p.node))) groupKey = podsNodeGroupKey(p.node);
    if (groupKey) {
      const g = groups.get(groupKey) ?? { members: [], node: groupKey.startsWith("Pods:zone:") ? null : p.node, zone };
      g.members.push(p);
      groups.set(groupKey, g);
      c.representative[p.key] = groupKey;
      continue;
    }
    const ratio = fair ? p.share / fair : null;
    const overFair = ratio != null && ratio > OVER_FAIR + EPS;
    c.addNode({
      key: p.key,
      column: "pod",
      band: zone,
      order: `${p.node ?? ""}\u0000${p.name}`,
      collapseKey: c.level >= 1 && p.node && c.expand.has(podsNodeGroupKey(p.node)) ? podsNodeGroupKey(p.node) : undefined,
      title: p.name,
      ariaLabel: podAria(p, ratio, overFair),
      data: { kind: "pod", pod: p, fair, ratio, overFair },
    });
  }

  for (const [key, g] of groups) {
    const summary = summarise(g.members, fair, g.node, g.zone);
    c.addNode({
      key,
      column: "pod",
      band: g.zone,
      order: g.node ? `${g.node}\u0000` : "",
      // A collapsed zone's pods open with the zone; the pods off an opened zone's page follow its paging.
      expandKey: !key.startsWith("Pods:zone:") ? key : c.zoneCollapsed(g.zone) ? `Targets:${g.zone}` : undefined,
      title: g.node ? `${plural(summary.count, "pod")} on ${g.node}` : `${plural(summary.count, c.zoneCollapsed(g.zone) ? "pod" : "other pod")} in ${g.zone}`,
      ariaLabel: podGroupAria(summary),
      data: { kind: "podGroup", summary, members: g.members.map((m) => m.key) },
    });
  }

  addPodEdges(c, pods);
}

function addPodEdges(c: GraphCollector, pods: PodShare[]): void {
  const { path } = c;
  // Structural edges (who can forward to whom) are drawn even at 0 %, for pods that could serve.
  const worthDrawing = (p: PodShare, share: number) => share > EPS || p.ready || p.serving;
  if (c.mode === "ip") {
    const byPod = new Map<string, Target[]>();
    for (const t of path.targets) {
      if (!t.pod) continue;
      const k = `${t.pod.namespace}/${t.pod.name}`;
      const list = byPod.get(k);
      if (list) list.push(t);
      else byPod.set(k, [t]);
    }
    for (const p of pods) {
      for (const t of byPod.get(`${p.namespace}/${p.name}`) ?? []) {
        // DST-9: an ip target's share is its pod's share; the pod sees what the target sees (SRC-11).
        c.addEdge(c.representative[t.key] ?? t.key, c.representative[p.key], t.share, p.sourceIp.seenAs);
      }
    }
    return;
  }
  if (c.mode === "cluster") {
    for (const p of pods) if (worthDrawing(p, p.share)) c.addEdge(hubKey, c.representative[p.key], p.share, p.sourceIp.seenAs);
    return;
  }
  if (c.mode !== "local") return;
  const podShareOnNode = new Map<string, number>();
  for (const p of pods) {
    if (!p.node) continue;
    podShareOnNode.set(p.node, (podShareOnNode.get(p.node) ?? 0) + p.share);
    const kp = c.kubeProxyOfNode.get(p.node);
    // SRC-9/DST-8: under Local a node's kube-proxy forwards only to pods on the same node.
    if (kp && worthDrawing(p, p.share)) c.addEdge(kp, c.representative[p.key], p.share, p.sourceIp.seenAs);
  }
  const sink = path.dropped > EPS || path.rejected <= EPS ? "dropped" : "rejected";
  for (const [node, kp] of [...c.kubeProxyOfNode].sort((a, b) => compareStrings(a[0], b[0]))) {
    const share = c.nodeShare.get(node) ?? 0;
    const left = localLeftover(share, podShareOnNode.get(node) ?? 0);
    const kpNode = c.nodes.get(kp);
    if (!kpNode) continue;
    const d = kpNode.data;
    if (d.kind === "kubeProxy") {
      d.share = share;
      d.dropped = left;
      const endpoints = d.localEndpoints;
      kpNode.ariaLabel =
        `kube-proxy on node ${node}, externalTrafficPolicy Local: no SNAT, forwards only to pods on this node` +
        `${endpoints != null ? ` (${plural(endpoints, "ready local endpoint")})` : ""}; ${formatShare(share)} of new flows arrive` +
        (left > 0 ? `, ${formatShare(left)} ${sink} because no usable local endpoint exists.` : ".");
    } else if (d.kind === "kubeProxyGroup") {
      d.dropped += left;
    }
    if (left > 0) c.addEdge(kp, sinkKey(sink), left, c.path.clientIp.hop1, sink);
  }
}

function summarise(members: PodShare[], fair: number | null, node: string | null, zone: string): PodGroupSummary {
  let share = 0;
  let ready = 0;
  let starved = 0;
  let maxRatio: number | null = null;
  let seenAs: SeenOnEdge | null = null;
  let header: PodGroupSummary["header"] = null;
  for (const m of members) {
    share += m.share;
    if (m.ready && !m.terminating) ready += 1;
    if (m.starved) starved += 1;
    if (fair) maxRatio = Math.max(maxRatio ?? 0, m.share / fair);
    seenAs = seenAs == null || seenAs === m.sourceIp.seenAs ? m.sourceIp.seenAs : "mixed";
    header ??= m.sourceIp.header;
  }
  return { count: members.length, ready, share, starved, maxRatio, seenAs, header, node, zone };
}
