import type { ClientIpHeader, Controller, Severity, Verdict, ZoneState } from "@/lib/api/topology";

/**
 * The one vocabulary of the product: the words, symbols and order of every enum the API sends. Every page, the
 * Markdown summaries and the SVG export read these tables, so a verdict is called the same thing everywhere.
 * Symbols are glyphs every system font has, and are never the only signal (a word always goes with them).
 */

export interface VerdictWords {
  symbol: string;
  /** Short form: badges, counts, cards ("2 expected"). */
  word: string;
  /** Long form: headings, filter options, table cells. */
  label: string;
  /** What it means for an operator (tooltips, the legend). */
  meaning: string;
}

export const VERDICT: Record<Verdict, VerdictWords> = {
  fault: { symbol: "✕", word: "fault", label: "fault", meaning: "should be healthy and is not: act on the diagnosis" },
  unknown: { symbol: "?", word: "unknown", label: "unknown", meaning: "health could not be read: see the partial-data warning" },
  transient: { symbol: "◔", word: "transient", label: "transient", meaning: "registering, initial checks or draining: wait" },
  expected: { symbol: "◌", word: "expected", label: "expected (by design)", meaning: "unhealthy by design or by configuration: no action needed" },
  healthy: { symbol: "✓", word: "healthy", label: "healthy", meaning: "passing health checks, receives new flows" },
};

/**
 * Worst first: the order to look at targets in, everywhere (tables, triage within a rank, summaries, counts). A fault
 * is the thing to fix; unknown health next (a permission or AWS fault hides it); transient resolves by waiting;
 * expected needs nothing.
 */
export const VERDICTS: readonly Verdict[] = ["fault", "unknown", "transient", "expected", "healthy"];
export const VERDICT_ORDER = Object.fromEntries(VERDICTS.map((v, i) => [v, i])) as Record<Verdict, number>;

export function verdictText(v: Verdict, form: "word" | "label" = "label"): string {
  return `${VERDICT[v].symbol} ${VERDICT[v][form]}`;
}

/** "✕ 1 fault · ◌ 2 expected": non-zero counts (or all, `zeros`), worst first; "" when all are zero. */
export function verdictCounts(
  counts: Record<Verdict, number>,
  opts: { symbols?: boolean; zeros?: boolean; sep?: string; only?: readonly Verdict[]; form?: "word" | "label" } = {},
): string {
  return (opts.only ?? VERDICTS)
    .filter((v) => opts.zeros || counts[v] > 0)
    .map((v) => `${opts.symbols === false ? "" : `${VERDICT[v].symbol} `}${counts[v]} ${VERDICT[v][opts.form ?? "word"]}`)
    .join(opts.sep ?? " · ");
}

export const SEVERITY: Record<Severity, { symbol: string; word: string }> = {
  critical: { symbol: "‼", word: "critical" },
  warning: { symbol: "⚠", word: "warning" },
  info: { symbol: "ℹ", word: "info" },
};
export const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** What the pods see as the source address (§1.3 "Pod sees (L3)"); `mixed` only on graph edges that merge paths. */
export type SeenWord = "client" | "node" | "load-balancer" | "mixed";
export const SEEN_AS: Record<SeenWord, { short: string; label: string }> = {
  client: { short: "client IP", label: "client IP" },
  node: { short: "node IP", label: "node IP (kube-proxy SNAT)" },
  "load-balancer": { short: "LB IP", label: "load balancer IP" },
  mixed: { short: "mixed", label: "mixed sources" },
};

/** The in-band carriers of the client IP (SRC-10). */
export const HEADER: Record<ClientIpHeader, string> = {
  "proxy-protocol-v1": "PROXY v1",
  "proxy-protocol-v2": "PROXY v2",
  "x-forwarded-for": "X-Forwarded-For",
};
export const HEADER_SYMBOL = "✉";

/** "node IP (kube-proxy SNAT); client IP in PROXY v2", or "client IP (+ PROXY v2 header)" when both hold. */
export function sourceIpLabel(seenAs: Exclude<SeenWord, "mixed">, header: ClientIpHeader | null): string {
  if (!header) return SEEN_AS[seenAs].label;
  return seenAs === "client" ? `client IP (+ ${HEADER[header]} header)` : `${SEEN_AS[seenAs].label}; client IP in ${HEADER[header]}`;
}

