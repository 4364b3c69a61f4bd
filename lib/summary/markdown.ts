import type { Path, Target, Topology, Triage, TriageRow } from "@/lib/api/topology";
import { LB_KIND, SEVERITY, VERDICT, VERDICT_ORDER, VERDICTS, rankLabel, sourceIpLabel, verdictCounts } from "@/lib/vocabulary";
import { mdCode, mdText } from "./mdEscape";

/**
 * Short Markdown summaries for an incident channel or a ticket (issue 4, Sharing): what is broken, the codes,
 * and the link. Pure: the caller passes the link (with asOf/digest when it pins a moment).
 */

const MAX_TARGETS = 5;
const MAX_TRIAGE_ROWS = 10;

export interface SummaryOptions {
  /** Absolute link to the view the summary describes. */
  link: string;
}

export function topologySummaryMarkdown(t: Topology, opts: SummaryOptions): string {
  const svc = `${t.service.namespace}/${t.service.name}`;
  const subject = t.subject;
  const lines = [`**lbpath: ${subject?.kind ?? "Service"} ${mdCode(svc)}** in cluster ${mdCode(t.cluster)}, data as of ${utc(t.age.capturedAt)}`];
  if (!subject || subject.kind === "Service") lines.push(`- Policy: externalTrafficPolicy ${t.service.externalTrafficPolicy}, controller ${mdCode(t.service.controller)}`);
  else {
    // An Ingress or Gateway has no externalTrafficPolicy: its class, and the Services behind its paths.
    const backends = [...new Set(t.paths.map((p) => p.backendService).filter((b) => !!b).map((b) => `${b!.namespace}/${b!.name}${b!.externalTrafficPolicy ? ` (${b!.externalTrafficPolicy})` : ""}`))];
    lines.push(`- Class: ${mdCode(subject.className ?? "none")}${subject.controllerName ? `, controller ${mdCode(subject.controllerName)}` : ""}`);
    if (backends.length) lines.push(`- Backend Services: ${backends.map(mdCode).join(", ")}`);
  }
  if (t.paths.length === 0) lines.push(`- Load balancer: none (${t.service.ingress.length ? "not found in AWS" : "pending"})`);
  for (const p of t.paths) lines.push(`- Load balancer: ${pathLine(p)}`);
  lines.push(`- Health: ${countsLine(sumHealth(t.paths))}`);
  const seen = podsSee(t.paths);
  if (seen) lines.push(`- Pods see: ${seen}`);
  // The server's order (most severe first), as the page shows it.
  if (t.findings.length) {
    lines.push("- Findings:");
    for (const f of t.findings) lines.push(`  - ${SEVERITY[f.severity].symbol} ${f.severity.toUpperCase()} ${mdCode(f.code)}: ${mdText(f.message)}`);
  }
  const worst = t.paths
    .flatMap((p) => p.targets)
    .filter((x) => x.verdict !== "healthy")
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.key.localeCompare(b.key));
  if (worst.length) {
    lines.push("- Worst targets:");
    for (const x of worst.slice(0, MAX_TARGETS)) lines.push(`  - ${targetLine(x)}`);
    if (worst.length > MAX_TARGETS) lines.push(`  - … and ${worst.length - MAX_TARGETS} more`);
  }
  if (t.warnings.length) lines.push(`- Partial data: ${t.warnings.map((w) => mdCode(w.code)).join(", ")}`);
  lines.push(`- Link: ${opts.link}`);
  return lines.join("\n");
}

