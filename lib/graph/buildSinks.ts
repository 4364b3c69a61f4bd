import { formatShare } from "./format";
import { ROUNDING } from "./buildTargets";
import { EPS, hubKey, sinkKey, type GraphCollector } from "./collector";

/** Where flows end without a pod: Dropped, Rejected, Unknown (one node each, fed where the flows are lost). */
export function addSinks(c: GraphCollector): void {
  const { path } = c;
  const values = { dropped: path.dropped, rejected: path.rejected, unknown: path.unknown } as const;
  const hop1 = path.clientIp.hop1;
  for (const sink of ["dropped", "rejected", "unknown"] as const) {
    const share = values[sink];
    const key = sinkKey(sink);
    if (share <= EPS && !c.hasEdgeInto(key)) continue;
    const words = { dropped: "Dropped", rejected: "Rejected", unknown: "Unknown" }[sink];
    const why = {
      dropped: "flows reach a node with no usable local endpoint (kube-proxy drops them) or a zone with no target",
      rejected: "the Service has no usable endpoint, so kube-proxy rejects every flow",
      unknown: "flows go where lbpath cannot see (no targets, or target health unknown)",
    }[sink];
    c.addNode({
      key,
      column: "pod",
      band: null,
      order: String(["dropped", "rejected", "unknown"].indexOf(sink)),
      title: words,
      ariaLabel: `${words}: ${formatShare(share)} of new flows — ${why}.`,
      data: { kind: "sink", sink, share },
    });
    // Per-node edges (Local, added with the pods) explain part of it; the rest enters where it is lost:
    // rejections at kube-proxy under Cluster (HLT-C3), everything else at the load balancer side (DST-5/7).
    const rest = share - c.shareInto(key);
    if (rest > ROUNDING) {
      const fromHub = sink === "rejected" && c.mode === "cluster";
      c.addEdge(fromHub ? hubKey : c.upstream, key, rest, fromHub ? "node" : hop1, sink);
    }
  }
}
