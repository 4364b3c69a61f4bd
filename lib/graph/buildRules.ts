import type { Path } from "@/lib/api/topology";
import { conditionText, actionText, forwardShare, ruleTitle } from "@/lib/alb/ruleText";
import { formatShare } from "./format";
import type { GraphCollector } from "./collector";

/** Rule cards drawn at most; the rules table beside the graph lists every rule. */
export const MAX_RULE_CARDS = 5;

/**
 * ALB paths (issue 13): the listener's rules that forward to this path's target group, between the listener and
 * the target group, in evaluation order (ALB-R1). A shadowed rule (ALB-R9) is drawn faded, its edge carrying
 * nothing, since an earlier rule always wins. Returns the rules drawn, to be joined to the target group;
 * none for paths without rules (NLB, Classic), whose listener joins the target group directly.
 */
export function addRules(c: GraphCollector, path: Path, listenerKey: string): { key: string; shadowed: boolean }[] {
  const tg = path.targetGroup;
  if (!path.rules?.length || !tg || !path.listener) return [];
  const here = path.rules.filter((r) => forwardShare(r, tg.arn) > 0);
  const drawn = here.slice(0, MAX_RULE_CARDS);
  const keys: { key: string; shadowed: boolean }[] = [];
  drawn.forEach((r, i) => {
    const key = `Rule:${path.loadBalancer.name}:${path.listener!.port}:${r.priority}`;
    const share = forwardShare(r, tg.arn);
    const shadowed = r.shadowedBy != null;
    const hidden = i === drawn.length - 1 ? here.length - drawn.length : 0;
    const when = r.isDefault ? "any request no other rule matches" : r.conditions.map(conditionText).join(" and ") || "any request";
    c.addNode({
      key,
      column: "rule",
      band: null,
      order: String(i).padStart(3, "0"),
      title: ruleTitle(r),
      ariaLabel:
        `${ruleTitle(r)} of listener ${path.listener!.protocol} ${path.listener!.port}: when ${when}, ${r.actions.map(actionText).join("; ")}.` +
        (share < 1 ? ` ${formatShare(share)} of its requests come to this target group.` : "") +
        (shadowed ? ` Never wins: rule ${r.shadowedBy} matches every request it matches, and is evaluated first.` : "") +
        (r.source ? ` Made from ${r.source.kind} ${r.source.namespace}/${r.source.name}.` : "") +
        (hidden ? ` ${hidden} more rules forward here; the rules table lists them.` : ""),
      data: { kind: "rule", rule: r, share, shadowed, hidden },
    });
    c.addEdge(listenerKey, key, shadowed ? 0 : null, "client");
    keys.push({ key, shadowed });
  });
  return keys;
}
