import type { PodShare, Target } from "@/lib/api/topology";
import { formatRatio, formatShare, plural } from "./format";
import { HEADER, SEEN_AS, verdictCounts, verdictText } from "@/lib/vocabulary";
import type { PodGroupSummary, TargetPage, VerdictCounts } from "./model";

/**
 * What a screen reader announces for each graph element. Every mark the card shows (share, verdict,
 * SNAT, header, imbalance flags) is said in words, so the graph is usable without seeing colour or shape.
 */

export function targetAria(t: Target, zone: string): string {
  const where = [t.node ? `node ${t.node}` : null, `zone ${zone}`, t.pod ? `pod ${t.pod.namespace}/${t.pod.name}` : null].filter(Boolean).join(", ");
  const state = t.reason ? `${t.state} (${t.reason})` : t.state;
  const failOpen = t.receivesFailOpenTraffic ? " Receives traffic because the load balancer fails open." : "";
  return `Target ${t.id}${t.port != null ? ` port ${t.port}` : ""}, ${where}: ${state}, ${verdictText(t.verdict)}, ${formatShare(t.share)} of new flows. ${t.diagnosis}${failOpen}`;
}

export function podAria(p: PodShare, ratio: number | null, overFair: boolean): string {
  const where = [p.node ? `node ${p.node}` : null, p.zone ? `zone ${p.zone}` : null].filter(Boolean).join(", ");
  const readiness = p.terminating ? "terminating" : p.ready ? "Ready" : "not Ready";
  const flags = [overFair ? `${formatRatio(ratio)} the fair share` : null, p.starved ? "starved: Ready but receives no new flows" : null].filter(Boolean);
  const header = p.sourceIp.header ? `; the client IP travels in the ${HEADER[p.sourceIp.header]} header` : "";
  return `Pod ${p.namespace}/${p.name}${where ? ` on ${where}` : ""}, ${readiness}: ${formatShare(p.share)} of new flows${flags.length ? `, ${flags.join(", ")}` : ""}. Sees the ${SEEN_AS[p.sourceIp.seenAs].label} as source${header}.`;
}

export function verdictSummary(v: VerdictCounts): string {
  return verdictCounts(v, { symbols: false, sep: ", " });
}

export function targetGroupAria(zone: string, count: number, share: number, v: VerdictCounts, w?: TargetPage): string {
  if (!w) return `${plural(count, "target")} in zone ${zone}, collapsed: ${verdictSummary(v) || "none"}; ${formatShare(share)} of new flows. Activate to expand.`;
  return `${plural(count, "more target")} in zone ${zone}, not drawn: ${verdictSummary(v) || "none"}; ${formatShare(share)} of new flows. ${pageWords(w)}`;
}

/** "Drawn: targets 41–80 of 1,000, worst verdicts first (page 2 of 25)." */
export function pageWords(w: TargetPage): string {
  const from = w.page * w.pageSize + 1;
  const to = from + w.shown - 1;
  const of = w.find ? `${plural(w.candidates, "target")} matching “${w.find}”` : `${w.candidates}`;
  const range = w.shown ? `targets ${from}–${to} of ${of}` : `no target of ${of}`;
  return `Drawn: ${range}, worst verdicts first (page ${w.page + 1} of ${w.pages}). Page on, or find a target by name, to draw others.`;
}

export function podGroupAria(s: PodGroupSummary): string {
  const where = s.node ? `on node ${s.node}` : `in zone ${s.zone ?? "unknown"}`;
  const flags = [
    s.starved > 0 ? `${s.starved} starved` : null,
    s.maxRatio != null && s.maxRatio > 1.2 ? `up to ${formatRatio(s.maxRatio)} the fair share` : null,
  ].filter(Boolean);
  const seen = s.seenAs ? ` They see the ${SEEN_AS[s.seenAs].label} as source.` : "";
  return `${plural(s.count, "pod")} ${where}, collapsed: ${s.ready} Ready, ${formatShare(s.share)} of new flows together${flags.length ? `, ${flags.join(", ")}` : ""}.${seen} Activate to expand.`;
}