export function triageSummaryMarkdown(triages: readonly Triage[], opts: SummaryOptions & { scope?: string }): string {
  const rows = triages.flatMap((tr) => tr.targets.map((r) => ({ cluster: tr.cluster, row: r })));
  const by = (v: TriageRow["verdict"]) => rows.filter((r) => r.row.verdict === v).length;
  const oldest = triages.map((t) => t.age.capturedAt).sort()[0];
  const scope = opts.scope ?? (triages.length === 1 ? `cluster ${mdCode(triages[0].cluster)}` : `${triages.length} clusters`);
  const lines = [
    `**lbpath triage: ${scope}**${oldest ? `, data as of ${utc(oldest)}` : ""}`,
    `- Non-healthy targets: ${rows.length} (${verdictCounts({ fault: by("fault"), unknown: by("unknown"), transient: by("transient"), expected: by("expected"), healthy: 0 }, { zeros: true, only: VERDICTS.slice(0, -1), form: "label" })})`,
  ];
  const urgent = rows
    .filter((r) => r.row.rank < 5)
    .sort((a, b) => a.row.rank - b.row.rank || VERDICT_ORDER[a.row.verdict] - VERDICT_ORDER[b.row.verdict]);
  if (urgent.length) {
    lines.push("- Needs a human first:");
    for (const { cluster, row } of urgent.slice(0, MAX_TRIAGE_ROWS)) lines.push(`  - ${triageLine(cluster, row)}`);
    if (urgent.length > MAX_TRIAGE_ROWS) lines.push(`  - … and ${urgent.length - MAX_TRIAGE_ROWS} more`);
  } else {
    lines.push(`- Nothing needs a human: every non-healthy target is ${VERDICT.expected.label}.`);
  }
  const expected = countBy(rows.filter((r) => r.row.rank >= 5).map((r) => r.row.code));
  if (expected.length) lines.push(`- ${rankLabel(5)}: ${expected.map(([c, n]) => `${mdCode(c)} ×${n}`).join(", ")}`);
  lines.push(`- Link: ${opts.link}`);
  return lines.join("\n");
}

function pathLine(p: Path): string {
  const lb = p.loadBalancer;
  const tg = p.targetGroup ? `${p.targetGroup.targetType} targets` : "instances";
  const listener = p.listener ? `${p.listener.protocol}:${p.listener.port}` : `port ${p.servicePort.port}`;
  const failOpen = p.failOpen ? " · FAILING OPEN" : "";
  // ALB paths of one listener differ by their backend and weight.
  const backend = p.backendService ? `, → ${mdCode(`${p.backendService.namespace}/${p.backendService.name}`)}${p.weight != null && p.weight < 1 ? ` (weight ${Math.round(p.weight * 100)}%)` : ""}` : "";
  return `${LB_KIND[lb.kind].short} ${mdCode(lb.name)} (${mdCode(lb.dnsName)}), ${listener}${backend}, ${tg}${failOpen}`;
}

function targetLine(x: Target): string {
  const where = [x.node && `node ${mdCode(x.node)}`, x.pod && `pod ${mdCode(`${x.pod.namespace}/${x.pod.name}`)}`, x.zone && mdText(x.zone)]
    .filter(Boolean)
    .join(", ");
  const state = x.reason ? `${mdText(x.state)} (${mdText(x.reason)})` : mdText(x.state);
  return `${VERDICT[x.verdict].symbol} ${VERDICT[x.verdict].word.toUpperCase()} ${mdCode(x.code)} ${mdCode(x.id)}${where ? ` [${where}]` : ""}: ${state}. ${mdText(x.diagnosis)}`;
}

function triageLine(cluster: string, r: TriageRow): string {
  const where = [r.node && `node ${mdCode(r.node)}`, r.pod && `pod ${mdCode(`${r.pod.namespace}/${r.pod.name}`)}`, r.zone && mdText(r.zone)]
    .filter(Boolean)
    .join(", ");
  const svc = mdCode(`${cluster}/${r.service.namespace}/${r.service.name}`);
  const state = r.reason ? `${mdText(r.state)} (${mdText(r.reason)})` : mdText(r.state);
  return `${mdText(rankLabel(r.rank))}: ${mdCode(r.code)} ${svc} target ${mdCode(r.id)}${where ? ` [${where}]` : ""}: ${state}. ${mdText(r.diagnosis)}`;
}

type Counts = Path["health"];

function sumHealth(paths: readonly Path[]): Counts {
  const c: Counts = { healthy: 0, expected: 0, transient: 0, fault: 0, unknown: 0 };
  for (const p of paths) for (const k of Object.keys(c) as (keyof Counts)[]) c[k] += p.health[k];
  return c;
}

function countsLine(c: Counts): string {
  return verdictCounts(c, { form: "label" }) || "no targets";
}

/** Distinct source addresses the pods see, with the header that carries the client IP (SRC-*). */
function podsSee(paths: readonly Path[]): string | null {
  const seen = new Set<string>();
  for (const p of paths) for (const pod of p.pods) seen.add(sourceIpLabel(pod.sourceIp.seenAs, pod.sourceIp.header));
  return seen.size ? [...seen].join("; ") : null;
}

function countBy(xs: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function utc(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? mdText(iso) : new Date(t).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z").replace("Z", " UTC");
}
