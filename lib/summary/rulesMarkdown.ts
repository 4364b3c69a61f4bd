import { RULE_IDS, RULES, SOURCES, type RuleGroup, type RuleId, type SourceKey } from "@/lib/api/rules";

/** The groups of the rulebook, in the order a packet meets them. */
export const RULE_GROUPS: readonly RuleGroup[] = ["Source IP", "Health checks", "Health", "Distribution", "Joins", "ALB, TargetGroupBinding, Gateway", "What-if"];

export function rulesOf(group: RuleGroup): RuleId[] {
  return RULE_IDS.filter((id) => RULES[id].group === group);
}

/** Source keys cited by at least one rule, in the order SOURCES lists them. */
export function citedSources(): SourceKey[] {
  const cited = new Set<SourceKey>(RULE_IDS.flatMap((id) => [...RULES[id].sources]));
  return (Object.keys(SOURCES) as SourceKey[]).filter((k) => cited.has(k));
}

/** docs/rules.md, rendered from lib/api/rules.ts (the /rules page renders the same source). */
export function renderRulesMarkdown(): string {
  const lines = [
    "<!-- Generated from lib/api/rules.ts by `npm run docs:rules`; do not edit by hand. -->",
    "",
    "# The rules lbpath's analysis follows",
    "",
    "Every conclusion lbpath draws (a target's verdict, a pod's share and source IP, a finding) cites the rules",
    "behind it by ID; this page says what each rule means and the primary sources it rests on. The same text is",
    "served in the app at `/rules#ID`. **MODEL** marks a modelling assumption a primary source does not confirm.",
    "",
  ];
  for (const group of RULE_GROUPS) {
    lines.push(`## ${group}`, "");
    for (const id of rulesOf(group)) {
      const r: { text: string; sources: readonly SourceKey[]; status?: string } = RULES[id];
      lines.push(`<a id="${id}"></a>`, "", `### ${id}`, "", `${r.status === "model" ? "**MODEL.** " : ""}${r.text}`, "", `Sources: ${r.sources.map((s) => `[${s}](#source-${s})`).join(", ")}`, "");
    }
  }
  lines.push("## Sources", "");
  for (const k of citedSources()) lines.push(`- <a id="source-${k}"></a>**${k}**: [${SOURCES[k].title}](${SOURCES[k].url})`);
  lines.push("");
  return lines.join("\n");
}