export const CONTROLLER: Record<Controller, { short: string; label: string }> = {
  legacy: { short: "legacy", label: "legacy cloud provider" },
  "aws-load-balancer-controller": { short: "AWS LBC", label: "AWS Load Balancer Controller" },
  "eks-auto-mode": { short: "EKS Auto", label: "EKS Auto Mode" },
  unknown: { short: "unknown", label: "unknown controller" },
};

export type LoadBalancerKind = "network" | "classic" | "application";
/** `short` for table columns, `word` in sentences and cards, `label` where there is room. */
export const LB_KIND: Record<LoadBalancerKind, { short: string; word: string; label: string }> = {
  network: { short: "NLB", word: "NLB", label: "Network Load Balancer (NLB)" },
  classic: { short: "CLB", word: "Classic ELB", label: "Classic Load Balancer (Classic ELB)" },
  application: { short: "ALB", word: "ALB", label: "Application Load Balancer (ALB)" },
};

/**
 * AWS's own target states (ELBv2 TargetHealth.State, Classic InstanceState), as the timeline draws them: the word
 * is AWS's, verbatim; the symbol echoes the verdict it usually leads to.
 */
export const TARGET_STATE: Record<string, { symbol: string; word: string }> = {
  healthy: { symbol: "✓", word: "healthy" },
  InService: { symbol: "✓", word: "InService" },
  unhealthy: { symbol: "✕", word: "unhealthy" },
  OutOfService: { symbol: "✕", word: "OutOfService" },
  "unhealthy.draining": { symbol: "✕↘", word: "unhealthy, draining" },
  initial: { symbol: "◔", word: "initial" },
  draining: { symbol: "↘", word: "draining" },
  unused: { symbol: "○", word: "unused" },
  unavailable: { symbol: "?", word: "unavailable" },
};

/** Where flows end that reach no pod (DST-10). */
export const SINK: Record<"dropped" | "rejected" | "unknown", { symbol: string; word: string }> = {
  dropped: { symbol: "✕", word: "Dropped" },
  rejected: { symbol: "⊗", word: "Rejected" },
  unknown: { symbol: "?", word: "Unknown" },
};

/** TriageRow.rank (issue 4's ranking) → heading. */
export const RANK: Record<number, string> = {
  1: "Load balancer failing open",
  2: "Zone dropped from DNS (no healthy target)",
  3: "Faults",
  4: "Transient or unknown",
  5: "Expected by design",
};
export function rankLabel(rank: number): string {
  return RANK[rank] ?? `Rank ${rank}`;
}

/**
 * A zone's state at the load balancer, in one word and one sentence (DST-3, DST-5): the graph's zone bands, the
 * load-balancer card, the inspector and the tables all say it this way.
 */
export function zoneStatus(z: Pick<ZoneState, "enabled" | "inDns" | "zonalShift" | "failingOpen">): { symbol: string; word: string; sentence: string; warn: boolean } {
  if (!z.enabled) return { symbol: "○", word: "no subnet", sentence: "the load balancer has no subnet in this zone: its targets are unused", warn: false };
  if (z.zonalShift === "active") return { symbol: "⇥", word: "shifted away", sentence: "an ARC zonal shift moved traffic away: out of DNS and no new flows to its targets, administratively (not a health problem)", warn: true };
  if (z.zonalShift === "delegated-to-dns") return { symbol: "⇥", word: "shifted (DNS)", sentence: "an ARC zonal shift took its address out of DNS, administratively (not a health problem)", warn: true };
  if (!z.inDns) return { symbol: "○", word: "not in DNS", sentence: "no healthy target here, so its load-balancer address is dropped from DNS (DST-5)", warn: true };
  return { symbol: "●", word: "in DNS", sentence: z.failingOpen ? "in DNS, and failing open: the load-balancer node sends to all its targets, healthy or not" : "its load-balancer address is in DNS", warn: z.failingOpen };
}
